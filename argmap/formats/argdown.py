"""Argdown (https://argdown.org): statements, arguments and their relations as plain text.

Argdown is a Markdown-like syntax for argument maps. :func:`read_argdown` reads
statements ``[Title]: text``, arguments ``<Title>: text``, untitled statements
(plain paragraphs), relations nested by indentation, premise-conclusion
structures, ``#tags``, YAML frontmatter, YAML data and comments;
:func:`write_argdown` writes a debate back as Argdown that both read.

How Argdown maps onto argmap's model (Argdown has no motion and no weights):

- **Motion.** The frontmatter key ``motion:`` names it by title (a statement's
  title first, an argument's second; naming neither is an error); else a
  frontmatter ``title:`` that happens to be some statement's title; else the first
  top-level statement of the document; else the main conclusion of the first
  premise-conclusion structure; else the first element at all.
- **Elements.** ``[Title]`` statements and untitled paragraphs become statements of
  kind ``premise`` (``motion`` for the motion), ``<Title>`` arguments kind
  ``argument``. A title names one element: a later ``[Title]``/``<Title>`` refers
  to the same statement, and a later definition with other text adds that text
  (after a blank line). ``[T]`` and ``<T>`` are different elements. Untitled
  statements get a title made from their first sentence; ids are slugs of titles.
- **Relations.** ``+`` support, ``-`` attack; ``<+ <- <_`` (and bare ``+ - _``) point
  from the child element to its parent, ``+> -> _>`` from the parent to the child;
  the parent is the nearest element above that is indented less. ``><``
  (contradiction) becomes two attacks, one each way. Argdown's strict mode
  (entailment, contrariety) is read as support and attack. A relation between an
  element and itself is dropped; when one ordered pair is related twice, the first
  relation counts.
- **Undercuts.** ``_`` attacks an argument's inference. It becomes an ``undercut``
  relation aimed at the relation that carries that inference (which then gets the
  id ``"source->target"``): for an argument with a premise-conclusion structure,
  its support of the main conclusion; otherwise the element's only outgoing
  support or attack. When that is unclear (no or several outgoing relations, an
  intermediate inference of a complex argument) the undercut is read as an
  attack on the argument.
- **Premise-conclusion structures.** ``(1) ... (2) ... ---- (3) ...`` (or an expanded
  ``-- rule --`` inference) reconstruct the argument named just above them (the
  preceding ``<Title>`` block), or a new argument titled "Argument for ..." after
  its conclusion. Each premise of the last inference supports the argument and
  the argument supports the main conclusion; premises of an earlier inference
  support that intermediate conclusion directly. Relations below a premise or
  conclusion belong to that statement, those below an inference line to the
  argument; an undercut below the last inference or the main conclusion aims at
  the argument's support of that conclusion.
- **Tags** ``#tag`` and ``#(tag with spaces)`` go to :attr:`Statement.tags`; tags at the
  end of a text are taken out of it, tags inside it stay. YAML data ``{...}`` after an
  element may carry ``sources`` (a list) for :attr:`Statement.sources`; other data
  is dropped.
- **Frontmatter** (``===`` lines around YAML at the very start) is kept whole in
  ``debate.extras["argdown"]``; its ``title``, ``author``, ``date``, ``url``,
  ``description`` and ``tags`` also fill the debate's source, description and tags.
- **Ignored:** headings (Argdown's groups), comments ``//``, ``/* */``, ``<!-- -->``,
  inference rules, list markers (``*``, ``1.``: each item is a statement), mentions
  ``@[Title]`` and Markdown emphasis and links (they stay in the text as written).
  Unlike Argdown, ``//`` right after a ``:`` (``https://``) does not start a comment.
- **Text** is whitespace-normalised: lines are joined with single spaces; a
  backslash escapes the character after it.

:func:`write_argdown` writes the motion first as ``[Title]: text``, every statement
that supports or attacks it nested below it with ``<+``/``<-`` (and ``<_`` for
undercuts), each statement defined once and referred to by its title wherever it
has a further parent; statements outside that tree follow as separate top-level
blocks. Arguments are written ``<Title>``, every other statement ``[Title]``. Two
statements of the same bracket kind with the same title are told apart by
appending `` (2)``, `` (3)``, ...; a backslash escapes a closing bracket or a
backslash in a title (``[a\\]b]``), which only argmap reads back (Argdown has no
escapes in titles). In texts, a backslash escapes whatever would read as syntax
(``#``, ``[``, ``<``, ``{``, ``//``, ``/*``, ``===``, and ``*``/``_`` outside a closed
emphasis); texts are wrapped at 80 columns so that no line starts with a relation
symbol or a ``(1)``.
:func:`unrepresentable_in_argdown` lists what the writer loses.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.errors import ParseError, ValidationError
from argmap.formats.source_text import decode_source, slugify, split_lines
from argmap.model import Debate, Relation, RelationKind, Source, Span, Statement, StatementKind

__all__ = ["read_argdown", "unrepresentable_in_argdown", "write_argdown"]

ORIGIN = "argdown"

_FRONTMATTER = re.compile(r"===+[ \t]*")
# Argdown's tag characters (its lexer's ranges, which leave out astral and private-use ones)
_TAG_CHARS = "[A-Za-z0-9_\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+"
_PLAIN_TAG = re.compile(_TAG_CHARS)
_RELATION = re.compile(r"(<\+|<-|<_|\+>|->|_>|><|\+|-|_(?=[ \t]))")
_PCS_NUMBER = re.compile(r"\((\d+)\)")
_LIST_ITEM = re.compile(r"(\*|\d+\.)[ \t]+")
_HEADING = re.compile(r"#+[ \t]")
# symbol: (kind, direction); "out" points from the child up to its parent.
_SYMBOLS: dict[str, tuple[str, str]] = {
    "<+": ("support", "out"),
    "+": ("support", "out"),
    "+>": ("support", "in"),
    "<-": ("attack", "out"),
    "-": ("attack", "out"),
    "->": ("attack", "in"),
    "<_": ("undercut", "out"),
    "_": ("undercut", "out"),
    "_>": ("undercut", "in"),
    "><": ("contradiction", "both"),
}
_MAPPED_KEYS = ("title", "author", "date", "url")


# --- scanning: comments, YAML data and opaque title spans ----------------------------


@dataclass
class _Data:
    line: int
    column: int
    value: Any


@dataclass
class _Line:
    number: int
    text: str  # comments and YAML data blanked out, columns unchanged
    empty: bool
    separator: bool  # an empty line that ends a block (not one inside a comment)
    data: list[_Data] = field(default_factory=list)


def _span_end(text: str, i: int, close: str) -> int:
    """Index of the unescaped ``close`` after ``text[i]`` on the same line, or -1."""
    j, n = i + 1, len(text)
    while j < n:
        c = text[j]
        if c == "\n":
            return -1
        if c == "\\" and j + 1 < n and text[j + 1] != "\n":
            j += 2
            continue
        if c == close:
            return j
        j += 1
    return -1


def _quote_end(text: str, j: int) -> int:
    quote, k, n = text[j], j + 1, len(text)
    while k < n:
        c = text[k]
        if quote == '"' and c == "\\":
            k += 2
            continue
        if c == quote:
            if quote == "'" and text[k + 1 : k + 2] == "'":
                k += 2
                continue
            return k
        k += 1
    return -1


class _Spans:
    """Where the titles, references and links that open at ``[`` or ``<`` end.

    A close that is not on a line is remembered, so that a line full of unclosed
    brackets costs linear, not quadratic, time.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [k for k, c in enumerate(text) if c == "\n"]
        self.dead: dict[str, int] = {"]": -1, ">": -1, ")": -1}

    def line_end(self, i: int) -> int:
        k = bisect_right(self.newlines, i)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)

    def close(self, i: int, close: str) -> int:
        """Index of the unescaped ``close`` after ``text[i]`` on its line, or -1."""
        if i < self.dead[close]:
            return -1
        end = _span_end(self.text, i, close)
        if end < 0:
            self.dead[close] = self.line_end(i)
        return end

    def paren(self, i: int) -> int:
        """Index of the first ``)`` at or after ``i`` on its line, or -1."""
        if i < self.dead[")"]:
            return -1
        line_end = self.line_end(i)
        end = self.text.find(")", i, line_end)
        if end < 0:
            self.dead[")"] = line_end
        return end

    def end(self, i: int) -> int:
        """End (exclusive) of the span opening at ``text[i]``; -1 if it is not closed.

        ``[title](url)`` is a link; ``[...]`` and ``<...>`` are titles or references.
        """
        if self.text[i] == "<":
            close = self.close(i, ">")
            return close + 1 if close >= 0 else -1
        close = self.close(i, "]")
        if close < 0:
            return -1
        if close > i + 1 and self.text[close + 1 : close + 2] == "(":
            paren = self.paren(close + 2)
            if paren > close + 2:
                return paren + 1
        return close + 1

    def is_link(self, i: int) -> bool:
        end = self.end(i)
        return end > 0 and self.text[end - 1] == ")" and self.text[i] == "["


