"""Verdicts and their reasons: statuses, strengths, contributions, what-if and the crux.

Pure functions over a :class:`~argmap.model.Debate` and a person's weights. The
gradual verdict reads the motion's strength against 0.5; the Dung verdict is the
motion's status under grounded and preferred semantics of :func:`debate_framework`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise
from operator import attrgetter
from typing import Literal

import numpy as np

from argmap.errors import ArgmapError
from argmap.model import Debate
from argmap.semantics import dung
from argmap.semantics.bipolar import (
    DebateEdges,
    attack_pairs,
    debate_edges,
    debate_graph,
    framework_at,
)
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
from argmap.semantics.ordering import stable_order
from argmap.semantics.sensitivity import CyclicWhatIf, DagWhatIf, TreeWhatIf

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
    def edges(self) -> DebateEdges:
        return debate_edges(self.debate)

    @cached_property
    def graph(self) -> BipolarGraph:
        return debate_graph(self.debate, self.weights, self.edges)

    @cached_property
    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return attack_pairs(self.debate, self.edges)

    @cached_property
    def framework(self) -> Framework:
        return framework_at(self.debate, self.graph.base, self.pairs)

    @cached_property
    def labels(self) -> np.ndarray:
        return dung.grounded_labelling(self.framework)

    @cached_property
    def ids(self) -> list[str]:
        return list(map(attrgetter("id"), self.debate.statements))

    @cached_property
    def m(self) -> int:
        return next(i for i, s in enumerate(self.debate.statements) if s.kind == "motion")

    @cached_property
    def _strengths(self) -> dict[str, Strengths]:
        return {}

    def strengths(self, semantics: str) -> Strengths:
        """The strengths under ``semantics``, computed once."""
        if semantics not in self._strengths:
            self._strengths[semantics] = _semantics_function(semantics)(self.graph)
        return self._strengths[semantics]

    @cached_property
    def contributions(self) -> dict[str, dict[str, float]]:
        return {}

    @cached_property
    def _what_ifs(self) -> dict[str, TreeWhatIf | DagWhatIf | CyclicWhatIf]:
        return {}

    def what_if(self, semantics: str) -> TreeWhatIf | DagWhatIf | CyclicWhatIf:
        """The tree what-ifs, else the acyclic ones, else the general ones, under ``semantics``."""
        if semantics not in self._what_ifs:
            rule, solution = RULES[semantics], self.strengths(semantics).values
            found: TreeWhatIf | DagWhatIf | CyclicWhatIf | None = TreeWhatIf.build(
                self.graph, rule, self.m, solution
            )
            if found is None:
                found = DagWhatIf.build(self.graph, rule, self.m, solution)
            if found is None:
                found = CyclicWhatIf.build(self.graph, rule, self.m, solution)
            self._what_ifs[semantics] = found
        return self._what_ifs[semantics]


def dung_statuses(debate: Debate, weights: Mapping[str, float] | None = None) -> dict[str, Status]:
    """Each statement's grounded label and preferred acceptance, by id.

    Grounded IN is skeptically preferred and OUT is not credulously preferred, so
    SAT calls are made only for the arguments the grounded labelling leaves open.
    """
    return _statuses(_Prepared(debate, dict(weights or {})))


_GROUNDED_IN = Status("in", True, True)
_GROUNDED_OUT = Status("out", False, False)
_GROUNDED_UNDEC = Status("undecided", False, False)  # until the SAT calls say more


def _statuses(p: _Prepared) -> dict[str, Status]:
    af, labels = p.framework, p.labels
    # Statuses are immutable: every IN (OUT) statement shares one.
    fixed = {dung.IN: _GROUNDED_IN, dung.OUT: _GROUNDED_OUT, dung.UNDEC: _GROUNDED_UNDEC}
    out = dict(zip(p.ids, map(fixed.__getitem__, labels.tolist()), strict=True))
    for i in np.flatnonzero(labels == dung.UNDEC).tolist():
        cred = dung.credulous(af, "PR", i)[0]
        skep = cred and dung.skeptical(af, "PR", i)[0]
        out[p.ids[i]] = Status("undecided", cred, skep)
    return out


def contributions(
    debate: Debate, semantics: str = "dfquad", weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Why: each argument's signed contribution to the motion's strength.

    Removal-based: the motion's strength minus its strength in the debate without
    that argument (its relations dropped), as studied by Kampik et al. [1]_. On a
    tree all of them come from one :class:`TreeWhatIf`; otherwise they are given for
    the first :data:`FULL_EVALUATIONS` arguments only, from one batch of
    :class:`DagWhatIf` what-ifs on an acyclic graph, else of :class:`CyclicWhatIf` ones.

    References
    ----------
    .. [1] T. Kampik, N. Potyka, X. Yin, K. Čyras, F. Toni, "Contribution functions
       for quantitative bipolar argumentation graphs: a principle-based analysis",
       *International Journal of Approximate Reasoning* 173, 2024.
    """
    return _contributions(_Prepared(debate, dict(weights or {})), semantics)


