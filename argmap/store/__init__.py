"""Storage for debates: revisions, votes, users, sessions, tokens and roles.

SQLite (the default, ``sqlite:///argmap.db``) or PostgreSQL, through SQLAlchemy 2,
with the schema migrated by Alembic when a :class:`Store` opens::

    store = Store("postgresql://user@host/db")
    key = store.add_debate(debate, owner=store.create_user("ada", "secret"))
    store.add_statement(key, Statement("s1", "A new argument"), author=None)
"""

from __future__ import annotations

from argmap.store.errors import Conflict, NotFound, StoreError
from argmap.store.records import ROLES, DebateSummary, RevisionInfo, Role, User
from argmap.store.store import DEFAULT_URL, Store

__all__ = [
    "DEFAULT_URL",
    "ROLES",
    "Conflict",
    "DebateSummary",
    "NotFound",
    "RevisionInfo",
    "Role",
    "Store",
    "StoreError",
    "User",
]
