"""The tables, as typed SQLAlchemy ORM classes; one schema for SQLite and PostgreSQL.

A debate's history is its ``revisions``: each holds the whole debate as native JSON
(:mod:`argmap.formats.native`), so showing or reverting to any revision is exact.
``statements`` and ``relations`` mirror the current revision as rows, written in the
same transaction as its snapshot, for queries and for the foreign keys that tie
``votes`` to statements. Votes are not revisions: one row per debate, statement and
voter, overwritten in place.

The migrations in ``migrations/versions`` create exactly these tables; a test
compares the two.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Double,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

__all__ = [
    "ApiTokenRow",
    "Base",
    "DebateRow",
    "MembershipRow",
    "RelationRow",
    "RevisionRow",
    "SessionRow",
    "StatementRow",
    "UTCDateTime",
    "UserRow",
    "VoteRow",
    "metadata",
]

# Deterministic constraint names, the same on both databases and in the migrations.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC ``datetime``.

    PostgreSQL keeps it as ``timestamptz``; SQLite, which has no time zones, as the
    naive UTC time.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be aware datetimes")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


metadata = Base.metadata


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class DebateRow(Base):
    __tablename__ = "debates"
    # Never reuse a deleted debate's id on SQLite: parsed revisions are cached by id.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean)
    revision: Mapped[int] = mapped_column(Integer)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class RevisionRow(Base):
    __tablename__ = "revisions"

    debate_id: Mapped[int] = mapped_column(
        ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    message: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[str] = mapped_column(Text)  # the debate as native JSON


class StatementRow(Base):
    __tablename__ = "statements"
    __table_args__ = (
        CheckConstraint("weight >= 0 AND weight <= 1", name="weight"),
        CheckConstraint("kind IN ('motion', 'argument', 'premise', 'evidence')", name="kind"),
    )

    debate_id: Mapped[int] = mapped_column(
        ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True
    )
    id: Mapped[str] = mapped_column(Text, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    weight: Mapped[float] = mapped_column(Double)
    origin: Mapped[str] = mapped_column(Text)


class RelationRow(Base):
    """A relation; ``target`` is a statement id, or a relation id for an ``undercut``."""

    __tablename__ = "relations"
    __table_args__ = (
        ForeignKeyConstraint(
            ["debate_id", "source"],
            ["statements.debate_id", "statements.id"],
            ondelete="CASCADE",
        ),
        UniqueConstraint("debate_id", "source", "target", "kind"),
        UniqueConstraint("debate_id", "relation_id"),
        Index(None, "debate_id", "target"),
        CheckConstraint("weight >= 0 AND weight <= 1", name="weight"),
        CheckConstraint(
            "kind IN ('support', 'attack', 'undercut', 'rephrase', 'preference')", name="kind"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    debate_id: Mapped[int] = mapped_column(Integer)  # a debate's, via its statements
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    weight: Mapped[float] = mapped_column(Double)
    origin: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float | None] = mapped_column(Double)
    relation_id: Mapped[str | None] = mapped_column(Text)  # the model's id; NULL for ""


class VoteRow(Base):
    __tablename__ = "votes"
    __table_args__ = (
        ForeignKeyConstraint(
            ["debate_id", "statement_id"],
            ["statements.debate_id", "statements.id"],
            ondelete="CASCADE",
        ),
        Index(None, "debate_id", "user_id"),
        CheckConstraint("weight >= 0 AND weight <= 1", name="weight"),
    )

    debate_id: Mapped[int] = mapped_column(Integer, primary_key=True)  # via the statement
    statement_id: Mapped[str] = mapped_column(Text, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    weight: Mapped[float] = mapped_column(Double)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class MembershipRow(Base):
    __tablename__ = "memberships"
    __table_args__ = (
        CheckConstraint("role IN ('owner', 'editor', 'voter', 'reader')", name="role"),
    )

    debate_id: Mapped[int] = mapped_column(
        ForeignKey("debates.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(20))


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(Text)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256, hex
    created: Mapped[datetime] = mapped_column(UTCDateTime)


class SessionRow(Base):
    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256, hex
    created: Mapped[datetime] = mapped_column(UTCDateTime)
    expires: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
