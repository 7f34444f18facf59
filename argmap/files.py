"""Loading and saving debates as files: the I/O edge over :mod:`argmap.formats`."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError, ParseError
from argmap.formats.registry import detect_format, get_format
from argmap.model import Debate

__all__ = ["load_debate", "save_debate"]

SNIFF_BYTES = 65536  # enough of a file's start to recognise its format


def load_debate(path: str | Path, fmt: str | None = None) -> Debate:
    """Read the debate in ``path`` (format from ``fmt``, else the extension or content)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArgmapError(f"{name}: no such file") from None
    except OSError as e:
        raise ArgmapError(f"{name}: cannot read: {e.strerror}") from None
    form = get_format(fmt) if fmt else detect_format(name, data[:SNIFF_BYTES])
    if form.read is None:
        raise ArgmapError(f"argmap can write {form.name} but not read it")
    try:
        return form.read(data, name)
    except ParseError as e:
        raise e if e.path else e.with_path(name) from None


def save_debate(debate: Debate, path: str | Path, fmt: str | None = None) -> list[str]:
    """Write ``debate`` to ``path`` (``-``: standard output) in ``fmt``, else by extension.

    A file is written beside its target and renamed into place, so a crash never
    leaves half a file. Returns what the format could not keep, one line per kind.
    """
    name = str(path)
    if fmt:
        form = get_format(fmt)
    elif name == "-":
        form = get_format("json")
    else:
        form = detect_format(name)
    if form.write is None:
        raise ArgmapError(f"argmap can read {form.name} but not write it")
    output = form.write(debate)
    data = output.encode("utf-8") if isinstance(output, str) else output
    if name == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return form.lost_on_write(debate)
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as e:
        raise ArgmapError(f"{name}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return form.lost_on_write(debate)
