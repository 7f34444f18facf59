"""The debate model: statements, relations and votes as plain, immutable data.

A :class:`Debate` is validated when it is built, so every debate that exists obeys
the rules below; readers, the semantics and the store can rely on them without
checking again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, Literal, get_args

from argmap.errors import ValidationError

__all__ = [
    "RELATION_KINDS",
    "RELATION_ORIGINS",
    "STATEMENT_KINDS",
    "Debate",
    "Relation",
    "RelationKind",
    "RelationOrigin",
    "Source",
    "Span",
    "Statement",
    "StatementKind",
    "Vote",
]

StatementKind = Literal["motion", "argument", "premise", "evidence"]
RelationKind = Literal["support", "attack", "undercut", "rephrase", "preference"]
RelationOrigin = Literal["author", "parser", "miner"]

STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)
RELATION_KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
RELATION_ORIGINS: tuple[RelationOrigin, ...] = get_args(RelationOrigin)


@dataclass(frozen=True)
class Span:
    """Where a statement came from in its source text: 1-based lines, inclusive."""

    start_line: int
    end_line: int


@dataclass(frozen=True)
class Source:
    """Where the debate was published; every field is optional."""

    title: str = ""
    url: str = ""
    author: str = ""
    date: str = ""
    kind: str = ""  # the label a piece carries, e.g. "Article"


@dataclass(frozen=True)
class Statement:
    """A claim: the motion, an argument, or a premise or piece of evidence under one.

    ``origin`` names the reader or miner that made it; ``span`` the lines it came from;
    ``sources`` the references it cites (a Kialo footnote, a URL).
    """

    id: str
    title: str
    text: str = ""
    kind: StatementKind = "argument"
    weight: float = 0.5
    span: Span | None = None
    origin: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """``source`` supports or attacks ``target``.

    ``origin`` says who asserted it: the ``author`` of the text, a ``parser`` that
    inferred it from layout, or a ``miner`` with a ``confidence`` in [0, 1].

    Beyond support and attack: an ``undercut`` attacks an inference, so its target is
    another relation's ``id`` (AIF's CA node on an RA node, Argdown's ``_``); a
    ``rephrase`` says the source restates the target (AIF MA) and a ``preference``
    that the source is preferred to the target (AIF PA). Only relations that an
    undercut names need an ``id``.
    """

    source: str
    target: str
    kind: RelationKind
    weight: float = 1.0
    origin: RelationOrigin = "author"
    confidence: float | None = None
    id: str = ""


@dataclass(frozen=True)
class Vote:
    """One person's weight for one statement; a person's votes form a perspective."""

    voter: str
    statement: str
    weight: float


@dataclass(frozen=True)
class Debate:
    """A motion with the statements and relations around it.

    Exactly one statement has kind ``motion``; it is the root of the map.
    """

    id: str
    statements: tuple[Statement, ...]
    relations: tuple[Relation, ...] = ()
    votes: tuple[Vote, ...] = ()
    description: str = ""
    source: Source = field(default_factory=Source)
    tags: tuple[str, ...] = ()
    # What a format carries that argmap does not model (AIF locutions, Argdown
    # frontmatter), kept by format name so that a round trip loses nothing.
    extras: dict[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        validate(self)

    @property
    def motion(self) -> Statement:
        """The motion statement (the root)."""
        return next(s for s in self.statements if s.kind == "motion")

    def statement(self, statement_id: str) -> Statement:
        """The statement with this id; ``KeyError`` if there is none."""
        for s in self.statements:
            if s.id == statement_id:
                return s
        raise KeyError(statement_id)

    def children(self, statement_id: str) -> Iterator[tuple[Relation, Statement]]:
        """The relations into ``statement_id`` with their source statements, in order."""
        yield from self._into.get(statement_id, ())

    @cached_property
    def _into(self) -> dict[str, list[tuple[Relation, Statement]]]:
        by_id = {s.id: s for s in self.statements}
        into: dict[str, list[tuple[Relation, Statement]]] = {}
        for r in self.relations:
            if r.kind != "undercut":
                into.setdefault(r.target, []).append((r, by_id[r.source]))
        return into

    def side(self, kind: RelationKind) -> list[Statement]:
        """The arguments that directly support (``support``) or attack the motion."""
        return [s for r, s in self.children(self.motion.id) if r.kind == kind]

    def with_weights(self, weights: dict[str, float]) -> Debate:
        """A copy whose statements carry the given base weights (by id)."""
        statements = tuple(
            replace(s, weight=weights[s.id]) if s.id in weights else s for s in self.statements
        )
        return replace(self, statements=statements)


def _check_weight(value: float, what: str, statement_id: str | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what} must be a number, not {value!r}", statement_id)
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise ValidationError(f"{what} is {value!r}, outside [0, 1]", statement_id)


def _duplicates(ids: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dups: list[str] = []
    for i in ids:
        if i in seen and i not in dups:
            dups.append(i)
        seen.add(i)
    return dups


def validate(debate: Debate) -> None:
    """Raise :class:`ValidationError` on the first rule ``debate`` breaks.

    Rules: unique non-empty statement ids; known kinds; weights in [0, 1]; exactly
    one motion; relations between two different existing statements (an undercut's
    target: an existing relation id), at most one support or attack per ordered
    pair; unique relation ids; votes on existing statements.
    """
    for s in debate.statements:
        if not isinstance(s.id, str) or not s.id:
            raise ValidationError(f"statement id must be a non-empty string, not {s.id!r}")
        if s.kind not in STATEMENT_KINDS:
            raise ValidationError(
                f"statement {s.id!r} has kind {s.kind!r}; expected one of "
                + ", ".join(STATEMENT_KINDS),
                s.id,
            )
        _check_weight(s.weight, f"weight of statement {s.id!r}", s.id)
    dups = _duplicates(s.id for s in debate.statements)
    if dups:
        raise ValidationError(f"duplicate statement id {dups[0]!r}", dups[0])
    motions = [s.id for s in debate.statements if s.kind == "motion"]
    if len(motions) != 1:
        found = "none" if not motions else ", ".join(repr(m) for m in motions)
        raise ValidationError(f"a debate needs exactly one motion; found {found}")
    ids = {s.id for s in debate.statements}
    relation_ids = [r.id for r in debate.relations if r.id]
    dups = _duplicates(relation_ids)
    if dups:
        raise ValidationError(f"duplicate relation id {dups[0]!r}")
    pairs: set[tuple[str, str, bool]] = set()
    for r in debate.relations:
        what = f"relation {r.source!r} -> {r.target!r}"
        if r.kind not in RELATION_KINDS:
            raise ValidationError(
                f"{what} has kind {r.kind!r}; expected one of " + ", ".join(RELATION_KINDS),
                r.source,
            )
        if r.source not in ids:
            raise ValidationError(f"{what} refers to missing statement {r.source!r}", r.source)
        if r.kind == "undercut":
            if r.target not in relation_ids:
                raise ValidationError(
                    f"undercut by {r.source!r} names {r.target!r}, which is no relation's id",
                    r.source,
                )
        elif r.target not in ids:
            raise ValidationError(f"{what} refers to missing statement {r.target!r}", r.target)
        if r.source == r.target and r.kind != "undercut":
            raise ValidationError(f"statement {r.source!r} relates to itself", r.source)
        if r.origin not in RELATION_ORIGINS:
            raise ValidationError(
                f"{what} has origin {r.origin!r}; expected one of " + ", ".join(RELATION_ORIGINS),
                r.source,
            )
        _check_weight(r.weight, f"weight of {what}", r.source)
        if r.confidence is not None:
            _check_weight(r.confidence, f"confidence of {what}", r.source)
        # One support or attack per ordered pair; rephrase and preference stand beside them.
        key = (r.source, r.target, r.kind in ("support", "attack", "undercut"))
        if key in pairs:
            raise ValidationError(f"duplicate relation {r.source!r} -> {r.target!r}", r.source)
        pairs.add(key)
    for v in debate.votes:
        if v.statement not in ids:
            raise ValidationError(
                f"vote by {v.voter!r} is on missing statement {v.statement!r}", v.statement
            )
        _check_weight(v.weight, f"vote by {v.voter!r} on {v.statement!r}", v.statement)
