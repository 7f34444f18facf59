"""Editing a debate piece by piece: its statements and relations (editors and owners).

Every change is a new revision; the answer carries its number.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from argmap.formats.source_text import slugify
from argmap.model import Debate, Relation, Statement
from argmap.server.access import CallerDep, StoreDep, require
from argmap.server.problems import PROBLEM_RESPONSES, Problem
from argmap.server.schemas import (
    RelationDoc,
    RelationIn,
    RelationOut,
    RelationPatch,
    RevisionChange,
    StatementDoc,
    StatementIn,
    StatementOut,
    StatementPatch,
)

__all__ = ["relation_doc", "router", "statement_doc"]

router = APIRouter(tags=["statements and relations"], responses=PROBLEM_RESPONSES)

Key = Annotated[str, Path(description="The debate's key.")]


def statement_doc(s: Statement) -> StatementDoc:
    """A statement as native JSON."""
    return StatementDoc(
        id=s.id,
        title=s.title,
        text=s.text,
        kind=s.kind,
        weight=s.weight,
        span=(s.span.start_line, s.span.end_line) if s.span else None,
        origin=s.origin,
        sources=list(s.sources),
        tags=list(s.tags),
    )


def relation_doc(r: Relation) -> RelationDoc:
    """A relation as native JSON."""
    return RelationDoc(
        source=r.source,
        target=r.target,
        kind=r.kind,
        weight=r.weight,
        origin=r.origin,
        confidence=r.confidence,
        id=r.id,
    )


def _fresh_id(debate: Debate, title: str) -> str:
    """An id made from ``title`` that no statement of ``debate`` has yet."""
    taken = {s.id for s in debate.statements}
    base = slugify(title, 40)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _relation(debate: Debate, source: str, target: str) -> Relation:
    """The relation ``source -> target`` the store edits: a support, attack or undercut first."""
    found = [r for r in debate.relations if (r.source, r.target) == (source, target)]
    if not found:
        raise Problem.not_found(f"no relation {source!r} -> {target!r}")
    main = [r for r in found if r.kind in ("support", "attack", "undercut")]
    return (main or found)[0]


def _statement(debate: Debate, statement_id: str) -> Statement:
    try:
        return debate.statement(statement_id)
    except KeyError:
        raise Problem.not_found(f"no statement {statement_id!r}") from None


@router.post(
    "/debates/{key}/statements",
    status_code=201,
    response_model=StatementOut,
    summary="Add a statement",
)
def add_statement(key: Key, body: StatementIn, who: CallerDep, store: StoreDep) -> StatementOut:
    """Add a statement (without ``id``, one is made from the title). Connect it with a relation."""
    require(store, key, who, "edit")
    statement_id = body.id or _fresh_id(store.get_debate(key), body.title)
    statement = Statement(
        id=statement_id,
        title=body.title,
        text=body.text,
        kind=body.kind,
        weight=body.weight,
        sources=tuple(body.sources),
        tags=tuple(body.tags),
    )
    revision = store.add_statement(key, statement, who.required())
    return StatementOut(revision=revision, statement=statement_doc(statement))


@router.patch(
    "/debates/{key}/statements/{statement_id}",
    response_model=StatementOut,
    summary="Change a statement",
)
def update_statement(
    key: Key, statement_id: str, body: StatementPatch, who: CallerDep, store: StoreDep
) -> StatementOut:
    """Change the fields given; the others stay."""
    require(store, key, who, "edit")
    fields: dict[str, Any] = {
        name: tuple(value) if isinstance(value, list) else value
        for name, value in body.model_dump(exclude_unset=True).items()
        if value is not None
    }
    if fields:
        revision = store.update_statement(key, statement_id, who.required(), **fields)
    else:
        revision = store.summary(key).revision
    return StatementOut(
        revision=revision,
        statement=statement_doc(_statement(store.get_debate(key, revision), statement_id)),
    )


@router.delete(
    "/debates/{key}/statements/{statement_id}",
    response_model=RevisionChange,
    summary="Delete a statement",
)
def delete_statement(
    key: Key, statement_id: str, who: CallerDep, store: StoreDep
) -> RevisionChange:
    """Delete the statement, with the relations and votes that involve it."""
    require(store, key, who, "edit")
    return RevisionChange(revision=store.delete_statement(key, statement_id, who.required()))


@router.post(
    "/debates/{key}/relations",
    status_code=201,
    response_model=RelationOut,
    summary="Add a relation",
)
def add_relation(key: Key, body: RelationIn, who: CallerDep, store: StoreDep) -> RelationOut:
    """``source`` supports, attacks, undercuts, rephrases or is preferred to ``target``."""
    require(store, key, who, "edit")
    relation = Relation(
        source=body.source,
        target=body.target,
        kind=body.kind,
        weight=body.weight,
        origin=body.origin,
        confidence=body.confidence,
        id=body.id,
    )
    revision = store.add_relation(key, relation, who.required())
    return RelationOut(revision=revision, relation=relation_doc(relation))


@router.patch(
    "/debates/{key}/relations/{source}/{target}",
    response_model=RelationOut,
    summary="Change a relation",
)
def update_relation(
    key: Key, source: str, target: str, body: RelationPatch, who: CallerDep, store: StoreDep
) -> RelationOut:
    """Change the fields given; the others stay."""
    require(store, key, who, "edit")
    fields = body.model_dump(exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None or k == "confidence"}
    if fields:
        revision = store.update_relation(key, source, target, who.required(), **fields)
    else:
        revision = store.summary(key).revision
    return RelationOut(
        revision=revision,
        relation=relation_doc(_relation(store.get_debate(key, revision), source, target)),
    )


@router.delete(
    "/debates/{key}/relations/{source}/{target}",
    response_model=RevisionChange,
    summary="Delete a relation",
)
def delete_relation(
    key: Key, source: str, target: str, who: CallerDep, store: StoreDep
) -> RevisionChange:
    """Delete the relation from ``source`` to ``target``."""
    require(store, key, who, "edit")
    return RevisionChange(revision=store.delete_relation(key, source, target, who.required()))
