"""Alembic's environment: migrate on the connection the store hands over.

Run by alembic only (``Store(url)`` does it on open); importing this module does
nothing else. Without a connection in the configuration's attributes it connects to
the configuration's ``sqlalchemy.url``, so that alembic's own commands work too, e.g.
``alembic revision --autogenerate`` with a config made by
:func:`argmap.store.engine.alembic_config`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from argmap.store.engine import make_engine
from argmap.store.schema import metadata


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    """Run the migrations alembic asked for."""
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _migrate(connection)
            connection.commit()
    finally:
        engine.dispose()


# Alembic installs its context only while it runs this file; a plain import (a test
# collector looking for doctests, say) finds none and does nothing.
if hasattr(context, "config"):
    run()
