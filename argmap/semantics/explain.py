"""Verdicts and their reasons: statuses, strengths, contributions, what-if and the crux.

Pure functions over a :class:`~argmap.model.Debate` and a person's weights. The
gradual verdict reads the motion's strength against 0.5; the Dung verdict is the
motion's status under grounded and preferred semantics of :func:`debate_framework`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np

from argmap.errors import ArgmapError
from argmap.model import Debate
from argmap.semantics import dung
from argmap.semantics.bipolar import attack_pairs, debate_framework, debate_graph
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import (
    RULES,
    BipolarGraph,
    Strengths,
    dfquad_strengths,
    euler_strengths,
    hcategorizer_strengths,
    quad_strengths,
    quadratic_energy_strengths,
)
from argmap.semantics.sensitivity import TreeWhatIf

__all__ = [
    "GRADUAL_SEMANTICS",
    "Analysis",
    "Crux",
    "Status",
    "Verdict",
    "analyse",
    "contributions",
    "crux",
    "dung_statuses",
    "gradual_strengths",
    "parse_assignments",
    "verdict_of",
]

GRADUAL_SEMANTICS: dict[str, Callable[[BipolarGraph], Strengths]] = {
    "dfquad": dfquad_strengths,
    "quad": quad_strengths,
    "euler": euler_strengths,
    "quadratic-energy": quadratic_energy_strengths,
    "h-categorizer": hcategorizer_strengths,
}

Verdict = Literal["for", "against", "undecided"]
TIE = 0.005  # strengths within this of 0.5 are a tie: the sides balance


@dataclass(frozen=True)
class Status:
    """A statement's Dung status: grounded label, preferred credulous/skeptical."""

    grounded: Literal["in", "out", "undecided"]
    credulous: bool
    skeptical: bool


@dataclass(frozen=True)
class Crux:
    """Setting ``statement``'s weight from ``before`` to ``after`` flips ``verdict``."""

    statement: str
    before: float
    after: float
    verdict: str  # which verdict flips: a gradual semantics' name, or "grounded"
    becomes: str

    @property
    def change(self) -> float:
        return abs(self.after - self.before)


def gradual_strengths(
    debate: Debate, semantics: str = "dfquad", weights: Mapping[str, float] | None = None
) -> Strengths:
    """Strengths of every statement (in statement order) under a gradual semantics."""
    return _semantics_function(semantics)(debate_graph(debate, weights))


def verdict_of(strength: float) -> Verdict:
    """``for`` above 0.5, ``against`` below, ``undecided`` within :data:`TIE` of it.

    >>> verdict_of(0.7), verdict_of(0.5), verdict_of(0.2)
    ('for', 'undecided', 'against')
    """
    if strength > 0.5 + TIE:
        return "for"
    if strength < 0.5 - TIE:
        return "against"
    return "undecided"


@dataclass(frozen=True)
class _Prepared:
    """A debate under one set of weights, with what every analysis derives from it, once."""

    debate: Debate
    weights: Mapping[str, float]

    @cached_property
    def graph(self) -> BipolarGraph:
        return debate_graph(self.debate, self.weights)

    @cached_property
    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return attack_pairs(self.debate)

    @cached_property
    def framework(self) -> Framework:
        return debate_framework(self.debate, self.weights, self.pairs)

    @cached_property
    def ids(self) -> list[str]:
        return [s.id for s in self.debate.statements]

    @cached_property
    def m(self) -> int:
        return next(i for i, s in enumerate(self.debate.statements) if s.kind == "motion")


def dung_statuses(debate: Debate, weights: Mapping[str, float] | None = None) -> dict[str, Status]:
    """Each statement's grounded label and preferred acceptance, by id.

    Grounded IN is skeptically preferred and OUT is not credulously preferred, so
    SAT calls are made only for the arguments the grounded labelling leaves open.
    """
    return _statuses(_Prepared(debate, dict(weights or {})))


def _statuses(p: _Prepared) -> dict[str, Status]:
    debate, af = p.debate, p.framework
    labels = dung.grounded_labelling(af)
    out: dict[str, Status] = {}
    for i, s in enumerate(debate.statements):
        label = int(labels[i])
        if label == dung.IN:
            out[s.id] = Status("in", True, True)
        elif label == dung.OUT:
            out[s.id] = Status("out", False, False)
        else:
            cred = dung.credulous(af, "PR", i)[0]
            skep = cred and dung.skeptical(af, "PR", i)[0]
            out[s.id] = Status("undecided", cred, skep)
    return out


def _without(graph: BipolarGraph, node: int) -> BipolarGraph:
    keep = graph.src != node
    return BipolarGraph(
        graph.n,
        graph.base,
        graph.src[keep],
        graph.dst[keep],
        graph.is_attack[keep],
        graph.edge_weight[keep],
    )