class _Braces:
    """Which ``}`` closes the YAML data that a ``{`` opens (-1: none), found in one
    pass per outermost brace; quotes after ``{ [ , :`` are skipped."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.match: dict[int, int] = {}

    def end(self, i: int) -> int:
        if i not in self.match:
            self.scan(i)
        return self.match[i]

    def scan(self, i: int) -> None:
        text, stack, j, prev = self.text, [], i, ""
        while j < len(text):
            c = text[j]
            if c in "\"'" and prev in ("{", "[", ",", ":"):
                k = _quote_end(text, j)
                if k < 0:
                    break
                j, prev = k + 1, c
                continue
            if c == "{":
                stack.append(j)
            elif c == "}" and stack:
                self.match[stack.pop()] = j
                if not stack:
                    return
            if not c.isspace():
                prev = c
            j += 1
        for k in stack:
            self.match[k] = -1


def _fix_surrogates(value: str) -> str:
    """Join UTF-16 surrogate pairs that YAML's ``\\u`` escapes leave apart."""
    try:
        return value.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return value


def _load_yaml(source: str, offset: int, where: _Where, what: str, path: str | None) -> Any:
    """Parse YAML; a located :class:`ParseError` (``offset``: where ``source`` starts)."""
    try:
        # Through JSON: the frontmatter is kept in ``extras`` and must stay plain data
        # (YAML would give dates, sets and bytes, which native JSON cannot hold).
        return json.loads(json.dumps(yaml.safe_load(source), default=str))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = where(offset + (mark.index if mark else 0))
        found = (e.problem or e.context or "invalid YAML").strip()
        raise ParseError(what, found, line, column, path) from None
    except Exception as e:  # YAML's constructors raise plain errors too (bad dates, ...)
        line, column = where(offset)
        raise ParseError(what, f"{type(e).__name__}: {e}"[:200], line, column, path) from None


