"""What the search index holds: plain documents, made from debates or given directly."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from argmap.errors import ArgmapError
from argmap.files import load_debate
from argmap.model import Debate

__all__ = [
    "Doc",
    "Side",
    "debate_files",
    "debates_from_store",
    "docs_from_debate",
    "docs_from_debates",
    "docs_from_files",
]

Side = Literal["pro", "con", ""]


@dataclass(frozen=True)
class Doc:
    """One searchable text: a statement of a debate, or any passage.

    ``side`` is the stance toward the debate's motion (``pro``, ``con`` or ``""`` when
    unknown); sides compare only within one ``debate``. ``attacks`` and ``supports``
    name the ids of the documents this one attacks or supports; ``kind`` is the
    statement's (``motion``, ``argument``, ...) or ``""`` for a plain passage.
    """

    id: str
    title: str
    text: str = ""
    debate: str = ""
    side: Side = ""
    attacks: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    kind: str = ""

    @property
    def content(self) -> str:
        """What is indexed: the title and the text (the text alone if it repeats the title)."""
        if not self.title or self.text.startswith(self.title):
            return self.text or self.title
        return f"{self.title} {self.text}".strip()


def _flip(side: Side) -> Side:
    return "con" if side == "pro" else "pro" if side == "con" else ""


def sides(debate: Debate) -> dict[str, Side]:
    """Each statement's stance toward the motion, from the chain of relations to it.

    The motion is ``pro``; a support keeps its target's side, an attack flips it, a
    rephrase keeps it, and an undercut opposes the source of the inference it attacks.
    A statement with no path to the motion gets ``""``. The first path found (breadth
    first from the motion) decides.
    """
    side: dict[str, Side] = {debate.motion.id: "pro"}
    by_rel_id = {r.id: r for r in debate.relations if r.id}
    into: dict[str, list[tuple[str, bool]]] = {}  # target -> (source, flips)
    for r in debate.relations:
        if r.kind in ("support", "rephrase"):
            into.setdefault(r.target, []).append((r.source, False))
        elif r.kind == "attack":
            into.setdefault(r.target, []).append((r.source, True))
        elif r.kind == "undercut" and r.target in by_rel_id:
            # An undercut opposes whoever made the inference it cuts.
            into.setdefault(by_rel_id[r.target].source, []).append((r.source, True))
    queue = deque([debate.motion.id])
    while queue:
        target = queue.popleft()
        for source, flips in into.get(target, ()):
            if source not in side:
                side[source] = _flip(side[target]) if flips else side[target]
                queue.append(source)
    return {s.id: side.get(s.id, "") for s in debate.statements}


def docs_from_debate(debate: Debate, name: str | None = None) -> list[Doc]:
    """One document per statement, with ids ``<name>/<statement id>``.

    ``name`` (default: the debate's id) is the documents' ``debate``: a file's path,
    say, when debates from many files may share an id.
    """
    stance = sides(debate)
    name = debate.id if name is None else name

    def key(statement_id: str) -> str:
        return f"{name}/{statement_id}"

    attacks: dict[str, list[str]] = {}
    supports: dict[str, list[str]] = {}
    by_rel_id = {r.id: r for r in debate.relations if r.id}
    for r in debate.relations:
        if r.kind == "attack":
            attacks.setdefault(r.source, []).append(key(r.target))
        elif r.kind == "support":
            supports.setdefault(r.source, []).append(key(r.target))
        elif r.kind == "undercut" and r.target in by_rel_id:
            attacks.setdefault(r.source, []).append(key(by_rel_id[r.target].source))
    return [
        Doc(
            id=key(s.id),
            title=s.title,
            text=s.text,
            debate=name,
            side=stance[s.id],
            attacks=tuple(attacks.get(s.id, ())),
            supports=tuple(supports.get(s.id, ())),
            kind=s.kind,
        )
        for s in debate.statements
    ]


def docs_from_debates(debates: Iterable[Debate]) -> Iterator[Doc]:
    """The documents of many debates, in order."""
    for debate in debates:
        yield from docs_from_debate(debate)


def docs_from_files(paths: Iterable[str | Path]) -> Iterator[Doc]:
    """The documents of the debates in these files (read with :func:`load_debate`)."""
    for path in paths:
        if Path(path).is_dir():
            raise ArgmapError(f"{path}: is a directory; give the debate files in it")
        yield from docs_from_debate(load_debate(path))


def debate_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, with each folder replaced by the debate files under it.

    A file inside a folder counts when a reader claims its extension (``.md``,
    ``.json``, ``.argdown``, ...); files named directly are taken as they are.
    """
    from argmap.formats.registry import FORMATS

    extensions = tuple(e for f in FORMATS.values() if f.read for e in f.extensions)
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.name.lower().endswith(extensions)
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise ArgmapError(f"{path}: no such file or folder")
    return found


def debates_from_store(url: str) -> Iterator[Debate]:
    """The public debates of the store at ``url``, each with its store key as id."""
    from dataclasses import replace

    from argmap.store import Store

    store = Store(url)
    try:
        offset = 0
        while page := store.list_debates(None, offset=offset, limit=100):
            for summary in page:
                yield replace(store.get_debate(summary.key), id=summary.key)
            offset += len(page)
    finally:
        store.close()
