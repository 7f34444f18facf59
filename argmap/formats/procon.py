"""The "pro/con article": a motion, then arguments for it and against it, as people write it.

The form of a think-tank piece (a question, titled paragraphs, a ``Disagree`` line,
more paragraphs) and of the Markdown a class writes (``# Motion``, ``## Con``,
bullets nested under bullets). See :func:`read_procon` for every form accepted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from argmap.errors import ParseError
from argmap.formats.source_text import decode_source, slugify, split_lines
from argmap.model import Debate, Relation, RelationKind, Source, Span, Statement

__all__ = ["read_procon", "unrepresentable_in_procon", "write_procon"]

ORIGIN = "procon"

_PRO_WORDS = {"agree", "pro", "pros", "for", "yes", "in favour", "in favor", "arguments for"}
_CON_WORDS = {"disagree", "con", "cons", "against", "no", "arguments against"}
_LABEL_WORDS = {
    "article",
    "essay",
    "opinion",
    "op-ed",
    "editorial",
    "commentary",
    "analysis",
    "report",
    "debate",
    "blog post",
    "policy brief",
}
_MOTION_KEYS = {"motion", "question", "thesis", "resolution", "topic", "claim"}
_META_KEYS = {
    "source": "title",
    "from": "title",
    "publisher": "title",
    "kind": "kind",
    "author": "author",
    "by": "author",
    "date": "date",
    "url": "url",
    "link": "url",
    "tags": "tags",
}
_RELATION_PREFIXES: dict[str, RelationKind] = {
    "pro": "support",
    "con": "attack",
    "objection": "attack",
    "but": "attack",
}

_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BULLET = re.compile(r"^([ \t]*)([-*+•–—]|\d{1,3}[.)])[ \t]+(\S.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])[ \t]*(\1[ \t]*){2,}$")
_KEY_VALUE = re.compile(r"^([A-Za-z][A-Za-z ]{0,20}?)[ \t]*:[ \t]*(.*)$")
_PREFIX = re.compile(r"^(pro|con|objection|but)[ \t]*:[ \t]*", re.IGNORECASE)
_BOLD_TITLE = re.compile(r"^(\*\*|__)(.+?)\1[ \t]*([.:])?[ \t]*(.*)$", re.DOTALL)
_COLON_TITLE = re.compile(r"^([^:\n]{1,100}?):(?:[ \t]+(.*))?$", re.DOTALL)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")
_QUOTES = "\"'“”‘’«»"


@dataclass
class _Node:
    """An argument as it is being read: raw content lines and sub-arguments."""

    first_line: int
    indent: int = -1  # indentation of its bullet marker; -1 for paragraphs and headings
    heading: str | None = None
    paragraphs: list[list[str]] = field(default_factory=lambda: [[]])
    last_line: int = 0
    children: list[_Node] = field(default_factory=list)

    def add_line(self, content: str, number: int, new_paragraph: bool = False) -> None:
        if new_paragraph and self.paragraphs[-1]:
            self.paragraphs.append([])
        self.paragraphs[-1].append(content.strip())
        self.last_line = number

    def raw_text(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs if p)


@dataclass
class _Section:
    """The arguments under one side marker (or before any, for the implicit side)."""

    side: RelationKind | None
    marker: str
    line: int
    column: int
    nodes: list[_Node] = field(default_factory=list)


def _side_of(line: str, indented: bool = False) -> RelationKind | None:
    """``support``/``attack`` when ``line`` is a side marker, else None.

    An indented line is a marker only where ``indented`` allows it: inside a list,
    an indented ``No`` continues an item.
    """
    if not indented and line[:1] in " \t":
        return None
    word = line.strip()
    heading = _HEADING.match(line)
    if heading:
        word = heading.group(2)
    word = word.strip("*_ \t").removesuffix(":").strip("*_ \t").lower()
    if word in _PRO_WORDS:
        return "support"
    if word in _CON_WORDS:
        return "attack"
    return None


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


@dataclass
class _Header:
    motion: str | None = None
    motion_line: int = 0
    h1: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    description: list[str] = field(default_factory=list)

    def set_meta(self, key: str, value: str) -> None:
        name = _META_KEYS[key]
        if name == "tags":
            self.tags = tuple(t.strip().lstrip("#") for t in value.split(",") if t.strip())
        else:
            self.fields[name] = value.strip()


def _read_header(lines: list[str], path: str | None) -> tuple[_Header, int]:
    """Labels, metadata and the motion; returns them and the index where arguments start."""
    head = _Header()
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        number = i + 1
        if not line or _RULE.match(raw):
            i += 1
            continue
        if _side_of(raw, indented=True) is not None:
            if head.motion is None and head.h1 is None:
                raise ParseError(
                    "a motion (a '# Title' line, 'Motion: ...' or a plain first line) "
                    "before the first side marker",
                    f"the side marker {line!r}",
                    number,
                    len(raw) - len(raw.lstrip()) + 1,
                    path,
                )
            break
        if head.motion is not None and line.startswith(">"):
            head.description.append(line[1:].strip())
            i += 1
            continue
        kv = _KEY_VALUE.match(line)
        key = kv.group(1).strip().lower() if kv else ""
        if kv and key in _MOTION_KEYS and kv.group(2).strip():
            if head.motion is not None and head.h1 is None:
                break  # a second motion line is body text, not a header
            head.motion, head.motion_line = _unquote(kv.group(2)), number
            i += 1
            continue
        if kv and key in _META_KEYS and kv.group(2).strip():
            head.set_meta(key, kv.group(2))
            i += 1
            continue
        if head.motion is not None:
            break
        heading = _HEADING.match(raw)
        if heading and len(heading.group(1)) == 1:
            head.h1, head.motion, head.motion_line = heading.group(2), heading.group(2), number
            i += 1
            continue
        lower = line.lower()
        if lower in _LABEL_WORDS or (
            i + 1 < len(lines)
            and re.match(r"^(from|by)\s", lines[i + 1].strip(), re.IGNORECASE)
            and len(line.split()) <= 4
        ):
            head.fields["kind"] = line
            i += 1
            continue
        words = re.match(r"^(from|by)\s+(\S.*)$", line, re.IGNORECASE)
        if words:
            head.set_meta(words.group(1).lower(), words.group(2))
            i += 1
            continue
        if re.match(r"^(https?://|www\.)\S+$", line):
            head.fields["url"] = line
            i += 1
            continue
        # The motion: the first line that is not a label, with any lines wrapped onto it.
        parts = [line]
        j = i + 1
        while j < len(lines) and _is_plain(lines[j]):
            parts.append(lines[j].strip())
            j += 1
        head.motion, head.motion_line = _unquote(" ".join(parts)), number
        i = j
    if head.motion is not None and head.h1 is not None and head.motion != head.h1:
        head.fields.setdefault("title", head.h1)  # '# Title' above an explicit 'Motion:'
    return head, i


def _is_plain(raw: str) -> bool:
    return bool(
        raw.strip()
        and not _BULLET.match(raw)
        and not _HEADING.match(raw)
        and _side_of(raw) is None
        and not _RULE.match(raw)
    )


def _read_sections(lines: list[str], start: int, path: str | None) -> list[_Section]:
    """Split the body into sides and each side into argument trees."""
    sections = [_Section(None, "", start + 1, 1)]
    stack: list[_Node] = []  # open bullet items, outermost first
    heading_node: _Node | None = None  # an open '### Title' argument
    paragraph: _Node | None = None  # the paragraph being read, if the last line was in it
    blank = False

    def close_section(found: str) -> None:
        current = sections[-1]
        if current.side is not None and not current.nodes:
            raise ParseError(
                f"at least one argument under {current.marker!r}",
                found,
                current.line,
                current.column,
                path,
            )

    for index in range(start, len(lines)):
        number = index + 1
        raw = lines[index].expandtabs(4)
        line = raw.strip()
        if not line or _RULE.match(raw):
            blank = True
            paragraph = None
            continue
        side = _side_of(raw, indented=not stack)
        if side is not None:
            close_section(f"the side marker {line!r} on line {number}")
            column = len(raw) - len(raw.lstrip()) + 1
            marker = line.strip("#*_ \t").removesuffix(":").strip("*_ \t")
            sections.append(_Section(side, marker, number, column))
            stack, heading_node, paragraph, blank = [], None, None, False
            continue
        nodes = sections[-1].nodes
        heading = _HEADING.match(raw)
        if heading:
            heading_node = _Node(number, heading=heading.group(2).strip(), last_line=number)
            nodes.append(heading_node)
            stack, paragraph, blank = [], None, False
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            indent = len(bullet.group(1))
            node = _Node(number, indent=indent)
            node.add_line(bullet.group(3), number)
            while stack and stack[-1].indent >= indent:
                stack.pop()
            if stack:
                stack[-1].children.append(node)
            elif heading_node is not None:
                heading_node.children.append(node)
            else:
                nodes.append(node)
            stack.append(node)
            paragraph, blank = None, False
            continue
        indent = len(raw) - len(raw.lstrip())
        line = _unescape(line)
        if blank:  # after a blank line, an item continues only where it is indented under it
            while stack and indent <= stack[-1].indent:
                stack.pop()
        if stack:
            stack[-1].add_line(line, number, new_paragraph=blank)
        elif paragraph is not None:
            paragraph.add_line(line, number)
        elif heading_node is not None and not heading_node.children:
            heading_node.add_line(line, number, new_paragraph=True)
            paragraph = heading_node
            stack = []
        else:
            paragraph = _Node(number)
            paragraph.add_line(line, number)
            nodes.append(paragraph)
            stack, heading_node = [], None
        blank = False
    close_section("end of file")
    return sections


_ESCAPED = re.compile(r"^(\d{1,3})\\([.)])|^\\([-*+•–—#>\\])")


def _unescape(line: str) -> str:
    """Drop the backslash that keeps a line from reading as a bullet or heading."""
    return _ESCAPED.sub(lambda m: (m.group(1) or "") + (m.group(2) or m.group(3)), line, count=1)


def _escape(line: str) -> str:
    """Backslash-escape a line that would otherwise read as a bullet, heading or quote."""
    if re.match(r"^\d{1,3}[.)](\s|$)", line):
        return re.sub(r"^(\d{1,3})([.)])", r"\1\\\2", line)
    if re.match(r"^([-*+•–—](\s|$)|[#>\\])", line):
        return "\\" + line
    return line


def _make_title(text: str, limit: int = 60) -> str:
    """A short title from the first sentence of ``text``."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0].strip()
    sentence = sentence.rstrip(".").strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def _split_title(content: str) -> tuple[str, str]:
    """(title, text) of an argument's content, making a title when it has none."""
    bold = _BOLD_TITLE.match(content)
    if bold:
        inner, punct, rest = bold.group(2).strip(), bold.group(3), bold.group(4)
        if punct is None and inner[-1:] in ".:":
            inner = inner[:-1].rstrip()
        return inner, rest.strip()
    colon = _COLON_TITLE.match(content)
    if colon:
        title = colon.group(1).strip()
        if (
            title
            and len(title.split()) <= 12
            and not re.search(r"[.!?;]\s|https?$|[\"“”(]", title)
            and not title[0].islower()
        ):
            return title, (colon.group(2) or "").strip()
    return _make_title(content), content.strip()


