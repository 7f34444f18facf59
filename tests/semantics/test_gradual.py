"""Gradual semantics on weighted bipolar graphs: vectorised code against a plain reference.

The reference below is written with plain python loops and ``math`` only.  On
acyclic graphs it evaluates each argument by memoised recursion, independently of
any level structure.  On cyclic graphs it finds strongly connected components with
Tarjan's algorithm, groups them into levels, and iterates each cyclic level with
the same schedule as the vectorised code (Anderson mixing of the last 5 steps
from the base weights, with the same ridge, give up after ``patience`` steps
without a new lowest residual, then damped steps from the base weights again).
Semantics with several fixed points (the DF-QuAD line ``x + y = 1`` on an attack
2-cycle) make the schedule part of the answer, so the two must follow the same one.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.semantics.gradual import (
    BipolarGraph,
    BipolarGraphError,
    ConvergenceError,
    Strengths,
    dfquad_strengths,
    euler_strengths,
    hcategorizer_strengths,
    quad_strengths,
    quadratic_energy_strengths,
)
from bench.gradual import AndersonMixer  # the bench's plain reference mixes alike

SEMANTICS: dict[str, Callable[..., Strengths]] = {
    "dfquad": dfquad_strengths,
    "quad": quad_strengths,
    "euler": euler_strengths,
    "qe": quadratic_energy_strengths,
    "hcat": hcategorizer_strengths,
}
NAMES = sorted(SEMANTICS)

TOL = 1e-12
MAX_ITER = 1000
DAMPING = 0.5
PATIENCE = 50

# --------------------------------------------------------------------- reference

Edge = tuple[int, float, bool]  # (source, weight, is_attack)


def ref_update(name: str, b: float, edges: Sequence[Edge], s: Sequence[float]) -> float:
    """One argument's new strength from its base weight and in-edges, by the book."""
    att = [w * s[u] for u, w, is_attack in edges if is_attack]
    sup = [w * s[u] for u, w, is_attack in edges if not is_attack]
    if name == "dfquad":
        va = 1.0 - math.prod(1.0 - v for v in att)
        vs = 1.0 - math.prod(1.0 - v for v in sup)
        value = b - b * (va - vs) if va >= vs else b + (1.0 - b) * (vs - va)
    elif name == "quad":
        fa = b * math.prod(1.0 - v for v in att)
        fs = 1.0 - (1.0 - b) * math.prod(1.0 - v for v in sup)
        if att and sup:
            value = (fa + fs) / 2.0
        elif att:
            value = fa
        elif sup:
            value = fs
        else:
            value = b
    elif name == "euler":
        energy = sum(sup) - sum(att)
        value = 1.0 - (1.0 - b * b) / (1.0 + b * math.exp(energy))
    elif name == "qe":
        energy = sum(sup) - sum(att)

        def h(x: float) -> float:
            y = max(x, 0.0)
            return y * y / (1.0 + y * y)

        value = b - b * h(-energy) + (1.0 - b) * h(energy)
    elif name == "hcat":
        value = b / (1.0 + sum(att))
    else:
        raise AssertionError(name)
    return min(1.0, max(0.0, value))


def in_edges(g: BipolarGraph, supports: bool) -> list[list[Edge]]:
    edges: list[list[Edge]] = [[] for _ in range(g.n)]
    for u, v, a, w in zip(
        g.src.tolist(), g.dst.tolist(), g.is_attack.tolist(), g.edge_weight.tolist(), strict=True
    ):
        if a or supports:
            edges[v].append((u, w, a))
    return edges


