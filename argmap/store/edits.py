"""Edits as pure functions from a :class:`Debate` to the next one.

The store applies them inside its write transaction (:meth:`Store.update_debate`);
they raise :class:`NotFound` for a statement or relation that is not there,
:class:`Conflict` for fields that cannot be set, and let the model's
:class:`~argmap.errors.ValidationError` through for a debate that would break a rule.

Removing a statement removes what would dangle without it: the relations from or to
it, the undercuts of those relations (and of the undercuts, and so on) and the votes
the debate carries on it. Removing a relation removes its undercuts the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields, replace
from typing import Any

from argmap.model import Debate, Relation, RelationKind, Span, Statement
from argmap.store.errors import Conflict, NotFound

__all__ = [
    "add_relation",
    "add_statement",
    "delete_relation",
    "delete_statement",
    "find_relation",
    "update_relation",
    "update_statement",
]


def add_statement(debate: Debate, statement: Statement) -> Debate:
    """``debate`` with ``statement`` appended."""
    if not isinstance(statement, Statement):
        raise Conflict(f"expected a Statement, not {type(statement).__name__}")
    return replace(debate, statements=(*debate.statements, statement))


def update_statement(debate: Debate, statement_id: str, changes: Mapping[str, Any]) -> Debate:
    """``debate`` with the statement ``statement_id``'s fields set from ``changes``.

    >>> from argmap.model import Debate, Statement
    >>> d = Debate("d", (Statement("m", "Motion", kind="motion"),))
    >>> update_statement(d, "m", {"title": "New", "tags": ["a"]}).statements[0]
    Statement(id='m', title='New', text='', kind='motion', weight=0.5, span=None, \
origin='', sources=(), tags=('a',))
    """
    old = _statement(debate, statement_id)
    values = _checked(Statement, changes, {"sources", "tags"})
    if values.get("id", statement_id) != statement_id:
        raise Conflict(f"statement {statement_id!r} cannot change its id")
    new = replace(old, **values)
    statements = tuple(new if s.id == statement_id else s for s in debate.statements)
    return replace(debate, statements=statements)


def delete_statement(debate: Debate, statement_id: str) -> Debate:
    """``debate`` without the statement ``statement_id`` and whatever hung on it."""
    _statement(debate, statement_id)
    dropped = [r for r in debate.relations if statement_id in (r.source, r.target)]
    relations = _without(debate.relations, dropped)
    return replace(
        debate,
        statements=tuple(s for s in debate.statements if s.id != statement_id),
        relations=relations,
        votes=tuple(v for v in debate.votes if v.statement != statement_id),
    )


def add_relation(debate: Debate, relation: Relation) -> Debate:
    """``debate`` with ``relation`` appended."""
    if not isinstance(relation, Relation):
        raise Conflict(f"expected a Relation, not {type(relation).__name__}")
    return replace(debate, relations=(*debate.relations, relation))


def find_relation(
    debate: Debate, source: str, target: str, of_kind: RelationKind | None = None
) -> Relation:
    """The relation from ``source`` to ``target`` (of kind ``of_kind``, if given).

    A pair holds at most one support, attack or undercut and at most one rephrase or
    preference; without ``of_kind`` the first of these is meant when both are there.
    """
    found = [
        r
        for r in debate.relations
        if r.source == source and r.target == target and of_kind in (None, r.kind)
    ]
    if not found:
        kind = f" of kind {of_kind!r}" if of_kind else ""
        raise NotFound(f"no relation {source!r} -> {target!r}{kind}")
    main = [r for r in found if r.kind in ("support", "attack", "undercut")]
    return (main or found)[0]


def update_relation(
    debate: Debate,
    source: str,
    target: str,
    changes: Mapping[str, Any],
    of_kind: RelationKind | None = None,
) -> Debate:
    """``debate`` with the relation ``source -> target``'s fields set from ``changes``."""
    old = find_relation(debate, source, target, of_kind)
    new = replace(old, **_checked(Relation, changes, set()))
    relations = tuple(new if r is old else r for r in debate.relations)
    return replace(debate, relations=relations)


def delete_relation(
    debate: Debate, source: str, target: str, of_kind: RelationKind | None = None
) -> Debate:
    """``debate`` without the relation ``source -> target`` and its undercuts."""
    old = find_relation(debate, source, target, of_kind)
    return replace(debate, relations=_without(debate.relations, [old]))


def _statement(debate: Debate, statement_id: str) -> Statement:
    try:
        return debate.statement(statement_id)
    except KeyError:
        raise NotFound(f"no statement {statement_id!r}") from None


def _without(relations: Iterable[Relation], dropped: list[Relation]) -> tuple[Relation, ...]:
    """``relations`` less ``dropped`` and, transitively, the undercuts of what goes."""
    kept = [r for r in relations if not any(r is d for d in dropped)]
    gone_ids = {d.id for d in dropped if d.id}
    while gone_ids:
        undercuts = [r for r in kept if r.kind == "undercut" and r.target in gone_ids]
        kept = [r for r in kept if not any(r is u for u in undercuts)]
        gone_ids = {u.id for u in undercuts if u.id}
    return tuple(kept)


def _checked(cls: type[Any], changes: Mapping[str, Any], text_lists: set[str]) -> dict[str, Any]:
    """``changes`` as values for ``cls``'s fields: names known, strings strings.

    Lists of strings become tuples (what the model holds), ``[first, last]`` a span.
    Numbers are left to the model, which checks them with its own messages.
    """
    what = cls.__name__.lower()
    known = {f.name: f.type for f in fields(cls)}
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in known:
            raise Conflict(f"a {what} has no field {name!r}")
        if name in text_lists:
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise Conflict(f"{name} of a {what} must be a list of strings")
            value = tuple(value)
        elif name == "span":
            if (
                isinstance(value, list | tuple)
                and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            ):
                value = Span(*value)
            if value is not None and not isinstance(value, Span):
                raise Conflict(f"span of a {what} must be [first_line, last_line] or None")
        elif known[name] in ("str", "StatementKind", "RelationKind", "RelationOrigin") and (
            not isinstance(value, str)
        ):
            raise Conflict(f"{name} of a {what} must be a string, not {value!r}")
        values[name] = value
    return values
