"""Stores on both databases: a fresh SQLite file, and a fresh PostgreSQL schema.

PostgreSQL is the server at ``ARGMAP_TEST_POSTGRES`` (default: the local one with
trust auth). The test run makes a uniquely named schema, migrates it once and
empties it before each test; tests of migrations get a schema of their own. Every
schema is dropped afterwards. The store finds its schema through ``search_path``,
set in the URL's connection options.
"""

from __future__ import annotations

import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

import psycopg
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from argmap.model import Debate, Relation, Statement
from argmap.store import Store
from argmap.store.rows import RELATIONS, STATEMENTS
from argmap.store.schema import DebateRow, metadata

POSTGRES = os.environ.get(
    "ARGMAP_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)

#: argon2 with the smallest parameters: the tests check hashing, not its cost.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

BACKENDS = ["sqlite", "postgresql"]

T = TypeVar("T")


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _admin() -> psycopg.Connection[tuple[object, ...]]:
    try:
        return psycopg.connect(_libpq(POSTGRES), autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as e:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES} (set ARGMAP_TEST_POSTGRES): {e}")


@contextmanager
def _schema() -> Iterator[tuple[str, str]]:
    """A new PostgreSQL schema: (URL, name); dropped with all in it afterwards.

    Commits in the tests' sessions do not wait for the disk (``synchronous_commit``
    off): that only matters if the server itself crashes, and saves seconds.
    """
    schema = f"argmap_test_{uuid.uuid4().hex[:12]}"
    options = quote(f"-csearch_path={schema} -csynchronous_commit=off")
    with _admin() as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{POSTGRES}?options={options}", schema
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL schema."""
    with _schema() as (url, _):
        yield url


@pytest.fixture(scope="session")
def _migrated_postgres() -> Iterator[tuple[str, str]]:
    """One schema for the test run, migrated once: (URL, name)."""
    with _schema() as (url, schema):
        Store(url, password_hasher=CHEAP).close()
        yield url, schema


@pytest.fixture
def clean_postgres_url(_migrated_postgres: tuple[str, str]) -> str:
    """The test run's migrated schema, emptied for this test (faster than a new one)."""
    url, schema = _migrated_postgres
    with _admin() as admin:
        # Everything hangs on debates or users by ON DELETE CASCADE (TRUNCATE is slower).
        admin.execute(f'DELETE FROM "{schema}".debates')
        admin.execute(f'DELETE FROM "{schema}".users')
        for table in metadata.tables:
            count = admin.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()
            assert count == (0,), f"{table} was not emptied"
    return url


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once, to copy for each test."""
    path = tmp_path_factory.mktemp("template") / "argmap.db"
    Store(f"sqlite:///{path}", password_hasher=CHEAP).close()  # checkpoints the WAL
    return path


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for a migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "argmap.db"
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
        return f"sqlite:///{path}"
    return str(request.getfixturevalue("clean_postgres_url"))


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for a database of each kind without any tables."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def open_store(url: str) -> Iterator[Callable[..., Store]]:
    """Opens stores on ``url`` (cheap argon2 unless told otherwise); closes them after."""
    opened: list[Store] = []

    def open_(**options: object) -> Store:
        options.setdefault("password_hasher", CHEAP)
        store = Store(url, **options)  # type: ignore[arg-type]
        opened.append(store)
        return store

    yield open_
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store: Callable[..., Store]) -> Store:
    return open_store()


def small_debate(arguments: int = 2) -> Debate:
    """A motion with ``arguments`` arguments for it, alternately supporting and attacking."""
    statements = [Statement("m", "The motion", kind="motion")]
    relations = []
    for i in range(1, arguments + 1):
        statements.append(Statement(f"a{i}", f"Argument {i}", text=f"Why {i}."))
        relations.append(Relation(f"a{i}", "m", "support" if i % 2 else "attack"))
    return Debate("small", tuple(statements), tuple(relations))


def assert_rows_match(store: Store, key: str) -> None:
    """The normalized rows show exactly the current revision's statements and relations."""
    debate = store.get_debate(key)
    with store.engine.connect() as c:
        debate_id = c.execute(select(DebateRow.id).where(DebateRow.key == key)).scalar_one()
        statements = c.execute(
            select(
                STATEMENTS.c.id,
                STATEMENTS.c.kind,
                STATEMENTS.c.title,
                STATEMENTS.c.text,
                STATEMENTS.c.weight,
            )
            .where(STATEMENTS.c.debate_id == debate_id)
            .order_by(STATEMENTS.c.position)
        ).all()
        relations = c.execute(
            select(
                RELATIONS.c.source,
                RELATIONS.c.target,
                RELATIONS.c.kind,
                RELATIONS.c.weight,
                RELATIONS.c.confidence,
                RELATIONS.c.relation_id,
            )
            .where(RELATIONS.c.debate_id == debate_id)
            .order_by(RELATIONS.c.position)
        ).all()
    assert [tuple(r) for r in statements] == [
        (s.id, s.kind, s.title, s.text, s.weight) for s in debate.statements
    ]
    assert [tuple(r) for r in relations] == [
        (r.source, r.target, r.kind, r.weight, r.confidence, r.id or None) for r in debate.relations
    ]


def run_together(work: Callable[[int], T], threads: int) -> list[T]:
    """``work(0)`` ... ``work(threads - 1)``, each in its own thread, started at once."""
    barrier = threading.Barrier(threads)

    def start(i: int) -> T:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(start, range(threads)))  # re-raises any thread's error
