"""Helpers every text reader shares: decoding bytes with a located error, and ids."""

from __future__ import annotations

import re

from argmap.errors import ParseError

__all__ = ["decode_source", "slugify", "split_lines"]


def decode_source(data: str | bytes, path: str | None = None) -> str:
    """UTF-8 text of ``data`` (a leading BOM dropped).

    Raises :class:`ParseError` at the line and column of the first byte that is
    not UTF-8, so a user can find it in an editor.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise ParseError("UTF-8 text", f"byte 0x{data[e.start]:02x}", line, column, path) from e


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` whatever the line ends (LF, CRLF or CR), without the ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def slugify(title: str, limit: int = 60) -> str:
    """A lower-case ASCII id made from ``title`` ("debate" if nothing is left)."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:limit].strip("-") or "debate"
