"""What-ifs (trees, DAGs, cycles) agree with recomputing the whole graph, for every semantics."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.semantics.explain import GRADUAL_SEMANTICS
from argmap.semantics.gradual import RULES, BipolarGraph, Strengths
from argmap.semantics.sensitivity import CyclicWhatIf, DagWhatIf, TreeWhatIf, tree_parents
from tests.semantics.oracles import without

weights = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]) | st.floats(0, 1)


@st.composite
def trees(draw: st.DrawFn) -> BipolarGraph:
    n = draw(st.integers(1, 14))
    base = [draw(weights) for _ in range(n)]
    attacks, supports = [], []
    for i in range(1, n):
        edge = (i, draw(st.integers(0, i - 1)), draw(weights))
        # a few orphans (no edge) too: they never move the root
        if draw(st.integers(0, 9)) == 0:
            continue
        (attacks if draw(st.booleans()) else supports).append(edge)
    return BipolarGraph.from_lists(base, attacks=attacks, supports=supports)


@given(
    trees(), st.sampled_from(sorted(GRADUAL_SEMANTICS)), st.lists(weights, min_size=14, max_size=14)
)
@settings(max_examples=300, deadline=None)
def test_what_ifs_match_full_recomputation(
    graph: BipolarGraph, name: str, new_base: list[float]
) -> None:
    compute = GRADUAL_SEMANTICS[name]
    solution = compute(graph).values
    what_if = TreeWhatIf.build(graph, RULES[name], 0, solution)
    assert what_if is not None
    nodes = np.arange(graph.n)
    removed = what_if.without(nodes)
    changed = what_if.if_base(nodes, np.array(new_base[: graph.n]))
    for i in range(graph.n):
        if i:
            assert abs(removed[i] - compute(without(graph, i)).values[0]) < 1e-9
        base = graph.base.copy()
        base[i] = new_base[i]
        assert abs(changed[i] - compute(graph.with_base(base)).values[0]) < 1e-9


def test_not_a_tree() -> None:
    two_parents = BipolarGraph.from_lists([0.5] * 3, attacks=[(2, 0), (2, 1)], supports=[(1, 0)])
    assert tree_parents(two_parents, 0) is None
    cycle = BipolarGraph.from_lists([0.5] * 3, attacks=[(1, 2), (2, 1)])
    assert tree_parents(cycle, 0) is None
    root_acts = BipolarGraph.from_lists([0.5] * 2, attacks=[(0, 1)])
    assert tree_parents(root_acts, 0) is None


@st.composite
def dags(draw: st.DrawFn) -> BipolarGraph:
    """Acyclic graphs with shared ancestors and parallel paths: edges go to lower indices."""
    n = draw(st.integers(1, 14))
    base = [draw(weights) for _ in range(n)]
    attacks, supports = [], []
    if n > 1:
        for _ in range(draw(st.integers(0, 3 * n))):
            i = draw(st.integers(1, n - 1))
            edge = (i, draw(st.integers(0, i - 1)), draw(weights))
            (attacks if draw(st.booleans()) else supports).append(edge)
    return BipolarGraph.from_lists(base, attacks=attacks, supports=supports)


@given(
    dags(), st.sampled_from(sorted(GRADUAL_SEMANTICS)), st.lists(weights, min_size=3, max_size=3)
)
@settings(max_examples=300, deadline=None)
def test_dag_what_ifs_are_full_recomputations(
    graph: BipolarGraph, name: str, new_base: list[float]
) -> None:
    compute = GRADUAL_SEMANTICS[name]
    what_if = DagWhatIf.build(graph, RULES[name], 0, compute(graph).values)
    assert what_if is not None
    _assert_what_ifs_recompute(what_if, graph, compute, new_base, removal_tolerance=1e-12)


def _assert_what_ifs_recompute(
    what_if: DagWhatIf | CyclicWhatIf,
    graph: BipolarGraph,
    compute: Callable[[BipolarGraph], Strengths],
    new_base: list[float],
    removal_tolerance: float,
) -> None:
    """Base-weight what-ifs bit for bit (the crux compares them with thresholds), and
    removals within ``removal_tolerance`` of recomputing the graph without the node."""
    nodes = np.arange(graph.n)
    changed = what_if.if_base(nodes, np.tile(new_base, (graph.n, 1)))
    removed = what_if.without(nodes)
    for i in range(graph.n):
        for k, w in enumerate(new_base):
            base = graph.base.copy()
            base[i] = w
            assert changed[i, k] == compute(graph.with_base(base)).values[0]
        reference = compute(without(graph, i))
        if reference.converged:  # an iterate that is no fixed point is no reference
            assert abs(removed[i] - reference.values[0]) < removal_tolerance


@st.composite
def cyclic_graphs(draw: st.DrawFn) -> BipolarGraph:
    """Graphs whose edges go either way, so most have cycles (a few self-loops too)."""
    n = draw(st.integers(1, 10))
    base = [draw(weights) for _ in range(n)]
    attacks, supports = [], []
    for _ in range(draw(st.integers(0, 3 * n))):
        edge = (draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)), draw(weights))
        (attacks if draw(st.booleans()) else supports).append(edge)
    return BipolarGraph.from_lists(base, attacks=attacks, supports=supports)


@st.composite
def layered_graphs(draw: st.DrawFn) -> BipolarGraph:
    """Mostly upward edges (to lower indices) plus a few back edges: many levels, small
    cycles among them, and arguments that feed a cycle from outside what a change moves."""
    n = draw(st.integers(5, 24))
    base = [draw(weights) for _ in range(n)]
    attacks, supports = [], []
    for _ in range(draw(st.integers(n, 2 * n))):
        source = draw(st.integers(1, n - 1))
        edge = (source, draw(st.integers(0, source - 1)), draw(weights))
        (attacks if draw(st.booleans()) else supports).append(edge)
    for _ in range(draw(st.integers(1, 3))):
        edge = (draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1)), draw(weights))
        (attacks if draw(st.booleans()) else supports).append(edge)
    return BipolarGraph.from_lists(base, attacks=attacks, supports=supports)


@given(
    st.one_of(cyclic_graphs(), layered_graphs()),
    st.sampled_from(sorted(GRADUAL_SEMANTICS)),
    st.lists(weights, min_size=3, max_size=3),
)
@settings(max_examples=150, deadline=None)
def test_cyclic_what_ifs_are_full_recomputations(
    graph: BipolarGraph, name: str, new_base: list[float]
) -> None:
    compute = GRADUAL_SEMANTICS[name]
    what_if = CyclicWhatIf.build(graph, RULES[name], 0, compute(graph).values)
    # A batch re-evaluates only what its changes move, the rest feeding it as is: one
    # node per batch leaves most of a layered graph outside.
    _assert_each_alone_recomputes(what_if, graph, compute, new_base)
    # a removal keeps the whole graph's levels: the same fixed point, to the tolerance
    _assert_what_ifs_recompute(what_if, graph, compute, new_base, removal_tolerance=1e-9)


def _assert_each_alone_recomputes(
    what_if: CyclicWhatIf,
    graph: BipolarGraph,
    compute: Callable[[BipolarGraph], Strengths],
    weights: list[float],
) -> None:
    """Each node's base-weight what-ifs, asked in a batch of their own, bit for bit."""
    for node in range(graph.n):
        got = what_if.if_base(np.array([node]), np.array([weights]))[0]
        for value, weight in zip(got.tolist(), weights, strict=True):
            base = graph.base.copy()
            base[node] = weight
            assert value == compute(graph.with_base(base)).values[0], node