@dataclass
class _Built:
    statements: list[Statement] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _build(node: _Node, node_id: str, parent: str, kind: RelationKind, out: _Built) -> None:
    content = node.raw_text()
    prefix = _PREFIX.match(content)
    if prefix and node.heading is None:
        kind = _RELATION_PREFIXES[prefix.group(1).lower()]
        content = content[prefix.end() :]
    if node.heading is not None:
        title, text = node.heading, content
    else:
        title, text = _split_title(content)
    out.statements.append(
        Statement(
            id=node_id,
            title=title,
            text=text,
            kind="argument",
            span=Span(node.first_line, max(node.last_line, node.first_line)),
            origin=ORIGIN,
        )
    )
    out.relations.append(Relation(node_id, parent, kind, origin="author"))
    for k, child in enumerate(node.children, 1):
        _build(child, f"{node_id}.{k}", node_id, "support", out)


def read_procon(text: str | bytes, path: str | None = None) -> Debate:
    """Read a pro/con article into a :class:`Debate`.

    Accepted forms:

    - a header of labels (``Article``), ``from Publisher``, ``Author:``, ``Date:``,
      ``URL:``, ``Tags:`` lines, then the motion as ``# Title``, ``Motion: ...`` or the
      first line that is not a label; ``> quoted`` lines after it are the description;
    - side markers alone on a line: ``Agree``/``Disagree``, ``Pro``/``Con``,
      ``For``/``Against``, ``Yes``/``No``, in any case, with an optional colon, or as
      Markdown headings (``## Con``). Arguments before the first marker belong to the
      pro side when that marker is a con one (the seed's implicit first side) and are
      the description when it is a pro one;
    - arguments as paragraphs or bullets (``-``, ``*``, ``+``, ``•``, ``1.``), titled
      ``Title: text``, ``**Title.** text`` or by a ``### Title`` heading above their
      paragraphs; untitled ones get a title made from their first sentence;
    - nested bullets as sub-arguments of their parent: support, unless the item starts
      with ``Con:``, ``Objection:`` or ``But:``; ``Pro:`` marks support explicitly.

    Raises :class:`ParseError` (line, column, what was expected) for undecodable
    bytes, no motion before the first side marker, a side marker with nothing under
    it, and a text without any argument.

    >>> d = read_procon("Walk?\\n\\nHealth: It is good for you.\\n\\nCon\\n\\nRain: It rains.")
    >>> d.motion.title, [s.title for s in d.side("support")], [s.title for s in d.side("attack")]
    ('Walk?', ['Health'], ['Rain'])
    """
    lines = split_lines(decode_source(text, path))
    head, start = _read_header(lines, path)
    end_line = len(lines) + (0 if lines and lines[-1] == "" else 1)
    if head.motion is None:
        raise ParseError(
            "a motion (a '# Title' line, 'Motion: ...' or a plain first line)",
            "end of file",
            end_line,
            1,
            path,
        )
    sections = _read_sections(lines, start, path)
    implicit, marked = sections[0], sections[1:]
    quoted = "\n".join(head.description)  # '>' lines: blank ones separate paragraphs
    description = [" ".join(p.split()) for p in re.split(r"\n\s*\n", quoted) if p.strip()]
    if implicit.nodes:
        if marked and marked[0].side == "support":
            description.extend(node.raw_text() for node in implicit.nodes)
            implicit.nodes = []
        else:
            implicit.side = "support"
    out = _Built()
    motion = Statement(
        id="motion",
        title=head.motion,
        kind="motion",
        span=Span(head.motion_line, head.motion_line),
        origin=ORIGIN,
    )
    out.statements.append(motion)
    counters: dict[str, int] = defaultdict(int)
    for section in sections:
        side = section.side or "support"
        name = "pro" if side == "support" else "con"
        for node in section.nodes:
            counters[name] += 1
            _build(node, f"{name}-{counters[name]}", motion.id, side, out)
    if len(out.statements) == 1:
        raise ParseError("arguments for or against the motion", "end of file", end_line, 1, path)
    return Debate(
        id=slugify(head.motion),
        statements=tuple(out.statements),
        relations=tuple(out.relations),
        description="\n\n".join(description),
        source=Source(**head.fields),
        tags=head.tags,
    )


