"""SVG and PNG pictures of a debate (write only), laid out by graphviz's ``dot`` program.

The picture is :func:`argmap.formats.dot.write_dot` run through ``dot -Tsvg`` or
``dot -Tpng`` in a subprocess with a time limit. Graphviz is a system package
(``apt-get install graphviz``), not a Python one; without it these functions raise
:class:`~argmap.errors.ArgmapError` saying so.

:func:`write_svg` (text) and :func:`write_png` (bytes) are the writers a format
registry can name; :func:`render_svg` and :func:`render_png` return bytes and take
the time limit.
"""

from __future__ import annotations

import shutil
import subprocess

from argmap.errors import ArgmapError
from argmap.formats.dot import unrepresentable_in_dot, write_dot
from argmap.model import Debate

__all__ = [
    "DOT_TIMEOUT",
    "render_png",
    "render_svg",
    "run_dot",
    "unrepresentable_in_picture",
    "write_png",
    "write_svg",
]

#: Seconds ``dot`` may take before it is stopped (a few thousand statements lay out in less).
DOT_TIMEOUT = 60.0

NOT_INSTALLED = "graphviz's 'dot' program is not installed: apt-get install graphviz"


def run_dot(source: str, output_format: str, timeout: float = DOT_TIMEOUT) -> bytes:
    """What ``dot -T<output_format>`` prints for the DOT text ``source``.

    Raises :class:`ArgmapError` when ``dot`` is not installed, fails, or takes longer
    than ``timeout`` seconds (it is then stopped).

    >>> run_dot("digraph { a -> b }", "canon").decode().split()[:3]
    ['digraph', '{', 'node']
    """
    exe = shutil.which("dot")
    if exe is None:
        raise ArgmapError(NOT_INSTALLED)
    try:
        done = subprocess.run(
            [exe, f"-T{output_format}"],
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ArgmapError(
            f"graphviz's 'dot' took more than {timeout:g} s and was stopped"
        ) from None
    except OSError as e:
        raise ArgmapError(f"cannot run graphviz's 'dot' ({exe}): {e}") from e
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[0] if message else f"exit status {done.returncode}"
        raise ArgmapError(f"graphviz's 'dot' failed: {detail}")
    return done.stdout


def render_svg(debate: Debate, timeout: float = DOT_TIMEOUT) -> bytes:
    """The debate's map as an SVG document (UTF-8 bytes).

    >>> from argmap.model import Debate, Statement
    >>> render_svg(Debate("d", (Statement("m", "Walk?", kind="motion"),)))[:5]
    b'<?xml'
    """
    return run_dot(write_dot(debate), "svg", timeout)


def render_png(debate: Debate, timeout: float = DOT_TIMEOUT) -> bytes:
    """The debate's map as a PNG image.

    >>> from argmap.model import Debate, Statement
    >>> render_png(Debate("d", (Statement("m", "Walk?", kind="motion"),)))[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    return run_dot(write_dot(debate), "png", timeout)


def write_svg(debate: Debate) -> str:
    """The debate's map as SVG text: :func:`render_svg`, decoded, for a text writer.

    >>> from argmap.model import Debate, Statement
    >>> "<svg" in write_svg(Debate("d", (Statement("m", "Walk?", kind="motion"),)))
    True
    """
    return render_svg(debate).decode("utf-8")


def write_png(debate: Debate) -> bytes:
    """The debate's map as PNG bytes (a binary writer: :func:`render_png`).

    >>> from argmap.model import Debate, Statement
    >>> write_png(Debate("d", (Statement("m", "Walk?", kind="motion"),))).startswith(b"\\x89PNG")
    True
    """
    return render_png(debate)


def unrepresentable_in_picture(debate: Debate) -> list[str]:
    """What an SVG or PNG picture leaves out (that of the DOT it is drawn from).

    >>> from argmap.model import Debate, Statement
    >>> unrepresentable_in_picture(Debate("d", (Statement("m", "M", kind="motion"),)))
    []
    """
    return unrepresentable_in_dot(debate)
