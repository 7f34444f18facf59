"""argmap's own JSON format: versioned, lossless, stable for other tools.

Version 1 layout (keys beyond these may be added, never removed or renamed)::

    {"argmap": 1, "id": ..., "motion": "<id of the motion statement>",
     "description": ..., "source": {"title", "url", "author", "date", "kind"},
     "tags": [...],
     "statements": [{"id", "title", "text", "kind", "weight", "span", "origin",
                     "sources", "tags"}],
     "relations": [{"source", "target", "kind", "weight", "origin", "confidence", "id"}],
     "votes": [{"voter", "statement", "weight"}],
     "extras": {format name: data argmap keeps for that format}}

``span`` is ``[first_line, last_line]`` or ``null``.
"""

from __future__ import annotations

import json
from typing import Any, cast

from argmap.errors import ParseError, ValidationError
from argmap.formats.source_text import decode_source, slugify
from argmap.model import Debate, Relation, Source, Span, Statement, Vote

__all__ = ["FORMAT_VERSION", "looks_like_native", "read_native", "write_native"]

FORMAT_VERSION = 1


def looks_like_native(head: str) -> bool:
    """Whether ``head``, the start of a file, is argmap's JSON (its ``"argmap"`` key).

    >>> looks_like_native('{"argmap": 1, "motion": "m"}'), looks_like_native('{"nodes": []}')
    (True, False)
    """
    return head.lstrip("\ufeff \t\r\n").startswith("{") and '"argmap"' in head


