"""Which module reads and writes which format, and how a file's format is recognised."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from argmap.errors import ArgmapError
from argmap.formats import native, procon
from argmap.model import Debate

__all__ = ["FORMATS", "Format", "detect_format", "get_format"]

Reader = Callable[[str | bytes, str | None], Debate]
Writer = Callable[[Debate], str]


@dataclass(frozen=True)
class Format:
    """A format's name, its file extensions and what argmap can do with it."""

    name: str
    description: str
    extensions: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    lost_on_write: Callable[[Debate], list[str]] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "procon",
            "pro/con article (plain text or Markdown)",
            (".txt", ".md", ".markdown"),
            procon.read_procon,
            procon.write_procon,
            procon.unrepresentable_in_procon,
        ),
        Format("json", "argmap native JSON", (".json",), native.read_native, native.write_native),
    )
}


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`ArgmapError` listing the known ones if none is."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ArgmapError(f"unknown format {name!r}; known formats: {known}") from None


def detect_format(path: str, head: bytes = b"") -> Format:
    """The format of ``path`` by its extension, else by its first bytes."""
    suffix = PurePath(path).suffix.lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f
    if head.lstrip().startswith(b"{"):
        return FORMATS["json"]
    if suffix:
        known = ", ".join(e for f in FORMATS.values() for e in f.extensions)
        raise ArgmapError(f"cannot tell the format of {path!r} from {suffix!r}; known: {known}")
    return FORMATS["procon"]
