"""200 simultaneous votes over real HTTP, on SQLite and PostgreSQL: none is lost.

The real app runs under uvicorn on an ephemeral 127.0.0.1 port, in a thread, over a
fresh SQLite file or a fresh PostgreSQL schema (the fixtures of the other tests). Twenty
voters, each with an ``httpx.Client`` and a token of their own, cast ten votes each,
all starting at the same moment; the API then shows every vote with its exact weight.
The store's own version of this test is ``tests/store/test_concurrency.py``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from argmap.server import create_app
from argmap.store import Store
from tests.server import test_postgres
from tests.server.conftest import Api, native
from tests.store.conftest import run_together

VOTERS = 20
STATEMENTS = 10

postgres_store = test_postgres.store  # a fresh PostgreSQL schema, as for the other server tests


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest) -> Store:
    """A store on a fresh SQLite file, then on a fresh PostgreSQL schema."""
    name = "store" if request.param == "sqlite" else "postgres_store"
    store: Store = request.getfixturevalue(name)
    return store


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` under uvicorn in a thread, on a port the system picks; its base URL."""
    # Port 0 through uvicorn, not a socket of our own: asyncio sets TCP_NODELAY only when
    # the socket's proto is IPPROTO_TCP, which socket.socket() leaves at 0; without it
    # each small answer waits some 40 ms for the client's delayed ACK.
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def weight(i: int, j: int) -> float:
    """Voter ``i``'s weight for statement ``j``: distinct per vote, exact in binary."""
    return (i * STATEMENTS + j) / 256


def test_200_simultaneous_votes_over_http_are_all_kept(any_store: Store) -> None:
    statements = [{"id": "m", "title": "The motion", "kind": "motion"}]
    relations = []
    for n in range(1, STATEMENTS):
        statements.append({"id": f"a{n}", "title": f"Argument {n}"})
        relations.append({"source": f"a{n}", "target": "m", "kind": ("support", "attack")[n % 2]})
    ids = [s["id"] for s in statements]
    names = [f"voter{i:02}" for i in range(VOTERS)]

    with serving(create_app(any_store)) as url, httpx.Client(base_url=url, timeout=30) as setup:
        api = Api(setup)  # type: ignore[arg-type]  # any httpx-style client will do
        owner = api.user("owner")
        key = api.create(owner, native(statements, relations), public=False)
        tokens = [api.user(name) for name in names]
        for name in names:
            api.member(owner, key, name, "voter")

        clients = [httpx.Client(base_url=url, headers=t, timeout=30) for t in tokens]

        def vote(i: int) -> list[int]:
            return [
                clients[i]
                .put(f"/debates/{key}/votes/{sid}", json={"weight": weight(i, j)})
                .status_code
                for j, sid in enumerate(ids)
            ]

        try:
            statuses = run_together(vote, VOTERS)
        finally:
            for client in clients:
                client.close()

        assert statuses == [[200] * STATEMENTS] * VOTERS
        votes = setup.get(f"/debates/{key}/votes", headers=owner).json()
        assert len(votes) == VOTERS * STATEMENTS
        assert {(v["voter"], v["statement"]): v["weight"] for v in votes} == {
            (name, sid): weight(i, j) for i, name in enumerate(names) for j, sid in enumerate(ids)
        }
        # The evaluation sees them too: every statement weighs its voters' mean.
        means = api.evaluation(key, owner, perspective="all")["weights"]
        assert means == pytest.approx(
            {sid: sum(weight(i, j) for i in range(VOTERS)) / VOTERS for j, sid in enumerate(ids)}
        )
