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
from argmap.semantics.bipolar import debate_framework, debate_graph
from argmap.semantics.gradual import (
    BipolarGraph,
    Strengths,
    dfquad_strengths,
    euler_strengths,
    hcategorizer_strengths,
    quad_strengths,
    quadratic_energy_strengths,
)

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
    try:
        compute = GRADUAL_SEMANTICS[semantics]
    except KeyError:
        known = ", ".join(GRADUAL_SEMANTICS)
        raise ArgmapError(f"unknown semantics {semantics!r}; choose one of {known}") from None
    return compute(debate_graph(debate, weights))


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


def dung_statuses(debate: Debate, weights: Mapping[str, float] | None = None) -> dict[str, Status]:
    """Each statement's grounded label and preferred acceptance, by id.

    Grounded IN is skeptically preferred and OUT is not credulously preferred, so
    SAT calls are made only for the arguments the grounded labelling leaves open.
    """
    af = debate_framework(debate, weights)
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


def contributions(
    debate: Debate, semantics: str = "dfquad", weights: Mapping[str, float] | None = None
) -> dict[str, float]:
    """Why: each argument's signed contribution to the motion's strength.

    Removal-based: the motion's strength minus its strength in the debate without
    that argument (its relations dropped), as studied by Kampik et al. [1]_.

    References
    ----------
    .. [1] T. Kampik, N. Potyka, X. Yin, K. Čyras, F. Toni, "Contribution functions
       for quantitative bipolar argumentation graphs: a principle-based analysis",
       *International Journal of Approximate Reasoning* 173, 2024.
    """
    graph = debate_graph(debate, weights)
    compute = GRADUAL_SEMANTICS[semantics]
    m = next(i for i, s in enumerate(debate.statements) if s.kind == "motion")
    full = float(compute(graph).values[m])
    result: dict[str, float] = {}
    for i, s in enumerate(debate.statements):
        if i == m:
            continue
        keep = graph.src != i
        without = BipolarGraph(
            graph.n,
            graph.base,
            graph.src[keep],
            graph.dst[keep],
            graph.is_attack[keep],
            graph.edge_weight[keep],
        )
        result[s.id] = full - float(compute(without).values[m])
    return result


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
    """
    if semantics not in GRADUAL_SEMANTICS:
        raise ArgmapError(f"unknown semantics {semantics!r}")
    weights = dict(weights or {})
    ids = [s.id for s in debate.statements]
    base = np.array([weights.get(s.id, s.weight) for s in debate.statements])
    m = next(i for i, s in enumerate(debate.statements) if s.kind == "motion")
    graph = debate_graph(debate, weights)
    compute = GRADUAL_SEMANTICS[semantics]
    labels = {dung.IN: "in", dung.OUT: "out", dung.UNDEC: "undecided"}

    def gradual_verdict(b: np.ndarray) -> str:
        return verdict_of(float(compute(graph.with_base(b)).values[m]))

    def grounded_verdict(b: np.ndarray) -> str:
        af = debate_framework(debate, dict(zip(ids, b.tolist(), strict=True)))
        return labels[int(dung.grounded_labelling(af)[m])]

    judges: list[tuple[str, Callable[[np.ndarray], str]]] = [
        (semantics, gradual_verdict),
        ("grounded", grounded_verdict),
    ]
    found: list[Crux] = []
    for name, judge in judges:
        current = judge(base)
        for i, sid in enumerate(ids):
            if i == m:
                continue

            def at(w: float, i: int = i, judge: Callable[[np.ndarray], str] = judge) -> str:
                b = base.copy()
                b[i] = w
                return judge(b)

            flip = _nearest_flip(at, float(base[i]), current, step)
            if flip is not None:
                found.append(Crux(sid, float(base[i]), flip[0], name, flip[1]))
    found.sort(key=lambda c: (round(c.change, 9), c.verdict != semantics))
    return found[:top]


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
    if semantics not in GRADUAL_SEMANTICS:
        known = ", ".join(GRADUAL_SEMANTICS)
        raise ArgmapError(f"unknown semantics {semantics!r}; choose one of {known}")
    weights = dict(weights or {})
    strengths = {name: gradual_strengths(debate, name, weights) for name in GRADUAL_SEMANTICS}
    statuses = dung_statuses(debate, weights)
    af = debate_framework(debate, weights)
    m = next(i for i, s in enumerate(debate.statements) if s.kind == "motion")
    ids = [s.id for s in debate.statements]
    defeaters = tuple(
        ids[a] for a in sorted(af.attackers(m).tolist()) if statuses[ids[a]].grounded == "in"
    )
    return Analysis(
        semantics=semantics,
        weights=weights,
        strengths=strengths,
        statuses=statuses,
        defeaters=defeaters,
        contributions=contributions(debate, semantics, weights),
        crux=crux(debate, semantics, weights),
        motion_index=next(i for i, s in enumerate(debate.statements) if s.kind == "motion"),
    )
