"""What the drawn exports share: each statement's side, its depth under the motion, colours.

The write-only formats (:mod:`~argmap.formats.dot`, :mod:`~argmap.formats.graphml`,
:mod:`~argmap.formats.mermaid`, :mod:`~argmap.formats.render`) draw a debate the same
way: the motion at the top; statements on the motion's side (``pro``) green, those
against it (``con``) red, the rest grey; edges by relation kind (support solid green,
attack solid red, undercut dashed red, rephrase and preference dotted).

A statement's side is how it bears on the motion along its shortest chain of
relations to it: a support keeps the side of what it supports, an attack flips it,
an undercut flips the side of the statement the undercut inference starts from (as
the semantics read an undercut, see :mod:`argmap.semantics.bipolar`). A statement
with no such chain (only rephrases, preferences, or nothing) is ``neutral``.
"""

from __future__ import annotations

import re
import textwrap
from collections import deque
from dataclasses import dataclass
from typing import Literal

from argmap.model import Debate, Relation, RelationKind, StatementKind

__all__ = [
    "EDGE_STYLES",
    "SIDE_COLOURS",
    "STATEMENT_SHAPES",
    "EdgeStyle",
    "Side",
    "clean_text",
    "drawing_losses",
    "label_lines",
    "statement_depths",
    "statement_sides",
    "xml_safe",
]

Side = Literal["motion", "pro", "con", "neutral"]


@dataclass(frozen=True)
class EdgeStyle:
    """How an edge of one relation kind is drawn (colour as ``#rrggbb``)."""

    colour: str
    line: Literal["solid", "dashed", "dotted"]


# (fill, border) of a statement by side
SIDE_COLOURS: dict[Side, tuple[str, str]] = {
    "motion": ("#dbe8f6", "#1f4e79"),
    "pro": ("#e3f4e3", "#2e7d32"),
    "con": ("#fbe3e3", "#c62828"),
    "neutral": ("#eeeeee", "#757575"),
}

EDGE_STYLES: dict[RelationKind, EdgeStyle] = {
    "support": EdgeStyle("#2e7d32", "solid"),
    "attack": EdgeStyle("#c62828", "solid"),
    "undercut": EdgeStyle("#c62828", "dashed"),
    "rephrase": EdgeStyle("#6a1b9a", "dotted"),
    "preference": EdgeStyle("#1565c0", "dotted"),
}

STATEMENT_SHAPES: dict[StatementKind, str] = {
    "motion": "box",
    "argument": "box",
    "premise": "box",
    "evidence": "note",
}


def _bearing(debate: Debate) -> dict[str, list[tuple[str, int]]]:
    """For each statement, the statements that bear on it directly, with the sign."""
    by_id = {r.id: r for r in debate.relations if r.id}
    into: dict[str, list[tuple[str, int]]] = {}
    for r in debate.relations:
        target = _bearing_target(r, by_id)
        if target is not None and target != r.source:
            sign = 1 if r.kind == "support" else -1
            into.setdefault(target, []).append((r.source, sign))
    return into


def _bearing_target(r: Relation, by_id: dict[str, Relation]) -> str | None:
    if r.kind in ("support", "attack"):
        return r.target
    if r.kind == "undercut":
        return by_id[r.target].source
    return None


def _walk(debate: Debate) -> tuple[dict[str, int], dict[str, int]]:
    """Breadth-first from the motion: each reached statement's sign and depth."""
    into = _bearing(debate)
    motion = debate.motion.id
    sign, depth = {motion: 1}, {motion: 0}
    queue = deque([motion])
    while queue:
        current = queue.popleft()
        for source, s in into.get(current, ()):
            if source not in sign:
                sign[source] = sign[current] * s
                depth[source] = depth[current] + 1
                queue.append(source)
    return sign, depth


