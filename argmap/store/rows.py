"""The normalized rows of a debate's current revision, kept in step with its snapshot.

:func:`sync_rows` turns the rows of one revision into those of the next by their
difference, so an edit writes only what changed. Statement rows are updated in place
(deleting one would delete its votes, which hang on it by a foreign key); a changed
relation is deleted and inserted again.

PostgreSQL's text cannot hold NUL characters: in titles and texts they become U+FFFD
here (the snapshot keeps them exactly); an id that holds one is refused.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlalchemy.orm import Session

from argmap.model import Debate
from argmap.store.errors import Conflict
from argmap.store.schema import RelationRow, StatementRow

__all__ = ["RELATIONS", "STATEMENTS", "sync_rows"]

STATEMENTS = cast(Table, StatementRow.__table__)
RELATIONS = cast(Table, RelationRow.__table__)

RelationKey = tuple[str, str, str]


def _text(value: str) -> str:
    return value.replace("\x00", "\ufffd")


def _id(value: str, what: str) -> str:
    if "\x00" in value:
        raise Conflict(f"{what} {value!r} holds a NUL character, which the store cannot keep")
    return value


def statement_rows(debate_id: int, debate: Debate | None) -> dict[str, dict[str, Any]]:
    """The ``statements`` rows of ``debate``, by statement id."""
    if debate is None:
        return {}
    return {
        s.id: {
            "debate_id": debate_id,
            "id": _id(s.id, "statement id"),
            "position": i,
            "kind": s.kind,
            "title": _text(s.title),
            "text": _text(s.text),
            "weight": float(s.weight),
            "origin": _text(s.origin),
        }
        for i, s in enumerate(debate.statements)
    }


def relation_rows(debate_id: int, debate: Debate | None) -> dict[RelationKey, dict[str, Any]]:
    """The ``relations`` rows of ``debate``, by (source, target, kind)."""
    if debate is None:
        return {}
    return {
        (r.source, r.target, r.kind): {
            "debate_id": debate_id,
            "position": i,
            "source": r.source,
            "target": _id(r.target, "relation target"),
            "kind": r.kind,
            "weight": float(r.weight),
            "origin": r.origin,
            "confidence": None if r.confidence is None else float(r.confidence),
            "relation_id": _id(r.id, "relation id") or None,
        }
        for i, r in enumerate(debate.relations)
    }


def sync_rows(session: Session, debate_id: int, old: Debate | None, new: Debate) -> None:
    """Change the rows of debate ``debate_id`` from those of ``old`` to those of ``new``.

    ``old`` must be the revision the rows show now (``None``: there are none yet).
    """
    old_s, new_s = statement_rows(debate_id, old), statement_rows(debate_id, new)
    old_r, new_r = relation_rows(debate_id, old), relation_rows(debate_id, new)

    gone_r = [k for k, row in old_r.items() if new_r.get(k) != row]
    if gone_r:
        session.execute(
            delete(RELATIONS).where(
                RELATIONS.c.debate_id == debate_id,
                RELATIONS.c.source == bindparam("b_source"),
                RELATIONS.c.target == bindparam("b_target"),
                RELATIONS.c.kind == bindparam("b_kind"),
            ),
            [{"b_source": s, "b_target": t, "b_kind": k} for s, t, k in gone_r],
        )
    gone_s = [sid for sid in old_s if sid not in new_s]
    if gone_s:
        # Their votes go with them (ON DELETE CASCADE).
        session.execute(
            delete(STATEMENTS).where(
                STATEMENTS.c.debate_id == debate_id, STATEMENTS.c.id.in_(gone_s)
            )
        )
    changed_s = [row for sid, row in new_s.items() if sid in old_s and old_s[sid] != row]
    if changed_s:
        session.execute(
            update(STATEMENTS).where(
                STATEMENTS.c.debate_id == bindparam("b_debate_id"),
                STATEMENTS.c.id == bindparam("b_id"),
            ),
            [
                {"b_debate_id": row["debate_id"], "b_id": row["id"]}
                | {k: v for k, v in row.items() if k not in ("debate_id", "id")}
                for row in changed_s
            ],
        )
    added_s = [row for sid, row in new_s.items() if sid not in old_s]
    if added_s:
        session.execute(insert(STATEMENTS), added_s)
    added_r = [row for k, row in new_r.items() if old_r.get(k) != row]
    if added_r:
        session.execute(insert(RELATIONS), added_r)
