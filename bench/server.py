"""HTTP throughput of the evaluation endpoint, beside a bare ASGI app served the same way.

Two servers run one after the other, each in a subprocess of its own, started the way
``argmap serve`` starts the API (``uvicorn.run`` on 127.0.0.1 with ``log_level``
warning; the same settings for both):

* ``hello``: a plain async ASGI callable (:func:`hello_app`) that answers every
  request with a small JSON body: the floor, what uvicorn and the load generator
  cost on this machine;
* ``argmap``: :func:`argmap.server.create_app_from_url` over a fresh SQLite file
  holding one public debate of ``--statements`` statements (a motion and arguments
  in a random recursive tree, each argument supporting or attacking its parent,
  from ``random.Random(--seed)``), answering anonymous
  ``GET /debates/{key}/evaluation``.

The load generator runs in this process: ``--concurrency`` asyncio workers, each
with one keep-alive HTTP/1.1 connection on which it sends its next GET as soon as the
last answer is read, after ``--warmup`` requests that are not counted. Each run
stops after ``--requests`` requests or ``--duration`` seconds, whichever comes first.
The bench prints requests/s and p50/p99 latency of both, and the ratios argmap/hello.
The load generator shares the machine's CPUs with the server, so the hello row is a
lower bound of what uvicorn alone can do; before loading, the argmap answer is checked
to be an evaluation of the whole debate.

Run ``.venv/bin/python -m bench.server [--requests 2000] [--duration 20]
[--concurrency 16] [--out FILE]`` from the repository. Exits 1 if any request fails.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import httpx
import uvicorn
from rich.console import Console
from rich.table import Table

from bench.provenance import REPO, header, write_results

DEFAULT_OUT = REPO / "bench" / "results" / "server.json"
HOST = "127.0.0.1"
#: What ``argmap serve`` passes to ``uvicorn.run`` besides the port; both servers get it.
SERVER_SETTINGS: dict[str, Any] = {"host": HOST, "log_level": "warning"}
READY_TIMEOUT = 60.0
HELLO_BODY = b'{"hello":"world"}'

console = Console(width=None if sys.stdout.isatty() else 160)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


async def hello_app(scope: Scope, receive: Receive, send: Send) -> None:
    """A bare ASGI app: a small JSON body for every HTTP request; lifespan acknowledged."""
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(HELLO_BODY)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": HELLO_BODY})


def debate_document(statements: int, seed: int) -> dict[str, Any]:
    """A native JSON debate: a motion and ``statements - 1`` arguments in a random tree.

    Argument ``i`` hangs under the motion or an earlier argument, drawn uniformly, and
    supports or attacks it with probability 1/2; base weights are uniform in [0.1, 0.9].
    """
    rng = random.Random(seed)
    motion = {"id": "m", "title": "Should the city close its centre to cars?", "kind": "motion"}
    nodes: list[dict[str, Any]] = [motion]
    relations: list[dict[str, str]] = []
    for i in range(1, statements):
        target = nodes[rng.randrange(len(nodes))]["id"]
        nodes.append(
            {
                "id": f"a{i}",
                "title": f"Argument {i}",
                "text": f"Why argument {i} holds, in a sentence or two of plain text.",
                "weight": round(rng.uniform(0.1, 0.9), 2),
            }
        )
        kind = rng.choice(("support", "attack"))
        relations.append({"source": f"a{i}", "target": target, "kind": kind})
    return {
        "argmap": 1,
        "id": "bench-server",
        "motion": "m",
        "statements": nodes,
        "relations": relations,
    }


def store_debate(url: str, doc: dict[str, Any]) -> str:
    """Store ``doc`` as a public debate without an owner at ``url``; its key."""
    from argmap.formats.native import read_native
    from argmap.store import Store

    with Store(url) as store:
        return store.add_debate(read_native(json.dumps(doc)), None, public=True)


def check_evaluation(url: str, doc: dict[str, Any]) -> None:
    """The answer at ``url`` evaluates every statement of ``doc``; else an error."""
    answer = httpx.get(url, timeout=60)
    answer.raise_for_status()
    body = answer.json()
    evaluated = [s["id"] for s in body["statements"]]
    expected = [s["id"] for s in doc["statements"]]
    if evaluated != expected or body["motion"]["id"] != doc["motion"]:
        raise RuntimeError(f"{url} evaluated {evaluated}, expected {expected}")


# ---------------------------------------------------------------------------
# the servers, each in a subprocess


def serve(which: str, port: int, db: str | None) -> None:
    """Run one server in this process until it is terminated (the subprocess's side)."""
    if which == "hello":
        uvicorn.run(hello_app, port=port, **SERVER_SETTINGS)
        return
    from argmap.server import create_app_from_url

    assert db is not None, "--serve argmap needs --db"
    uvicorn.run(create_app_from_url(db), port=port, **SERVER_SETTINGS)


def free_port() -> int:
    """A port nobody listens on now (the child binds it a moment later)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server_process(which: str, ready_path: str, db: str | None = None) -> Iterator[str]:
    """Start server ``which`` in a subprocess; its base URL once ``ready_path`` answers 200.

    The subprocess is terminated (killed if it lingers) however the block ends.
    """
    port = free_port()
    command = [sys.executable, "-m", "bench.server", "--serve", which, "--port", str(port)]
    if db is not None:
        command += ["--db", db]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            url = f"http://{HOST}:{port}"
            wait_until_ready(process, url + ready_path, log)
            yield url
        finally:
            stop(process)


def wait_until_ready(process: subprocess.Popen[bytes], url: str, log: IO[bytes]) -> None:
    """Poll ``url`` until it answers 200; raise with the server's output if it never does."""
    deadline = time.monotonic() + READY_TIMEOUT
    with httpx.Client(timeout=5) as client:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited ({process.returncode}):\n{_tail(log)}")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} not ready after {READY_TIMEOUT:g} s:\n{_tail(log)}")
            time.sleep(0.05)


