"""``argmap``: the command line, a thin layer over the library.

A user error (a bad file, an unknown format) prints one red line, located as
``FILE:LINE:COL: message`` where there is a location, and exits with code 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from argmap.errors import ArgmapError
from argmap.files import load_debate, save_debate
from argmap.formats import FORMATS
from argmap.formats.native import write_native
from argmap.report import debate_report

app = typer.Typer(
    help="Structured debates as argument maps: read, connect, evaluate, share, search.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
USER_ERROR = 2

T = TypeVar("T")

Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of an error.")]
FormatName = Annotated[
    str | None, typer.Option("--from", help="Input format (default: from the extension).")
]


def _run(debug: bool, action: Callable[[], T]) -> T:
    """Run ``action``; turn an :class:`ArgmapError` into one line on stderr and exit 2."""
    try:
        return action()
    except ArgmapError as e:
        if debug:
            raise
        _print_error(str(e))
        raise typer.Exit(USER_ERROR) from None


def _print_error(message: str) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(message, style="red", markup=False, emoji=False)


@app.command()
def analyze(
    file: Annotated[Path, typer.Argument(help="The debate: .txt/.md pro/con article or .json.")],
    full: Annotated[bool, typer.Option("--full", help="Show each argument's text.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the debate as native JSON, nothing else.")
    ] = False,
    fmt: FormatName = None,
    debug: Debug = False,
) -> None:
    """Read a debate and show its map: motion, both sides, relations and verdict."""
    debate = _run(debug, lambda: load_debate(file, fmt))
    if as_json:
        sys.stdout.write(write_native(debate))
        return
    Console(highlight=False).print(debate_report(debate, full=full))


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="The debate to read.")],
    target: Annotated[
        Path, typer.Argument(help="The file to write; its extension names the format.")
    ],
    fmt: FormatName = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Output format (default: from the extension).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Convert a debate between formats (by file extension, or --from/--to)."""

    def work() -> list[str]:
        return save_debate(load_debate(source, fmt), target, to)

    lost = _run(debug, work)
    err = Console(stderr=True, highlight=False)
    for item in lost:
        err.print(f"warning: {target} does not keep {item}", style="yellow", markup=False)
    err.print(f"wrote {target}", style="green", markup=False)


@app.command("formats")
def list_formats() -> None:
    """List the formats argmap reads and writes."""
    table = Table(box=None)
    for column in ("name", "extensions", "read", "write", "what"):
        table.add_column(column)
    for f in FORMATS.values():
        table.add_row(
            f.name,
            " ".join(f.extensions),
            "yes" if f.read else "",
            "yes" if f.write else "",
            f.description,
        )
    Console().print(table)


def main() -> None:
    """Console-script entry point."""
    app()
