"""Slow, obvious answers that the fast paths of the semantics are checked against."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from argmap.semantics.explain import Crux, _nearest_flip, verdict_of
from argmap.semantics.gradual import BipolarGraph, Strengths


def without(graph: BipolarGraph, node: int) -> BipolarGraph:
    """``graph`` with ``node``'s outgoing edges taken away."""
    keep = graph.src != node
    return BipolarGraph(
        graph.n,
        graph.base,
        graph.src[keep],
        graph.dst[keep],
        graph.is_attack[keep],
        graph.edge_weight[keep],
    )


def search_crux(
    graph: BipolarGraph,
    compute: Callable[[BipolarGraph], Strengths],
    base: np.ndarray,
    m: int,
    candidates: list[int],
    name: str,
    ids: list[str],
    step: float,
) -> list[Crux]:
    """The gradual crux by full evaluations, one candidate and one weight at a time."""
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