class _Where:
    """Line and column (1-based) of an offset into a text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def __call__(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def _scan(text: str, path: str | None) -> list[_Line]:
    """The lines of ``text`` with comments and YAML data blanked out.

    Titles ``[...]``, ``<...>`` and links are opaque: a ``//`` or ``{`` inside them is
    text, as in Argdown's lexer. ``<+``, ``<-``, ``<_`` at the start of a line are
    relation symbols, not titles.
    """
    where = _Where(text)
    spans, braces = _Spans(text), _Braces(text)
    out: list[str] = []
    touched: set[int] = set()
    data: list[_Data] = []
    i, n, content = 0, len(text), False

    def blank(start: int, end: int) -> None:
        out.append(re.sub(r"[^\n]", " ", text[start:end]))
        first, last = where(start)[0], where(max(start, end - 1))[0]
        touched.update(range(first, last + 1))

    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            content = False
            i += 1
            continue
        if c == "\\":
            step = 2 if i + 1 < n and text[i + 1] != "\n" else 1
            out.append(text[i : i + step])
            content = True
            i += step
            continue
        if text.startswith("/*", i) or text.startswith("<!--", i):
            opener, close = ("/*", "*/") if c == "/" else ("<!--", "-->")
            end = text.find(close, i + len(opener))
            if end < 0:
                line, column = where(i)
                raise ParseError(
                    f"{close!r} closing the comment", "end of file", line, column, path
                )
            blank(i, end + len(close))
            i = end + len(close)
            continue
        if text.startswith("//", i) and (i == 0 or text[i - 1] != ":"):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
            continue
        end = -1
        if c == "{":
            close_at = braces.end(i)
            if close_at >= 0:
                raw = text[i : close_at + 1]
                block = re.match(r"\{[ \t]*\n", raw)
                source, offset = (raw[1:-1], i + 1) if block else (raw, i)
                value = _load_yaml(source, offset, where, "YAML data between '{' and '}'", path)
                line, column = where(i)
                data.append(_Data(line, column, value))
                blank(i, close_at + 1)
                i = close_at + 1
                continue
        elif c == "[" or (c == "<" and (content or text[i + 1 : i + 2] not in ("+", "-", "_"))):
            end = spans.end(i)
        if end > i:
            out.append(text[i:end])
            content = True
            i = end
            continue
        out.append(c)
        content = content or not c.isspace()
        i += 1
    lines: list[_Line] = []
    for number, line_text in enumerate("".join(out).split("\n"), 1):
        empty = not line_text.strip()
        lines.append(_Line(number, line_text, empty, empty and number not in touched))
    for d in data:
        lines[d.line - 1].data.append(d)
    return lines


# --- reading ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    """A statement (equivalence class) or an argument as it is being read."""

    bracket: str  # "[" statement, "<" argument
    title: str  # "" while untitled
    line: int
    end_line: int
    top: bool = False
    texts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    pcs: list[_Pcs] = field(default_factory=list)
    conclusion_of: _Pcs | None = None  # for an untitled argument: the structure it names


@dataclass(eq=False)
class _Occurrence:
    """One place an element appears: its text there and the lines it spans."""

    node: _Node
    parts: list[str]
    line: int
    end_line: int
    data: list[_Data] = field(default_factory=list)


@dataclass(eq=False)
class _Inference:
    line: int
    column: int
    open: bool


@dataclass(eq=False)
class _Pcs:
    argument: _Node
    items: list[_Node | _Inference] = field(default_factory=list)
    places: list[tuple[int, int]] = field(default_factory=list)  # line, column of each item

    def inferences(self) -> list[int]:
        return [k for k, item in enumerate(self.items) if isinstance(item, _Inference)]

    def conclusion(self) -> _Node:
        last = self.items[-1]
        assert isinstance(last, _Node)
        return last


@dataclass(frozen=True, eq=False)
class _Member:
    """A relation's end: an element, or a premise, conclusion or inference of a pcs."""

    node: _Node
    pcs: _Pcs | None = None
    index: int = -1


@dataclass
class _Pending:
    kind: str  # support, attack, undercut, contradiction
    source: _Member
    target: _Member  # for an undercut: the member whose inference is undercut


@dataclass
class _Block:
    fresh: bool = True
    root: _Node | None = None
    stack: list[tuple[int, _Member]] = field(default_factory=list)
    current: _Occurrence | _Inference | None = None
    pcs: _Pcs | None = None
    open_inference: _Inference | None = None
    is_list: bool = False


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: m.group(1), text)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _indent(text: str) -> int:
    lead = len(text) - len(text.lstrip(" \t"))
    return len(text[:lead].expandtabs(4))


def _title_from(text: str, limit: int = 60) -> str:
    """A title for an untitled statement: its first sentence, shortened."""
    sentence = re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0].rstrip(".").strip()
    if len(sentence) <= limit:
        return sentence or "Untitled"
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:-— ")
    return (cut or sentence[: limit - 1]) + "…"


def _inline(raw: str) -> tuple[str, list[str]]:
    """Text and tags of an element's raw text: escapes resolved, trailing tags cut."""
    pieces: list[tuple[str, str]] = []  # ("text", s) or ("tag", raw) with the tag in tags
    tags: list[str] = []
    buf: list[str] = []
    i, n = 0, len(raw)
    spans = _Spans(raw)

    def flush() -> None:
        if buf:
            pieces.append(("text", "".join(buf)))
            buf.clear()

    while i < n:
        c = raw[i]
        if c == "\\" and i + 1 < n:
            buf.append(raw[i + 1])
            i += 2
            continue
        end = -1
        if c in "[<":
            end = spans.end(i)
        elif c == "#" and not (i and (raw[i - 1].isalnum() or raw[i - 1] == "_")):
            if raw[i + 1 : i + 2] == "(":
                paren = spans.paren(i + 2)
                tag_end, value = (paren + 1, raw[i + 2 : paren]) if paren > i + 2 else (-1, "")
            else:
                plain = _PLAIN_TAG.match(raw, i + 1)
                tag_end, value = (plain.end(), plain.group()) if plain else (-1, "")
            if tag_end > 0:
                flush()
                pieces.append(("tag", raw[i:tag_end]))
                value = _normal(value)
                if value and value not in tags:
                    tags.append(value)
                i = tag_end
                continue
        if end > i:
            buf.append(raw[i:end])
            i = end
            continue
        buf.append(c)
        i += 1
    flush()
    last = max(
        (k for k, (kind, s) in enumerate(pieces) if kind == "text" and s.strip()), default=-1
    )
    return _normal("".join(s for _, s in pieces[: last + 1])), tags