def _tail(log: IO[bytes], size: int = 4000) -> str:
    log.seek(0)
    return log.read().decode(errors="replace")[-size:]


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process`` (uvicorn shuts down on SIGTERM); kill it if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


# ---------------------------------------------------------------------------
# the load generator


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    stopped_by: str
    requests_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    first_error: str | None


class LoadError(Exception):
    """An answer the load generator cannot take: not HTTP/1.1 with a Content-Length."""


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def get(connection: Connection, request: bytes) -> int:
    """Send ``request`` on a keep-alive connection and read the whole answer; its status."""
    reader, writer = connection
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    version, _, rest = status_line.partition(" ")
    if version != "HTTP/1.1":
        raise LoadError(f"expected an HTTP/1.1 status line, found {status_line!r}")
    length = None
    for line in header_lines:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length is None:
        raise LoadError(f"expected a Content-Length header, found {header_lines!r}")
    await reader.readexactly(length)
    return int(rest.split(" ", 1)[0])


async def load(
    url: str, requests: int, duration: float, concurrency: int, warmup: int
) -> LoadResult:
    """GET ``url`` from ``concurrency`` workers until ``requests`` are done or time is up.

    Each worker keeps one HTTP/1.1 connection open and sends its next request when the
    answer to the last one is read (a closed loop). Requests are written by hand on
    asyncio streams: ``httpx.AsyncClient`` costs so much CPU per request that it, not
    the server, would be what the hello row measures.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or HOST, parts.port or 80
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    request = f"GET {target} HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: */*\r\n\r\n".encode()
    latencies: list[float] = []
    errors: list[str] = []
    connections = [await asyncio.open_connection(host, port) for _ in range(concurrency)]
    try:
        warm = iter(range(warmup))

        async def warm_up(connection: Connection) -> None:
            for _ in warm:
                status = await get(connection, request)
                if status != 200:
                    raise LoadError(f"warming up: HTTP {status}")

        await asyncio.gather(*(warm_up(c) for c in connections))

        issued = 0
        start = time.perf_counter()
        deadline = start + duration

        async def worker(i: int) -> None:
            nonlocal issued
            while issued < requests and time.perf_counter() < deadline:
                issued += 1
                sent = time.perf_counter()
                try:
                    status = await get(connections[i], request)
                except (OSError, asyncio.IncompleteReadError, LoadError) as e:
                    errors.append(f"{type(e).__name__}: {e}")
                    connections[i][1].close()
                    connections[i] = await asyncio.open_connection(host, port)
                    continue
                if status == 200:
                    latencies.append(time.perf_counter() - sent)
                else:
                    errors.append(f"HTTP {status}")

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        seconds = time.perf_counter() - start
    finally:
        for _, writer in connections:
            writer.close()
    if len(latencies) < 2:
        raise RuntimeError(f"only {len(latencies)} requests succeeded: {errors[:1]}")
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return LoadResult(
        requests=len(latencies) + len(errors),
        errors=len(errors),
        seconds=seconds,
        stopped_by="requests" if issued >= requests else "duration",
        requests_per_second=len(latencies) / seconds,
        p50_ms=cuts[49] * 1000,
        p90_ms=cuts[89] * 1000,
        p99_ms=cuts[98] * 1000,
        mean_ms=statistics.fmean(latencies) * 1000,
        max_ms=max(latencies) * 1000,
        first_error=errors[0] if errors else None,
    )


# ---------------------------------------------------------------------------
# the bench


def uvicorn_choices() -> dict[str, str]:
    """What uvicorn's ``auto`` picks here: the HTTP parser and the event loop."""
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    return {"http": http, "loop": loop}


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("uvicorn", "httpx", "fastapi", "starlette", "pydantic", "sqlalchemy")
    return {name: version(name) for name in names}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per server, at most")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per server, at most")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent workers")
    parser.add_argument("--warmup", type=int, default=50, help="requests before the count")
    parser.add_argument("--statements", type=int, default=50, help="statements in the debate")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    # The subprocess's side: run one server (not for use by hand).
    parser.add_argument("--serve", choices=("hello", "argmap"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve is not None:
        serve(args.serve, args.port, args.db)
        return 0
    if args.requests < 1 or args.duration <= 0 or args.concurrency < 1 or args.warmup < 0:
        parser.error("--requests and --concurrency must be at least 1, --duration positive")
    if args.statements < 2:
        parser.error("--statements must be at least 2")

    load_before = os.getloadavg()
    started = time.perf_counter()
    doc = debate_document(args.statements, args.seed)
    results: dict[str, LoadResult] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-bench-server-") as folder:
        db = f"sqlite:///{Path(folder) / 'argmap.db'}"
        key = store_debate(db, doc)
        path = f"/debates/{key}/evaluation"
        runs = (("hello", "/", None), ("argmap", path, db))
        for which, target, database in runs:
            with server_process(which, target, database) as url:
                if which == "argmap":
                    check_evaluation(url + target, doc)
                console.print(f"{which}: loading {url}{target}", highlight=False)
                results[which] = asyncio.run(
                    load(url + target, args.requests, args.duration, args.concurrency, args.warmup)
                )
    total = time.perf_counter() - started

    argmap, hello = results["argmap"], results["hello"]
    ratios = {
        "requests_per_second": argmap.requests_per_second / hello.requests_per_second,
        "p50": argmap.p50_ms / hello.p50_ms,
        "p99": argmap.p99_ms / hello.p99_ms,
    }
    show(results, ratios, args.concurrency)
    failed = {name: r for name, r in results.items() if r.errors}
    for name, r in failed.items():
        console.print(f"[red]{name}: {r.errors} failed requests[/]; first: {r.first_error}")
    console.print(f"bench took {total:.0f} s")

    doc_out = {
        **header("server"),
        "load_average_before": list(load_before),
        "load_average_after": list(os.getloadavg()),
        "versions": versions(),
        "args": {
            "requests": args.requests,
            "duration": args.duration,
            "concurrency": args.concurrency,
            "warmup": args.warmup,
            "statements": args.statements,
            "seed": args.seed,
        },
        "server": {**SERVER_SETTINGS, **uvicorn_choices(), "processes": "one per server"},
        "load_generator": "asyncio workers, one keep-alive HTTP/1.1 connection each, closed loop",
        "argmap": {
            "path": "/debates/{key}/evaluation",
            "store": "SQLite file",
            "statements": len(doc["statements"]),
            "relations": len(doc["relations"]),
        },
        "results": {name: asdict(r) for name, r in results.items()},
        "ratios": ratios,
        "seconds": total,
        "ok": not failed,
    }
    write_results(args.out, doc_out)
    console.print(f"results written to {args.out}")
    return 1 if failed else 0


def show(results: dict[str, LoadResult], ratios: dict[str, float], concurrency: int) -> None:
    table = Table(title=f"GET over loopback, {concurrency} concurrent workers")
    for column in ("server", "requests", "errors", "s", "req/s", "p50 ms", "p99 ms", "stopped by"):
        table.add_column(column, justify="left" if column in ("server", "stopped by") else "right")
    for name, r in results.items():
        table.add_row(
            name,
            f"{r.requests:,}",
            str(r.errors),
            f"{r.seconds:.1f}",
            f"{r.requests_per_second:,.1f}",
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            r.stopped_by,
        )
    console.print(table)
    console.print(
        f"argmap / hello: req/s {ratios['requests_per_second']:.3f}, "
        f"p50 {ratios['p50']:.1f}x, p99 {ratios['p99']:.1f}x",
        highlight=False,
    )


if __name__ == "__main__":
    sys.exit(main())
