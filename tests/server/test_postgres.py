"""A subset of the server's tests again, on PostgreSQL: a fresh schema per test.

The tests are the same functions as on SQLite; only the ``store`` fixture differs.
PostgreSQL is the server at ``ARGMAP_TEST_POSTGRES`` (default: the local one), as
for the store's own tests; the schema is found through ``search_path``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import psycopg
import pytest

from argmap.store import Store
from tests.server import test_access, test_debates, test_edits, test_evaluation, test_users
from tests.server.conftest import CHEAP

POSTGRES = os.environ.get(
    "ARGMAP_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def store() -> Iterator[Store]:
    schema = f"argmap_server_test_{uuid.uuid4().hex[:12]}"
    libpq = POSTGRES.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        admin = psycopg.connect(libpq, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as e:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES} (set ARGMAP_TEST_POSTGRES): {e}")
    with admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
        try:
            url = f"{POSTGRES}?options={quote(f'-csearch_path={schema}')}"
            with Store(url, password_hasher=CHEAP) as s:
                yield s
        finally:
            admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


test_seed_evaluation = test_evaluation.test_the_seed_is_undecided_under_dfquad_and_grounded_out
test_votes_and_perspectives = test_evaluation.test_votes_change_the_evaluation_under_perspective_me
world = test_access.world  # the fixture the access tests use
test_listing_by_visibility = test_access.test_counts_in_the_listing_follow_visibility
test_import = test_debates.test_import_multipart_detects_the_format_from_name_and_content
test_pagination = test_debates.test_list_is_paginated
test_stale_revision = test_debates.test_replace_with_expected_revision
test_history = test_debates.test_revisions_and_revert
test_statements = test_edits.test_add_change_and_delete_a_statement
test_relations = test_edits.test_add_change_and_delete_a_relation
test_rules = test_edits.test_statement_edits_that_break_the_model_are_refused
test_register = test_users.test_register_answers_the_user_and_refuses_a_taken_name
test_sessions = test_users.test_cookie_requests_that_change_things_need_the_csrf_header


@pytest.mark.parametrize("public", [True, False], ids=["public", "private"])
@pytest.mark.parametrize(
    "action", ["list", "read", "vote", "add statement", "set member", "delete"]
)
def test_access_matrix(world: test_access.World, action: str, public: bool) -> None:
    """One action of each kind (the whole table runs on SQLite)."""
    test_access.check_access(world, action, public)
