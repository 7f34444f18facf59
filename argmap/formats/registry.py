"""Which module reads and writes which format, and how a file's format is recognised.

Each format names its module and functions; a module is imported the first time
one of its functions is used, so the command line does not load every reader to
use one.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, cast

from argmap.errors import ArgmapError
from argmap.model import Debate

__all__ = ["FORMATS", "Format", "detect_format", "get_format"]

Reader = Callable[[str | bytes, str | None], Debate]
Writer = Callable[[Debate], str | bytes]


@dataclass(frozen=True)
class Format:
    """A format: its name, file extensions, and the functions that handle it.

    ``sniff`` recognises the format from a file's first bytes where an extension is
    shared (a Kialo export and a pro/con article are both ``.txt``); ``binary``
    marks writers that return bytes (PNG).
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    module: str
    reader: str = ""
    writer: str = ""
    lost: str = ""
    sniffer: str = ""
    binary: bool = False

    def _function(self, name: str) -> Any:
        module = importlib.import_module(f"argmap.formats.{self.module}")
        return getattr(module, name)

    @property
    def read(self) -> Reader | None:
        return cast(Reader, self._function(self.reader)) if self.reader else None

    @property
    def write(self) -> Writer | None:
        return cast(Writer, self._function(self.writer)) if self.writer else None

    def lost_on_write(self, debate: Debate) -> list[str]:
        """What :attr:`write` cannot keep of ``debate``, one line per kind of loss."""
        return cast(list[str], self._function(self.lost)(debate)) if self.lost else []

    def sniff(self, head: bytes) -> bool:
        """Whether ``head``, a file's first bytes, is in this format (False if unknown)."""
        if not self.sniffer:
            return False
        text = head.decode("utf-8", errors="replace")
        return bool(self._function(self.sniffer)(text))


_ALL = (
    # Where formats share an extension, the ones that can sniff come first; the
    # last one claiming the extension is the default.
    Format(
        "kialo",
        "Kialo text export (both layouts)",
        (".txt",),
        "kialo",
        "read_kialo",
        "write_kialo",
        "unrepresentable_in_kialo",
        sniffer="looks_like_kialo",
    ),
    Format(
        "procon",
        "pro/con article (plain text or Markdown)",
        (".txt", ".md", ".markdown"),
        "procon",
        "read_procon",
        "write_procon",
        "unrepresentable_in_procon",
    ),
    Format(
        "aif",
        "AIF JSON (AIFdb, OVA)",
        (".json", ".aif"),
        "aif",
        "read_aif",
        "write_aif",
        "unrepresentable_in_aif",
        sniffer="looks_like_aif",
    ),
    Format(
        "json",
        "argmap native JSON",
        (".json",),
        "native",
        "read_native",
        "write_native",
        sniffer="looks_like_native",
    ),
    Format(
        "argdown",
        "Argdown",
        (".argdown", ".ad"),
        "argdown",
        "read_argdown",
        "write_argdown",
        "unrepresentable_in_argdown",
    ),
    Format(
        "iccma",
        "ICCMA'23 abstract framework (attacks only)",
        (".af", ".i23"),
        "iccma",
        "read_iccma",
        "write_iccma",
        "unrepresentable_in_iccma",
    ),
    Format(
        "apx",
        "ICCMA'19 APX abstract framework",
        (".apx",),
        "iccma",
        "read_apx",
        "write_apx",
        "unrepresentable_in_apx",
    ),
    Format(
        "tgf",
        "Trivial Graph Format abstract framework",
        (".tgf",),
        "iccma",
        "read_tgf",
        "write_tgf",
        "unrepresentable_in_tgf",
    ),
    Format(
        "dot", "Graphviz DOT", (".dot", ".gv"), "dot", "", "write_dot", "unrepresentable_in_dot"
    ),
    Format(
        "graphml",
        "GraphML (networkx, yEd)",
        (".graphml",),
        "graphml",
        "",
        "write_graphml",
        "unrepresentable_in_graphml",
    ),
    Format(
        "mermaid",
        "Mermaid flowchart",
        (".mmd", ".mermaid"),
        "mermaid",
        "",
        "write_mermaid",
        "unrepresentable_in_mermaid",
    ),
    Format(
        "svg",
        "SVG picture (drawn by Graphviz)",
        (".svg",),
        "render",
        "",
        "write_svg",
        "unrepresentable_in_picture",
    ),
    Format(
        "png",
        "PNG picture (drawn by Graphviz)",
        (".png",),
        "render",
        "",
        "write_png",
        "unrepresentable_in_picture",
        binary=True,
    ),
)
FORMATS: dict[str, Format] = {f.name: f for f in _ALL}


def get_format(name: str) -> Format:
    """The format called ``name``; :class:`ArgmapError` listing the known ones if none is."""
    try:
        return FORMATS[name.lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ArgmapError(f"unknown format {name!r}; known formats: {known}") from None


def detect_format(path: str, head: bytes = b"") -> Format:
    """The format of ``path``: by extension, then by content where that is ambiguous.

    Formats that share the extension sniff ``head`` in order; the last of them is
    the default. A path with no known extension is sniffed by every format, and
    read as a pro/con article when none recognises it.
    """
    name = PurePath(path).name.lower()
    claiming = [f for f in _ALL if any(name.endswith(e) for e in f.extensions)]
    if claiming:
        longest = max(len(e) for f in claiming for e in f.extensions if name.endswith(e))
        claiming = [
            f for f in claiming if any(name.endswith(e) and len(e) == longest for e in f.extensions)
        ]
        for f in claiming[:-1]:
            if head and f.sniff(head):
                return f
        return claiming[-1]
    for f in _ALL:
        if head and f.sniff(head):
            return f
    suffix = PurePath(path).suffix
    if suffix:
        known = " ".join(e for f in _ALL for e in f.extensions)
        raise ArgmapError(f"cannot tell the format of {path!r} from {suffix!r}; known: {known}")
    return FORMATS["procon"]
