"""Loading and saving debates as files: the I/O edge over :mod:`argmap.formats`."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argmap.errors import ArgmapError, ParseError
from argmap.formats import detect_format, get_format
from argmap.model import Debate

__all__ = ["load_debate", "save_debate"]


def load_debate(path: str | Path, fmt: str | None = None) -> Debate:
    """Read the debate in ``path`` (format from ``fmt``, else the extension or content)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ArgmapError(f"{name}: no such file") from None
    except OSError as e:
        raise ArgmapError(f"{name}: cannot read: {e.strerror}") from None
    form = get_format(fmt) if fmt else detect_format(name, data[:64])
    if form.read is None:
        raise ArgmapError(f"argmap can write {form.name} but not read it")
    try:
        return form.read(data, name)
    except ParseError as e:
        raise e if e.path else e.with_path(name) from None


def save_debate(debate: Debate, path: str | Path, fmt: str | None = None) -> list[str]:
    """Write ``debate`` to ``path`` atomically; return what the format could not carry."""
    name = str(path)
    form = get_format(fmt) if fmt else detect_format(name)
    if form.write is None:
        raise ArgmapError(f"argmap can read {form.name} but not write it")
    text = form.write(debate)
    target = Path(path)
    # Write beside the target, then rename: a crash never leaves half a file.
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as e:
        raise ArgmapError(f"{name}: cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return form.lost_on_write(debate) if form.lost_on_write else []
