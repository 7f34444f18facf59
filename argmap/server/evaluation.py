"""Votes per user, and the evaluation of a debate under a perspective."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Annotated, cast

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from argmap.semantics.explain import GRADUAL_SEMANTICS, Status, analyse, verdict_of
from argmap.server.access import Caller, CallerDep, StoreDep, debate_access, require
from argmap.server.problems import PROBLEM_RESPONSES, Problem
from argmap.server.schemas import (
    CruxOut,
    EvaluationOut,
    MotionOut,
    StatementEvaluation,
    StatusOut,
    VoteIn,
    VoteOut,
)
from argmap.store import NotFound, Store

__all__ = ["EvaluationCache", "router"]

router = APIRouter(tags=["votes and evaluation"], responses=PROBLEM_RESPONSES)

Key = Annotated[str, Path(description="The debate's key.")]


class EvaluationCache:
    """Recent evaluations, by debate, revision, semantics and weights.

    A revision never changes once made, and the analysis is a pure function of the
    debate and the weights, so an answer stays right for as long as those four do;
    a vote or an edit changes the weights or the revision and so misses. Many readers
    of one debate then cost one analysis. Least recently used entries go first.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, EvaluationOut] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> EvaluationOut | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: EvaluationOut) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def get_evaluations(request: Request) -> EvaluationCache:
    """The app's evaluation cache (one per app, so per store: keys are per store)."""
    return cast(EvaluationCache, request.app.state.evaluations)


@router.put(
    "/debates/{key}/votes/{statement_id}", response_model=VoteOut, summary="Vote on a statement"
)
def put_vote(key: Key, statement_id: str, body: VoteIn, who: CallerDep, store: StoreDep) -> VoteOut:
    """Set the caller's weight for a statement (voters, editors and owners)."""
    require(store, key, who, "vote")
    user = who.required()
    store.set_vote(key, statement_id, user, body.weight)
    return VoteOut(voter=user.name, statement=statement_id, weight=body.weight)


@router.delete("/debates/{key}/votes/{statement_id}", status_code=204, summary="Withdraw a vote")
def delete_vote(key: Key, statement_id: str, who: CallerDep, store: StoreDep) -> Response:
    """Withdraw the caller's vote on a statement (voters, editors and owners)."""
    require(store, key, who, "vote")
    store.delete_vote(key, statement_id, who.required())
    return Response(status_code=204)


@router.get("/debates/{key}/votes", response_model=list[VoteOut], summary="Every vote")
def list_votes(key: Key, who: CallerDep, store: StoreDep) -> list[VoteOut]:
    """Every user's votes in the debate: voter, statement, weight."""
    debate_access(store, key, who)
    return [
        VoteOut(voter=v.voter, statement=v.statement, weight=v.weight) for v in store.votes(key)
    ]


def _status(status: Status) -> StatusOut:
    return StatusOut(
        grounded=status.grounded, credulous=status.credulous, skeptical=status.skeptical
    )


def _weights(store: Store, key: str, who: Caller, perspective: str) -> tuple[str, dict[str, float]]:
    """The perspective's name and the weights it puts in place of the debate's own."""
    if perspective == "debate":
        return "debate", {}
    if perspective == "all":
        return "all", store.aggregate_weights(key)
    if perspective == "me":
        user = who.required()
    else:
        try:
            user = store.get_user(perspective)
        except NotFound:
            raise Problem.not_found(f"no user {perspective!r}") from None
    return user.name, store.perspective(key, user)


@router.get("/debates/{key}/evaluation", response_model=EvaluationOut, summary="Evaluate")
def evaluate(
    key: Key,
    who: CallerDep,
    store: StoreDep,
    semantics: Annotated[
        str, Query(description="The headline gradual semantics: " + ", ".join(GRADUAL_SEMANTICS))
    ] = "dfquad",
    perspective: Annotated[
        str,
        Query(
            description="Whose weights: 'debate' (the debate's own), 'me' (the caller's votes), "
            "'all' (every voter's mean), or a user's name (that user's votes). Statements "
            "without votes keep the debate's weight."
        ),
    ] = "debate",
    revision: Annotated[int | None, Query(ge=1)] = None,
    cache: EvaluationCache = Depends(get_evaluations),  # noqa: B008
) -> EvaluationOut:
    """Strengths of every statement under every gradual semantics, Dung statuses, the
    motion's verdicts, each argument's contribution, the crux and the motion's defeaters.
    """
    access = debate_access(store, key, who)
    if semantics not in GRADUAL_SEMANTICS:
        known = ", ".join(GRADUAL_SEMANTICS)
        raise Problem.bad_request(f"unknown semantics {semantics!r}; choose one of {known}")
    name, weights = _weights(store, key, who, perspective)
    # The revision checked, named explicitly: an edit landing meanwhile cannot slip in.
    number = revision or access.revision
    cache_key = (key, number, semantics, tuple(sorted(weights.items())))
    cached = cache.get(cache_key)
    if cached is not None:
        return cached.model_copy(update={"perspective": name})
    debate = store.get_debate(key, number)
    ids = {s.id for s in debate.statements}
    weights = {sid: w for sid, w in weights.items() if sid in ids}
    analysis = analyse(debate, semantics, weights)
    strengths = {
        sem: [float(v) for v in result.values] for sem, result in analysis.strengths.items()
    }
    statements = [
        StatementEvaluation(
            id=s.id,
            title=s.title,
            kind=s.kind,
            weight=weights.get(s.id, s.weight),
            strengths={sem: values[i] for sem, values in strengths.items()},
            status=_status(analysis.statuses[s.id]),
            contribution=analysis.contributions.get(s.id),
        )
        for i, s in enumerate(debate.statements)
    ]
    motion = debate.motion
    motion_strengths = {sem: values[analysis.motion_index] for sem, values in strengths.items()}
    result = EvaluationOut(
        key=key,
        revision=number,
        semantics=semantics,
        perspective=name,
        weights=weights,
        motion=MotionOut(
            id=motion.id,
            title=motion.title,
            strength=motion_strengths[semantics],
            verdict=verdict_of(motion_strengths[semantics]),
            strengths=motion_strengths,
            verdicts={sem: verdict_of(v) for sem, v in motion_strengths.items()},
            status=_status(analysis.statuses[motion.id]),
        ),
        statements=statements,
        contributions=analysis.contributions,
        crux=[
            CruxOut(
                statement=c.statement,
                before=c.before,
                after=c.after,
                verdict=c.verdict,
                becomes=c.becomes,
            )
            for c in analysis.crux
        ],
        defeaters=list(analysis.defeaters),
        converged={sem: bool(r.converged) for sem, r in analysis.strengths.items()},
    )
    cache.put(cache_key, result)
    return result