def _sources(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return []
    found = value.get("sources")
    items = found if isinstance(found, list) else [found] if found is not None else []
    return [
        _fix_surrogates(str(item))
        for item in items
        if isinstance(item, str | int | float) and not isinstance(item, bool)
    ]


def _mapped(value: Any) -> str:
    """A frontmatter value as the text of a source field ("" when it is no scalar)."""
    if value is None or isinstance(value, bool | list | dict):
        return ""
    return str(value)


class _Reader:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self.nodes: list[_Node] = []
        self.index: dict[tuple[str, str], _Node] = {}
        self.occurrences: list[_Occurrence] = []
        self.pending: list[_Pending] = []
        self.structures: list[_Pcs] = []
        self.previous_root: _Node | None = None
        self.outgoing: dict[_Node, list[_Node]] = defaultdict(list)

    def error(self, expected: str, found: str, line: int, column: int) -> ParseError:
        return ParseError(expected, found, line, column, self.path)

    # elements

    def new_node(self, bracket: str, title: str, line: int) -> _Node:
        node = _Node(bracket, title, line, line)
        self.nodes.append(node)
        if title:
            self.index[(bracket, title)] = node
        return node

    def element(self, content: str, line: int, column: int) -> _Occurrence:
        """The statement or argument that ``content`` (from ``column`` on) starts."""
        lead = len(content) - len(content.lstrip())
        text, column = content[lead:], column + lead
        if text[:1] in ("[", "<") and not _Spans(text).is_link(0):
            close = "]" if text[0] == "[" else ">"
            end = _span_end(text, 0, close)
            if end < 0:
                raise self.error(
                    f"{close!r} closing the title that {text[0]!r} opens",
                    "end of line",
                    line,
                    column,
                )
            title = _normal(_unescape(text[1:end]))
            if not title:
                raise self.error(
                    f"a title between {text[0]!r} and {close!r}",
                    repr(text[: end + 1]),
                    line,
                    column,
                )
            rest = text[end + 1 :]
            rest = rest[1:] if rest.startswith(":") else rest
            node = self.index.get((text[0], title)) or self.new_node(text[0], title, line)
        else:
            node, rest = self.new_node("[", "", line), text
        occurrence = _Occurrence(node, [rest], line, line)
        self.occurrences.append(occurrence)
        return occurrence

    # lines

    def block(self, lines: list[_Line], found_after: str) -> None:
        state = _Block()
        for line in lines:
            if state.fresh and not line.empty and _HEADING.match(line.text):
                self.previous_root = None
                continue  # a heading; the next line starts afresh
            self.line(state, line)
            state.fresh = False
        self.end_block(state, found_after)

    def line(self, state: _Block, line: _Line) -> None:
        text, number = line.text, line.number
        stripped = text.strip()
        column = len(text) - len(text.lstrip()) + 1
        if state.open_inference is not None:
            if stripped.rstrip(" \t").endswith("--"):
                state.open_inference.open = False
                state.open_inference = None
            return
        if not stripped:  # YAML data alone on its line belongs to the element above
            if isinstance(state.current, _Occurrence):
                state.current.data.extend(line.data)
            return
        if stripped.startswith("--"):
            self.inference(state, stripped, number, column, _indent(text))
            return
        pcs_number = _PCS_NUMBER.match(stripped)
        if pcs_number:
            self.pcs_statement(state, line, stripped[pcs_number.end() :], column, pcs_number)
            return
        relation = _RELATION.match(stripped)
        if relation:
            self.relation(state, line, relation.group(1), stripped, column)
            return
        item = _LIST_ITEM.match(stripped)
        if state.fresh or (state.is_list and item):
            if item:
                state.is_list = True
            rest = stripped[item.end() :] if item else stripped
            occurrence = self.element(rest, number, column + (item.end() if item else 0))
            occurrence.data.extend(line.data)
            occurrence.node.top = True
            if state.root is None:
                state.root = occurrence.node
            state.stack = [(_indent(text), _Member(occurrence.node))]
            state.current = occurrence
            return
        if isinstance(state.current, _Occurrence):
            state.current.parts.append(stripped)
            state.current.end_line = number
            state.current.data.extend(line.data)
            return
        raise self.error(
            "a conclusion '(n) ...' after the inference line",
            f"text {stripped[:30]!r}",
            number,
            column,
        )

    def relation(self, state: _Block, line: _Line, symbol: str, stripped: str, column: int) -> None:
        indent = _indent(line.text)
        while state.stack and state.stack[-1][0] >= indent:
            state.stack.pop()
        if not state.stack:
            found = (
                f"{symbol!r} at the start of a block"
                if state.fresh
                else f"{symbol!r} indented no deeper than the element above it"
            )
            raise self.error(
                "a statement or argument above the relation, indented less",
                found,
                line.number,
                column,
            )
        parent = state.stack[-1][1]
        rest = stripped[len(symbol) :]
        if not rest.strip():
            raise self.error(
                f"a statement or argument after {symbol!r}",
                "end of line",
                line.number,
                column + len(symbol),
            )
        occurrence = self.element(rest, line.number, column + len(symbol))
        occurrence.data.extend(line.data)
        child = _Member(occurrence.node)
        state.stack.append((indent, child))
        state.current = occurrence
        kind, direction = _SYMBOLS[symbol]
        if kind == "contradiction":
            self.pending.append(_Pending(kind, parent, child))
        elif direction == "out":
            self.pending.append(_Pending(kind, child, parent))
        else:
            self.pending.append(_Pending(kind, parent, child))

    def pcs_statement(
        self, state: _Block, line: _Line, rest: str, column: int, number: re.Match[str]
    ) -> None:
        if state.pcs is None:
            argument: _Node | None = None
            if state.fresh:
                previous = self.previous_root
                argument = previous if previous is not None and previous.bracket == "<" else None
            elif state.root is not None and state.root.bracket == "<":
                argument = state.root
            if argument is None:
                argument = self.new_node("<", "", line.number)
            state.pcs = _Pcs(argument)
            argument.pcs.append(state.pcs)
            if not argument.title:
                argument.conclusion_of = state.pcs
            self.structures.append(state.pcs)
        pcs = state.pcs
        start = column + number.end()
        if rest.lstrip().startswith("<"):
            raise self.error(
                f"a statement after {number.group(0)!r}",
                "an argument (arguments cannot be premises or conclusions)",
                line.number,
                start + len(rest) - len(rest.lstrip()),
            )
        occurrence = self.element(rest, line.number, start)
        occurrence.data.extend(line.data)
        pcs.items.append(occurrence.node)
        pcs.places.append((line.number, column))
        state.stack = [(_indent(line.text), _Member(occurrence.node, pcs, len(pcs.items) - 1))]
        state.current = occurrence

    def inference(
        self, state: _Block, stripped: str, number: int, column: int, indent: int
    ) -> None:
        pcs = state.pcs
        if pcs is None or isinstance(pcs.items[-1], _Inference):
            raise self.error(
                "a premise '(1) ...' before the inference line",
                f"{stripped[:30]!r}",
                number,
                column,
            )
        run = len(stripped) - len(stripped.lstrip("-"))
        rest = stripped[run:]
        is_open = run < 3 if not rest.strip() else not rest.rstrip(" \t").endswith("--")
        inference = _Inference(number, column, is_open)
        pcs.items.append(inference)
        pcs.places.append((number, column))
        state.stack = [(indent, _Member(pcs.argument, pcs, len(pcs.items) - 1))]
        state.current = inference
        if is_open:
            state.open_inference = inference

    def end_block(self, state: _Block, found: str) -> None:
        if state.open_inference is not None:
            inference = state.open_inference
            raise self.error(
                "a line ending in '--' that closes the inference rule",
                found,
                inference.line,
                inference.column,
            )
        pcs = state.pcs
        if pcs is not None:
            last = pcs.items[-1]
            line, column = pcs.places[-1]
            if isinstance(last, _Inference):
                raise self.error(
                    "a conclusion '(n) ...' after the inference line", found, line, column
                )
            if not isinstance(pcs.items[-2] if len(pcs.items) > 1 else None, _Inference):
                raise self.error(
                    "an inference line ('----') before the conclusion, the last statement",
                    "a premise-conclusion structure without a conclusion"
                    if not pcs.inferences()
                    else "a statement after the conclusion with no inference line before it",
                    line,
                    column,
                )
            self.pcs_relations(pcs)
        self.previous_root = state.root if pcs is None else None

    def pcs_relations(self, pcs: _Pcs) -> None:
        inferences = pcs.inferences()
        start = 0
        for k in inferences:
            premises = [item for item in pcs.items[start:k] if isinstance(item, _Node)]
            conclusion = pcs.items[k + 1]
            assert isinstance(conclusion, _Node)
            if k == inferences[-1]:
                for premise in premises:
                    self.pending.append(
                        _Pending("support", _Member(premise), _Member(pcs.argument))
                    )
                self.pending.append(_Pending("support", _Member(pcs.argument), _Member(conclusion)))
            else:
                for premise in premises:
                    self.pending.append(_Pending("support", _Member(premise), _Member(conclusion)))
            start = k + 1

    # the debate

    def finish(self, frontmatter: dict[Any, Any] | None, motion_line: int, end_line: int) -> Debate:
        seen: set[_Node] = set()
        for occurrence in self.occurrences:
            node = occurrence.node
            text, tags = _inline(" ".join(part.strip() for part in occurrence.parts))
            if node not in seen or (text and not node.texts):  # the span: first definition
                node.line, node.end_line = occurrence.line, occurrence.end_line
                seen.add(node)
            if text and text not in node.texts:
                node.texts.append(text)
            node.tags.extend(t for t in tags if t not in node.tags)
            for d in occurrence.data:
                node.sources.extend(s for s in _sources(d.value) if s not in node.sources)
        if not self.nodes:
            raise self.error("a statement or argument", "end of file", end_line, 1)
        for node in self.nodes:
            if not node.title and node.conclusion_of is None:
                node.title = _title_from("\n\n".join(node.texts))
        for node in self.nodes:
            if node.conclusion_of is not None:
                node.title = "Argument for " + node.conclusion_of.conclusion().title
        motion = self.motion(frontmatter or {}, motion_line)
        ids = self.ids()
        relations = self.relations(ids)
        statements = tuple(
            Statement(
                id=ids[node],
                title=node.title,
                text="\n\n".join(node.texts),
                kind=self.kind(node, motion),
                span=Span(node.line, max(node.line, node.end_line)),
                origin=ORIGIN,
                sources=tuple(node.sources),
                tags=tuple(node.tags),
            )
            for node in self.nodes
        )
        fm = frontmatter or {}
        title = _mapped(fm.get("title"))
        raw_tags = fm.get("tags")
        tag_list = (
            raw_tags
            if isinstance(raw_tags, list)
            else raw_tags.split(",")
            if isinstance(raw_tags, str)
            else []
        )
        try:
            return Debate(
                id=slugify(title or motion.title),
                statements=statements,
                relations=relations,
                description=_mapped(fm.get("description")),
                source=Source(**{key: _mapped(fm.get(key)) for key in _MAPPED_KEYS}),
                tags=tuple(t for t in (_normal(_mapped(x)) for x in tag_list) if t),
                extras={} if frontmatter is None else {"argdown": frontmatter},
            )
        except ValidationError as e:  # a bug if it happens; never let it escape as such
            raise self.error("a consistent debate", e.message, 1, 1) from e

    @staticmethod
    def kind(node: _Node, motion: _Node) -> StatementKind:
        if node is motion:
            return "motion"
        return "argument" if node.bracket == "<" else "premise"

    def motion(self, fm: dict[Any, Any], motion_line: int) -> _Node:
        named = fm.get("motion")
        if isinstance(named, str):
            title = _normal(named)
            found = self.index.get(("[", title)) or self.index.get(("<", title))
            if found is None:
                raise self.error(
                    "the title of a statement or argument after 'motion:' in the frontmatter",
                    f"{title!r}, which no statement or argument has",
                    motion_line,
                    1,
                )
            return found
        document_title = fm.get("title")
        if isinstance(document_title, str):
            found = self.index.get(("[", _normal(document_title)))
            if found is not None:
                return found
        for node in self.nodes:
            if node.top and node.bracket == "[":
                return node
        if self.structures:
            return self.structures[0].conclusion()
        return self.nodes[0]

    def ids(self) -> dict[_Node, str]:
        ids: dict[_Node, str] = {}
        used: set[str] = set()
        counts: dict[str, int] = defaultdict(lambda: 1)
        for node in self.nodes:
            base = candidate = slugify(node.title)
            while candidate in used:
                counts[base] += 1
                candidate = f"{base}-{counts[base]}"
            used.add(candidate)
            ids[node] = candidate
        return ids

    def inference_of(self, member: _Member) -> tuple[_Node, _Node] | _Node:
        """The (source, target) relation an undercut of ``member`` aims at, else the
        node to attack instead."""
        pcs = member.pcs
        if pcs is not None:
            last = pcs.inferences()[-1]
            k = member.index
            if isinstance(pcs.items[k], _Inference) or isinstance(
                pcs.items[k - 1] if k else None, _Inference
            ):
                final = k in (last, last + 1)
                return (pcs.argument, pcs.conclusion()) if final else pcs.argument
        node = member.node
        if node.pcs:
            return node, node.pcs[0].conclusion()
        outgoing = self.outgoing.get(node, [])
        return (node, outgoing[0]) if len(outgoing) == 1 else node

    def relations(self, ids: dict[_Node, str]) -> tuple[Relation, ...]:
        pairs: dict[tuple[_Node, _Node], RelationKind] = {}

        def add(source: _Node, target: _Node, kind: RelationKind) -> None:
            if source is not target and (source, target) not in pairs:
                pairs[(source, target)] = kind

        for p in self.pending:
            if p.kind == "contradiction":
                add(p.source.node, p.target.node, "attack")
                add(p.target.node, p.source.node, "attack")
            elif p.kind in ("support", "attack"):
                add(p.source.node, p.target.node, "support" if p.kind == "support" else "attack")
        for source, target in pairs:
            self.outgoing[source].append(target)
        undercuts: list[tuple[_Node, tuple[_Node, _Node]]] = []
        for p in self.pending:
            if p.kind != "undercut":
                continue
            aim = self.inference_of(p.target)
            if isinstance(aim, tuple) and aim in pairs:
                if (p.source.node, aim) not in undercuts:
                    undercuts.append((p.source.node, aim))
            else:
                add(p.source.node, aim[0] if isinstance(aim, tuple) else aim, "attack")
        targeted = {aim for _, aim in undercuts}
        out = [
            Relation(
                ids[s],
                ids[t],
                kind,
                origin="author",
                id=f"{ids[s]}->{ids[t]}" if (s, t) in targeted else "",
            )
            for (s, t), kind in pairs.items()
        ]
        out += [
            Relation(ids[u], f"{ids[s]}->{ids[t]}", "undercut", origin="author")
            for u, (s, t) in undercuts
        ]
        return tuple(out)


def _frontmatter(lines: list[str], path: str | None) -> tuple[dict[Any, Any] | None, int, int]:
    """The frontmatter mapping (None if there is none), the index of the first line
    after it, and the line of its ``motion:`` key (or its first line)."""
    first = next((k for k, line in enumerate(lines) if line.strip()), None)
    if first is None or not _FRONTMATTER.fullmatch(lines[first]):
        return None, 0, 1
    close = next(
        (k for k in range(first + 1, len(lines)) if _FRONTMATTER.fullmatch(lines[k])), None
    )
    if close is None:
        raise ParseError("'===' closing the frontmatter", "end of file", first + 1, 1, path)
    body = "\n".join(lines[first + 1 : close])
    offset = sum(len(line) + 1 for line in lines[: first + 1])
    where = _Where("\n".join(lines))
    value = _load_yaml(body, offset, where, "YAML in the frontmatter", path)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ParseError(
            "a YAML mapping ('key: value' lines) in the frontmatter",
            f"a YAML {type(value).__name__}",
            first + 2,
            1,
            path,
        )
    motion_line = next(
        (k + 1 for k in range(first + 1, close) if re.match(r"motion[ \t]*:", lines[k])),
        first + 1,
    )
    return value, close + 1, motion_line


def read_argdown(text: str | bytes, path: str | None = None) -> Debate:
    """Read an Argdown document into a :class:`Debate` (see the module for the mapping).

    Raises :class:`ParseError` (line, column, what was expected) for undecodable
    bytes, an unclosed frontmatter, comment, title or inference rule, frontmatter
    or ``{...}`` data that is not valid YAML, a relation with no element above it to
    relate to, a relation symbol with nothing after it, an inference line outside a
    premise-conclusion structure, a structure without a conclusion, a ``motion:``
    naming no element, and a document with no statement at all.

    >>> d = read_argdown('''
    ... [Walk]: We should walk to work.
    ...   <+ <Health>: Walking is good for you. #health
    ...   <- <Rain>: It rains a lot.
    ...     <_ <Umbrellas>: Umbrellas exist.
    ... ''')
    >>> d.motion.title, [s.title for s in d.side("support")], [s.title for s in d.side("attack")]
    ('Walk', ['Health'], ['Rain'])
    >>> d.statement("health").tags
    ('health',)
    >>> [(r.source, r.target) for r in d.relations if r.kind == "undercut"]
    [('umbrellas', 'rain->walk')]
    """
    lines = split_lines(decode_source(text, path))
    frontmatter, body_start, motion_line = _frontmatter(lines, path)
    body = [""] * body_start + lines[body_start:]
    scanned = _scan("\n".join(body), path)
    reader = _Reader(path)
    last = max((k for k, line in enumerate(scanned) if not line.empty), default=-1)
    block: list[_Line] = []
    for k, line in enumerate(scanned):
        if line.separator:
            if block:
                reader.block(block, "an empty line" if k < last else "end of file")
                block = []
        elif not line.empty or line.data:
            block.append(line)
    if block:
        reader.block(block, "end of file")
    return reader.finish(frontmatter, motion_line, len(lines))


# --- writing ---------------------------------------------------------------------------

_PROTECTED = re.compile(r"\[[^\]\\\n]+\]\([^)\\\n\[]+\)|@\[[^\]\\\n]+\](?!\()|@<[^>\\\n]+>")
_RISKY_START = re.compile(r"[-+_<>*=]|\(\d|\d+\.")
_WIDTH = 80


# A Markdown emphasis that Argdown's lexer surely closes again: no marker inside, a
# letter or digit just inside each marker, and a space, punctuation or the end after it.
_EMPHASIS = re.compile(r"(?<![\\*_])(\*\*|__|\*|_)(?=[^\W_])[^*_]*?(?<=[^\W_])\1(?=[ ).,!?;]|$)")
_ESCAPED = set("\\#{[<*_")


def _text_atoms(text: str) -> list[str]:
    """The words of ``text`` escaped for Argdown.

    Backslashes go before what the reader or Argdown would take for syntax: tags,
    titles, YAML data, comments, a frontmatter's ``===`` and any ``*`` or ``_`` that is
    not part of a closed emphasis. Links, mentions and emphasis stay as written.
    """
    text = _normal(text)
    keep = [False] * len(text)
    for m in _PROTECTED.finditer(text):
        keep[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in _EMPHASIS.finditer(text):
        if not any(keep[m.start() : m.end()]):
            width = len(m.group(1))
            keep[m.start() : m.start() + width] = [True] * width
            keep[m.end() - width : m.end()] = [True] * width
    equals = {k for m in re.finditer("={3,}", text) for k in range(m.start(), m.end())}
    atoms: list[str] = []
    word: list[str] = []
    for k, c in enumerate(text):
        if c == " " and not keep[k]:
            atoms.append("".join(word))
            word = []
        elif keep[k]:
            word.append(c)
        elif c in _ESCAPED or k in equals or (c == "/" and text[k + 1 : k + 2] in ("/", "*")):
            word.append("\\" + c)
        else:
            word.append(c)
    atoms.append("".join(word))
    return [a for a in atoms if a]


def _tag_atom(tag: str) -> str | None:
    """``#tag`` or ``#(tag text)``; None for a tag that cannot be written."""
    if tag != _normal(tag):
        return None
    if _PLAIN_TAG.fullmatch(tag):
        return "#" + tag
    if tag and not re.search(r"[()\[\]<>{}\\]|//|/\*", tag):
        return f"#({tag})"
    return None


def _quote(value: str) -> str:
    """A YAML double-quoted scalar on one line."""
    out = ['"']
    for c in value:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif c in "{}=":  # Argdown's lexer ends YAML data at a '} x' and frontmatter at '='
            out.append(f"\\x{code:02x}")
        elif (
            0x20 <= code <= 0x7E
            or 0xA0 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or code >= 0x10000
        ) and c not in "\u2028\u2029":
            out.append(c)
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "".join([*out, '"'])


def _head(bracket: str, title: str) -> str:
    close = "]" if bracket == "[" else ">"
    escaped = re.sub(r"([\\" + re.escape(close) + "])", r"\\\1", title)
    if bracket == "<" and escaped[:1] in ("+", "-", "_", "!"):
        escaped = "\\" + escaped
    return bracket + escaped + close


@dataclass
class _Plan:
    """What the writer writes for each statement, and what it cannot write."""

    brackets: dict[str, str]
    titles: dict[str, str]
    children: dict[str, list[tuple[str, str]]]
    renamed: int = 0
    untitled: int = 0
    lost_undercuts: int = 0
    lost_tags: int = 0


def _plan(debate: Debate) -> _Plan:
    motion = debate.motion
    ordered = [motion, *(s for s in debate.statements if s is not motion)]
    brackets = {s.id: "<" if s.kind == "argument" else "[" for s in ordered}
    plan = _Plan(brackets, {}, defaultdict(list))
    wanted: dict[str, str] = {}
    for s in ordered:
        title = _normal(s.title)
        if not title:
            plan.untitled += 1
            title = _title_from(_normal(s.text))
        wanted[s.id] = title
    used = {(brackets[i], t) for i, t in wanted.items()}
    taken: set[tuple[str, str]] = set()
    counts: dict[tuple[str, str], int] = defaultdict(lambda: 2)
    for s in ordered:
        key = (brackets[s.id], wanted[s.id])
        title = wanted[s.id]
        if key in taken:
            plan.renamed += 1
            while (key[0], f"{title} ({counts[key]})") in used:
                counts[key] += 1
            title = f"{title} ({counts[key]})"
            used.add((key[0], title))
        taken.add((key[0], title))
        plan.titles[s.id] = title
    outgoing: dict[str, int] = defaultdict(int)
    for r in debate.relations:
        if r.kind in ("support", "attack"):
            plan.children[r.target].append(("<+" if r.kind == "support" else "<-", r.source))
            outgoing[r.source] += 1
    by_id = {r.id: r for r in debate.relations if r.id}
    for r in debate.relations:
        if r.kind == "undercut":
            aim = by_id.get(r.target)
            if aim is None or aim.kind not in ("support", "attack"):
                plan.lost_undercuts += 1
                continue
            if outgoing[aim.source] != 1:
                plan.lost_undercuts += 1
            plan.children[aim.source].append(("<_", r.source))
    for s in debate.statements:
        plan.lost_tags += sum(1 for t in s.tags if _tag_atom(t) is None)
        plan.lost_tags += len(s.tags) - len(set(s.tags))
    return plan


def _wrap(first: str, atoms: list[str], indent: str) -> list[str]:
    """Greedy wrapping; no continuation line starts with what reads as syntax."""
    lines, current, placed = [], first, False
    for atom in atoms:
        if placed and len(current) + 1 + len(atom) > _WIDTH and not _RISKY_START.match(atom):
            lines.append(current)
            current = indent + atom
        else:
            current += " " + atom
        placed = True
    return [*lines, current]


def _frontmatter_for(debate: Debate) -> tuple[dict[Any, Any] | None, list[str]]:
    """The frontmatter to write, and what of it is lost."""
    lost: list[str] = []
    raw = debate.extras.get("argdown")
    others = sorted(k for k in debate.extras if k != "argdown")
    if others:
        lost.append("format extras of " + ", ".join(repr(k) for k in others))
    fm: dict[Any, Any] = {}
    if isinstance(raw, dict):
        fm = dict(raw)
    elif raw is not None:
        lost.append("the Argdown extras, which are no mapping")
    fields = {key: getattr(debate.source, key) for key in _MAPPED_KEYS}
    fields["description"] = debate.description
    conflicts = []
    for key, value in fields.items():
        if value and _mapped(fm.get(key)) != value:
            if key in fm:
                conflicts.append(key)
            fm[key] = value
    if debate.tags:
        if "tags" in fm and fm["tags"] != list(debate.tags):
            conflicts.append("tags")
        fm["tags"] = list(debate.tags)
    if conflicts:
        lost.append("frontmatter " + ", ".join(conflicts) + " (replaced by the debate's)")
    return (fm if fm or isinstance(raw, dict) else None), lost


class _Dumper(yaml.SafeDumper):
    """YAML with every '=' inside a double-quoted string: Argdown's frontmatter can have none."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        style = '"' if "=" in data else None
        return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _Dumper.represent_str)


def _dump_frontmatter(fm: dict[Any, Any]) -> list[str] | None:
    if not fm:
        return []
    try:
        dumped = yaml.dump(
            fm, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False
        )
    except Exception:  # objects YAML cannot represent
        return None
    if "=" in dumped:  # all inside double-quoted strings, unless YAML chose another form
        escaped = dumped.replace("=", "\\x3d")
        try:
            if yaml.safe_load(escaped) == yaml.safe_load(dumped):
                dumped = escaped
        except yaml.YAMLError:
            pass
    lines = dumped.rstrip("\n").split("\n")
    if any(_FRONTMATTER.fullmatch(line) for line in split_lines(dumped)):
        return None
    return lines


def write_argdown(debate: Debate) -> str:
    """Render ``debate`` as Argdown that :func:`read_argdown` reads back.

    The motion comes first (``[Title]: text``) with its supporters and attackers
    nested below it (``<+``, ``<-``, ``<_``); statements outside that tree follow as
    top-level blocks. Tags follow the text, sources are written as YAML data
    ``{sources: [...]}``, and the extras, source, description and tags of the debate
    go into the frontmatter (with a ``motion:`` key where a ``title:`` or an old
    ``motion:`` would name another statement). See :func:`unrepresentable_in_argdown`.
    """
    plan = _plan(debate)
    by_id = {s.id: s for s in debate.statements}
    motion = debate.motion
    out: list[str] = []
    fm, _ = _frontmatter_for(debate)
    if fm is not None:
        motion_title = plan.titles[motion.id]
        title = fm.get("title")
        if "motion" in fm or (
            isinstance(title, str)
            and _normal(title) != motion_title
            and any(plan.brackets[i] == "[" and t == _normal(title) for i, t in plan.titles.items())
        ):
            fm["motion"] = motion_title
        dumped = _dump_frontmatter(fm)
        if dumped is not None:
            out += ["===", *dumped, "===", ""]

    def head(sid: str) -> str:
        return _head(plan.brackets[sid], plan.titles[sid])

    def define(sid: str, indent: str, symbol: str) -> list[str]:
        s = by_id[sid]
        prefix = indent + (symbol + " " if symbol else "")
        first = prefix + head(sid)
        atoms = _text_atoms(s.text)
        if atoms:
            first += ":"
        atoms += [a for a in (_tag_atom(t) for t in s.tags) if a]
        if s.sources:
            atoms.append("{sources: [" + ", ".join(_quote(x) for x in s.sources) + "]}")
        return _wrap(first, atoms, indent + " " * (len(symbol) + 1 if symbol else 0))

    defined: set[str] = set()

    def block(root: str) -> None:
        stack: list[tuple[str, int, str]] = [(root, 0, "")]
        while stack:
            sid, depth, symbol = stack.pop()
            indent = "    " * depth
            if sid in defined:
                out.append(indent + (symbol + " " if symbol else "") + head(sid))
                continue
            defined.add(sid)
            out.extend(define(sid, indent, symbol))
            for child_symbol, child in reversed(plan.children[sid]):
                stack.append((child, depth + 1, child_symbol))

    block(motion.id)
    for s in debate.statements:
        if s.id not in defined:
            out.append("")
            block(s.id)
    return "\n".join(out) + "\n"


def unrepresentable_in_argdown(debate: Debate) -> list[str]:
    """What :func:`write_argdown` cannot carry, one line each (empty: nothing is lost)."""
    plan = _plan(debate)
    lost: list[str] = []
    if any(s.weight != 0.5 for s in debate.statements):
        lost.append("statement weights")
    if any(
        r.weight != 1.0 or r.origin != "author" or r.confidence is not None
        for r in debate.relations
    ):
        lost.append("relation weights, origins and confidences")
    if debate.votes:
        lost.append(f"{len(debate.votes)} votes")
    others = sum(1 for r in debate.relations if r.kind in ("rephrase", "preference"))
    if others:
        lost.append(f"{others} rephrase and preference relations")
    if plan.lost_undercuts:
        lost.append(
            f"{plan.lost_undercuts} undercuts of relations that are not the only support or "
            "attack from their source (read back as attacks, or lost)"
        )
    evidence = sum(1 for s in debate.statements if s.kind == "evidence")
    if evidence:
        lost.append(f"{evidence} evidence statements (read back as premises)")
    if plan.untitled:
        lost.append(f"{plan.untitled} empty titles (made from the text)")
    if plan.renamed:
        lost.append(f"{plan.renamed} duplicate titles (numbered to tell them apart)")
    spaced = sum(
        1 for s in debate.statements if s.title.strip() and _normal(s.title) != s.title
    ) + sum(1 for s in debate.statements if _normal(s.text) != s.text)
    if spaced:
        lost.append(f"{spaced} titles and texts with line breaks or extra spaces (normalised)")
    if plan.lost_tags:
        lost.append(f"{plan.lost_tags} tags that Argdown cannot write (empty, brackets, spacing)")
    if debate.source.kind:
        lost.append("the source's kind")
    fm, fm_lost = _frontmatter_for(debate)
    lost += fm_lost
    if fm is not None and _dump_frontmatter(fm) is None:
        lost.append("the frontmatter, which YAML cannot write")
    return lost
