"""The plain values the store hands out: users, debate summaries, revisions, roles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

__all__ = ["ROLES", "DebateSummary", "RevisionInfo", "Role", "User"]

Role = Literal["owner", "editor", "voter", "reader"]
ROLES: tuple[Role, ...] = get_args(Role)


@dataclass(frozen=True)
class User:
    """An account: its database id and its unique name."""

    id: int
    name: str


@dataclass(frozen=True)
class DebateSummary:
    """A debate as a listing shows it.

    ``title`` is the motion's title, ``revision`` the current revision number,
    ``statements`` how many statements the current revision has, ``owner`` the name of
    the user who added it (``None`` for an anonymous import) and ``updated`` when the
    last revision was made (UTC).
    """

    key: str
    title: str
    public: bool
    revision: int
    statements: int
    owner: str | None
    updated: datetime


@dataclass(frozen=True)
class RevisionInfo:
    """One revision of a debate: its number (from 1), who made it, when (UTC) and why."""

    number: int
    author: str | None
    at: datetime
    message: str
