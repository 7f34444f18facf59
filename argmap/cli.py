"""``argmap``: the command line, a thin layer over the library.

A user error (a bad file, an unknown format) prints one red line, located as
``FILE:LINE:COL: message`` where there is a location, and exits with code 2;
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar, cast

import typer
from rich.console import Console
from rich.table import Table

from argmap.entry import USER_ERROR
from argmap.errors import ArgmapError
from argmap.semantics import GRADUAL_NAMES

# Each command imports what it needs when it runs: `argmap solve` must start fast
# (competition harnesses time the whole process), and analysis pulls in numpy and more.
if TYPE_CHECKING:
    from fastapi import FastAPI

    from argmap.model import Debate
    from argmap.search import Hit, Index, Method
    from argmap.semantics.explain import Analysis

app = typer.Typer(
    help="Structured debates as argument maps: read, connect, evaluate, share, search.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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
    semantics: Annotated[
        str,
        typer.Option(
            "--semantics",
            help="Gradual semantics for the headline verdict: " + ", ".join(GRADUAL_NAMES) + ".",
        ),
    ] = "dfquad",
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help='What-if: a statement\'s weight, by title or id: --set "Title=0.9" (repeatable).',
        ),
    ] = None,
    mine: Annotated[
        bool,
        typer.Option(
            "--mine", help="Add the relations a miner finds between arguments (argmap[nlp])."
        ),
    ] = False,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="With --mine: the confidence a mined relation needs (default: the model's).",
        ),
    ] = None,
    fmt: FormatName = None,
    debug: Debug = False,
) -> None:
    """Read a debate and show its map: motion, both sides, relations, verdict and crux."""
    from argmap.files import load_debate
    from argmap.formats.native import write_native
    from argmap.report import debate_report
    from argmap.semantics.explain import analyse, parse_assignments

    def work() -> tuple[Debate, Analysis | None]:
        debate = load_debate(file, fmt)
        if mine:
            from argmap.mining import mine as mine_debate

            debate = mine_debate(debate, threshold=threshold)
        weights = parse_assignments(debate, assignments or [])
        if as_json:
            return debate.with_weights(weights), None
        return debate, analyse(debate, semantics, weights)

    debate, analysis = _run(debug, work)
    if as_json:
        sys.stdout.write(write_native(debate))
        return
    Console(highlight=False).print(debate_report(debate, full=full, analysis=analysis))


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="The debate to read.")],
    target: Annotated[
        str,
        typer.Argument(help="The file to write (its extension names the format); - for stdout."),
    ],
    fmt: FormatName = None,
    to: Annotated[
        str | None, typer.Option("--to", help="Output format (default: from the extension).")
    ] = None,
    debug: Debug = False,
) -> None:
    """Convert a debate between formats (by --from/--to, else extension, else content)."""
    from argmap.files import load_debate, save_debate

    def work() -> list[str]:
        return save_debate(load_debate(source, fmt), target, to)

    lost = _run(debug, work)
    err = Console(stderr=True, highlight=False, soft_wrap=True)  # one line per warning
    where = "the output" if target == "-" else target
    for item in lost:
        err.print(f"warning: {where} does not keep {item}", style="yellow", markup=False)
    if target != "-":
        err.print(f"wrote {target}", style="green", markup=False)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def solve(ctx: typer.Context) -> None:
    """An ICCMA-conformant solver: argmap solve -p DS-PR -f FILE -a 3 (--help for more)."""
    from argmap.entry import solve as run

    raise typer.Exit(run(list(ctx.args)))


@app.command()
def serve(
    file: Annotated[
        Path | None, typer.Argument(help="A debate to import as public and open.")
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[
        str, typer.Option("--db", help="Database URL: a SQLite file, or postgresql://...")
    ] = "sqlite:///argmap.db",
    debug: Debug = False,
) -> None:
    """Serve the JSON API and the web page (SQLite file argmap.db by default)."""
    from argmap.files import load_debate

    def start() -> tuple[FastAPI, str]:
        try:
            from argmap.server.app import create_app_from_url
        except ImportError as e:
            raise ArgmapError(
                f"the server needs its extras: pip install 'argmap[server]' ({e})"
            ) from e
        application = create_app_from_url(db)
        where = f"http://{host}:{port}/"
        if file is not None:
            debate = load_debate(file)
            key = application.state.store.add_debate(debate, None, public=True)
            where += f"d/{key}"
        return application, where

    application, where = _run(debug, start)
    Console(stderr=True, highlight=False).print(
        f"argmap serving at {where}", style="green", markup=False
    )
    import uvicorn

    uvicorn.run(application, host=host, port=port, log_level="warning")


DEFAULT_INDEX = Path("argmap-index")
IndexDir = Annotated[
    Path, typer.Option("--index", help="Folder of the search index (argmap index makes it).")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON, nothing else.")]


@app.command("index")
def index_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Debate files, or folders to search for them."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also index the public debates of this store (a DB URL)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Where to keep the index.")] = DEFAULT_INDEX,
    embeddings: Annotated[
        bool,
        typer.Option("--embeddings/--no-embeddings", help="Add sentence embeddings (argmap[nlp])."),
    ] = True,
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """Index every statement of many debates for `argmap search` and `argmap counter`."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from argmap.files import load_debate
    from argmap.search import backends, build_index, docs_from_debate
    from argmap.search.docs import debate_files, debates_from_store

    err = Console(stderr=True, highlight=False)

    def work() -> dict[str, object]:
        if not paths and db is None:
            raise ArgmapError("nothing to index: give debate files or folders, or --db URL")
        if embeddings and not backends.embeddings_available():
            raise ArgmapError(
                f"embeddings need argmap[nlp] ({backends.INSTALL_HINT}); or --no-embeddings"
            )
        files = debate_files(paths or [])
        docs = []
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=as_json,
        ) as bar:
            reading = bar.add_task("reading debates", total=len(files))
            debates = 0
            for path in files:
                docs.extend(docs_from_debate(load_debate(path), str(path)))
                debates += 1
                bar.advance(reading)
            if db is not None:
                for debate in debates_from_store(db):
                    docs.extend(docs_from_debate(debate))
                    debates += 1
            embedding = bar.add_task("embedding statements", total=len(docs), visible=embeddings)
            index = build_index(
                docs,
                embeddings=embeddings,
                progress=lambda n: bar.advance(embedding, n),
            )
        index.save(out)
        return {
            "index": str(out),
            "debates": debates,
            "documents": len(index),
            "embeddings": index.has_embeddings,
        }

    summary = _run(debug, work)
    if as_json:
        _print_json(summary)
    else:
        err.print(
            f"indexed {summary['documents']} statements of {summary['debates']} debates "
            f"into {summary['index']}",
            style="green",
            markup=False,
        )


