"""Users, passwords, sessions and API tokens."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from argmap.store import Conflict, NotFound, Store, User
from argmap.store.schema import ApiTokenRow, SessionRow, UserRow


def _password_hash(store: Store, name: str) -> str:
    with store.engine.connect() as c:
        return c.execute(select(UserRow.password_hash).where(UserRow.name == name)).scalar_one()


def test_users_and_passwords(store: Store) -> None:
    ada = store.create_user("ada", "correct horse")
    assert isinstance(ada, User) and ada.name == "ada"
    assert store.get_user("ada") == ada
    assert store.authenticate("ada", "correct horse") == ada
    assert store.authenticate("ada", "wrong horse") is None
    assert store.authenticate("nobody", "correct horse") is None
    assert store.authenticate("ada", "") is None
    stored = _password_hash(store, "ada")
    assert stored.startswith("$argon2id$")
    assert "correct horse" not in stored
    assert store.create_user("bob", "correct horse").id != ada.id
    assert _password_hash(store, "bob") != stored  # salted


def test_duplicate_and_bad_user_names_are_conflicts(store: Store) -> None:
    store.create_user("ada", "pw")
    with pytest.raises(Conflict, match="taken"):
        store.create_user("ada", "other")
    with pytest.raises(Conflict):
        store.create_user("", "pw")
    with pytest.raises(Conflict):
        store.create_user("eve", "")
    with pytest.raises(NotFound):
        store.get_user("nobody")


def test_a_hash_with_old_parameters_is_renewed_on_login(open_store: Callable[..., Store]) -> None:
    old = open_store()
    old.create_user("ada", "pw")
    before = _password_hash(old, "ada")
    stronger = open_store(
        password_hasher=PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    )
    assert stronger.authenticate("ada", "pw") is not None
    after = _password_hash(stronger, "ada")
    assert after != before and "t=2" in after
    assert stronger.authenticate("ada", "pw") is not None


def test_sessions(store: Store) -> None:
    ada = store.create_user("ada", "pw")
    secret = store.create_session(ada)
    assert len(secret) >= 32
    assert store.user_for_session(secret) == ada
    assert store.user_for_session("unknown") is None
    assert store.user_for_session("") is None
    other = store.create_session(ada)
    assert other != secret
    store.end_session(secret)
    assert store.user_for_session(secret) is None
    assert store.user_for_session(other) == ada
    store.end_session(secret)  # ending twice is fine
    with store.engine.connect() as c:
        hashes = set(c.execute(select(SessionRow.secret_hash)).scalars())
    assert hashes == {hashlib.sha256(other.encode()).hexdigest()}


def test_expired_sessions_are_gone(open_store: Callable[..., Store]) -> None:
    store = open_store(session_lifetime=timedelta(seconds=-1))
    ada = store.create_user("ada", "pw")
    assert store.user_for_session(store.create_session(ada)) is None


def test_api_tokens(store: Store) -> None:
    ada = store.create_user("ada", "pw")
    token = store.create_token(ada, "ci")
    assert store.user_for_token(token) == ada
    assert store.user_for_token("unknown") is None
    assert store.user_for_session(token) is None  # a token is no session
    with store.engine.connect() as c:
        row = c.execute(select(ApiTokenRow.label, ApiTokenRow.secret_hash)).one()
    assert row.label == "ci"
    assert row.secret_hash == hashlib.sha256(token.encode()).hexdigest()
    store.revoke_token(token)
    assert store.user_for_token(token) is None


def test_secrets_need_a_real_user(store: Store) -> None:
    with pytest.raises(NotFound):
        store.create_session(User(999, "ghost"))
    with pytest.raises(NotFound):
        store.create_token(User(999, "ghost"))