def contributions(
    debate: Debate, semantics: str = "dfquad", weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Why: each argument's signed contribution to the motion's strength.

    Removal-based: the motion's strength minus its strength in the debate without
    that argument (its relations dropped), as studied by Kampik et al. [1]_. On a
    tree all of them come from one :class:`TreeWhatIf`; otherwise each is a full
    evaluation, for the first :data:`FULL_EVALUATIONS` arguments only.

    References
    ----------
    .. [1] T. Kampik, N. Potyka, X. Yin, K. Čyras, F. Toni, "Contribution functions
       for quantitative bipolar argumentation graphs: a principle-based analysis",
       *International Journal of Approximate Reasoning* 173, 2024.
    """
    return _contributions(_Prepared(debate, dict(weights or {})), semantics)


def _contributions(p: _Prepared, semantics: str) -> dict[str, float]:
    graph, m, ids = p.graph, p.m, p.ids
    compute = _semantics_function(semantics)
    solution = compute(graph).values
    others = np.array([i for i in range(graph.n) if i != m], dtype=np.int64)
    tree = TreeWhatIf.build(graph, RULES[semantics], m, solution)
    if tree is not None:
        without = tree.without(others)
    else:
        others = others[:FULL_EVALUATIONS]
        without = np.array([compute(_without(graph, int(i))).values[m] for i in others])
    full = float(solution[m])
    return {ids[int(i)]: full - float(w) for i, w in zip(others, without, strict=True)}


FULL_EVALUATIONS = 200  # off trees, what-ifs cost a full evaluation each: cap them
GROUNDED_EVALUATIONS = 100  # and so does each try at flipping the grounded status


def _semantics_function(semantics: str) -> Callable[[BipolarGraph], Strengths]:
    try:
        return GRADUAL_SEMANTICS[semantics]
    except KeyError:
        known = ", ".join(GRADUAL_SEMANTICS)
        raise ArgmapError(f"unknown semantics {semantics!r}; choose one of {known}") from None


def _nearest_flip(
    judge: Callable[[float], str], now: float, current: str, step: float, coarse: int = 5
) -> tuple[float, str] | None:
    """The weight nearest ``now`` on a ``step`` grid whose verdict is not ``current``.

    Walks out from ``now`` in strides of ``coarse`` grid steps, then bisects the
    stride where the verdict changed: about a quarter of the judgements of a full
    scan. A flip narrower than one stride can be missed.
    """
    grid = np.round(np.arange(0.0, 1.0 + step / 2, step), 10)
    start = int(np.argmin(np.abs(grid - now)))
    best: tuple[float, float, str] | None = None
    for direction in (1, -1):
        same = start
        if grid[start] != now:
            verdict = judge(float(grid[start]))
            if verdict != current:
                best = min(best or (9.0, 0.0, ""), (abs(grid[start] - now), grid[start], verdict))
                continue
        while True:
            probe = min(max(same + direction * coarse, 0), len(grid) - 1)
            if probe == same:
                break
            verdict = judge(float(grid[probe]))
            if verdict == current:
                same = probe
                continue
            flip = probe
            while abs(flip - same) > 1:
                mid = (flip + same) // 2
                mid_verdict = judge(float(grid[mid]))
                if mid_verdict == current:
                    same = mid
                else:
                    flip, verdict = mid, mid_verdict
            found = (abs(float(grid[flip]) - now), float(grid[flip]), verdict)
            best = found if best is None else min(best, found)
            break
    return None if best is None else (best[1], best[2])


def _bisect_flips(
    verdicts: Callable[[np.ndarray, np.ndarray], list[str]],
    nodes: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    current: str,
) -> tuple[np.ndarray, list[str]]:
    """For each node, the grid index nearest ``start`` towards ``end`` with another verdict.

    The verdict at ``end`` must differ from ``current`` and the motion's strength be
    monotone in between (true on trees): a lockstep bisection over the grid.
    """
    same, flip = start.copy(), end.copy()
    flip_verdict = verdicts(nodes, flip)
    while True:
        open_ = np.abs(flip - same) > 1
        if not open_.any():
            return flip, flip_verdict
        k = np.flatnonzero(open_)
        mid = (same[k] + flip[k]) // 2
        got = verdicts(nodes[k], mid)
        for j, index, verdict in zip(k.tolist(), mid.tolist(), got, strict=True):
            if verdict == current:
                same[j] = index
            else:
                flip[j], flip_verdict[j] = index, verdict


def _tree_crux(
    tree: TreeWhatIf, base: np.ndarray, m: int, name: str, ids: list[str], step: float
) -> list[Crux]:
    """The gradual crux on a tree: bisection for every argument at once."""
    grid_max = round(1.0 / step)
    nodes = np.array([i for i in range(base.size) if i != m], dtype=np.int64)
    current = verdict_of(float(tree.strengths[m]))

    def verdicts(at: np.ndarray, index: np.ndarray) -> list[str]:
        values = tree.if_base(at, np.minimum(index * step, 1.0))
        return [verdict_of(float(v)) for v in values]

    now = np.clip(np.rint(base[nodes] / step).astype(np.int64), 0, grid_max)
    best: dict[int, tuple[float, float, str]] = {}
    for end_index in (0, grid_max):
        end = np.full(nodes.size, end_index, dtype=np.int64)
        reach = np.array([v != current for v in verdicts(nodes, end)], dtype=np.bool_)
        if not reach.any():
            continue
        at_now = np.array(verdicts(nodes[reach], now[reach]))
        start = now[reach].copy()
        flips, flip_verdicts = _bisect_flips(verdicts, nodes[reach], start, end[reach], current)
        for j, (node, flip, verdict) in enumerate(
            zip(nodes[reach].tolist(), flips.tolist(), flip_verdicts, strict=True)
        ):
            if at_now[j] != current:  # rounding the weight to the grid already flips it
                flip, verdict = int(start[j]), str(at_now[j])
            weight = min(flip * step, 1.0)
            change = abs(weight - float(base[node]))
            if node not in best or change < best[node][0]:
                best[node] = (change, weight, verdict)
    return [Crux(ids[i], float(base[i]), w, name, v) for i, (_, w, v) in best.items()]


def crux(
    debate: Debate,
    semantics: str = "dfquad",
    weights: Mapping[str, float] | None = None,
    top: int = 3,
    step: float = 0.01,
) -> list[Crux]:
    """The statements whose smallest single weight change flips a verdict.

    For each argument, the nearest weight (on a grid of ``step``) at which the
    motion's gradual verdict (:func:`verdict_of` under ``semantics``) or its
    grounded status changes; the ``top`` smallest changes, smallest first. The
    motion's own weight is not a candidate: it is the question, not a reason.

    On a tree the gradual search is exact on the grid and runs for every argument at
    once (:class:`TreeWhatIf`); otherwise it walks out in strides and bisects, for
    the :data:`FULL_EVALUATIONS` arguments that contribute most. The grounded status
    can only change where a weight crosses that of a statement it attacks or is
    attacked by (weights act as preferences), so only those crossings are tried,
    for the arguments within two attacks of the motion, nearest first, at most
    :data:`GROUNDED_EVALUATIONS` tries.
    """
    return _crux(_Prepared(debate, dict(weights or {})), semantics, top, step)


def _crux(p: _Prepared, semantics: str, top: int = 3, step: float = 0.01) -> list[Crux]:
    compute = _semantics_function(semantics)
    graph, m, ids = p.graph, p.m, p.ids
    base = np.array(graph.base)
    solution = compute(graph).values
    tree = TreeWhatIf.build(graph, RULES[semantics], m, solution)
    found: list[Crux] = []
    if tree is not None:
        found += _tree_crux(tree, base, m, semantics, ids, step)
    else:
        ranked = sorted(_contributions(p, semantics).items(), key=lambda kv: -abs(kv[1]))
        candidates = [ids.index(sid) for sid, _ in ranked[:FULL_EVALUATIONS]]
        found += _search_crux(graph, compute, base, m, candidates, semantics, ids, step)
    found += _grounded_crux(p.pairs, base, m, ids, step)
    found.sort(key=lambda c: (round(c.change, 9), c.verdict != semantics))
    return found[:top]


def _search_crux(
    graph: BipolarGraph,
    compute: Callable[[BipolarGraph], Strengths],
    base: np.ndarray,
    m: int,
    candidates: list[int],
    name: str,
    ids: list[str],
    step: float,
) -> list[Crux]:
    """The gradual crux by full evaluations, one candidate at a time (any graph)."""
    current = verdict_of(float(compute(graph.with_base(base)).values[m]))
    found: list[Crux] = []
    for i in candidates:

        def at(w: float, i: int = i) -> str:
            b = base.copy()
            b[i] = w
            return verdict_of(float(compute(graph.with_base(b)).values[m]))

        flip = _nearest_flip(at, float(base[i]), current, step)
        if flip is not None:
            found.append(Crux(ids[i], float(base[i]), flip[0], name, flip[1]))
    return found


def _grounded_crux(
    pairs: tuple[np.ndarray, np.ndarray], base: np.ndarray, m: int, ids: list[str], step: float
) -> list[Crux]:
    labels = {dung.IN: "in", dung.OUT: "out", dung.UNDEC: "undecided"}
    src, dst = pairs

    def status(b: np.ndarray) -> str:
        keep = ~(b[dst] > b[src])  # as debate_framework: an attack on a heavier one fails
        af = Framework(b.size, src[keep], dst[keep])
        return labels[int(dung.grounded_labelling(af)[m])]

    current = status(base)
    near = set(src[dst == m].tolist())
    near |= set(src[np.isin(dst, list(near))].tolist())
    near.discard(m)
    found: list[Crux] = []
    budget = GROUNDED_EVALUATIONS
    for i in sorted(near):
        neighbours = np.concatenate((dst[src == i], src[dst == i]))
        # the weights where a comparison with a neighbour turns: just above or at it
        turns = {float(base[j]) for j in neighbours.tolist()}
        candidates = sorted(
            {min(1.0, round(t + step, 10)) for t in turns} | {round(t, 10) for t in turns},
            key=lambda w: abs(w - float(base[i])),
        )
        for w in candidates:
            if w == float(base[i]):
                continue
            budget -= 1
            if budget < 0:
                return found
            b = base.copy()
            b[i] = w
            verdict = status(b)
            if verdict != current:
                found.append(Crux(ids[i], float(base[i]), w, "grounded", verdict))
                break
    return found


def parse_assignments(debate: Debate, assignments: list[str]) -> dict[str, float]:
    """``["Title=0.9", "pro-2=0.1"]`` as weights by id; titles match ignoring case."""
    by_title: dict[str, list[str]] = {}
    for s in debate.statements:
        by_title.setdefault(" ".join(s.title.split()).casefold(), []).append(s.id)
    ids = {s.id for s in debate.statements}
    weights: dict[str, float] = {}
    for item in assignments:
        name, sep, value = item.rpartition("=")
        if not sep or not name.strip():
            raise ArgmapError(f"--set {item!r}: expected STATEMENT=WEIGHT")
        try:
            weight = float(value)
        except ValueError:
            raise ArgmapError(f"--set {item!r}: {value!r} is not a number") from None
        if not 0.0 <= weight <= 1.0:
            raise ArgmapError(f"--set {item!r}: the weight must be in [0, 1]")
        key = name.strip()
        if key in ids:
            weights[key] = weight
            continue
        matches = by_title.get(" ".join(key.split()).casefold(), [])
        if len(matches) != 1:
            problem = "no statement has" if not matches else f"{len(matches)} statements have"
            raise ArgmapError(f"--set {item!r}: {problem} that id or title")
        weights[matches[0]] = weight
    return weights


@dataclass(frozen=True)
class Analysis:
    """Everything ``argmap analyze`` reports about a debate under one set of weights."""

    semantics: str
    weights: dict[str, float]
    strengths: dict[str, Strengths]  # by gradual semantics, values in statement order
    statuses: dict[str, Status]
    contributions: dict[str, float]
    crux: list[Crux]
    # Grounded-IN statements that attack the motion (directly or by a secondary attack):
    # the reason it is out, when it is.
    defeaters: tuple[str, ...] = ()

    def motion_strength(self, semantics: str | None = None) -> float:
        """The motion's strength under ``semantics`` (default: the headline one)."""
        return float(self.strengths[semantics or self.semantics].values[self.motion_index])

    def strength(self, statement_id: str, semantics: str | None = None) -> float:
        """A statement's strength under ``semantics`` (default: the headline one)."""
        return float(self.strengths[semantics or self.semantics].values[self._index[statement_id]])

    @cached_property
    def _index(self) -> dict[str, int]:
        return {sid: i for i, sid in enumerate(self.statuses)}

    motion_index: int = 0


def analyse(
    debate: Debate, semantics: str = "dfquad", weights: Mapping[str, float] | None = None
) -> Analysis:
    """Statuses, strengths under every gradual semantics, contributions and the crux."""
    _semantics_function(semantics)
    p = _Prepared(debate, dict(weights or {}))
    # One graph for all five: its level structure is built once and shared.
    strengths = {name: compute(p.graph) for name, compute in GRADUAL_SEMANTICS.items()}
    statuses = _statuses(p)
    defeaters = tuple(
        p.ids[a]
        for a in sorted(p.framework.attackers(p.m).tolist())
        if statuses[p.ids[a]].grounded == "in"
    )
    return Analysis(
        semantics=semantics,
        weights=dict(p.weights),
        strengths=strengths,
        statuses=statuses,
        defeaters=defeaters,
        contributions=_contributions(p, semantics),
        crux=_crux(p, semantics),
        motion_index=p.m,
    )