def _hits_json(hits: list[Hit]) -> list[dict[str, object]]:
    return [
        {
            "rank": h.rank,
            "id": h.id,
            "score": round(h.score, 6),
            "debate": h.doc.debate,
            "side": h.doc.side,
            "title": h.doc.title,
            "text": h.doc.text,
        }
        for h in hits
    ]


def _print_hits(hits: list[Hit], query: str) -> None:
    console = Console(highlight=False)
    if not hits:
        console.print("nothing found", style="yellow")
        return
    table = Table(box=None, title=f"for: {query}", title_justify="left", show_lines=False)
    for column in ("#", "score", "side", "statement", "debate"):
        table.add_column(column, overflow="fold")
    for h in hits:
        side = h.doc.side or "?"
        table.add_row(
            str(h.rank),
            f"{h.score:.3f}",
            side,
            h.doc.title or h.doc.text[:120],
            h.doc.debate,
        )
    console.print(table)


def _print_json(value: object) -> None:
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _method(name: str) -> Method:
    from argmap.search.index import METHODS

    if name not in METHODS:
        raise ArgmapError(f"unknown search method {name!r}; choose one of {', '.join(METHODS)}")
    return cast("Method", name)


def _show_hits(
    debug: bool, as_json: bool, label: str, find: Callable[[Index], list[Hit]], where: Path
) -> None:
    """Open the index at ``where``, run ``find`` on it, print the hits as a table or JSON."""

    def work() -> list[Hit]:
        from argmap.search import Index

        return find(Index.load(where))

    hits = _run(debug, work)
    if as_json:
        _print_json(_hits_json(hits))
    else:
        _print_hits(hits, label)


SearchMethod = Annotated[str, typer.Option("--method", help="auto, bm25, dense, hybrid or rrf.")]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    index: IndexDir = DEFAULT_INDEX,
    k: Annotated[int, typer.Option("-k", help="How many results.", min=1)] = 10,
    method: SearchMethod = "auto",
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """Search the indexed statements (BM25 and embeddings, fused)."""
    _show_hits(debug, as_json, query, lambda i: i.search(query, k=k, method=_method(method)), index)


@app.command()
def counter(
    argument: Annotated[str, typer.Argument(help="The argument's text, or its id in the index.")],
    index: IndexDir = DEFAULT_INDEX,
    k: Annotated[int, typer.Option("-k", help="How many results.", min=1)] = 5,
    method: SearchMethod = "auto",
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """The best counterarguments to an argument: what answers it, opposite side first."""
    _show_hits(
        debug, as_json, argument, lambda i: i.counter(argument, k=k, method=_method(method)), index
    )


@app.command("formats")
def list_formats() -> None:
    """List the formats argmap reads and writes."""
    from argmap.formats.registry import FORMATS

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