def _contributions(p: _Prepared, semantics: str) -> dict[str, float]:
    if semantics not in p.contributions:
        p.contributions[semantics] = _removal_contributions(p, semantics)
    return p.contributions[semantics]


def _removal_contributions(p: _Prepared, semantics: str) -> dict[str, float]:
    graph, m, ids = p.graph, p.m, p.ids
    solution = p.strengths(semantics).values
    others = np.delete(np.arange(graph.n, dtype=np.int64), m)
    what_if = p.what_if(semantics)
    if not isinstance(what_if, TreeWhatIf):
        others = others[:FULL_EVALUATIONS]
    without = what_if.without(others)  # full evaluations' values (to rounding), at once
    full = float(solution[m])
    return {ids[int(i)]: full - float(w) for i, w in zip(others, without, strict=True)}


FULL_EVALUATIONS = 200  # off trees, what-ifs cost more (on cycles about a full evaluation)
GROUNDED_EVALUATIONS = 100  # and so does each try at flipping the grounded status


def _semantics_function(semantics: str) -> Callable[[BipolarGraph], Strengths]:
    try:
        return GRADUAL_SEMANTICS[semantics]
    except KeyError:
        known = ", ".join(GRADUAL_SEMANTICS)
        raise ArgmapError(f"unknown semantics {semantics!r}; choose one of {known}") from None


@lru_cache(maxsize=8)
def _grid(step: float) -> np.ndarray:
    """The weights a crux search may propose: 0, ``step``, ..., 1 (read-only: shared)."""
    grid = np.round(np.arange(0.0, 1.0 + step / 2, step), 10)
    grid.flags.writeable = False
    return grid


def _verdicts(strengths: np.ndarray) -> np.ndarray:
    """:func:`verdict_of` of every strength."""
    return np.where(
        strengths > 0.5 + TIE, "for", np.where(strengths < 0.5 - TIE, "against", "undecided")
    )


