"""The initial schema: users, debates with revisions and rows, votes, roles, secrets.

Revision ID: 0001
Revises: (none)
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_api_tokens_secret_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"], unique=False)
    op.create_table(
        "debates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_debates_owner_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debates")),
        sa.UniqueConstraint("key", name=op.f("uq_debates_key")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_debates_owner_id"), "debates", ["owner_id"], unique=False)
    op.create_index(op.f("ix_debates_updated"), "debates", ["updated"], unique=False)
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_sessions_secret_hash")),
    )
    op.create_index(op.f("ix_sessions_expires"), "sessions", ["expires"], unique=False)
    op.create_index(op.f("ix_sessions_user_id"), "sessions", ["user_id"], unique=False)
    op.create_table(
        "memberships",
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "role IN ('owner', 'editor', 'voter', 'reader')", name=op.f("ck_memberships_role")
        ),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debates.id"],
            name=op.f("fk_memberships_debate_id_debates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_memberships_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("debate_id", "user_id", name=op.f("pk_memberships")),
    )
    op.create_index(op.f("ix_memberships_user_id"), "memberships", ["user_id"], unique=False)
    op.create_table(
        "revisions",
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_revisions_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debates.id"],
            name=op.f("fk_revisions_debate_id_debates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("debate_id", "number", name=op.f("pk_revisions")),
    )
    op.create_index(op.f("ix_revisions_author_id"), "revisions", ["author_id"], unique=False)
    op.create_table(
        "statements",
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('motion', 'argument', 'premise', 'evidence')", name=op.f("ck_statements_kind")
        ),
        sa.CheckConstraint("weight >= 0 AND weight <= 1", name=op.f("ck_statements_weight")),
        sa.ForeignKeyConstraint(
            ["debate_id"],
            ["debates.id"],
            name=op.f("fk_statements_debate_id_debates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("debate_id", "id", name=op.f("pk_statements")),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=True),
        sa.Column("relation_id", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('support', 'attack', 'undercut', 'rephrase', 'preference')",
            name=op.f("ck_relations_kind"),
        ),
        sa.CheckConstraint("weight >= 0 AND weight <= 1", name=op.f("ck_relations_weight")),
        sa.ForeignKeyConstraint(
            ["debate_id", "source"],
            ["statements.debate_id", "statements.id"],
            name=op.f("fk_relations_debate_id_source_statements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
        sa.UniqueConstraint(
            "debate_id", "relation_id", name=op.f("uq_relations_debate_id_relation_id")
        ),
        sa.UniqueConstraint(
            "debate_id",
            "source",
            "target",
            "kind",
            name=op.f("uq_relations_debate_id_source_target_kind"),
        ),
    )
    op.create_index(
        op.f("ix_relations_debate_id_target"), "relations", ["debate_id", "target"], unique=False
    )
    op.create_table(
        "votes",
        sa.Column("debate_id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Double(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("weight >= 0 AND weight <= 1", name=op.f("ck_votes_weight")),
        sa.ForeignKeyConstraint(
            ["debate_id", "statement_id"],
            ["statements.debate_id", "statements.id"],
            name=op.f("fk_votes_debate_id_statement_id_statements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_votes_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("debate_id", "statement_id", "user_id", name=op.f("pk_votes")),
    )
    op.create_index(
        op.f("ix_votes_debate_id_user_id"), "votes", ["debate_id", "user_id"], unique=False
    )
    op.create_index(op.f("ix_votes_user_id"), "votes", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_votes_user_id"), table_name="votes")
    op.drop_index(op.f("ix_votes_debate_id_user_id"), table_name="votes")
    op.drop_table("votes")
    op.drop_index(op.f("ix_relations_debate_id_target"), table_name="relations")
    op.drop_table("relations")
    op.drop_table("statements")
    op.drop_index(op.f("ix_revisions_author_id"), table_name="revisions")
    op.drop_table("revisions")
    op.drop_index(op.f("ix_memberships_user_id"), table_name="memberships")
    op.drop_table("memberships")
    op.drop_index(op.f("ix_sessions_user_id"), table_name="sessions")
    op.drop_index(op.f("ix_sessions_expires"), table_name="sessions")
    op.drop_table("sessions")
    op.drop_index(op.f("ix_debates_updated"), table_name="debates")
    op.drop_index(op.f("ix_debates_owner_id"), table_name="debates")
    op.drop_table("debates")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_table("users")