def _tree(debate: Debate) -> tuple[dict[str, list[tuple[Relation, Statement]]], set[int]]:
    """Each statement under its first parent: children by id, and the relations used."""
    by_id = {s.id: s for s in debate.statements}
    into: dict[str, list[tuple[int, Relation]]] = defaultdict(list)
    for k, r in enumerate(debate.relations):
        if r.kind in ("support", "attack"):
            into[r.target].append((k, r))
    children: dict[str, list[tuple[Relation, Statement]]] = defaultdict(list)
    used: set[int] = set()
    placed = {debate.motion.id}
    frontier = [debate.motion.id]
    while frontier:
        nxt: list[str] = []
        for target in frontier:
            for k, r in into[target]:
                if r.source not in placed:
                    placed.add(r.source)
                    used.add(k)
                    children[target].append((r, by_id[r.source]))
                    nxt.append(r.source)
        frontier = nxt
    return children, used


def unrepresentable_in_procon(debate: Debate) -> list[str]:
    """What :func:`write_procon` cannot carry, one line each (empty: nothing is lost)."""
    _, used = _tree(debate)
    lost: list[str] = []
    reachable = {debate.relations[k].source for k in used} | {debate.motion.id}
    unplaced = [s.id for s in debate.statements if s.id not in reachable]
    if unplaced:
        lost.append(f"{len(unplaced)} statements not connected to the motion")
    extra = len(debate.relations) - len(used)
    if extra:
        lost.append(f"{extra} relations beyond the tree (cross links, second parents, undercuts)")
    if any(s.weight != 0.5 for s in debate.statements):
        lost.append("statement weights")
    if any(r.weight != 1.0 or r.origin != "author" for r in debate.relations):
        lost.append("relation weights and origins")
    if debate.votes:
        lost.append(f"{len(debate.votes)} votes")
    if debate.motion.text:
        lost.append("the motion's text")
    if any(s.sources or s.tags for s in debate.statements) or debate.extras:
        lost.append("statement sources and tags, and format extras")
    untitled = sum(1 for s in debate.statements if not s.title.strip())
    if untitled:
        lost.append(f"{untitled} empty titles (made from the text instead)")
    if len(reachable) == 1:
        lost.append("the debate itself: the form needs at least one argument")
    return lost