def test_cyclic_what_ifs_batch_in_bounded_memory() -> None:
    graph = BipolarGraph.from_lists(
        [0.5, 0.9, 0.2, 0.7], attacks=[(1, 0), (1, 2), (2, 1)], supports=[(3, 2)]
    )
    compute = GRADUAL_SEMANTICS["dfquad"]
    what_if = CyclicWhatIf.build(graph, RULES["dfquad"], 0, compute(graph).values)
    grid = np.tile(np.linspace(0, 1, 11), (4, 1))
    whole = what_if.if_base(np.arange(4), grid)
    what_if.CELLS = 8  # two rows per batch
    assert (what_if.if_base(np.arange(4), grid) == whole).all()


@given(dags(), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=200, deadline=None)
def test_dag_monotone_means_monotone(graph: BipolarGraph, name: str) -> None:
    compute = GRADUAL_SEMANTICS[name]
    what_if = DagWhatIf.build(graph, RULES[name], 0, compute(graph).values)
    assert what_if is not None
    nodes = np.arange(graph.n)
    grid = np.linspace(0.0, 1.0, 21)
    values = what_if.if_base(nodes, np.tile(grid, (graph.n, 1)))
    for i in np.flatnonzero(what_if.monotone(nodes)):
        steps = np.diff(values[i])
        assert (steps >= 0).all() or (steps <= 0).all()


def test_dag_what_if_needs_an_acyclic_graph() -> None:
    cycle = BipolarGraph.from_lists([0.5] * 3, attacks=[(1, 2), (2, 1), (1, 0)])
    assert DagWhatIf.build(cycle, RULES["dfquad"], 0, np.full(3, 0.5)) is None
    # h-categorizer ignores supports, so a cycle through a support is none for it
    through_support = BipolarGraph.from_lists(
        [0.5] * 3, attacks=[(1, 0), (1, 2)], supports=[(2, 1)]
    )
    assert DagWhatIf.build(through_support, RULES["dfquad"], 0, np.full(3, 0.5)) is None
    assert DagWhatIf.build(through_support, RULES["h-categorizer"], 0, np.full(3, 0.5)) is not None


def test_a_change_to_one_cycle_iterates_the_cycles_of_its_level_with_it() -> None:
    # two attack 3-cycles on one level, both acting on the motion: they iterate as one
    # level (one Anderson mixing over both), so a what-if on one alone must iterate the
    # other too, or its strengths differ from a full evaluation's in the last bits
    graph = BipolarGraph.from_lists(
        [0.5, 0.9, 0.7, 0.35, 0.6, 0.8, 0.15],
        attacks=[(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (1, 0), (4, 0)],
        supports=[(2, 0), (5, 0)],
    )
    for name, compute in GRADUAL_SEMANTICS.items():
        what_if = CyclicWhatIf.build(graph, RULES[name], 0, compute(graph).values)
        _assert_each_alone_recomputes(what_if, graph, compute, [0.0, 0.13, 0.5, 0.77, 1.0])