def write_native(debate: Debate) -> str:
    """Render ``debate`` as native JSON text (indented, key order fixed)."""
    doc = {
        "argmap": FORMAT_VERSION,
        "id": debate.id,
        "motion": debate.motion.id,
        "description": debate.description,
        "source": {
            "title": debate.source.title,
            "url": debate.source.url,
            "author": debate.source.author,
            "date": debate.source.date,
            "kind": debate.source.kind,
        },
        "tags": list(debate.tags),
        "statements": [
            {
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
            for s in debate.statements
        ],
        "relations": [
            {
                "source": r.source,
                "target": r.target,
                "kind": r.kind,
                "weight": r.weight,
                "origin": r.origin,
                "confidence": r.confidence,
                "id": r.id,
            }
            for r in debate.relations
        ],
        "votes": [
            {"voter": v.voter, "statement": v.statement, "weight": v.weight} for v in debate.votes
        ],
        "extras": debate.extras,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


class _Fields:
    """Typed access to one JSON object, raising ParseError at ``line`` on a bad field."""

    def __init__(self, obj: object, what: str, line: int) -> None:
        if not isinstance(obj, dict):
            raise ParseError(f"{what} as a JSON object", _describe(obj), line)
        self.obj = cast(dict[str, Any], obj)
        self.what = what
        self.line = line

    def get(self, key: str, types: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.obj:
            if default is ...:
                raise ParseError(f"key {key!r} in {self.what}", "no such key", self.line)
            return default
        value = self.obj[key]
        ok = isinstance(value, types) and not (
            isinstance(value, bool) and bool not in _as_tuple(types)
        )
        if not ok:
            raise ParseError(
                f"{key!r} of {self.what} to be {_type_names(types)}", _describe(value), self.line
            )
        return value

    def text(self, key: str, default: str | object = ...) -> str:
        return cast(str, self.get(key, str, default))

    def number(self, key: str, default: float | object = ...) -> float:
        return float(self.get(key, (int, float), default))


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _type_names(types: type | tuple[type, ...]) -> str:
    names = {str: "a string", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in _as_tuple(types)))


def _describe(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the ``occurrence``-th match of ``needle`` in ``text`` (1 if absent)."""
    pos = -1
    for _ in range(occurrence):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return 1
    return text.count("\n", 0, pos) + 1


def read_native(text: str | bytes, path: str | None = None) -> Debate:
    """Parse native JSON text into a :class:`Debate`.

    Raises :class:`ParseError` with the line of the fault for malformed JSON, a
    missing or mistyped key, an unknown version, or a debate the model rejects.
    """
    text = decode_source(text, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise ParseError("valid JSON", e.msg.lower(), e.lineno, e.colno, path) from e
    try:
        return _debate_from(doc, text)
    except ParseError as e:
        raise e.with_path(path) if path else e from None
    except ValidationError as e:
        line = 1
        if e.statement_id is not None:
            needle = json.dumps(e.statement_id, ensure_ascii=False)
            count = 2 if e.message.startswith("duplicate statement id") else 1
            line = _line_of(text, '"id": ' + needle, count)
        raise ParseError("a valid debate", e.message, line, 1, path) from e


def _debate_from(doc: object, text: str) -> Debate:
    top = _Fields(doc, "the document", 1)
    version = top.get("argmap", int)
    if version != FORMAT_VERSION:
        raise ParseError(
            f'"argmap": {FORMAT_VERSION} (the only version this argmap reads)',
            str(version),
            _line_of(text, '"argmap"'),
        )
    src = _Fields(top.get("source", dict, {}), "source", _line_of(text, '"source"'))
    source = Source(
        title=src.text("title", ""),
        url=src.text("url", ""),
        author=src.text("author", ""),
        date=src.text("date", ""),
        kind=src.text("kind", ""),
    )
    motion_id = top.text("motion")
    statements: list[Statement] = []
    for i, raw in enumerate(top.get("statements", list)):
        line = _line_of(text, '"id"', i + 1)
        f = _Fields(raw, f"statement {i + 1}", line)
        span_raw = f.get("span", (list, type(None)), None)
        span = None
        if span_raw is not None:
            if len(span_raw) != 2 or not all(
                isinstance(x, int) and not isinstance(x, bool) for x in span_raw
            ):
                raise ParseError("span as [first_line, last_line]", _describe(span_raw), line)
            span = Span(span_raw[0], span_raw[1])
        kind = f.text("kind", "argument")
        sid = f.text("id")
        if (kind == "motion") != (sid == motion_id):
            raise ParseError(
                f"the statement {motion_id!r} named by \"motion\" to be the one of kind 'motion'",
                f"statement {sid!r} of kind {kind!r}",
                line,
            )
        statements.append(
            Statement(
                id=sid,
                title=f.text("title"),
                text=f.text("text", ""),
                kind=kind,  # type: ignore[arg-type]  # checked by the model
                weight=f.number("weight", 0.5),
                span=span,
                origin=f.text("origin", ""),
                sources=_strings(f, "sources"),
                tags=_strings(f, "tags"),
            )
        )
    relations: list[Relation] = []
    for i, raw in enumerate(top.get("relations", list, [])):
        line = _line_of(text, '"target"', i + 1)
        f = _Fields(raw, f"relation {i + 1}", line)
        confidence = f.get("confidence", (int, float, type(None)), None)
        relations.append(
            Relation(
                source=f.text("source"),
                target=f.text("target"),
                kind=f.text("kind"),  # type: ignore[arg-type]
                weight=f.number("weight", 1.0),
                origin=f.text("origin", "author"),  # type: ignore[arg-type]
                confidence=None if confidence is None else float(confidence),
                id=f.text("id", ""),
            )
        )
    votes: list[Vote] = []
    for i, raw in enumerate(top.get("votes", list, [])):
        f = _Fields(raw, f"vote {i + 1}", _line_of(text, '"voter"', i + 1))
        votes.append(Vote(f.text("voter"), f.text("statement"), f.number("weight")))
    return Debate(
        id=top.text("id", "") or slugify(statements[0].title if statements else "debate"),
        statements=tuple(statements),
        relations=tuple(relations),
        votes=tuple(votes),
        description=top.text("description", ""),
        source=source,
        tags=_strings(top, "tags"),
        extras=top.get("extras", dict, {}),
    )


def _strings(fields: _Fields, key: str) -> tuple[str, ...]:
    values = fields.get(key, list, [])
    if not all(isinstance(v, str) for v in values):
        raise ParseError(f"{key} as a list of strings", _describe(values), fields.line)
    return tuple(values)