def _nearest_flip(
    judge: Callable[[float], str], now: float, current: str, step: float, coarse: int = 5
) -> tuple[float, str] | None:
    """The weight nearest ``now`` on a ``step`` grid whose verdict is not ``current``.

    Walks out from ``now`` in strides of ``coarse`` grid steps, then bisects the
    stride where the verdict changed: about a quarter of the judgements of a full
    scan. A flip narrower than one stride can be missed.
    """
    grid = _grid(step)
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
    the :data:`FULL_EVALUATIONS` arguments that contribute most, over batches of
    what-ifs (:class:`DagWhatIf` on an acyclic graph, else :class:`CyclicWhatIf`)
    that give the strengths full evaluations give. The grounded
    status can only change where a weight crosses that of a statement it attacks or
    is attacked by (weights act as preferences), so only those crossings are tried,
    for the arguments within two attacks of the motion, nearest first, at most
    :data:`GROUNDED_EVALUATIONS` tries; each try relabels only what lies downstream
    of the changed statement.
    """
    return _crux(_Prepared(debate, dict(weights or {})), semantics, top, step)


def _crux(p: _Prepared, semantics: str, top: int = 3, step: float = 0.01) -> list[Crux]:
    graph, m, ids = p.graph, p.m, p.ids
    base = np.array(graph.base)
    solution = p.strengths(semantics).values
    what_if = p.what_if(semantics)
    found: list[Crux] = []
    if isinstance(what_if, TreeWhatIf):
        found += _tree_crux(what_if, base, m, semantics, ids, step)
    else:
        contributed = _contributions(p, semantics)
        # Rounded: contributions from batched what-ifs may differ from full evaluations
        # in the last bits, which must not reorder candidates that tie.
        ranked = sorted(contributed.items(), key=lambda kv: -round(abs(kv[1]), 12))
        # off trees the contributions are those of the first statements other than the motion
        first = np.delete(np.arange(graph.n, dtype=np.int64), m)[: len(contributed)]
        index = dict(zip(contributed, first.tolist(), strict=True))
        candidates = [index[sid] for sid, _ in ranked[:FULL_EVALUATIONS]]
        current = verdict_of(float(solution[m]))
        found += _batched_crux(what_if, base, candidates, current, semantics, ids, step)
    found += _grounded_crux(p.pairs, base, m, ids, step, p.labels)
    found.sort(key=lambda c: (round(c.change, 9), c.verdict != semantics))
    return found[:top]


def _batched_crux(
    what_if: DagWhatIf | CyclicWhatIf,
    base: np.ndarray,
    candidates: list[int],
    current: str,
    name: str,
    ids: list[str],
    step: float,
) -> list[Crux]:
    """The crux search of :func:`_nearest_flip` for each candidate, from batches of what-ifs.

    The what-ifs give the same strengths as full evaluations, and the search reads
    them from a table of verdicts that holds every weight it asks about, so it
    answers as over full evaluations. The table fills in at most three batches:

    1. where the motion's strength is monotone in the candidate's weight
       (:meth:`DagWhatIf.monotone`), both ends of the grid: with the current verdict
       at both, it is the current one all along and there is no flip; elsewhere the
       weights the search's walk tries while it finds the current verdict (its
       strides out from the current weight, both ways);
    2. the walk's strides for the monotone candidates whose verdict changed;
    3. the grid points inside each stride whose two ends differ in verdict, where
       the search bisects.

    A walk that never meets another verdict tries only weights of the first two
    batches and finds no flip.
    """
    if not candidates:
        return []
    nodes = np.array(candidates, dtype=np.int64)
    monotone = what_if.monotone(nodes)
    table: dict[int, dict[float, str]] = {i: {} for i in candidates}
    near_edge: set[int] = set()

    def fetch(wanted: dict[int, list[float]]) -> None:
        """Add the verdicts at the weights ``wanted`` to the table, in one batch."""
        pairs = [(i, w) for i, ws in wanted.items() for w in ws if w not in table[i]]
        if not pairs:
            return
        batch_nodes = np.array([i for i, _ in pairs], dtype=np.int64)
        weights = np.array([w for _, w in pairs]).reshape(-1, 1)
        strengths = what_if.if_base(batch_nodes, weights)[:, 0]
        # A strength within rounding of a verdict's boundary could cross it between
        # grid points despite monotonicity on paper: such candidates get the walk too.
        edge = np.minimum(np.abs(strengths - (0.5 + TIE)), np.abs(strengths - (0.5 - TIE)))
        for (i, w), verdict, close in zip(
            pairs, _verdicts(strengths).tolist(), (edge < 1e-12).tolist(), strict=True
        ):
            table[i][w] = verdict
            if close:
                near_edge.add(i)

    def walk(i: int) -> list[float]:
        """The weights the search tries for ``i`` while every verdict is the current one."""
        asked: list[float] = []

        def same(w: float) -> str:
            asked.append(w)
            return current

        _nearest_flip(same, float(base[i]), current, step)
        return asked

    grid = _grid(step)
    ends = [float(grid[0]), float(grid[-1])]
    strides = {i: walk(i) for i in nodes[~monotone].tolist()}
    fetch({i: ends for i in nodes[monotone].tolist()} | strides)
    moved = [i for i in candidates if i in near_edge or set(table[i].values()) - {current}]
    strides |= {i: walk(i) for i in moved if i not in strides}
    fetch({i: strides[i] for i in moved})
    inside: dict[int, list[float]] = {}
    for i in moved:
        # the walk starts at the grid point nearest the current weight; on the grid,
        # that is the current weight, whose verdict it takes as the current one
        start = float(grid[np.argmin(np.abs(grid - base[i]))])
        verdict = {start: current} | table[i]
        known = sorted({start, *strides[i]})
        inside[i] = [
            float(w)
            for lo, hi in pairwise(known)
            if verdict[lo] != verdict[hi]
            for w in grid[(grid > lo) & (grid < hi)]
        ]
    fetch(inside)
    found: list[Crux] = []
    for i in moved:
        flip = _nearest_flip(table[i].__getitem__, float(base[i]), current, step)
        if flip is not None:
            found.append(Crux(ids[i], float(base[i]), flip[0], name, flip[1]))
    return found


class _GroundedWhatIf:
    """The motion's grounded label when one statement's weight changes, found locally.

    Weights decide which of the possible attacks ``pairs`` hold (an attack on a
    heavier statement fails), so a new weight for ``i`` only adds or drops attacks at
    ``i``. Labels can then change only downstream of ``i``; every other argument keeps
    its label in ``labels`` (the grounded labelling at the current weights), and its
    attackers are all outside that downstream part. So the grounded propagation runs
    on the part of ``i``'s downstream that can reach the motion, with the labels around
    it fixed: the same label as a labelling of the whole framework, at the cost of a
    few arguments.
    """

    def __init__(
        self, pairs: tuple[np.ndarray, np.ndarray], base: np.ndarray, labels: np.ndarray, m: int
    ) -> None:
        src, dst = pairs  # sorted by (src, dst)
        n = base.size
        self.m = m
        self.base: list[float] = base.tolist()
        self.labels: list[int] = labels.tolist()
        by_dst = stable_order(dst, n)
        att_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(dst, minlength=n), out=att_ptr[1:])
        tgt_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=tgt_ptr[1:])
        attackers = src[by_dst]  # grouped by target, in att_ptr's segments
        self._att: tuple[list[int], list[int]] = (att_ptr.tolist(), attackers.tolist())
        self._tgt: tuple[list[int], list[int]] = (tgt_ptr.tolist(), dst.tolist())
        # the attackers that hold at the current weights, by label: IN ones beat their
        # target, UNDEC ones keep it from IN
        holds = ~(base[dst] > base[src])
        by_label = labels[src]
        self.in_attackers: list[int] = np.bincount(
            dst[holds & (by_label == dung.IN)], minlength=n
        ).tolist()
        self.undec_attackers: list[int] = np.bincount(
            dst[holds & (by_label == dung.UNDEC)], minlength=n
        ).tolist()
        # the arguments the motion's label can depend on: its attack ancestors
        towards = np.zeros(n, dtype=np.bool_)
        towards[m] = True
        frontier = np.array([m], dtype=np.int64)
        while frontier.size:
            first, counts = att_ptr[frontier], att_ptr[frontier + 1] - att_ptr[frontier]
            offsets = np.repeat(first - (np.cumsum(counts) - counts), counts)
            found = attackers[offsets + np.arange(int(counts.sum()))]
            frontier = found[~towards[found]]
            towards[frontier] = True
        self.towards: list[bool] = towards.tolist()
        self._last: tuple[int, set[int]] | None = None

    def attackers(self, v: int) -> list[int]:
        """Every argument that may attack ``v``, whatever the weights."""
        ptr, idx = self._att
        return idx[ptr[v] : ptr[v + 1]]

    def targets(self, u: int) -> list[int]:
        """Every argument that ``u`` may attack, whatever the weights."""
        ptr, idx = self._tgt
        return idx[ptr[u] : ptr[u + 1]]

    def _region(self, i: int) -> set[int]:
        """``i`` and what it reaches on the way to the motion.

        The last one is kept: the crux tries every weight of one statement in a row.
        (Keeping them all would hold up to one framework-sized set per candidate.)
        """
        if self._last is not None and self._last[0] == i:
            return self._last[1]
        region = {i}
        stack = [i]
        while stack:
            for v in self.targets(stack.pop()):
                if v not in region and self.towards[v]:
                    region.add(v)
                    stack.append(v)
        self._last = (i, region)
        return region

    def label(self, i: int, w: float) -> int:
        """The motion's grounded label with ``i``'s weight set to ``w``."""
        if not self.towards[i]:
            return self.labels[self.m]
        weight, labels = self.base, self.labels
        region = self._region(i)
        # Attackers from outside the region keep their labels, and (unless they attack
        # i) whether their attack holds: start from the counts at the current weights
        # and take out the attackers inside the region.
        ext_in = {v: self.in_attackers[v] for v in region}
        ext_undec = {v: self.undec_attackers[v] for v in region}
        ext_in[i] = ext_undec[i] = 0
        count = dict.fromkeys(region, 0)
        for a in self.attackers(i):
            if a == i:  # a self-attack holds whatever the weight
                count[i] += 1
            elif not (w > weight[a]):
                if a in region:
                    count[i] += 1
                elif labels[a] == dung.IN:
                    ext_in[i] += 1
                elif labels[a] == dung.UNDEC:
                    ext_undec[i] += 1
        for u in region:
            wu = w if u == i else weight[u]
            for v in self.targets(u):
                if v == i or v not in region:
                    continue
                if not (weight[v] > weight[u]):  # held at the current weights: not external
                    if labels[u] == dung.IN:
                        ext_in[v] -= 1
                    elif labels[u] == dung.UNDEC:
                        ext_undec[v] -= 1
                if not (weight[v] > wu):
                    count[v] += 1
        label = {v: dung.OUT if ext_in[v] else dung.UNDEC for v in region}
        beaten = [v for v in region if ext_in[v]]
        stack = [v for v in region if not ext_in[v] and not ext_undec[v] and not count[v]]
        for v in stack:
            label[v] = dung.IN

        def holds(a: int, v: int) -> bool:  # as debate_framework: ~(w[v] > w[a])
            return not ((w if v == i else weight[v]) > (w if a == i else weight[a]))

        while stack or beaten:
            while beaten:  # an OUT argument no longer holds back what it attacks
                u = beaten.pop()
                for v in self.targets(u):
                    if v in region and holds(u, v):
                        count[v] -= 1
                        if count[v] == 0 and not ext_undec[v] and label[v] == dung.UNDEC:
                            label[v] = dung.IN
                            stack.append(v)
            if stack:
                u = stack.pop()
                for v in self.targets(u):
                    if v in region and holds(u, v) and label[v] == dung.UNDEC:
                        label[v] = dung.OUT
                        beaten.append(v)
        return label.get(self.m, labels[self.m])


def _grounded_crux(
    pairs: tuple[np.ndarray, np.ndarray],
    base: np.ndarray,
    m: int,
    ids: list[str],
    step: float,
    labels: np.ndarray,
) -> list[Crux]:
    """The nearest weight changes that flip the motion's grounded label.

    ``labels`` is the grounded labelling at the ``base`` weights.
    """
    names = {dung.IN: "in", dung.OUT: "out", dung.UNDEC: "undecided"}
    local = _GroundedWhatIf(pairs, base, labels, m)
    current = int(labels[m])
    near = set(local.attackers(m))
    near |= {a for b in near for a in local.attackers(b)}
    near.discard(m)
    weight = local.base
    found: list[Crux] = []
    budget = GROUNDED_EVALUATIONS
    for i in sorted(near):
        neighbours = local.targets(i) + local.attackers(i)
        # the weights where a comparison with a neighbour turns: just above or at it
        turns = {weight[j] for j in neighbours}
        candidates = sorted(
            {min(1.0, round(t + step, 10)) for t in turns} | {round(t, 10) for t in turns},
            key=lambda w: abs(w - weight[i]),
        )
        for w in candidates:
            if w == weight[i]:
                continue
            budget -= 1
            if budget < 0:
                return found
            verdict = local.label(i, w)
            if verdict != current:
                found.append(Crux(ids[i], weight[i], w, "grounded", names[verdict]))
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
    strengths = {name: p.strengths(name) for name in GRADUAL_SEMANTICS}
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
