"""Connecting: database URLs, SQLite's settings, and migrating to the newest schema.

SQLite runs in WAL mode (readers never wait for the writer) with foreign keys on and
a busy timeout. Its driver's own transaction handling is switched off so that the
store says how each transaction begins: ``BEGIN`` to read, ``BEGIN IMMEDIATE`` to
write, which takes the write lock up front, so that two writers queue on the busy
timeout instead of failing when both try to upgrade a read lock.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

__all__ = [
    "BUSY_TIMEOUT_MS",
    "WRITE",
    "alembic_config",
    "make_engine",
    "normalize_url",
    "upgrade",
]

#: How long a SQLite writer waits for the lock before giving up.
BUSY_TIMEOUT_MS = 30_000

#: The execution option that marks a connection as one that will write.
WRITE = "argmap_write"

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# Any constant will do: it names the lock that serializes migrations on PostgreSQL.
_MIGRATION_LOCK = 0x61726D6170  # "armap"


def normalize_url(url: str | URL) -> URL:
    """``url`` with PostgreSQL's driver set to psycopg 3 and a SQLite path made absolute.

    A relative SQLite path is taken from the working folder now, so that the store
    keeps using the same file if the process changes folder later.

    >>> normalize_url("postgresql://u@h/db").render_as_string()
    'postgresql+psycopg://u@h/db'
    >>> normalize_url("sqlite:///argmap.db").database == str(Path("argmap.db").resolve())
    True
    >>> normalize_url("sqlite://").database is None
    True
    """
    u = make_url(url)
    if u.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        u = u.set(drivername="postgresql+psycopg")
    if (
        u.get_backend_name() == "sqlite"
        and u.database not in (None, "", ":memory:")
        and not u.database.startswith("file:")
        and not u.query.get("uri")
    ):
        u = u.set(database=str(Path(u.database).resolve()))
    return u


def make_engine(url: str | URL, **options: Any) -> Engine:
    """An engine for ``url`` (SQLite or PostgreSQL), configured for the store."""
    u = normalize_url(url)
    backend = u.get_backend_name()
    if backend == "sqlite":
        if u.database in (None, "", ":memory:"):
            # One shared connection, or every connection would see its own empty database.
            options.setdefault("poolclass", StaticPool)
            options.setdefault("connect_args", {"check_same_thread": False})
        engine = create_engine(u, **options)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if backend == "postgresql":
        options.setdefault("pool_pre_ping", True)
        return create_engine(u, **options)
    raise ValueError(f"argmap's store runs on SQLite or PostgreSQL, not {backend!r}")


def _sqlite_connect(dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    # Take over BEGIN from the driver (see _sqlite_begin); PRAGMAs run in autocommit.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _use_wal(cursor)
    finally:
        cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so). SQLite answers "locked" at once, without
    the busy timeout, while another connection is creating the same new file: retry."""
    if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
        return
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the store's migrations; no ``alembic.ini`` needed.

    With ``connection`` the migrations run on it (in its transaction).
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind ``engine`` to ``revision``, in one transaction.

    Stores opening the same new database at once take turns: on PostgreSQL through an
    advisory lock, on SQLite through the write lock (``BEGIN IMMEDIATE``).
    """
    with engine.connect() as connection:
        connection = connection.execution_options(**{WRITE: True})
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), revision)