def _item(title: str, text: str) -> str:
    title = " ".join(title.split()) or _make_title(text) or "Untitled"
    return f"**{title}**:" + (f" {text}" if text else "")


def write_procon(debate: Debate) -> str:
    """Render ``debate`` as a pro/con article that :func:`read_procon` reads back.

    Arguments become Markdown bullets (``- **Title**: text``) under ``Pro`` and ``Con``;
    sub-arguments nest, attacks marked ``Con:``. Only the tree from the motion is
    written; :func:`unrepresentable_in_procon` lists what is left out.
    """
    children, _ = _tree(debate)
    out: list[str] = []
    src = debate.source
    for key, value in (
        ("Kind", src.kind),
        ("Source", src.title),
        ("Author", src.author),
        ("Date", src.date),
        ("URL", src.url),
        ("Tags", ", ".join(debate.tags)),
    ):
        if value:
            out.append(f"{key}: {value}")
    out += [f"Motion: {debate.motion.title}", ""]
    if debate.description:
        for k, para in enumerate(debate.description.split("\n\n")):
            out += ([">"] if k else []) + [f"> {line}" for line in para.split("\n")]
        out.append("")

    def emit(items: list[tuple[Relation, Statement]], depth: int) -> None:
        pad = "  " * depth
        for rel, st in items:
            # top-level items take their side from the marker; nested ones say "Con:"
            prefix = "Con: " if depth and rel.kind == "attack" else ""
            paras = st.text.split("\n\n")
            out.append(f"{pad}- {prefix}{_item(st.title, ' '.join(paras[0].split()))}")
            for para in paras[1:]:
                out.extend(["", f"{pad}  {_escape(' '.join(para.split()))}", ""])
            emit(children[st.id], depth + 1)

    for side, marker in (("support", "Pro"), ("attack", "Con")):
        top = [(r, s) for r, s in children[debate.motion.id] if r.kind == side]
        if top:
            out += [marker, ""]
            emit(top, 0)
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