def tarjan(n: int, succ: list[list[int]]) -> list[int]:
    """Component label of every node (iterative Tarjan)."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    label = [-1] * n
    counter = 0
    ncomp = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            if i < len(succ[v]):
                work.append((v, i + 1))
                w = succ[v][i]
                if index[w] == -1:
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    label[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return label


def reference(
    name: str,
    g: BipolarGraph,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> tuple[list[float], bool, str]:
    """``(values, converged, method)`` computed with plain loops."""
    n = g.n
    base: list[float] = g.base.tolist()
    # h-categorizer ignores supports; every other semantics sees every edge
    edges = in_edges(g, supports=name != "hcat")
    succ: list[list[int]] = [[] for _ in range(n)]
    for v in range(n):
        for u, _, _ in edges[v]:
            succ[u].append(v)
    label = tarjan(n, succ)
    members: dict[int, list[int]] = {}
    for v in range(n):
        members.setdefault(label[v], []).append(v)
    cyclic = {
        c for c, vs in members.items() if len(vs) > 1 or any(u == vs[0] for u, _, _ in edges[vs[0]])
    }
    s = list(base)
    if not cyclic:  # memoised recursion, no levels at all
        done = [False] * n

        def value(v: int) -> float:
            if not done[v]:
                for u, _, _ in edges[v]:
                    value(u)
                s[v] = ref_update(name, base[v], edges[v], s) if edges[v] else base[v]
                done[v] = True
            return s[v]

        for v in range(n):
            value(v)
        return s, True, "topological"

    comp_level: dict[int, int] = {}

    def level(c: int) -> int:
        if c not in comp_level:
            preds = {label[u] for v in members[c] for u, _, _ in edges[v]} - {c}
            comp_level[c] = 1 + max((level(p) for p in preds), default=-1)
        return comp_level[c]

    by_level: dict[int, list[int]] = {}
    for c in members:
        by_level.setdefault(level(c), []).extend(members[c])
    converged, used_damping = True, False
    for lv in sorted(by_level):
        # the arguments of the level on no cycle first: their inputs are final
        for v in by_level[lv]:
            if label[v] not in cyclic and edges[v]:
                s[v] = ref_update(name, base[v], edges[v], s)
        nodes = [v for v in by_level[lv] if label[v] in cyclic]
        if not nodes:
            continue

        def step() -> tuple[list[float], list[float], float]:
            new = [ref_update(name, base[v], edges[v], s) for v in nodes]  # noqa: B023
            r = [x - s[v] for x, v in zip(new, nodes, strict=True)]  # noqa: B023
            return new, r, max(abs(x) for x in r)

        ok = False
        best, stalled = math.inf, 0
        mixer = AndersonMixer(len(nodes))
        for _ in range(max_iter):
            new, r, res = step()
            if res <= tol:
                for v, x in zip(nodes, new, strict=True):
                    s[v] = x
                ok = True
                break
            if res < best:
                best, stalled = res, 0
            else:
                stalled += 1
                if stalled >= patience:
                    break
            nxt = mixer.next_point(new, r)
            for v, x in zip(nodes, nxt, strict=True):
                s[v] = x
        if not ok:
            used_damping = True
            for v in nodes:
                s[v] = base[v]
            for _ in range(max_iter):
                new, _, res = step()
                if res <= tol:
                    for v, x in zip(nodes, new, strict=True):
                        s[v] = x
                    ok = True
                    break
                for v, x in zip(nodes, new, strict=True):
                    s[v] = s[v] + damping * (x - s[v])
        converged = converged and ok
    return s, converged, "damped" if used_damping else "anderson"


def fixed_point_residual(name: str, g: BipolarGraph, values: Sequence[float]) -> float:
    edges = in_edges(g, supports=name != "hcat")
    base = g.base.tolist()
    return max(
        (abs(ref_update(name, base[v], edges[v], values) - values[v]) for v in range(g.n)),
        default=0.0,
    )


# -------------------------------------------------------------------- strategies

unit = st.one_of(
    st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)
)
edge_weights = st.one_of(st.just(1.0), unit)


@st.composite
def graphs(draw: st.DrawFn, shape: str, max_n: int = 10) -> BipolarGraph:
    """Random trees, DAGs or arbitrary (usually cyclic) graphs, relabelled at random."""
    n = draw(st.integers(1, max_n))
    pairs: list[tuple[int, int]] = []
    if shape == "tree":
        pairs = [(i, draw(st.integers(0, i - 1))) for i in range(1, n)]
    elif shape == "dag":
        if n > 1:
            forward = st.integers(1, n - 1).flatmap(
                lambda u: st.tuples(st.just(u), st.integers(0, u - 1))
            )
            pairs = draw(st.lists(forward, max_size=3 * n))
    else:
        any_pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
        pairs = draw(st.lists(any_pair, min_size=1, max_size=3 * n))
    label = draw(st.permutations(range(n)))
    m = len(pairs)
    return BipolarGraph(
        n,
        draw(st.lists(unit, min_size=n, max_size=n)),
        [label[u] for u, _ in pairs],
        [label[v] for _, v in pairs],
        draw(st.lists(st.booleans(), min_size=m, max_size=m)),
        draw(st.lists(edge_weights, min_size=m, max_size=m)),
    )


def assert_matches(name: str, g: BipolarGraph) -> Strengths:
    got = SEMANTICS[name](g)
    want, converged, method = reference(name, g)
    assert got.values.shape == (g.n,)
    assert np.all((got.values >= 0.0) & (got.values <= 1.0))
    same_way = (got.converged, got.method) == (converged, method)
    if same_way and (not converged or gap(got.values.tolist(), want) <= 1e-9):
        return got
    # The two schedules, the same but for rounding, went different ways. Whatever
    # converged must be a fixed point, and that is allowed only where the fixed point
    # is badly conditioned: a residual <= TOL pins it down only to TOL / sigma, sigma
    # the smallest singular value of I - f' there (~1 on most graphs; DF-QuAD with
    # weights 0 and 1, or a self-support of weight 1, can come within 1e-6 of a line
    # of fixed points), and Anderson's small least-squares problem passes rounding on.
    # argmap may find a fixed point where the reference gives up, not the reverse.
    if got.converged:
        assert fixed_point_residual(name, g, got.values.tolist()) <= 1e-11
    if converged:
        assert fixed_point_residual(name, g, want) <= 1e-11
        assert conditioning(name, g, want) < 1e-3
    return got


def gap(a: Sequence[float], b: Sequence[float]) -> float:
    return max((abs(x - y) for x, y in zip(a, b, strict=True)), default=0.0)


def conditioning(name: str, g: BipolarGraph, values: Sequence[float], h: float = 1e-6) -> float:
    """The smallest singular value of ``I - J`` at ``values``, ``J`` the Jacobian of the
    reference update (differences within [0, 1], where strengths live)."""
    edges = in_edges(g, supports=name != "hcat")
    base = g.base.tolist()

    def update(x: list[float]) -> np.ndarray:
        return np.array([ref_update(name, base[v], edges[v], x) for v in range(g.n)])

    jacobian = np.zeros((g.n, g.n))
    for j in range(g.n):
        up, down = list(values), list(values)
        up[j], down[j] = min(values[j] + h, 1.0), max(values[j] - h, 0.0)
        jacobian[:, j] = (update(up) - update(down)) / (up[j] - down[j])
    return float(np.linalg.svd(np.eye(g.n) - jacobian, compute_uv=False).min())


def test_where_the_fixed_point_is_badly_conditioned_both_answers_are_fixed_points() -> None:
    # Found by hypothesis: the fixed point sits within ~1e-6 of a line of them (I - f'
    # has a singular value of 8e-7 there), and the schedules' rounding lands 4e-8 apart.
    g = BipolarGraph(
        4,
        [0.5, 0.0, 0.0, 0.0],
        [1, 0, 2, 1, 1],
        [0, 2, 1, 2, 1],
        [False, False, False, True, False],
    )
    got = dfquad_strengths(g)
    want, converged, _ = reference("dfquad", g)
    assert got.converged and converged
    assert 1e-9 < gap(got.values.tolist(), want) < 1e-6
    assert conditioning("dfquad", g, want) < 1e-5
    assert_matches("dfquad", g)
    # a well-conditioned cycle must agree to 1e-9
    h = BipolarGraph.from_lists([0.6, 0.7, 0.2], attacks=[(0, 1), (1, 2), (2, 0)])
    assert conditioning("dfquad", h, reference("dfquad", h)[0]) > 0.1
    assert gap(dfquad_strengths(h).values.tolist(), reference("dfquad", h)[0]) <= 1e-9


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ------------------------------------------------------------- property tests


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(g=graphs("tree"))
def test_trees_match_reference(name: str, g: BipolarGraph) -> None:
    got = assert_matches(name, g)
    assert got.method == "topological" and got.converged and got.iterations == 0


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(g=graphs("dag"))
def test_dags_match_reference(name: str, g: BipolarGraph) -> None:
    got = assert_matches(name, g)
    assert got.method == "topological" and got.converged


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(g=graphs("cyclic"))
def test_cyclic_graphs_match_reference(name: str, g: BipolarGraph) -> None:
    got = assert_matches(name, g)
    if got.converged:  # whatever the schedule, the answer is a fixed point
        assert fixed_point_residual(name, g, got.values.tolist()) <= 1e-9
    else:
        assert got.method == "damped"
        with pytest.raises(ConvergenceError):
            got.check()


@pytest.mark.parametrize("name", NAMES)
def test_medium_random_graphs_match_reference(name: str) -> None:
    rng = np.random.default_rng(7)
    n = 3000
    parent = (rng.random(n - 1) * np.arange(1, n)).astype(np.int64)
    tree = BipolarGraph(n, rng.random(n), np.arange(1, n), parent, rng.random(n - 1) < 0.5)
    assert_matches(name, tree)
    m = 2 * n
    weights = np.where(rng.random(m) < 0.5, 1.0, rng.random(m))
    cyclic = BipolarGraph(
        n, rng.random(n), rng.integers(0, n, m), rng.integers(0, n, m), rng.random(m) < 0.5, weights
    )
    got = assert_matches(name, cyclic)
    assert got.converged and got.method != "topological"


# ------------------------------------------------------------ hand-checked cases

#: base weights (claim 0.5, attacker 0.6, supporter 0.2) and the strength of 0
HAND = {
    "dfquad": 0.5 - 0.5 * (0.6 - 0.2),
    "quad": (0.5 * (1 - 0.6) + (1 - 0.5 * (1 - 0.2))) / 2,
    "euler": 1 - 0.75 / (1 + 0.5 * math.exp(0.2 - 0.6)),
    "qe": 0.5 - 0.5 * (0.16 / 1.16),
    "hcat": 0.5 / 1.6,
}


@pytest.mark.parametrize("name", NAMES)
def test_hand_checked_three_arguments(name: str) -> None:
    g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    got = SEMANTICS[name](g)
    assert got.values.tolist() == pytest.approx([HAND[name], 0.6, 0.2], abs=1e-15)
    assert (got.converged, got.iterations, got.method) == (True, 0, "topological")


def test_dfquad_aggregates_attackers_as_probabilistic_sum() -> None:
    # two attackers of strength 0.5: va = 1 - 0.5 * 0.5 = 0.75; s = 0.8 - 0.8 * 0.75
    g = BipolarGraph.from_lists([0.8, 0.5, 0.5], attacks=[(1, 0), (2, 0)])
    assert dfquad_strengths(g).values[0] == pytest.approx(0.2)
    # a supporter of strength 1 beating one attacker of 0.5: s = b + (1 - b) * 0.5
    g = BipolarGraph.from_lists([0.4, 0.5, 1.0], attacks=[(1, 0)], supports=[(2, 0)])
    assert dfquad_strengths(g).values[0] == pytest.approx(0.4 + 0.6 * 0.5)


def test_dfquad_chain_of_full_attacks_alternates() -> None:
    g = BipolarGraph.from_lists([1.0, 1.0, 1.0, 1.0], attacks=[(3, 2), (2, 1), (1, 0)])
    # 3 defeats 2, so 1 stands and defeats 0
    assert dfquad_strengths(g).values.tolist() == [0.0, 1.0, 0.0, 1.0]


def test_product_with_a_factor_exactly_zero_is_exactly_zero() -> None:
    # an attacker of strength exactly 1 makes va = 1 exactly, whatever the others
    g = BipolarGraph.from_lists([0.7, 1.0, 0.3, 0.9], attacks=[(1, 0), (2, 0), (3, 0)])
    assert dfquad_strengths(g).values[0] == 0.0
    assert quad_strengths(g).values[0] == 0.0


def test_quad_uses_the_branch_for_the_relations_present() -> None:
    only_support = BipolarGraph.from_lists([0.5, 0.5], supports=[(1, 0)])
    assert quad_strengths(only_support).values[0] == pytest.approx(1 - 0.5 * 0.5)
    only_attack = BipolarGraph.from_lists([0.5, 0.5], attacks=[(1, 0)])
    assert quad_strengths(only_attack).values[0] == pytest.approx(0.25)
    # QuAD, unlike DF-QuAD, averages even when attack and support are equal
    both = BipolarGraph.from_lists([0.5, 0.5, 0.5], attacks=[(1, 0)], supports=[(2, 0)])
    assert quad_strengths(both).values[0] == pytest.approx((0.25 + 0.75) / 2)
    assert dfquad_strengths(both).values[0] == pytest.approx(0.5)


def test_euler_never_moves_base_weight_one_or_zero() -> None:
    # base 1 under three full-strength attackers, base 0 under three supporters
    g = BipolarGraph.from_lists(
        [1.0, 1.0, 1.0, 1.0, 0.0],
        attacks=[(1, 0), (2, 0), (3, 0)],
        supports=[(1, 4), (2, 4), (3, 4)],
    )
    values = euler_strengths(g).values
    assert values[0] == 1.0
    assert values[4] == 0.0
    # the same holds inside a cycle, where the iteration must not move them either
    cycle = BipolarGraph.from_lists(
        [1.0, 1.0, 0.0], attacks=[(0, 1), (1, 0)], supports=[(1, 2), (2, 1)]
    )
    got = euler_strengths(cycle)
    assert got.converged and got.values.tolist() == [1.0, 1.0, 0.0]


def test_euler_stays_above_base_squared_and_survives_huge_energy() -> None:
    # 2000 full supporters: E = 2000, e^E overflows float64 unless handled
    n = 2001
    g = BipolarGraph(n, [0.3] + [1.0] * (n - 1), range(1, n), [0] * (n - 1), [False] * (n - 1))
    assert euler_strengths(g).values[0] == 1.0
    g = BipolarGraph(n, [0.3] + [1.0] * (n - 1), range(1, n), [0] * (n - 1), [True] * (n - 1))
    value = euler_strengths(g).values[0]
    assert value == pytest.approx(0.3**2, abs=1e-12)  # inf(s) = b^2, never below


def test_quadratic_energy_hand_values() -> None:
    # E = +1: h(1) = 1/2, s = b + (1 - b) / 2; E = -1: s = b - b / 2
    g = BipolarGraph.from_lists([0.2, 1.0, 0.2, 1.0], supports=[(1, 0)], attacks=[(3, 2)])
    assert quadratic_energy_strengths(g).values.tolist() == pytest.approx([0.6, 1.0, 0.1, 1.0])


def test_hcategorizer_ignores_supports_even_cyclic_ones() -> None:
    g = BipolarGraph.from_lists(
        [1.0, 1.0, 0.5], attacks=[(1, 0), (2, 0)], supports=[(0, 1), (1, 0), (2, 2)]
    )
    got = hcategorizer_strengths(g)
    assert got.values.tolist() == pytest.approx([1 / (1 + 1.0 + 0.5), 1.0, 0.5])
    assert got.method == "topological"
    assert not g.is_acyclic() and g.is_acyclic(supports=False)


def test_hcategorizer_attack_cycle_is_the_golden_ratio() -> None:
    g = BipolarGraph.from_lists([1.0, 1.0], attacks=[(0, 1), (1, 0)])
    got = hcategorizer_strengths(g)
    assert got.converged and got.method == "anderson"
    assert got.values.tolist() == pytest.approx([(math.sqrt(5) - 1) / 2] * 2, abs=1e-11)


def test_edge_weights_scale_the_source_strength() -> None:
    weighted = BipolarGraph.from_lists([0.5, 0.8], attacks=[(1, 0, 0.5)])
    scaled = BipolarGraph.from_lists([0.5, 0.4], attacks=[(1, 0)])
    for name in NAMES:
        if name == "quad":
            continue
        w, s = SEMANTICS[name](weighted).values[0], SEMANTICS[name](scaled).values[0]
        assert w == pytest.approx(s, abs=1e-15), name
    zero = BipolarGraph.from_lists([0.5, 0.8], attacks=[(1, 0, 0.0)])
    none = BipolarGraph.from_lists([0.5, 0.8])
    for name in ("dfquad", "euler", "qe", "hcat"):
        assert SEMANTICS[name](zero).values[0] == pytest.approx(SEMANTICS[name](none).values[0])
    # QuAD counts a weight-0 attack as present: attack branch, b * (1 - 0) = b
    assert quad_strengths(zero).values[0] == 0.5


def test_parallel_edges_and_self_loops() -> None:
    parallel = BipolarGraph.from_lists([0.5, 0.5], attacks=[(1, 0), (1, 0)])
    assert dfquad_strengths(parallel).values[0] == pytest.approx(0.5 * 0.25)
    assert hcategorizer_strengths(parallel).values[0] == pytest.approx(0.25)
    self_attack = BipolarGraph.from_lists([1.0], attacks=[(0, 0)])
    got = hcategorizer_strengths(self_attack)  # s = 1 / (1 + s)
    assert got.converged and got.values[0] == pytest.approx((math.sqrt(5) - 1) / 2)


# ---------------------------------------------------------------- cycles, traps


@pytest.mark.parametrize("name", ["dfquad", "quad"])
def test_attack_two_cycle_with_base_one_is_solved_by_mixing_or_damping(name: str) -> None:
    g = BipolarGraph.from_lists([1.0, 1.0], attacks=[(0, 1), (1, 0)])
    # plain iteration: (1, 1) -> (0, 0) -> (1, 1) ... never a fixed point
    s = [1.0, 1.0]
    edges = in_edges(g, supports=True)
    for expected in ([0.0, 0.0], [1.0, 1.0], [0.0, 0.0]):
        s = [ref_update(name, 1.0, edges[v], s) for v in range(2)]
        assert s == expected
    # Anderson mixing of the first two steps lands next to (0.5, 0.5): the
    # symmetric fixed point, in at most four evaluations
    got = SEMANTICS[name](g)
    assert got.converged and got.method == "anderson" and got.iterations <= 4
    assert got.values.tolist() == [0.5, 0.5]
    # patience 1: the second step does not lower the residual (1 again), so the
    # damped fallback takes over from (1, 1); one damped step lands on (0.5, 0.5),
    # and one more finds the residual 0 there
    fallback = SEMANTICS[name](g, patience=1)
    assert fallback.converged and fallback.method == "damped" and fallback.iterations == 2 + 2
    assert fallback.values.tolist() == [0.5, 0.5]
    # without damping the fallback is plain iteration: reported, never silent
    undamped = SEMANTICS[name](g, patience=1, damping=1.0)
    assert not undamped.converged and undamped.method == "damped"
    assert undamped.residual == 1.0
    with pytest.raises(ConvergenceError, match="no fixed point"):
        undamped.check()


def test_dfquad_two_cycle_fixed_points_form_a_line() -> None:
    # any (x, 1 - x) is a fixed point when both bases are 1: check the mixed
    # answer is one, and an unequal start converges to another one of them
    g = BipolarGraph.from_lists([1.0, 1.0], attacks=[(0, 1), (1, 0)])
    assert fixed_point_residual("dfquad", g, [0.3, 0.7]) == pytest.approx(0.0, abs=1e-15)
    assert fixed_point_residual("dfquad", g, dfquad_strengths(g).values.tolist()) == 0.0


def test_cycle_between_acyclic_parts() -> None:
    # 0 -> 1 <-> 2 -> 3 (attacks), 4 supports 0: levels {0?}, cycle {1, 2}, then 3
    g = BipolarGraph.from_lists(
        [0.9, 0.6, 0.7, 0.8, 0.5], attacks=[(0, 1), (1, 2), (2, 1), (2, 3)], supports=[(4, 0)]
    )
    for name in NAMES:
        got = SEMANTICS[name](g)
        want, converged, method = reference(name, g)
        assert got.converged and converged and got.method == method == "anderson"
        np.testing.assert_allclose(got.values, want, atol=1e-12)
        assert fixed_point_residual(name, g, got.values.tolist()) <= 1e-11
    # the argument fed into the cycle is exact: DF-QuAD 0.9 + 0.1 * 0.5
    assert dfquad_strengths(g).values[0] == pytest.approx(0.95, abs=1e-15)


def test_euler_two_cycle_converges_to_the_symmetric_fixed_point() -> None:
    g = BipolarGraph.from_lists([0.5, 0.5], attacks=[(0, 1), (1, 0)])
    got = euler_strengths(g).check()
    x = got.values[0]
    assert got.values[1] == pytest.approx(x, abs=1e-12)
    assert x == pytest.approx(1 - 0.75 / (1 + 0.5 * math.exp(-x)), abs=1e-12)


def test_a_kink_that_stalls_damped_iteration_is_solved_by_mixing() -> None:
    # Found by random search: DF-QuAD creeps towards a fixed point on a kink of
    # its combination (two base-1 arguments, one attacking the other at full
    # strength); damped iteration leaves a residual ~5e-4 after 1000 steps.
    g = BipolarGraph(
        5,
        [0.9570704402840663, 1.0, 0.004593521820841162, 0.47711500327700174, 1.0],
        [0, 3, 1, 3, 3, 1, 2, 2, 4, 0, 0],
        [0, 4, 0, 0, 4, 4, 3, 2, 1, 4, 3],
        [True, True, True, False, True, False, True, False, True, False, True],
        [1.0, 1.0, 0.896419193510075, 0.0, 1.0, 0.12325795918016769, 0.5, 1.0, 1.0, 1.0, 1.0],
    )
    mixed = dfquad_strengths(g).check()
    assert mixed.method == "anderson" and mixed.iterations <= 30
    assert fixed_point_residual("dfquad", g, mixed.values.tolist()) <= 1e-11
    want, converged, method = reference("dfquad", g)
    assert converged and method == "anderson"
    np.testing.assert_allclose(mixed.values, want, atol=1e-9)


def test_not_converged_is_reported_with_the_last_iterate() -> None:
    g = BipolarGraph.from_lists([0.9, 0.9, 0.9], attacks=[(0, 1), (1, 2), (2, 0)])
    got = hcategorizer_strengths(g, max_iter=3)
    assert not got.converged and got.iterations == 6 and got.residual > 1e-12
    assert np.all((got.values > 0) & (got.values < 1))
    assert hcategorizer_strengths(g).check().converged


# ------------------------------------------------------------ API and validation


def test_from_lists_and_arrays_agree() -> None:
    g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0, 0.25)])
    h = BipolarGraph(
        3,
        np.array([0.5, 0.6, 0.2]),
        np.array([1, 2]),
        np.array([0, 0]),
        np.array([True, False]),
        np.array([1.0, 0.25]),
    )
    for name in NAMES:
        assert SEMANTICS[name](g).values.tolist() == SEMANTICS[name](h).values.tolist()
    assert (g.n, g.m) == (3, 2)


def test_arrays_are_read_only_copies() -> None:
    base = np.array([0.5, 0.5])
    g = BipolarGraph(2, base, [1], [0], [True])
    base[0] = 0.0
    assert g.base[0] == 0.5
    with pytest.raises(ValueError):
        g.base[0] = 0.1
    values = dfquad_strengths(g).values
    with pytest.raises(ValueError):
        values[0] = 0.1


def test_replace_builds_a_new_validated_graph() -> None:
    g = BipolarGraph.from_lists([0.5, 0.6], attacks=[(1, 0)])
    assert dfquad_strengths(g).values[0] == pytest.approx(0.2)
    h = dataclasses.replace(g, base=np.array([0.5, 1.0]))
    assert dfquad_strengths(h).values[0] == 0.0
    with pytest.raises(BipolarGraphError):
        dataclasses.replace(g, base=np.array([0.5, 2.0]))


def test_empty_graph_and_isolated_arguments() -> None:
    empty = BipolarGraph.from_lists([])
    for name in NAMES:
        got = SEMANTICS[name](empty)
        assert got.values.shape == (0,) and got.converged and got.method == "topological"
    isolated = BipolarGraph.from_lists([0.3, 0.0, 1.0])
    for name in NAMES:
        assert SEMANTICS[name](isolated).values.tolist() == [0.3, 0.0, 1.0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n": -1, "base": [], "src": [], "dst": [], "is_attack": []}, "non-negative"),
        ({"n": 2, "base": [0.5], "src": [], "dst": [], "is_attack": []}, "1 weights for 2"),
        ({"n": 1, "base": [1.5], "src": [], "dst": [], "is_attack": []}, r"\[0, 1\]"),
        ({"n": 1, "base": [math.nan], "src": [], "dst": [], "is_attack": []}, r"\[0, 1\]"),
        ({"n": 2, "base": [0, 0], "src": [0], "dst": [2], "is_attack": [True]}, "outside"),
        ({"n": 2, "base": [0, 0], "src": [-1], "dst": [0], "is_attack": [True]}, "outside"),
        ({"n": 2, "base": [0, 0], "src": [0, 1], "dst": [1], "is_attack": [True]}, "dst"),
        ({"n": 2, "base": [0, 0], "src": [0.5], "dst": [1], "is_attack": [True]}, "integer"),
        ({"n": 2, "base": [0, 0], "src": [0], "dst": [1], "is_attack": []}, "is_attack"),
        ({"n": 2, "base": [0, 0], "src": [0], "dst": [1], "is_attack": [2]}, "booleans"),
        (
            {"n": 2, "base": [0, 0], "src": [0], "dst": [1], "is_attack": [1], "edge_weight": [2]},
            "edge weight",
        ),
    ],
)
def test_invalid_graphs_are_rejected(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(BipolarGraphError, match=match):
        BipolarGraph(**kwargs)  # type: ignore[arg-type]


def test_invalid_edges_in_lists_and_options_are_rejected() -> None:
    with pytest.raises(BipolarGraphError):
        BipolarGraph.from_lists([0.5, 0.5], attacks=[(0,)])
    with pytest.raises(BipolarGraphError):
        BipolarGraph.from_lists([0.5, 0.5], attacks=[(0.5, 1)])
    with pytest.raises(BipolarGraphError):
        BipolarGraph.from_lists([0.5, 0.5], attacks=[(math.nan, 1)])
    with pytest.raises(BipolarGraphError, match="numbers"):
        BipolarGraph(1, ["strong"], [], [], [])
    g = BipolarGraph.from_lists([0.5, 0.5], attacks=[(0, 1)])
    for bad in ({"tol": 0.0}, {"damping": 0.0}, {"damping": 1.5}, {"max_iter": 0}, {"patience": 0}):
        with pytest.raises(BipolarGraphError):
            dfquad_strengths(g, **bad)
    assert issubclass(BipolarGraphError, ArgmapError) and issubclass(BipolarGraphError, ValueError)


# ------------------------------------------------------------------------ scale


def test_large_tree_and_cyclic_graph_run_fast_enough() -> None:
    """Smoke test at scale (generous bounds; the report has the real timings)."""
    rng = np.random.default_rng(3)
    n = 200_000
    parent = (rng.random(n - 1) * np.arange(1, n)).astype(np.int64)
    tree = BipolarGraph(n, rng.random(n), np.arange(1, n), parent, rng.random(n - 1) < 0.5)
    n_c = 20_000
    m = 3 * n_c
    cyclic = BipolarGraph(
        n_c, rng.random(n_c), rng.integers(0, n_c, m), rng.integers(0, n_c, m), rng.random(m) < 0.5
    )
    for name in NAMES:
        t0 = time.perf_counter()
        got = SEMANTICS[name](tree)
        assert got.method == "topological"
        got = SEMANTICS[name](cyclic)
        assert got.converged, name
        assert time.perf_counter() - t0 < 5.0, name


def test_with_base_matches_a_fresh_graph() -> None:
    rng = np.random.default_rng(7)
    n = 60
    src = rng.integers(0, n, 150)
    dst = rng.integers(0, n, 150)
    keep = src != dst
    kind = rng.random(keep.sum()) < 0.5
    g = BipolarGraph(n, rng.random(n), src[keep], dst[keep], kind)
    for f in (dfquad_strengths, quad_strengths, euler_strengths, hcategorizer_strengths):
        f(g)
        new_base = rng.random(n)
        fresh = BipolarGraph(n, new_base, src[keep], dst[keep], kind)
        assert np.allclose(f(g.with_base(new_base)).values, f(fresh).values, atol=1e-12)
