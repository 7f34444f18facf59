"""AIF JSON: the Argument Interchange Format as AIFdb and OVA save it, read and written.

The layout (AIFdb's; OVA3's "xAIF" holds the same inside an ``"AIF"`` object, beside
``"OVA"`` and ``"text"``, and is read and written too)::

    {"nodes": [{"nodeID": "1", "text": "...", "type": "I", "timestamp": "..."}, ...],
     "edges": [{"edgeID": "1", "fromID": "2", "toID": "1", "formEdgeID": null}, ...],
     "locutions": [{"nodeID": "9", "personID": "1", "timestamp": "...",
                    "start": null, "end": null, "source": null}, ...],
     "participants": [{"participantID": "1", "firstname": "...", "surname": "..."}]}

Mapping
-------
- An ``I`` node is a statement. Its id is the nodeID (as a string); its title the
  node's text, or its first sentence when it has several (an I node states one claim,
  so the title is never cut short); its text the node's whole text when that differs
  from the title, else empty.
- An ``RA`` node with premises p1..pk (I nodes with an edge into it) and conclusion c
  (the I node it points to): each premise *supports* c.
- A ``CA`` node: each I node into it *attacks* each I node it points to. A CA that
  points at another scheme node (RA, CA, MA or PA) attacks that inference itself: it
  *undercuts* every relation the node stands for, so a CA on an RA with k premises
  gives k undercut relations, one per support.
- An ``MA`` node: *rephrase* (the source restates the target); a ``PA`` node:
  *preference* (the source is preferred to the target).
- Relation ids come from the scheme node: its nodeID when it stands for one relation,
  else ``nodeID.1``, ``nodeID.2``, ... (premise by premise, in edge order).
- Relations come in the order of their scheme nodes in the file.
- The model holds one support, attack or undercut per ordered pair of statements
  (and none from a statement to itself). Where AIF says more (two inferences that
  share a premise and a conclusion), the first in the file is the relation; the rest
  of the AIF structure is kept (below) and written back while the debate still holds
  those relations.
- Scheme nodes pointing where argmap has no relation (an RA on an RA) are kept as
  they are.

The motion
----------
AIF has none. It is the I node that is the conclusion of an RA or the target of a CA,
is never a premise of one (has no edge into an RA or CA), and has the most RA and CA
nodes pointing at it; ties go to the one first in the file. If no I node qualifies,
the one with the most RA and CA nodes pointing at it (first in the file on a tie), so
a file without any inference or conflict takes its first I node. argmap's own key
(below) names another when the debate says so.

What is kept
------------
Everything argmap does not model (L, TA and YA nodes and their edges, locutions,
participants, node timestamps and schemes, edge ids, any other key) stays in
``debate.extras["aif"]``: the document as read, with the I nodes' texts set to
``null`` (the statements hold them). The writer starts from it, so a debate read
from AIF and left unchanged writes the document it was read from; a changed one keeps
what still applies (nodes of removed statements and their edges go).

argmap's own key
----------------
What AIF cannot say -- titles unlike the node text, statement kinds, weights, spans,
origins, sources and tags; relation ids, weights, origins and confidences; votes; the
debate's id, description, source and tags; other formats' extras; which statement is
the motion when the convention above picks another; the order of statements and
relations -- :func:`write_aif` puts under a top-level ``"argmap"`` key, and only where
it differs from what :func:`read_aif` derives from the AIF alone. AIFdb and OVA ignore
the key; :func:`read_aif` applies it, so ``read_aif(write_aif(d))`` equals ``d`` except
for ``d.extras["aif"]``, which becomes the written document (with ``d.extras["aif"]``'s
own keys, such as ``locutions``, among its top-level keys). Where AIF widens the
debate (an undercut of one support of a linked argument reads as an undercut of every
support of it), the key lists the relations that are not the debate's, so argmap reads
back exactly what was written while other AIF tools see the wider graph.

Statements and relations made outside AIF get fresh numeric nodeIDs (integers when
the document kept in extras uses integers); new scheme nodes have OVA's default texts
(``Default Inference``, ``Default Conflict``, ...); no timestamps are invented.
:func:`unrepresentable_in_aif` lists what a write does lose: extras that are not JSON
or not valid AIF, and undercuts that point at one another in a cycle.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from argmap.errors import ParseError, ValidationError
from argmap.formats.source_text import decode_source, slugify
from argmap.model import Debate, Relation, RelationKind, Source, Span, Statement, Vote

__all__ = [
    "NODE_TYPES",
    "ORIGIN",
    "looks_like_aif",
    "read_aif",
    "unrepresentable_in_aif",
    "write_aif",
]

ORIGIN = "aif"
OWN_KEY = "argmap"  # argmap's own top-level key in a written document
OWN_VERSION = 1

SCHEME_KINDS: dict[str, RelationKind] = {
    "RA": "support",
    "CA": "attack",
    "MA": "rephrase",
    "PA": "preference",
}
DIALOGUE_TYPES = ("L", "TA", "YA")
NODE_TYPES: tuple[str, ...] = ("I", *SCHEME_KINDS, *DIALOGUE_TYPES)

_SCHEME_OF: dict[str, str] = {
    "support": "RA",
    "attack": "CA",
    "undercut": "CA",
    "rephrase": "MA",
    "preference": "PA",
}
_DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
    "PA": "Default Preference",
}
_TOP_KEYS = {"nodes", "edges", "locutions", "participants", "AIF", "OVA", "schemefulfillments"}

_ANY = object()  # "any value" for the locator
_Plan = Literal["verbatim", "partial"]


def _pair_key(source: str, target: str, kind: str) -> tuple[str, str, bool]:
    """What the model allows once per ordered pair (support/attack/undercut, or the rest)."""
    return (source, target, kind in ("support", "attack", "undercut"))


def _describe(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "..."


def _is_id(value: object) -> bool:
    """A nodeID, fromID or toID: a non-empty string or an integer."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, str) and value != "")


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def _title_and_text(node_text: str) -> tuple[str, str]:
    """(title, text) of the statement an I node with ``node_text`` reads as."""
    title = _SENTENCE_END.split(node_text.strip(), maxsplit=1)[0].strip()
    return title, ("" if title == node_text else node_text)


def _node_text(statement: Statement) -> str:
    return statement.text or statement.title


