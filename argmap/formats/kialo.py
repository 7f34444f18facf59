"""Kialo's text export: a discussion as numbered claims, each a pro or a con of its parent.

Kialo has exported discussions in two layouts, and :func:`read_kialo` reads both::

    Discussion Title: Should zoos exist?          Discussion Name:
                                                  Should zoos exist?
    1. Zoos should exist.
    1.1. Pro: They save species.                  1. Thesis:
    1.1.1. Con: -> See 1.2.                       Zoos should exist.
    1.2. Con: Cages are cruel.
                                                    1.1. Pro:
                                                    They save species. [1]

                                                  Sources:
                                                  [1] https://example.org/species

A claim's id is a dotted number; its parent is the id without its last part, and
``Pro``/``Con`` say whether it supports or attacks that parent (not the thesis).
:func:`write_kialo` writes the newer layout.

Conventions (what a reader of the resulting :class:`~argmap.model.Debate` can rely on):

- **Ids.** A statement's id is its Kialo id (``"1.1.2"``); the thesis is ``"1"`` and the
  motion. The writer keeps an id that still fits where the statement is written and
  numbers the rest afresh, so ids from other formats become Kialo ids.
- **Discussion name.** The ``Discussion Title``/``Discussion Name`` is the debate's
  ``source.title`` (and, slugified, its ``id``); the writer writes ``source.title`` (the
  motion's title when that is empty).
- **Titles.** Kialo claims have only text. The thesis's first line is the motion's title,
  however long, and any further lines its ``text``. For other claims: a claim of one line
  of at most :data:`TITLE_LIMIT` characters is the title (``text`` empty); a claim of
  several lines whose first line fits is titled by that line, the rest being ``text``;
  any other claim keeps its whole text in ``text`` and is titled by its first sentence
  (cut at a word, ``…`` appended, when even that is too long). The writer inverts this
  exactly: it writes the title alone, the text alone (when the title is the one the
  reader would make from it) or the title as the claim's first line above the text.
- **Footnotes.** ``[n]`` markers that name an entry of the ``Sources:`` list are removed
  from the text (with the spaces before them) and the entries they name become the
  statement's ``sources``, in order of first citation; markers naming no entry stay in
  the text. The writer numbers distinct sources in the order it writes them and puts a
  claim's markers at the end of its last line, so reading, writing and reading again
  gives the same debate.
- **Links.** A claim whose text starts ``-> See 1.3.3`` is the claim ``1.3.3`` placed
  under a second parent: no statement of its own, a second relation (its ``Pro``/``Con``
  to that parent) from ``1.3.3``. Later ids may be named. Claims under such a link hang
  from the linked claim.
- **Lines.** Each text line is stripped; blank lines inside a claim are kept, blank
  lines around it dropped. The writer puts a backslash before a text line that would
  read as structure (one starting with a digit, ``->`` or a backslash, or ``Sources:``)
  and the reader drops it. Indentation is written (two spaces a level) but never needed.
- **Spans** run from a claim's id line to its last line of text.

:func:`unrepresentable_in_kialo` lists what the writer cannot keep.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from argmap.errors import ParseError, ValidationError
from argmap.formats.source_text import decode_source, slugify, split_lines
from argmap.model import Debate, Relation, RelationKind, Source, Span, Statement

__all__ = [
    "TITLE_LIMIT",
    "looks_like_kialo",
    "read_kialo",
    "unrepresentable_in_kialo",
    "write_kialo",
]

ORIGIN = "kialo"
TITLE_LIMIT = 100
"""The longest one-line claim that is read as a title alone."""

_OLDER, _NEWER = "Discussion Title:", "Discussion Name:"
_KINDS: dict[str, RelationKind] = {"pro": "support", "con": "attack"}
_LABELS: dict[str, str] = {"support": "Pro", "attack": "Con"}
_PLACEHOLDER = "(no text)"

_ID = r"[0-9]+(?:\.[0-9]+)*"
# On a stripped line: the id, its period, a label and, in the older layout, the text.
_ID_LINE = re.compile(rf"^({_ID})\.[ \t]+(thesis|pro|con)[ \t]*:[ \t]*(.*)$", re.IGNORECASE)
_OLDER_THESIS = re.compile(r"^1\.(?:[ \t]+(.*))?$")
# Lines meant as id lines that _ID_LINE does not accept.
_ID_LIKE = re.compile(
    r"^[0-9]+(?:\.[0-9]*)*\.?[ \t]*(?:thesis|pro|con)\b"
    r"|^[0-9]+(?:\.[0-9]+)+\.(?:[ \t]|$)"
    r"|^[0-9]+(?:\.[0-9]+)*\.?$"
    r"|^[0-9]+(?:\.[0-9]+)*\.[ \t]*[^\W\d_]+[ \t]*:[ \t]*$",
    re.IGNORECASE,
)
_SEE = re.compile(r"^->[ \t]*see\b", re.IGNORECASE)
_SEE_ID = re.compile(rf"^->[ \t]*see[ \t]+({_ID})", re.IGNORECASE)
_MARKER = re.compile(r"[ \t]*\[([0-9]+)\]")
_ENTRY = re.compile(r"^\[([0-9]+)\][ \t]+(.+)$")
_NEEDS_ESCAPE = re.compile(r"^(?:[0-9\\]|->|Sources:$)")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def looks_like_kialo(head: str) -> bool:
    """Whether ``head`` (the start of a file) begins with a Kialo export header.

    >>> looks_like_kialo("\\ufeff\\n\\nDiscussion Name:\\nZoos"), looks_like_kialo("Zoos")
    (True, False)
    """
    for line in split_lines(head.removeprefix("\ufeff")):
        if line.strip():
            return line.lstrip().startswith((_OLDER, _NEWER))
    return False


# --- reading ----------------------------------------------------------------------------


@dataclass
class _Claim:
    """A claim as read: its id line and its text lines (stripped, still escaped)."""

    id: str
    label: str  # "thesis", "pro" or "con"
    line: int
    column: int  # where the id starts
    end_column: int  # just past the id line, where a missing text is reported
    parts: list[tuple[int, int, str]] = field(default_factory=list)  # (line, column, text)


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…") if text else "end of line"


def _end_line(lines: list[str]) -> int:
    return len(lines) + (0 if lines and lines[-1] == "" else 1)


def _column(raw: str) -> int:
    return len(raw) - len(raw.lstrip()) + 1


def _number(digits: str) -> str:
    """A footnote number as a key: ``[01]`` is ``[1]`` (no ``int``: any length is fine)."""
    return digits.lstrip("0") or "0"


def _read_header(lines: list[str], path: str | None) -> tuple[bool, str, int]:
    """(newer layout?, the discussion's name, index of the first line after the header)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines):
        raise ParseError(
            f"a {_OLDER!r} or {_NEWER!r} header", "end of file", _end_line(lines), 1, path
        )
    raw = lines[i]
    line = raw.strip()
    for header in (_OLDER, _NEWER):
        if line.startswith(header):
            name = line[len(header) :].strip()
            if name:
                return header == _NEWER, name, i + 1
            if header == _OLDER:
                raise ParseError(
                    f"the discussion's title after {_OLDER!r}",
                    "end of line",
                    i + 1,
                    len(raw.rstrip()) + 1,
                    path,
                )
            if i + 1 < len(lines) and lines[i + 1].strip():
                return True, lines[i + 1].strip(), i + 2
            found = "a blank line" if i + 1 < len(lines) else "end of file"
            raise ParseError(
                f"the discussion's name on the line after {_NEWER!r}", found, i + 2, 1, path
            )
    raise ParseError(f"a {_OLDER!r} or {_NEWER!r} header", _show(line), i + 1, _column(raw), path)


def _sources_line(lines: list[str], start: int) -> int:
    """Index of the last ``Sources:`` line (``len(lines)`` if there is none)."""
    for k in range(len(lines) - 1, start - 1, -1):
        if lines[k].strip() == "Sources:":
            return k
    return len(lines)


def _malformed(line: str, number: int, column: int, path: str | None) -> ParseError:
    """The error for a line meant as an id line that is not one (``line`` stripped)."""
    ident = re.match(r"[0-9]+(?:\.[0-9]+)*", line)
    digits = ident.group() if ident else ""
    rest = line[len(digits) :]
    at = column + len(digits)
    if not rest.startswith("."):
        return ParseError(f"'.' after the id {digits}", _show(rest), number, at, path)
    after = rest[1:]
    label = after.lstrip(" \t")
    at += 1 + len(after) - len(label)
    if after and after[0] not in " \t":
        return ParseError(f"a space after '{digits}.'", _show(after), number, at, path)
    word = re.match(r"[^\s:]*", label)
    word_text = word.group() if word else ""
    if word_text.lower() not in ("thesis", "pro", "con"):
        return ParseError(
            f"'Thesis:', 'Pro:' or 'Con:' after '{digits}.'", _show(label), number, at, path
        )
    return ParseError(
        f"':' after {word_text!r}",
        _show(label[len(word_text) :].lstrip(" \t")),
        number,
        at + len(word_text),
        path,
    )


def _read_claims(
    lines: list[str], start: int, end: int, newer: bool, path: str | None
) -> list[_Claim]:
    claims: list[_Claim] = []
    seen: dict[str, int] = {}
    current: _Claim | None = None
    for index in range(start, end):
        raw = lines[index]
        number = index + 1
        line = raw.strip()
        if not line:
            if current is not None:
                current.parts.append((number, 1, ""))
            continue
        column = _column(raw)
        labelled = _ID_LINE.match(line)
        thesis = None if newer or claims else _OLDER_THESIS.match(line)
        if labelled:
            ident, label, rest = labelled.group(1), labelled.group(2), labelled.group(3)
            rest_column = column + labelled.start(3)
            _check_id(ident, label, number, column, column + labelled.start(2), seen, path)
            label = label.lower()
        elif thesis:
            ident, label, rest = "1", "thesis", thesis.group(1) or ""
            rest_column = column + (thesis.start(1) if thesis.group(1) is not None else len(line))
        elif _ID_LIKE.match(line):
            raise _malformed(line, number, column, path)
        elif current is None:
            want = "'1. Thesis:'" if newer else "'1. <the thesis>'"
            raise ParseError(f"the thesis line {want}", _show(line), number, column, path)
        else:
            current.parts.append((number, column, line))
            continue
        seen[ident] = number
        current = _Claim(ident, label, number, column, len(raw.rstrip()) + 1)
        if rest.strip():
            current.parts.append((number, rest_column, rest.strip()))
        claims.append(current)
    return claims


def _check_id(
    ident: str,
    label: str,
    number: int,
    column: int,
    label_column: int,
    seen: dict[str, int],
    path: str | None,
) -> None:
    if "." not in ident and ident != "1":
        raise ParseError(
            "an id under the thesis 1, like '1.2.'", f"'{ident}.'", number, column, path
        )
    if ident == "1" and label.lower() != "thesis":
        raise ParseError("'Thesis:' after '1.'", f"'{label}:'", number, label_column, path)
    if ident != "1" and label.lower() == "thesis":
        raise ParseError(
            f"'Pro:' or 'Con:' after '{ident}.'", f"'{label}:'", number, label_column, path
        )
    if ident in seen:
        raise ParseError(
            "an id not used before",
            f"'{ident}', already used on line {seen[ident]}",
            number,
            column,
            path,
        )


def _read_sources(lines: list[str], at: int, path: str | None) -> dict[str, str]:
    """The ``Sources:`` list after line index ``at``: footnote number to entry."""
    entries: dict[str, tuple[str, int]] = {}
    for index in range(at + 1, len(lines)):
        raw = lines[index]
        line = raw.strip()
        if not line:
            continue
        entry = _ENTRY.match(line)
        value = entry.group(2).strip() if entry else ""
        if entry is None or not value:
            raise ParseError(
                "a source entry like '[1] https://example.org' or '[1] Author, Title'",
                _show(line),
                index + 1,
                _column(raw),
                path,
            )
        key = _number(entry.group(1))
        if key in entries:
            raise ParseError(
                "a source number not used before",
                f"[{entry.group(1)}], already used on line {entries[key][1]}",
                index + 1,
                _column(raw),
                path,
            )
        entries[key] = (value, index + 1)
    return {key: value for key, (value, _) in entries.items()}


def _trim(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start]:
        start += 1
    while end > start and not lines[end - 1]:
        end -= 1
    return lines[start:end]


def _unescape(line: str) -> str:
    return line[1:].strip() if line.startswith("\\") else line


def _claim_text(parts: list[str], sources: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """A claim's text from its lines, and the sources its footnote markers name."""
    text = "\n".join(_trim([_unescape(p) for p in parts]))
    cited: list[str] = []
    if sources:

        def cite(marker: re.Match[str]) -> str:
            key = _number(marker.group(1))
            if key not in sources:
                return marker.group(0)
            if sources[key] not in cited:
                cited.append(sources[key])
            return ""

        text = _MARKER.sub(cite, text)
        text = "\n".join(_trim([line.strip() for line in text.split("\n")]))
    return text, tuple(cited)


def _short_title(text: str) -> str:
    """A title of at most :data:`TITLE_LIMIT` characters: the text's first sentence."""
    first = text.split("\n", 1)[0].strip()
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip() or first
    if len(sentence) <= TITLE_LIMIT:
        return sentence
    cut = sentence[: TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:\u2013\u2014 ")
    return (cut or sentence[: TITLE_LIMIT - 1]) + "…"


def _split(text: str, motion: bool) -> tuple[str, str]:
    """(title, text) of a claim's whole text: see the module's conventions."""
    first, newline, rest = text.partition("\n")
    if motion or (newline and len(first) <= TITLE_LIMIT):
        return first, rest
    if not newline and len(text) <= TITLE_LIMIT:
        return text, ""
    return _short_title(text), text


def _join(title: str, text: str, motion: bool) -> str:
    """The claim text that :func:`_split` reads back as ``(title, text)`` where it can."""
    if not text:
        return title
    if not motion and _split(text, motion) == (title, text):
        return text
    return f"{title}\n{text}"


def read_kialo(text: str | bytes, path: str | None = None) -> Debate:
    """Read a Kialo text export (either layout) into a :class:`Debate`.

    The thesis is the motion; each other claim supports (``Pro:``) or attacks
    (``Con:``) its parent claim; ``-> See X`` links claim ``X`` under a second parent.
    See the module's docstring for titles, footnotes and ids.

    Raises :class:`ParseError` (line, column, what was expected) for undecodable
    bytes, a missing header or name, text before the thesis, a malformed id line, an
    id that is not under the thesis or is used twice, an id whose parent does not
    exist, a claim without text, a ``-> See`` without an id, to an unknown id, to
    the claim's own parent or round a loop, a claim placed twice under the same
    parent, and a malformed or repeated ``Sources:`` entry.

    >>> d = read_kialo(
    ...     "Discussion Title: Pets\\n\\n1. Cats beat dogs.\\n1.1. Pro: Cats need no walks.\\n"
    ...     "1.1.1. Con: Walks do owners good.\\n1.2. Con: -> See 1.1.1.\\n"
    ... )
    >>> d.source.title, d.motion.title, [s.id for s in d.statements]
    ('Pets', 'Cats beat dogs.', ['1', '1.1', '1.1.1'])
    >>> [(r.source, r.kind, r.target) for r in d.relations]
    [('1.1', 'support', '1'), ('1.1.1', 'attack', '1.1'), ('1.1.1', 'attack', '1')]
    """
    lines = split_lines(decode_source(text, path))
    newer, name, start = _read_header(lines, path)
    sources_at = _sources_line(lines, start)
    claims = _read_claims(lines, start, sources_at, newer, path)
    sources = _read_sources(lines, sources_at, path) if sources_at < len(lines) else {}
    if not claims:
        found = "'Sources:'" if sources_at < len(lines) else "end of file"
        line = sources_at + 1 if sources_at < len(lines) else _end_line(lines)
        want = "'1. Thesis:'" if newer else "'1. <the thesis>'"
        raise ParseError(f"the thesis line {want}", found, line, 1, path)
    return _build(claims, sources, name, path)


def _build(claims: list[_Claim], sources: dict[str, str], name: str, path: str | None) -> Debate:
    by_id = {c.id: c for c in claims}
    links: dict[str, tuple[str, int, int]] = {}  # a link's id -> (named id, line, column)
    statements: list[Statement] = []
    for c in claims:
        parts = c.parts
        while parts and not parts[-1][2]:
            parts = parts[:-1]
        while parts and not parts[0][2]:
            parts = parts[1:]
        if parts and _SEE.match(parts[0][2]):
            link = _SEE_ID.match(parts[0][2])
            line, column = parts[0][0], parts[0][1]
            if link is None:
                raise ParseError(
                    "a claim id after '-> See', like '-> See 1.2.'",
                    _show(parts[0][2]),
                    line,
                    column,
                    path,
                )
            if c.id == "1":
                raise ParseError("the thesis's own text", "a '-> See' link", line, column, path)
            links[c.id] = (link.group(1), line, column + link.start(1))
            continue
        text, cited = _claim_text([p[2] for p in parts], sources)
        if not text:
            raise ParseError(f"the text of claim {c.id}", "nothing", c.line, c.end_column, path)
        title, body = _split(text, c.id == "1")
        statements.append(
            Statement(
                id=c.id,
                title=title,
                text=body,
                kind="motion" if c.id == "1" else "argument",
                span=Span(c.line, parts[-1][0]),
                origin=ORIGIN,
                sources=cited,
            )
        )

    def resolve(ident: str) -> str:
        seen: set[str] = set()
        while ident in links:
            named, line, column = links[ident]
            if ident in seen:
                raise ParseError(
                    "'-> See' links that end at a claim",
                    "a loop of '-> See' links",
                    line,
                    column,
                    path,
                )
            seen.add(ident)
            if named not in by_id:
                raise ParseError(
                    "the id of a claim in this discussion after '-> See'",
                    f"{named!r}, which no claim has",
                    line,
                    column,
                    path,
                )
            ident = named
        return ident

    relations: list[Relation] = []
    pairs: set[tuple[str, str]] = set()
    for c in claims:
        if c.id == "1":
            continue
        parent = c.id.rsplit(".", 1)[0]
        if parent not in by_id:
            raise ParseError(
                f"a claim {parent} above {c.id}",
                f"no claim with the id {parent}",
                c.line,
                c.column,
                path,
            )
        line, column = links[c.id][1:] if c.id in links else (c.line, c.column)
        target, source = resolve(parent), resolve(c.id)
        if source == target:
            raise ParseError(
                "a claim under a claim other than itself",
                f"{source} placed under itself",
                line,
                column,
                path,
            )
        if (source, target) in pairs:
            raise ParseError(
                f"each claim at most once under {target}",
                f"{source} under {target} a second time",
                line,
                column,
                path,
            )
        pairs.add((source, target))
        relations.append(Relation(source, target, _KINDS[c.label], origin="author"))
    try:
        return Debate(
            id=slugify(name),
            statements=tuple(statements),
            relations=tuple(relations),
            source=Source(title=name),
        )
    except ValidationError as e:  # not expected: the checks above come first
        where = by_id.get(e.statement_id or "")
        raise ParseError("a valid debate", e.message, where.line if where else 1, 1, path) from None


# --- writing ----------------------------------------------------------------------------


@dataclass
class _Entry:
    """One claim as written: a statement, or a link to one under a second parent."""

    kialo_id: str
    label: str
    statement: Statement
    link: bool


def _natural_edges(debate: Debate, motion: str) -> dict[str, int]:
    """Statements that Kialo ids place: the relation to the parent their id names.

    A statement ``1.2.3`` with a support or attack on ``1.2``, whose chain of such
    relations ends at the motion, is written under ``1.2`` whatever else it relates
    to, so that a debate read from Kialo is written back with its links where they were.
    """
    edge: dict[str, tuple[int, str]] = {}
    for k, r in enumerate(debate.relations):
        if r.kind in _LABELS and r.source not in edge and r.source.rpartition(".")[0] == r.target:
            edge[r.source] = (k, r.target)
    rooted: dict[str, bool] = {motion: True}
    for start in edge:
        chain: list[str] = []
        node = start
        while node not in rooted and node in edge:
            chain.append(node)
            node = edge[node][1]  # ids shorten along the chain: no loops
        ok = rooted.get(node, False)
        rooted.update(dict.fromkeys(chain, ok))
    return {s: k for s, (k, _) in edge.items() if rooted[s] and s != motion}


def _plan(debate: Debate) -> tuple[list[_Entry], dict[str, str], set[int]]:
    """The claims in writing order, each placed statement's Kialo id, the relations used.

    Each statement reachable from the motion by support and attack is written once:
    under the parent its Kialo id names when there is one (see :func:`_natural_edges`),
    else under the first parent that reaches it breadth first. Every further support or
    attack between two written statements is a ``-> See`` link under its target.
    """
    by_id = {s.id: s for s in debate.statements}
    into: dict[str, list[tuple[int, Relation]]] = defaultdict(list)
    for k, r in enumerate(debate.relations):
        if r.kind in _LABELS:
            into[r.target].append((k, r))
    motion = debate.motion.id
    natural = _natural_edges(debate, motion)
    placed, frontier = {motion}, [motion]
    tree: set[int] = set()
    while frontier:
        following: list[str] = []
        for target in frontier:
            for k, r in into[target]:
                if r.source not in placed and natural.get(r.source, k) == k:
                    placed.add(r.source)
                    tree.add(k)
                    following.append(r.source)
        frontier = following
    used = {k for target in placed for k, r in into[target] if r.source in placed}
    entries: list[_Entry] = []
    kialo_ids = {motion: "1"}
    stack = [_Entry("1", "Thesis", by_id[motion], False)]
    while stack:
        entry = stack.pop()
        entries.append(entry)
        if entry.link:
            continue
        parent = entry.kialo_id
        items = [(k, r) for k, r in into[entry.statement.id] if r.source in placed]
        own = re.compile(re.escape(parent) + r"\.[0-9]+")
        taken: set[str] = set()
        ids: dict[int, str] = {}
        for k, r in items:  # keep ids that still fit here
            if k in tree and own.fullmatch(r.source) and r.source not in taken:
                ids[k] = r.source
                taken.add(r.source)
        n = 0
        for k, _ in items:
            if k not in ids:
                n += 1
                while f"{parent}.{n}" in taken:
                    n += 1
                ids[k] = f"{parent}.{n}"
        children = []
        for k, r in items:
            if k in tree:
                kialo_ids[r.source] = ids[k]
            children.append(_Entry(ids[k], _LABELS[r.kind], by_id[r.source], k not in tree))
        stack.extend(reversed(children))
    return entries, kialo_ids, used


def _one_line(text: str) -> str:
    return " ".join(split_lines(text)).strip()


def _name(debate: Debate) -> str:
    return (
        _one_line(debate.source.title)
        or _one_line(debate.motion.title)
        or _one_line(debate.motion.text)
        or "Untitled discussion"
    )


def _claim_lines(title: str, text: str, motion: bool, footnotes: bool = False) -> list[str]:
    """The lines (stripped, unescaped) that the writer gives a statement."""
    lines = _trim([line.strip() for line in split_lines(_join(title, text, motion))])
    if footnotes and not _MARKER.sub("", "\n".join(lines)).strip():
        lines = []  # only markers: they would read as footnotes and leave no text
    return lines or [_PLACEHOLDER]


def _escape(line: str) -> str:
    return "\\" + line if _NEEDS_ESCAPE.match(line) else line


def _clean_sources(statement: Statement) -> list[str]:
    out: list[str] = []
    for source in statement.sources:
        value = _one_line(source)
        if value and value not in out:
            out.append(value)
    return out


def write_kialo(debate: Debate) -> str:
    """Render ``debate`` in Kialo's newer text layout, which :func:`read_kialo` reads back.

    Only what hangs from the motion by support and attack is written; a statement
    with several parents is written once, under the first, and linked with
    ``-> See X.`` under the others. :func:`unrepresentable_in_kialo` lists the rest.
    """
    entries, kialo_ids, _ = _plan(debate)
    numbers: dict[str, int] = {}
    for entry in entries:
        if not entry.link:
            for source in _clean_sources(entry.statement):
                numbers.setdefault(source, len(numbers) + 1)
    out = [_NEWER, _name(debate), ""]
    for entry in entries:
        pad = "  " * entry.kialo_id.count(".")
        out.append(f"{pad}{entry.kialo_id}. {entry.label}:")
        st = entry.statement
        if entry.link:
            out.append(f"{pad}-> See {kialo_ids[st.id]}.")
        else:
            motion = entry.kialo_id == "1"
            lines = [
                _escape(line) for line in _claim_lines(st.title, st.text, motion, bool(numbers))
            ]
            markers = [f"[{numbers[s]}]" for s in _clean_sources(st)]
            if markers:
                lines[-1] += " " + " ".join(markers)
            out.extend(pad + line if line else "" for line in lines)
        out.append("")
    if numbers:
        out.append("Sources:")
        out.extend(f"[{n}] {source}" for source, n in numbers.items())
    return "\n".join(out).rstrip("\n") + "\n"


def unrepresentable_in_kialo(debate: Debate) -> list[str]:
    """What :func:`write_kialo` cannot carry, one line each (empty: nothing is lost).

    Ids, spans and statement origins are not counted: the writer renumbers ids as
    Kialo ids and the reader sets spans and origins afresh.
    """
    entries, _, used = _plan(debate)
    written = [e.statement for e in entries if not e.link]
    placed = {s.id for s in written}
    lost: list[str] = []
    unplaced = len(debate.statements) - len(placed)
    if unplaced:
        lost.append(f"{unplaced} statements not connected to the motion by support or attack")
    others = sum(1 for r in debate.relations if r.kind not in _LABELS)
    if others:
        lost.append(f"{others} undercut, rephrase and preference relations")
    dangling = sum(1 for r in debate.relations if r.kind in _LABELS) - len(used)
    if dangling:
        lost.append(f"{dangling} support and attack relations away from the motion's tree")
    if any(s.kind not in ("motion", "argument") for s in debate.statements):
        lost.append("statement kinds other than argument (premise, evidence)")
    if any(s.weight != 0.5 for s in debate.statements):
        lost.append("statement weights")
    if any(
        r.weight != 1.0 or r.origin != "author" or r.confidence is not None
        for r in debate.relations
    ):
        lost.append("relation weights, origins and confidences")
    if debate.votes:
        lost.append(f"{len(debate.votes)} votes")
    if any(s.tags for s in debate.statements) or debate.tags:
        lost.append("statement and debate tags")
    if debate.description:
        lost.append("the description")
    if debate.extras:
        lost.append("format extras")
    src = debate.source
    if src.url or src.author or src.date or src.kind:
        lost.append("the source's url, author, date and kind")
    if _one_line(src.title) != src.title or not src.title:
        lost.append("the discussion name: the source title is empty or not one trimmed line")
    altered = sum(
        1
        for s in written
        if _split(
            "\n".join(_claim_lines(s.title, s.text, s.id == debate.motion.id)),
            s.id == debate.motion.id,
        )
        != (s.title, s.text)
    )
    if altered:
        lost.append(
            f"{altered} titles or texts that one Kialo claim text cannot hold exactly "
            "(empty, padded, long titles, titles over several lines)"
        )
    messy = sum(1 for s in written if tuple(_clean_sources(s)) != s.sources)
    if messy:
        lost.append(f"{messy} statements' sources that are empty, repeated or over several lines")
    if any(_clean_sources(s) for s in written) and any(
        re.search(r"\[[0-9]+\]", s.title + s.text) for s in written
    ):
        lost.append("'[n]' in titles or texts, which would read as footnote markers")
    return lost
