"""The migrations build exactly the schema the ORM declares, on both databases."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from argmap.store import Store
from argmap.store.engine import alembic_config, make_engine, normalize_url, upgrade
from argmap.store.schema import metadata
from tests.store.conftest import CHEAP, run_together, small_debate


def test_upgrading_an_empty_database_gives_exactly_the_orm_schema(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        upgrade(engine)
        with engine.connect() as c:
            context = MigrationContext.configure(
                c, opts={"compare_type": True, "compare_server_default": True}
            )
            assert compare_metadata(context, metadata) == []
            assert set(inspect(c).get_table_names()) == set(metadata.tables) | {"alembic_version"}
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert context.get_current_revision() == head

        # Down to nothing and up again: the downgrades work too.
        with engine.begin() as c:
            command.downgrade(alembic_config(c), "base")
        with engine.connect() as c:
            assert set(inspect(c).get_table_names()) <= {"alembic_version"}
        upgrade(engine)
        with engine.connect() as c:
            assert set(inspect(c).get_table_names()) == set(metadata.tables) | {"alembic_version"}
    finally:
        engine.dispose()


def test_opening_again_keeps_the_data(url: str) -> None:
    with Store(url, password_hasher=CHEAP) as store:
        key = store.add_debate(small_debate(), store.create_user("ada", "pw"))
    with Store(url, password_hasher=CHEAP) as store:
        assert store.get_debate(key) == small_debate()
        assert store.authenticate("ada", "pw") is not None


def test_postgresql_urls_use_psycopg_3(postgres_url: str) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    assert normalize_url(plain).drivername == "postgresql+psycopg"
    with Store(plain, password_hasher=CHEAP) as store:
        assert store.engine.dialect.driver == "psycopg"
        key = store.add_debate(small_debate(), None)
        assert store.get_debate(key) == small_debate()


def test_stores_opening_a_new_database_at_once_migrate_it_once(empty_url: str) -> None:
    def open_and_close(i: int) -> None:
        Store(empty_url, password_hasher=CHEAP).close()

    run_together(open_and_close, 4)
    with Store(empty_url, password_hasher=CHEAP) as store:
        key = store.add_debate(small_debate(), None)
        assert store.get_debate(key) == small_debate()