def statement_sides(debate: Debate) -> dict[str, Side]:
    """Each statement's side towards the motion (see the module docstring).

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("a", "A"),
    ...                  Statement("b", "B"), Statement("c", "C")),
    ...            (Relation("a", "m", "support"), Relation("b", "a", "attack"),
    ...             Relation("c", "a", "rephrase")))
    >>> statement_sides(d)
    {'m': 'motion', 'a': 'pro', 'b': 'con', 'c': 'neutral'}
    """
    sign, _ = _walk(debate)
    motion = debate.motion.id
    sides: dict[str, Side] = {}
    for s in debate.statements:
        if s.id == motion:
            sides[s.id] = "motion"
        elif s.id in sign:
            sides[s.id] = "pro" if sign[s.id] > 0 else "con"
        else:
            sides[s.id] = "neutral"
    return sides


def statement_depths(debate: Debate) -> dict[str, int]:
    """Each statement's distance from the motion; unconnected ones one below the deepest.

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("a", "A"),
    ...                  Statement("b", "B"), Statement("c", "C")),
    ...            (Relation("a", "m", "support"), Relation("b", "a", "attack")))
    >>> statement_depths(d)
    {'m': 0, 'a': 1, 'b': 2, 'c': 3}
    """
    _, depth = _walk(debate)
    below = max(depth.values()) + 1
    return {s.id: depth.get(s.id, below) for s in debate.statements}


# XML 1.0 cannot hold these at all, not even as character references; graphviz and
# Mermaid pass text into SVG, so every drawn export replaces them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_END = re.compile("\r\n|[\r\x85\u2028\u2029]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry (controls, lone surrogates) as U+FFFD.

    >>> xml_safe("a\\x00b\\r\\n")
    'a\\ufffdb\\r\\n'
    """
    return _NOT_XML.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """``text`` fit for a drawn label: :func:`xml_safe`, every kind of line end as ``\\n``.

    >>> clean_text("a\\x00b\\r\\nc\\u2028d")
    'a\\ufffdb\\nc\\nd'
    """
    return xml_safe(_LINE_END.sub("\n", text))


def label_lines(title: str, width: int = 30, fallback: str = "") -> list[str]:
    """The lines a statement's box shows: its title, cleaned, wrapped at ``width``.

    The title's own line breaks are kept; ``width=0`` wraps nothing. An empty title
    shows ``fallback`` (the statement's id, say) instead.

    >>> label_lines("Nuclear plants produce electricity around the clock")
    ['Nuclear plants produce', 'electricity around the clock']
    >>> label_lines("  ", fallback="pro-1")
    ['pro-1']
    """
    text = clean_text(title).replace("\t", " ")
    if not text.strip():
        text = clean_text(fallback).replace("\t", " ")
    lines: list[str] = []
    for line in text.split("\n"):
        if width > 0 and len(line) > width:
            lines.extend(textwrap.wrap(line, width, break_long_words=False) or [line])
        else:
            lines.append(line)
    return lines


def drawing_losses(debate: Debate) -> list[str]:
    """What a drawn export (DOT, SVG, PNG, Mermaid) leaves out of ``debate``, a line each.

    >>> from argmap.model import Debate, Statement
    >>> drawing_losses(Debate("d", (Statement("m", "M", text="Why.", kind="motion"),)))
    ['statement texts (shown only as tooltips, where the viewer has them)']
    """
    lost: list[str] = []
    if any(s.text for s in debate.statements):
        lost.append("statement texts (shown only as tooltips, where the viewer has them)")
    if any(s.weight != 0.5 for s in debate.statements):
        lost.append("statement weights")
    if any(
        r.weight != 1.0 or r.origin != "author" or r.confidence is not None
        for r in debate.relations
    ):
        lost.append("relation weights, origins and confidences")
    if debate.votes:
        lost.append(f"{len(debate.votes)} votes")
    if debate.description or debate.tags or debate.source.title or debate.source.url:
        lost.append("the debate's description, source and tags")
    if any(s.sources or s.tags or s.span or s.origin for s in debate.statements):
        lost.append("statement sources, tags and provenance")
    if debate.extras:
        lost.append("format extras")
    texts = [s.title for s in debate.statements] + [s.text for s in debate.statements]
    if any(xml_safe(t) != t for t in texts):
        lost.append("control characters in titles and texts (shown as U+FFFD)")
    return lost