def _is_json(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _list_of_objects(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


# --- locating faults -------------------------------------------------------------------


class _Locator:
    """Finds a key (with a value) in the text, for the line and column of an error."""

    def __init__(self, text: str | None, path: str | None) -> None:
        self.text = text
        self.path = path

    def find(self, key: str, value: object = _ANY) -> tuple[int, int] | None:
        if self.text is None:
            return None
        pattern = '"' + re.escape(key) + r'"\s*:'
        if value is not _ANY:
            if isinstance(value, bool) or not isinstance(value, str | int):
                return None
            encoded = {json.dumps(value), json.dumps(value, ensure_ascii=False)}
            pattern += r"\s*(?:" + "|".join(re.escape(e) for e in encoded) + r")(?=\s*[,}\]])"
        match = re.search(pattern, self.text)
        if match is None:
            return None
        pos = match.start()
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1

    def error(self, expected: str, found: str, *places: tuple[str, object]) -> ParseError:
        """A ParseError at the first of ``places`` (key, value) found in the text, else 1:1."""
        for key, value in places:
            pos = self.find(key, value)
            if pos is not None:
                return ParseError(expected, found, pos[0], pos[1], self.path)
        return ParseError(expected, found, 1, 1, self.path)


# --- the graph -------------------------------------------------------------------------


@dataclass
class _Node:
    key: str  # str(nodeID)
    type: str
    raw: dict[str, Any]


@dataclass
class _Edge:
    source: str
    target: str
    raw: dict[str, Any]


@dataclass
class _Graph:
    nodes: list[_Node]
    edges: list[_Edge]
    by_key: dict[str, _Node]

    def type_of(self, key: str) -> str:
        return self.by_key[key].type


def _parse_graph(container: dict[str, Any], where: str, loc: _Locator, stored: bool) -> _Graph:
    """Check ``container``'s nodes and edges; ``stored`` allows I nodes without text."""
    for name in ("nodes", "edges"):
        if name not in container:
            raise loc.error(f'a "{name}" list in {where}', f'no "{name}"', (name, _ANY))
        if not isinstance(container[name], list):
            raise loc.error(
                f'"{name}" in {where} to be a list', _describe(container[name]), (name, _ANY)
            )
    nodes: list[_Node] = []
    by_key: dict[str, _Node] = {}
    # (error texts are made only on an error: documents run to tens of thousands of nodes)
    for i, raw in enumerate(container["nodes"]):
        if not isinstance(raw, dict):
            raise loc.error(f"nodes[{i}] to be a JSON object", _describe(raw), ("nodes", _ANY))
        node = cast(dict[str, Any], raw)
        node_id = node.get("nodeID")
        if not _is_id(node_id):
            if "nodeID" not in node:
                found, places = "none", [("text", node.get("text"))]
                expected = f'a "nodeID" in nodes[{i}]'
            else:
                found, places = _describe(node_id), [("nodeID", node_id)]
                expected = f'the "nodeID" of nodes[{i}] to be a non-empty string or an integer'
            raise loc.error(expected, found, *places, ("nodes", _ANY))
        key = str(node_id)
        kind = node.get("type")
        if key in by_key or kind not in NODE_TYPES or not isinstance(kind, str):
            path = f"nodes[{i}] (nodeID {key!r})"
            if key in by_key:
                expected, found = f'a unique "nodeID" in nodes[{i}]', f"nodeID {key!r} again"
            elif "type" not in node:
                expected, found = f'a "type" in {path}', "none"
            else:
                expected = f'the "type" of {path} to be one of ' + ", ".join(NODE_TYPES)
                found = _describe(kind)
            raise loc.error(expected, found, ("nodeID", node_id))
        if kind == "I":
            text = node.get("text")
            if not isinstance(text, str) and not (stored and text is None):
                raise loc.error(
                    f'the "text" of I node {key!r} (nodes[{i}]) to be a string',
                    "none" if "text" not in node else _describe(text),
                    ("nodeID", node_id),
                )
        by_key[key] = _Node(key, kind, node)
        nodes.append(by_key[key])
    edges: list[_Edge] = []
    for j, raw in enumerate(container["edges"]):
        if not isinstance(raw, dict):
            raise loc.error(f"edges[{j}] to be a JSON object", _describe(raw), ("edges", _ANY))
        edge = cast(dict[str, Any], raw)
        start, end = edge.get("fromID"), edge.get("toID")
        if not (_is_id(start) and _is_id(end) and str(start) in by_key and str(end) in by_key):
            for name in ("fromID", "toID"):
                value = edge.get(name)
                if name not in edge:
                    expected, found = f'a "{name}" in edges[{j}]', "none"
                elif not _is_id(value):
                    expected = f'the "{name}" of edges[{j}] to be a non-empty string or an integer'
                    found = _describe(value)
                elif str(value) not in by_key:
                    expected, found = f'the "{name}" of edges[{j}] to name a node', "no node "
                    found += repr(str(value))
                else:
                    continue
                edge_id = edge.get("edgeID")
                raise loc.error(
                    expected, found, ("edgeID", edge_id), (name, value), ("edges", _ANY)
                )
        edges.append(_Edge(str(start), str(end), edge))
    return _Graph(nodes, edges, by_key)


# --- what the graph says ---------------------------------------------------------------


@dataclass(frozen=True)
class _Rel:
    """A relation read from a scheme node; ids of I nodes, or an undercut's target id."""

    source: str
    target: str
    kind: RelationKind
    node: str
    target_node: str
    id: str


@dataclass
class _Structure:
    relations: list[_Rel]
    by_node: dict[str, list[_Rel]]
    by_id: dict[str, _Rel]
    # pairs a scheme node stands for that the model cannot hold (repeats, self-loops)
    shadows: dict[str, list[tuple[str, str, RelationKind, str]]]
    targets: dict[str, list[str]]
    motion: str | None


def _derive(graph: _Graph, loc: _Locator) -> _Structure:
    """The relations and the motion the graph stands for (see the module docstring)."""
    types = {n.key: n.type for n in graph.nodes}
    schemes = [n for n in graph.nodes if n.type in SCHEME_KINDS]
    premises: dict[str, list[str]] = {n.key: [] for n in schemes}
    targets: dict[str, list[str]] = {n.key: [] for n in schemes}
    for e in graph.edges:
        a, b = e.source, e.target
        if a == b:
            continue
        if types[b] in SCHEME_KINDS and types[a] == "I" and a not in premises[b]:
            premises[b].append(a)
        if types[a] in SCHEME_KINDS and types[b] not in DIALOGUE_TYPES and b not in targets[a]:
            targets[a].append(b)
    for n in schemes:
        if not targets[n.key]:
            what = "conclusion" if n.type == "RA" else "target"
            raise loc.error(
                f"an edge from {n.type} node {n.key!r} to its {what} (an I or scheme node)",
                "none",
                ("nodeID", n.raw["nodeID"]),
            )
    taken: set[tuple[str, str, bool]] = set()

    def claim(source: str, target: str, kind: str) -> bool:
        if kind != "undercut" and source == target:
            return False
        key = _pair_key(source, target, kind)
        if key in taken:
            return False
        taken.add(key)
        return True

    # Relations between I nodes first, in file order, so that which of two repeats
    # counts does not depend on the undercuts.
    direct: dict[tuple[str, str, str], bool] = {}
    for n in schemes:
        for p in premises[n.key]:
            for t in targets[n.key]:
                if types[t] == "I":
                    direct[(n.key, p, t)] = claim(p, t, SCHEME_KINDS[n.type])
    done: dict[str, list[_Rel]] = {}
    shadows: dict[str, list[tuple[str, str, RelationKind, str]]] = {}
    used_ids: set[str] = set()

    def settle(key: str) -> None:
        """The relations of ``key``, once those of the nodes it undercuts are settled."""
        kind = SCHEME_KINDS[types[key]]
        kept: list[tuple[str, str, RelationKind, str]] = []
        lost: list[tuple[str, str, RelationKind, str]] = []
        for p in premises[key]:
            for t in targets[key]:
                if types[t] == "I":
                    (kept if direct[(key, p, t)] else lost).append((p, t, kind, t))
                elif types[key] == "CA":
                    for r in done.get(t, []):  # not settled: undercuts in a cycle
                        item: tuple[str, str, RelationKind, str] = (p, r.id, "undercut", t)
                        (kept if claim(p, r.id, "undercut") else lost).append(item)
        rels = []
        for k, (s, t, rk, tn) in enumerate(kept, 1):
            rid = key if len(kept) == 1 else f"{key}.{k}"
            while rid in used_ids:
                rid += "+"
            used_ids.add(rid)
            rels.append(_Rel(s, t, rk, key, tn, rid))
        done[key] = rels
        shadows[key] = lost

    busy: set[str] = set()
    for n in schemes:  # depth first, without recursion: undercuts may nest deep
        stack = [n.key]
        while stack:
            key = stack[-1]
            if key in done:
                stack.pop()
                continue
            if key not in busy:
                busy.add(key)
                if types[key] == "CA":
                    inner = [t for t in targets[key] if types[t] in SCHEME_KINDS]
                    inner = [t for t in inner if t not in done and t not in busy]
                    if inner:
                        stack.extend(reversed(inner))
                        continue
            settle(key)
            stack.pop()
    relations = [r for n in schemes for r in done[n.key]]
    into: dict[str, int] = {}
    premise_of: set[str] = set()
    for n in schemes:
        if n.type in ("RA", "CA"):
            premise_of.update(premises[n.key])
            for t in targets[n.key]:
                if types[t] == "I":
                    into[t] = into.get(t, 0) + 1
    i_nodes = [n.key for n in graph.nodes if n.type == "I"]
    pool = [k for k in i_nodes if into.get(k) and k not in premise_of]
    pool = pool or [k for k in i_nodes if into.get(k)] or i_nodes[:1]
    motion = None
    if pool:
        best = max(into.get(k, 0) for k in pool)
        motion = next(k for k in pool if into.get(k, 0) == best)
    return _Structure(
        relations=relations,
        by_node=done,
        by_id={r.id: r for r in relations},
        shadows=shadows,
        targets=targets,
        motion=motion,
    )


# --- argmap's own key ------------------------------------------------------------------


@dataclass
class _Own:
    """argmap's own key, checked."""

    debate_id: str | None = None
    description: str = ""
    source: Source = field(default_factory=Source)
    tags: tuple[str, ...] = ()
    votes: list[tuple[str, str, float]] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)
    motion: str | None = None
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    relations: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    statement_order: list[str] | None = None
    relation_order: list[str] | None = None


class _Checker:
    """Typed reads of argmap's key; a bad value is a ParseError at the key."""

    def __init__(self, loc: _Locator) -> None:
        self.loc = loc

    def fail(self, path: str, what: str, value: object) -> ParseError:
        return self.loc.error(f"{path} to be {what}", _describe(value), (OWN_KEY, _ANY))

    def obj(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, "an object", value)
        return cast(dict[str, Any], value)

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, "a string", value)
        return value

    def number(self, value: object, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(path, "a number", value)
        try:
            return float(value)
        except OverflowError:
            raise self.fail(path, "a number a float can hold", value) from None

    def texts(self, value: object, path: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(path, "a list of strings", value)
        return tuple(cast(list[str], value))


_STATEMENT_FIELDS = ("id", "title", "text", "kind", "weight", "span", "origin", "sources", "tags")
_RELATION_FIELDS = ("id", "weight", "origin", "confidence")


def _read_own(value: object, loc: _Locator) -> _Own:
    c = _Checker(loc)
    top = c.obj(value, f'"{OWN_KEY}"')
    own = _Own()
    if "id" in top:
        own.debate_id = c.text(top["id"], f"{OWN_KEY}.id")
    own.description = c.text(top.get("description", ""), f"{OWN_KEY}.description")
    if "source" in top:
        src = c.obj(top["source"], f"{OWN_KEY}.source")
        own.source = Source(
            **{
                k: c.text(src.get(k, ""), f"{OWN_KEY}.source.{k}")
                for k in ("title", "url", "author", "date", "kind")
            }
        )
    own.tags = c.texts(top.get("tags", []), f"{OWN_KEY}.tags")
    votes = top.get("votes", [])
    if not isinstance(votes, list):
        raise c.fail(f"{OWN_KEY}.votes", "a list", votes)
    for i, raw in enumerate(votes):
        v = c.obj(raw, f"{OWN_KEY}.votes[{i}]")
        own.votes.append(
            (
                c.text(v.get("voter"), f"{OWN_KEY}.votes[{i}].voter"),
                c.text(v.get("statement"), f"{OWN_KEY}.votes[{i}].statement"),
                c.number(v.get("weight"), f"{OWN_KEY}.votes[{i}].weight"),
            )
        )
    own.extras = c.obj(top.get("extras", {}), f"{OWN_KEY}.extras")
    if "motion" in top:
        own.motion = c.text(top["motion"], f"{OWN_KEY}.motion")
    for key, raw in c.obj(top.get("statements", {}), f"{OWN_KEY}.statements").items():
        path = f"{OWN_KEY}.statements[{key!r}]"
        fields = c.obj(raw, path)
        got: dict[str, Any] = {}
        for name in _STATEMENT_FIELDS:
            if name not in fields:
                continue
            v, where = fields[name], f"{path}.{name}"
            if name == "weight":
                got[name] = c.number(v, where)
            elif name == "span":
                if v is not None and not (
                    isinstance(v, list)
                    and len(v) == 2
                    and all(isinstance(x, int) and not isinstance(x, bool) for x in v)
                ):
                    raise c.fail(where, "[first_line, last_line] or null", v)
                got[name] = None if v is None else Span(v[0], v[1])
            elif name in ("sources", "tags"):
                got[name] = c.texts(v, where)
            else:
                got[name] = c.text(v, where)
        own.statements[key] = got
    for key, raw in c.obj(top.get("relations", {}), f"{OWN_KEY}.relations").items():
        path = f"{OWN_KEY}.relations[{key!r}]"
        if raw is None:
            own.relations[key] = None
            continue
        fields = c.obj(raw, path)
        rel: dict[str, Any] = {}
        for name in _RELATION_FIELDS:
            if name not in fields:
                continue
            v, where = fields[name], f"{path}.{name}"
            if name == "weight" or (name == "confidence" and v is not None):
                rel[name] = c.number(v, where)
            elif name == "confidence":
                rel[name] = None
            else:
                rel[name] = c.text(v, where)
        own.relations[key] = rel
    for name in ("statement_order", "relation_order"):
        if name in top:
            order = list(c.texts(top[name], f"{OWN_KEY}.{name}"))
            setattr(own, name, order)
    return own


def _reordered(items: list[Any], keys: list[str], order: list[str] | None) -> list[Any]:
    """``items`` (keyed by ``keys``) in ``order`` when that is a permutation of ``keys``."""
    if order is None or len(order) != len(keys) or set(order) != set(keys):
        return items
    at = dict(zip(keys, items, strict=True))
    return [at[k] for k in order]


# --- reading ---------------------------------------------------------------------------


class _Constant(ValueError):
    """NaN or Infinity: Python's json reads them, JSON (and so AIF) has no such thing."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def _split(doc: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The object holding nodes and edges, and whether it is xAIF's ``"AIF"`` inside."""
    inner = doc.get("AIF")
    if "nodes" not in doc and isinstance(inner, dict):
        return cast(dict[str, Any], inner), True
    return doc, False


def _kept(doc: dict[str, Any], container: dict[str, Any], wrapped: bool) -> dict[str, Any]:
    """``debate.extras["aif"]``: the document without argmap's key and the I nodes' texts."""

    def strip(obj: dict[str, Any], top: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in obj.items():
            if top and k == OWN_KEY:
                continue
            if k == "nodes" and obj is container:
                out[k] = [{**n, "text": None} if n.get("type") == "I" else n for n in v]
            elif k == "AIF" and wrapped and top:
                out[k] = strip(container, False)
            else:
                out[k] = v
        return out

    return strip(doc, True)


def read_aif(text: str | bytes, path: str | None = None) -> Debate:
    """Read AIF JSON (AIFdb's, or OVA3's xAIF) into a :class:`Debate`.

    The module docstring gives the mapping (I nodes are statements, RA support, CA
    attack or undercut, MA rephrase, PA preference), the motion convention and what is
    kept in ``debate.extras["aif"]``.

    Raises :class:`ParseError` (line and column of the offending node or edge where it
    can be found, else 1:1, with a path such as ``nodes[3]`` and what was expected) for
    undecodable bytes, invalid JSON (NaN and Infinity included), a document that is not
    an object, missing or mistyped ``nodes`` or ``edges``, a node without a nodeID or
    type, a repeated nodeID, an unknown node type, an I node without text, an edge from
    or to an unknown node, a scheme node (RA, CA, MA, PA) without a conclusion, no I
    node at all, ``locutions`` or ``participants`` that are not lists of objects, and a
    malformed ``"argmap"`` key. Nothing else escapes, whatever the input.

    >>> d = read_aif('''{"nodes": [
    ...     {"nodeID": "1", "text": "Walk to work.", "type": "I"},
    ...     {"nodeID": "2", "text": "It is healthy.", "type": "I"},
    ...     {"nodeID": "3", "text": "Default Inference", "type": "RA"}],
    ...   "edges": [{"edgeID": "1", "fromID": "2", "toID": "3"},
    ...             {"edgeID": "2", "fromID": "3", "toID": "1"}]}''')
    >>> d.motion.title, [(r.source, r.kind, r.target, r.id) for r in d.relations]
    ('Walk to work.', [('2', 'support', '1', '3')])
    """
    source = decode_source(text, path)
    loc = _Locator(source, path)
    try:
        doc = json.loads(source, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise ParseError("valid JSON", e.msg.lower(), e.lineno, e.colno, path) from None
    except _Constant as e:
        hit = re.search(r"[:\[,]\s*(" + re.escape(e.name) + ")", source)
        pos = hit.start(1) if hit else 0
        line, column = source.count("\n", 0, pos) + 1, pos - (source.rfind("\n", 0, pos) + 1) + 1
        raise ParseError("valid JSON (a number)", e.name, line, column, path) from None
    except (ValueError, RecursionError) as e:  # too deep, or too many digits
        found = "nesting too deep" if isinstance(e, RecursionError) else str(e)
        raise ParseError("valid JSON", found, 1, 1, path) from None
    if not isinstance(doc, dict):
        raise loc.error('a JSON object with "nodes" and "edges"', _describe(doc))
    top = cast(dict[str, Any], doc)
    container, wrapped = _split(top)
    where = '"AIF"' if wrapped else "the document"
    graph = _parse_graph(container, where, loc, stored=False)
    for name in ("locutions", "participants"):
        if name in container and not _list_of_objects(container[name]):
            raise loc.error(
                f'"{name}" in {where} to be a list of objects',
                _describe(container[name]),
                (name, _ANY),
            )
    structure = _derive(graph, loc)
    own = _read_own(top[OWN_KEY], loc) if OWN_KEY in top else None
    extras = _kept(top, container, wrapped)
    try:
        return _debate_from(graph, structure, own, extras, loc)
    except ValidationError as e:
        place = (OWN_KEY, _ANY) if own is not None else ("nodes", _ANY)
        raise loc.error("a valid debate", e.message, place) from None


def _debate_from(
    graph: _Graph,
    structure: _Structure,
    own: _Own | None,
    extras: dict[str, Any],
    loc: _Locator,
) -> Debate:
    own = own or _Own()
    i_nodes = [n for n in graph.nodes if n.type == "I"]
    if not i_nodes:
        raise loc.error("at least one I node (a statement)", "none", ("nodes", _ANY))
    keys = [n.key for n in i_nodes]
    motion = own.motion if own.motion in keys else structure.motion
    sid = {k: own.statements.get(k, {}).get("id", k) for k in keys}
    statements = []
    for n in i_nodes:
        title, text = _title_and_text(n.raw["text"])
        o = own.statements.get(n.key, {})
        statements.append(
            Statement(
                id=sid[n.key],
                title=o.get("title", title),
                text=o.get("text", text),
                kind="motion" if n.key == motion else o.get("kind", "argument"),
                weight=o.get("weight", 0.5),
                span=o.get("span"),
                origin=o.get("origin", ORIGIN),
                sources=o.get("sources", ()),
                tags=o.get("tags", ()),
            )
        )
    statements = _reordered(statements, keys, own.statement_order)
    kept = [r for r in structure.relations if own.relations.get(r.id, {}) is not None]
    final_id = {r.id: (own.relations.get(r.id) or {}).get("id", r.id) for r in kept}
    relations = []
    for r in kept:
        o = own.relations.get(r.id) or {}
        relations.append(
            Relation(
                source=sid[r.source],
                target=final_id.get(r.target, r.target) if r.kind == "undercut" else sid[r.target],
                kind=r.kind,
                weight=o.get("weight", 1.0),
                origin=o.get("origin", "author"),
                confidence=o.get("confidence"),
                id=final_id[r.id],
            )
        )
    relations = _reordered(relations, [r.id for r in kept], own.relation_order)
    ids: dict[str, Any] = {}
    statement_ids = {k: {"id": v} for k, v in sid.items() if v != k}
    relation_ids = {k: {"id": v} for k, v in final_id.items() if v != k}
    if statement_ids:
        ids["statements"] = statement_ids
    if relation_ids:
        ids["relations"] = relation_ids
    if ids:  # so that the writer finds these statements and relations on their nodes again
        extras[OWN_KEY] = ids
    motion_statement = next(s for s in statements if s.kind == "motion")
    return Debate(
        id=own.debate_id if own.debate_id is not None else slugify(motion_statement.title),
        statements=tuple(statements),
        relations=tuple(relations),
        votes=tuple(Vote(*v) for v in own.votes),
        description=own.description,
        source=own.source,
        tags=own.tags,
        extras={**{k: v for k, v in own.extras.items() if k != "aif"}, "aif": extras},
    )


# --- writing ---------------------------------------------------------------------------


@dataclass
class _Stored:
    """What ``debate.extras["aif"]`` holds, checked."""

    top: dict[str, Any] = field(default_factory=dict)
    container: dict[str, Any] = field(default_factory=dict)
    wrapped: bool = False
    graph: _Graph | None = None
    structure: _Structure | None = None
    statement_ids: dict[str, str] = field(default_factory=dict)
    relation_ids: dict[str, str] = field(default_factory=dict)


def _load_stored(debate: Debate, lost: list[str]) -> _Stored:
    raw = debate.extras.get("aif")
    if raw is None:
        return _Stored()
    if not isinstance(raw, dict):
        lost.append(f"extras['aif'] ({_describe(raw)}: not an object)")
        return _Stored()
    top = cast(dict[str, Any], raw)
    container, wrapped = _split(top)
    stored = _Stored(top, container, wrapped)
    if "nodes" in container or "edges" in container:
        loc = _Locator(None, None)
        try:
            if not _is_json([container.get("nodes"), container.get("edges")]):
                raise ParseError("JSON", "values JSON cannot hold", 1)
            stored.graph = _parse_graph(container, "extras['aif']", loc, stored=True)
            stored.structure = _derive(stored.graph, loc)
        except ParseError as e:
            lost.append(f"the AIF graph in extras['aif'] (not valid AIF: {e.message()})")
            stored.graph = stored.structure = None
    ids = top.get(OWN_KEY)
    if isinstance(ids, dict):
        for name, into in (
            ("statements", stored.statement_ids),
            ("relations", stored.relation_ids),
        ):
            entries = ids.get(name)
            if isinstance(entries, dict):
                for k, v in entries.items():
                    if isinstance(v, dict) and isinstance(v.get("id"), str):
                        into[k] = v["id"]
    return stored


class _IdPool:
    """Fresh numeric ids beside the ones in use."""

    def __init__(self, used: Iterable[str], as_int: bool) -> None:
        self.used = set(used)
        numbers = [int(k) for k in self.used if re.fullmatch(r"[0-9]{1,30}", k)]
        self.next = max(numbers, default=0) + 1
        self.as_int = as_int

    def take(self) -> tuple[str, str | int]:
        while str(self.next) in self.used:
            self.next += 1
        value = self.next
        self.next += 1
        self.used.add(str(value))
        return str(value), value if self.as_int else str(value)


@dataclass
class _Scheme:
    """A scheme node being written: its node, premises and targets (node keys)."""

    key: str
    raw: dict[str, Any]
    premises: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)


@dataclass
class _Built:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    own: dict[str, Any]
    unaligned: list[int]


class _Writer:
    """One attempt at the AIF graph for a debate, over what extras['aif'] kept."""

    def __init__(self, debate: Debate, stored: _Stored, keep_repeats: bool) -> None:
        self.debate = debate
        self.stored = stored
        self.keep_repeats = keep_repeats
        graph = stored.graph
        node_ids = [n.raw["nodeID"] for n in graph.nodes] if graph else []
        edge_ids = [e.raw.get("edgeID") for e in graph.edges] if graph else []
        ints = bool(node_ids) and all(isinstance(v, int) for v in node_ids)
        self.node_pool = _IdPool((str(v) for v in node_ids), ints)
        self.edge_pool = _IdPool(
            (str(v) for v in edge_ids if _is_id(v)),
            all(isinstance(v, int) and not isinstance(v, bool) for v in edge_ids)
            if edge_ids
            else ints,
        )
        self.rels = list(debate.relations)
        self.index_of = {r.id: i for i, r in enumerate(self.rels) if r.id}

    # -- statements

    def place_statements(self) -> None:
        self.node_of: dict[str, str] = {}
        self.value_of: dict[str, str | int] = {}  # node key -> nodeID as written
        ids = {s.id for s in self.debate.statements}
        if self.stored.graph:
            for n in self.stored.graph.nodes:
                self.value_of[n.key] = n.raw["nodeID"]
                if n.type == "I":
                    sid = self.stored.statement_ids.get(n.key, n.key)
                    if sid in ids and sid not in self.node_of:
                        self.node_of[sid] = n.key
        self.fresh_statements: list[Statement] = []
        for s in self.debate.statements:
            if s.id not in self.node_of:
                key, value = self.node_pool.take()
                self.node_of[s.id] = key
                self.value_of[key] = value
                self.fresh_statements.append(s)
        self.statement_at = {k: sid for sid, k in self.node_of.items()}

    # -- relations on the stored scheme nodes

    def debate_id(self, r: _Rel) -> str:
        return self.stored.relation_ids.get(r.id, r.id)

    def stored_key(self, r: _Rel, by_id: dict[str, _Rel]) -> tuple[str, str | None, str | None]:
        source = self.statement_at.get(r.source)
        if r.kind == "undercut":
            return (r.kind, source, self.debate_id(by_id[r.target]))
        return (r.kind, source, self.statement_at.get(r.target))

    def match_stored(self) -> None:
        """Which debate relations stay on the stored scheme node they were read from."""
        self.match: dict[int, _Rel] = {}
        self.plan: dict[str, _Plan] = {}
        self.pairs: dict[str, list[tuple[str, str]]] = {}
        structure, graph = self.stored.structure, self.stored.graph
        if structure is None or graph is None:
            return
        index = {self.stored_key(r, structure.by_id): r for r in structure.relations}
        for i, rel in enumerate(self.rels):
            r = index.get((rel.kind, rel.source, rel.target))
            if r is not None and self.debate_id(r) == rel.id:
                self.match[i] = r
        keys = {_pair_key(r.source, r.target, r.kind) for r in self.rels}
        matched_ids = {r.id for r in self.match.values()}

        def present(node: str) -> list[tuple[str, str]]:
            """The repeats this node stands for that the debate still holds."""
            if not self.keep_repeats:
                return []
            out = []
            for source, target, kind, target_node in structure.shadows[node]:
                s = self.statement_at.get(source)
                if s is None:
                    continue
                if kind == "undercut":
                    t = self.debate_id(structure.by_id[target])
                    ok = target in matched_ids and _pair_key(s, t, kind) in keys
                else:
                    at = self.statement_at.get(target)
                    ok = at is not None and (s == at or _pair_key(s, at, kind) in keys)
                if ok:
                    out.append((source, target_node))
            return out

        def complete(node: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
            """``pairs``, or those on the node's first target when they are not all
            premises times all targets (the edges would say more than the pairs)."""
            pairs = list(dict.fromkeys(pairs))
            sources = {p for p, _ in pairs}
            targets = {t for _, t in pairs}
            if len(pairs) == len(sources) * len(targets):
                return pairs
            first = next(t for t in structure.targets[node] if t in targets)
            return [(p, t) for p, t in pairs if t == first]

        schemes = [n for n in graph.nodes if n.type in SCHEME_KINDS]
        while True:
            changed = False
            for i, r in list(self.match.items()):
                rel = self.rels[i]
                if rel.kind == "undercut":
                    t = self.index_of.get(rel.target)
                    if t is None or self.match.get(t) != structure.by_id[r.target]:
                        del self.match[i]
                        changed = True
            matched_ids = {r.id for r in self.match.values()}
            on_node: dict[str, list[tuple[int, _Rel]]] = {}
            for i, r in self.match.items():
                on_node.setdefault(r.node, []).append((i, r))
            for n in schemes:
                mine = on_node.get(n.key, [])
                pairs = complete(
                    n.key, [(r.source, r.target_node) for _, r in mine] + present(n.key)
                )
                for i, r in mine:
                    if (r.source, r.target_node) not in pairs:
                        del self.match[i]  # written on a node of its own instead
                        changed = True
            if not changed:
                break
        ids_on: dict[str, set[str]] = {}
        for r in self.match.values():
            ids_on.setdefault(r.node, set()).add(r.id)
        for n in schemes:
            mine_ids = ids_on.get(n.key, set())
            own = structure.by_node[n.key]
            repeats = present(n.key)
            if not own and not structure.shadows[n.key]:
                self.plan[n.key] = "verbatim"  # stands for nothing argmap models
            elif (
                self.keep_repeats
                and mine_ids == {r.id for r in own}
                and len(repeats) == len(structure.shadows[n.key])
            ):
                self.plan[n.key] = "verbatim"
            elif mine_ids or repeats:
                pairs = [(r.source, r.target_node) for r in own if r.id in mine_ids] + repeats
                self.plan[n.key] = "partial"
                self.pairs[n.key] = complete(n.key, pairs)

    # -- relations on new scheme nodes

    def host_fresh(self) -> None:
        self.host: dict[int, str] = {i: r.node for i, r in self.match.items()}
        self.fresh: list[_Scheme] = []
        groups: dict[tuple[str, str], _Scheme] = {}
        for i, rel in enumerate(self.rels):
            if i in self.host or rel.kind == "undercut":
                continue
            self.host[i] = self.new_scheme(
                _SCHEME_OF[rel.kind], self.node_of[rel.source], self.node_of[rel.target]
            ).key
        waiting = [i for i, r in enumerate(self.rels) if i not in self.host]
        while waiting:
            still = []
            for i in waiting:
                rel = self.rels[i]
                t = self.index_of.get(rel.target)
                if t is None or t not in self.host:
                    still.append(i)
                    continue
                group = (self.node_of[rel.source], self.host[t])
                if group not in groups:
                    groups[group] = self.new_scheme("CA", *group)
                self.host[i] = groups[group].key
            if len(still) == len(waiting):
                break  # undercuts on one another in a cycle: no host
            waiting = still

    def new_scheme(self, kind: str, source: str, target: str) -> _Scheme:
        key, value = self.node_pool.take()
        self.value_of[key] = value
        scheme = _Scheme(key, {"nodeID": value, "text": _DEFAULT_TEXT[kind], "type": kind})
        scheme.premises.append(source)
        scheme.targets.append(target)
        self.fresh.append(scheme)
        return scheme

    # -- the graph

    def edge(self, source: str, target: str) -> dict[str, Any]:
        _, value = self.edge_pool.take()
        return {
            "edgeID": value,
            "fromID": self.value_of[source],
            "toID": self.value_of[target],
            "formEdgeID": None,
        }

    def assemble(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        by_id = {s.id: s for s in self.debate.statements}
        nodes: list[dict[str, Any]] = []
        types: dict[str, str] = {}
        graph = self.stored.graph
        for n in graph.nodes if graph else []:
            if n.type == "I":
                if n.key not in self.statement_at:
                    continue
                nodes.append({**n.raw, "text": _node_text(by_id[self.statement_at[n.key]])})
            elif n.type in SCHEME_KINDS and n.key not in self.plan:
                continue
            else:
                nodes.append(n.raw)
            types[n.key] = n.type
        for s in self.fresh_statements:
            key = self.node_of[s.id]
            nodes.append({"nodeID": self.value_of[key], "text": _node_text(s), "type": "I"})
            types[key] = "I"
        for scheme in self.fresh:
            nodes.append(scheme.raw)
            types[scheme.key] = scheme.raw["type"]
        needed: dict[str, list[tuple[str, str]]] = {}
        for key, pairs in self.pairs.items():
            wanted = [(p, key) for p in dict.fromkeys(p for p, _ in pairs)]
            wanted += [(key, t) for t in dict.fromkeys(t for _, t in pairs)]
            needed[key] = wanted
        met: set[tuple[str, str]] = set()
        edges: list[tuple[str, str, dict[str, Any]]] = []
        for e in graph.edges if graph else []:
            a, b = e.source, e.target
            if a not in types or b not in types:
                continue
            ruler = self.governor(a, b, types)
            if ruler is None or self.plan.get(ruler) == "verbatim":
                edges.append((a, b, e.raw))
            elif (a, b) in needed.get(ruler, ()) and (a, b) not in met:
                met.add((a, b))
                edges.append((a, b, e.raw))
        for pairs in needed.values():
            edges += [(a, b, self.edge(a, b)) for a, b in pairs if (a, b) not in met]
        for scheme in self.fresh:
            edges += [(p, scheme.key, self.edge(p, scheme.key)) for p in scheme.premises]
            edges += [(scheme.key, t, self.edge(scheme.key, t)) for t in scheme.targets]
        # A scheme node left without a conclusion (its target removed) goes, with its edges.
        while True:
            concluding = {a for a, b, _ in edges if types[b] not in DIALOGUE_TYPES and a != b}
            gone = {k for k, t in types.items() if t in SCHEME_KINDS and k not in concluding}
            if not gone:
                break
            types = {k: t for k, t in types.items() if k not in gone}
            edges = [(a, b, e) for a, b, e in edges if a in types and b in types]
        kept_nodes = [n for n in nodes if str(n["nodeID"]) in types]
        return kept_nodes, [e for _, _, e in edges]

    @staticmethod
    def governor(a: str, b: str, types: dict[str, str]) -> str | None:
        """The scheme node whose relations decide whether edge a -> b is written."""
        if types[b] in SCHEME_KINDS and types[a] == "I":
            return b
        if types[a] in SCHEME_KINDS and (
            types[b] == "I" or (types[a] == "CA" and types[b] in SCHEME_KINDS)
        ):
            return a
        return None

    # -- what argmap's key must add

    def run(self) -> _Built:
        self.place_statements()
        self.match_stored()
        self.host_fresh()
        nodes, edges = self.assemble()
        loc = _Locator(None, None)
        out = _parse_graph({"nodes": nodes, "edges": edges}, "the output", loc, stored=False)
        structure = _derive(out, loc)
        aligned, unaligned = self.align(structure)
        own = self.own_key(out, structure, aligned)
        return _Built(nodes, edges, own, unaligned)

    def align(self, structure: _Structure) -> tuple[dict[int, _Rel], list[int]]:
        """The relation read back for each of the debate's relations."""
        index = {(r.kind, r.source, r.target): r for r in structure.relations}
        aligned: dict[int, _Rel] = {}
        used: set[str] = set()
        failed: list[int] = []
        waiting = list(range(len(self.rels)))
        while waiting:
            still = []
            for i in waiting:
                rel = self.rels[i]
                key: tuple[str, str, str]
                if rel.kind == "undercut":
                    t = self.index_of.get(rel.target)
                    if t in failed:
                        failed.append(i)
                        continue
                    if t is None or t not in aligned:
                        still.append(i)
                        continue
                    key = (rel.kind, self.node_of[rel.source], aligned[t].id)
                else:
                    key = (rel.kind, self.node_of[rel.source], self.node_of[rel.target])
                r = index.get(key)
                if r is None or r.id in used:
                    failed.append(i)
                else:
                    aligned[i] = r
                    used.add(r.id)
            if len(still) == len(waiting):
                failed += still
                break
            waiting = still
        return aligned, sorted(failed)

    def own_key(
        self, graph: _Graph, structure: _Structure, aligned: dict[int, _Rel]
    ) -> dict[str, Any]:
        d = self.debate
        own: dict[str, Any] = {"version": OWN_VERSION}
        if d.id != slugify(d.motion.title):
            own["id"] = d.id
        if d.description:
            own["description"] = d.description
        if d.source != Source():
            src = d.source
            own["source"] = {
                "title": src.title,
                "url": src.url,
                "author": src.author,
                "date": src.date,
                "kind": src.kind,
            }
        if d.tags:
            own["tags"] = list(d.tags)
        if d.votes:
            own["votes"] = [
                {"voter": v.voter, "statement": v.statement, "weight": v.weight} for v in d.votes
            ]
        others = {k: v for k, v in d.extras.items() if k != "aif" and _is_json(v)}
        if others:
            own["extras"] = others
        motion = self.node_of[d.motion.id]
        if structure.motion != motion:
            own["motion"] = motion
        statements: dict[str, dict[str, Any]] = {}
        for s in d.statements:
            key = self.node_of[s.id]
            title, text = _title_and_text(_node_text(s))
            derived = {
                "id": key,
                "title": title,
                "text": text,
                "kind": s.kind if s.kind == "motion" else "argument",
                "weight": 0.5,
                "span": None,
                "origin": ORIGIN,
                "sources": [],
                "tags": [],
            }
            actual = {
                "id": s.id,
                "title": s.title,
                "text": s.text,
                "kind": s.kind,
                "weight": s.weight,
                "span": [s.span.start_line, s.span.end_line] if s.span else None,
                "origin": s.origin,
                "sources": list(s.sources),
                "tags": list(s.tags),
            }
            diff = {k: v for k, v in actual.items() if v != derived[k]}
            if diff:
                statements[key] = diff
        if statements:
            own["statements"] = statements
        i_order = [n.key for n in graph.nodes if n.type == "I"]
        order = [self.node_of[s.id] for s in d.statements]
        if order != i_order:
            own["statement_order"] = order
        relations: dict[str, dict[str, Any] | None] = {}
        for i, r in aligned.items():
            rel = self.rels[i]
            actual_r = {
                "id": rel.id,
                "weight": rel.weight,
                "origin": rel.origin,
                "confidence": rel.confidence,
            }
            derived_r = {"id": r.id, "weight": 1.0, "origin": "author", "confidence": None}
            diff = {k: v for k, v in actual_r.items() if v != derived_r[k]}
            if diff:
                relations[r.id] = diff
        mine = {r.id for r in aligned.values()}
        for r in structure.relations:
            if r.id not in mine:
                relations[r.id] = None  # AIF widened the debate here: not one of its relations
        if relations:
            own["relations"] = relations
        read_order = [r.id for r in structure.relations if r.id in mine]
        order = [aligned[i].id for i in sorted(aligned)]
        if order != read_order:
            own["relation_order"] = order
        return own


def _assemble(debate: Debate) -> tuple[dict[str, Any], list[str]]:
    """The AIF document for ``debate`` and what it cannot keep."""
    lost: list[str] = []
    stored = _load_stored(debate, lost)
    built = _Writer(debate, stored, keep_repeats=True).run()
    if built.unaligned and stored.structure and any(stored.structure.shadows.values()):
        # Repeated pairs kept from the file may get in the way of the debate's relations.
        plain = _Writer(debate, stored, keep_repeats=False).run()
        if len(plain.unaligned) < len(built.unaligned):
            built = plain
            lost.append("AIF edges that repeat a relation another scheme node already gives")
    if built.unaligned:
        lost.append(
            f"{len(built.unaligned)} undercuts that point at one another in a cycle"
            if len(built.unaligned) != 1
            else "1 undercut that points at another in a cycle"
        )
    for k, v in debate.extras.items():
        if k != "aif" and not _is_json(v):
            lost.append(f"extras[{k!r}] (not JSON)")
    container: dict[str, Any] = {}
    source = stored.container
    if "nodes" not in source and "edges" not in source:
        container = {"nodes": built.nodes, "edges": built.edges}
    for k, v in source.items():
        if k == "nodes":
            container[k] = built.nodes
        elif k == "edges":
            container[k] = built.edges
        elif (not stored.wrapped and k == OWN_KEY) or k in container:
            continue
        elif _valid_extra(k, v, lost):
            container[k] = v
    container.setdefault("edges", built.edges)
    if stored.graph is None and "locutions" not in container:
        container["locutions"] = []
    doc = container
    if stored.wrapped:
        doc = {}
        for k, v in stored.top.items():
            if k == "AIF":
                doc[k] = container
            elif k != OWN_KEY and _valid_extra(k, v, lost):
                doc[k] = v
    if len(built.own) > 1:  # more than its version
        doc[OWN_KEY] = built.own
    return doc, lost


def _valid_extra(key: str, value: object, lost: list[str]) -> bool:
    if key in ("locutions", "participants") and not _list_of_objects(value):
        lost.append(f"extras['aif'][{key!r}] (not a list of objects)")
        return False
    if not _is_json(value):
        lost.append(f"extras['aif'][{key!r}] (not JSON)")
        return False
    return True


def write_aif(debate: Debate) -> str:
    """Render ``debate`` as AIF JSON (AIFdb's layout, or xAIF's if it was read from one).

    Statements become I nodes, relations RA, CA, MA and PA nodes with their edges;
    the nodes, edges, locutions and other keys kept in ``debate.extras["aif"]`` are
    written back where they still apply. What AIF cannot say goes under the
    ``"argmap"`` key (see the module docstring), so :func:`read_aif` gives the debate
    back; :func:`unrepresentable_in_aif` lists the little that is lost.
    """
    doc, _ = _assemble(debate)
    return _render(doc) + "\n"


def _render(value: Any, depth: int = 0) -> str:
    """JSON with a key, node, edge or locution a line: easy to read and to diff, and
    written by json's fast encoder (its indenting one is slow on large nodesets)."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict) and value and depth < 3:
        items = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {_render(v, depth + 1)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list) and value and depth < 3 and _list_of_objects(value):
        items = [inner + json.dumps(v, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def unrepresentable_in_aif(debate: Debate) -> list[str]:
    """What :func:`write_aif` cannot carry, one line each (empty: nothing is lost)."""
    return _assemble(debate)[1]


def looks_like_aif(head: bytes | str) -> bool:
    """Whether a file starting with ``head`` is AIF JSON rather than another JSON.

    A whole document must be an object with ``nodes`` and ``edges`` lists (or xAIF's
    ``"AIF"`` object holding them); a cut-off start must open an object whose first key
    is one AIF uses (``nodes``, ``edges``, ``locutions``, ``AIF``, ...) or mention
    ``"nodeID"``.

    >>> looks_like_aif(b'{"nodes": [{"nodeID": "1", "text": "Cities should')
    True
    >>> looks_like_aif(b'{"argmap": 1, "id": "x"}')
    False
    """
    text = head.decode("utf-8", "ignore") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff \t\r\n")
    if not text.startswith("{"):
        return False
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):
        first = re.match(r'\{\s*"([^"\\]{1,40})"\s*:', text)
        return bool(first and first.group(1) in _TOP_KEYS) or '"nodeID"' in text
    if not isinstance(doc, dict):
        return False
    container, _ = _split(cast(dict[str, Any], doc))
    return isinstance(container.get("nodes"), list) and isinstance(container.get("edges"), list)
