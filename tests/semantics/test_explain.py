"""Verdicts, reasons, what-if and the crux, checked by hand on small debates and the seed."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.files import load_debate
from argmap.model import Debate, Relation, Statement
from argmap.semantics import dung
from argmap.semantics.bipolar import (
    attack_pairs,
    debate_framework,
    debate_graph,
    statement_weights,
)
from argmap.semantics.explain import (
    GRADUAL_SEMANTICS,
    GROUNDED_EVALUATIONS,
    Crux,
    _batched_crux,
    _grounded_crux,
    _tree_crux,
    analyse,
    contributions,
    crux,
    dung_statuses,
    gradual_strengths,
    parse_assignments,
    verdict_of,
)
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import RULES
from argmap.semantics.sensitivity import CyclicWhatIf, DagWhatIf, TreeWhatIf
from tests.conftest import SEED
from tests.semantics.oracles import search_crux, without
from tests.strategies import debates, tangled_debates


def _debate() -> Debate:
    # motion <- p (support), motion <- c (attack), c <- r (attack: a rebuttal of c)
    return Debate(
        "d",
        (
            Statement("m", "Motion", kind="motion"),
            Statement("p", "Pro"),
            Statement("c", "Con"),
            Statement("r", "Rebuttal"),
        ),
        (
            Relation("p", "m", "support"),
            Relation("c", "m", "attack"),
            Relation("r", "c", "attack"),
        ),
    )


def test_statuses_follow_the_rebuttal() -> None:
    statuses = dung_statuses(_debate())
    assert {k: s.grounded for k, s in statuses.items()} == {
        "m": "in",
        "p": "in",
        "c": "out",
        "r": "in",
    }
    assert statuses["m"].skeptical and not statuses["c"].credulous


def test_secondary_attacks_reach_what_a_supporter_holds_up() -> None:
    d = Debate(
        "d",
        (Statement("m", "M", kind="motion"), Statement("p", "P"), Statement("x", "X")),
        (Relation("p", "m", "support"), Relation("x", "p", "attack")),
    )
    af = debate_framework(d)
    assert sorted(zip(af.src.tolist(), af.dst.tolist(), strict=True)) == [(2, 0), (2, 1)]
    assert dung_statuses(d)["m"].grounded == "out"


def test_dfquad_strength_of_the_motion_by_hand() -> None:
    # c is attacked by r: 0.5 - 0.5 * 0.5 = 0.25; m: va = 0.25, vs = 0.5 -> 0.5 + 0.5 * 0.25
    s = gradual_strengths(_debate(), "dfquad")
    assert s.values.tolist() == pytest.approx([0.625, 0.5, 0.25, 0.5])
    assert verdict_of(float(s.values[0])) == "for"


def test_contributions_are_signed_by_side() -> None:
    c = contributions(_debate(), "dfquad")
    assert c["p"] > 0 > c["c"]
    assert c["r"] > 0  # attacking an attacker helps the motion
    # removing p: m = 0.5 - 0.5 * 0.25 = 0.375, so p contributes 0.625 - 0.375
    assert c["p"] == pytest.approx(0.25)


def test_crux_finds_the_smallest_flip() -> None:
    d = _debate()
    found = crux(d, "dfquad")
    assert found, "some single change must flip a debate this small"
    assert found == sorted(found, key=lambda c: c.change)
    for c in found:
        flipped = d.with_weights({c.statement: c.after})
        if c.verdict == "dfquad":
            strength = float(gradual_strengths(flipped, "dfquad").values[0])
            assert verdict_of(strength) == c.becomes != "for"
        else:
            assert dung_statuses(flipped)["m"].grounded == c.becomes
    assert all(c.statement != "m" for c in found)


def test_what_if_by_title_or_id() -> None:
    d = _debate()
    assert parse_assignments(d, ["Rebuttal=0.9", "c=0.1", " pro = 1 "]) == {
        "r": 0.9,
        "c": 0.1,
        "p": 1.0,
    }
    for bad, message in [
        ("Nothing=0.5", "no statement has that id or title"),
        ("Pro", "expected STATEMENT=WEIGHT"),
        ("Pro=high", "'high' is not a number"),
        ("Pro=1.5", "must be in [0, 1]"),
    ]:
        with pytest.raises(ArgmapError, match=re.escape(message)):
            parse_assignments(d, [bad])


def test_seed_gives_a_balanced_and_readable_account() -> None:
    seed = load_debate(SEED)
    result = analyse(seed)
    # Five pros and five cons of equal weight balance exactly under DF-QuAD, QuAD,
    # Euler-based and quadratic energy.
    for name in ("dfquad", "quad", "euler", "quadratic-energy"):
        assert result.motion_strength(name) == pytest.approx(0.5)
    # h-categorizer only sees attacks: 0.5 / (1 + 5 * 0.5).
    assert result.motion_strength("h-categorizer") == pytest.approx(0.5 / 3.5)
    # Unanswered cons attack the motion: grounded out, rejected under preferred.
    assert result.statuses["motion"].grounded == "out"
    assert not result.statuses["motion"].credulous
    assert all(result.statuses[s.id].grounded == "in" for s in seed.statements[1:])
    assert len(result.crux) == 3
    assert all(c.verdict == "dfquad" for c in result.crux)
    # What-if: raising one pro tips DF-QuAD towards the motion.
    tipped = analyse(
        seed, weights=parse_assignments(seed, ["Sustainability of Western Support=0.9"])
    )
    assert tipped.motion_strength() > 0.5
    assert set(GRADUAL_SEMANTICS) == set(result.strengths)


@st.composite
def tree_debates(draw: st.DrawFn) -> Debate:
    n = draw(st.integers(2, 9))
    statements = [Statement("m", "M", kind="motion", weight=draw(st.sampled_from([0.3, 0.5])))]
    relations = []
    for k in range(1, n):
        parent = statements[draw(st.integers(0, k - 1))].id
        statements.append(Statement(f"s{k}", f"S{k}", weight=draw(st.floats(0, 1))))
        relations.append(Relation(f"s{k}", parent, draw(st.sampled_from(["support", "attack"]))))
    return Debate("d", tuple(statements), tuple(relations))


@given(tree_debates(), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=150, deadline=None)
def test_tree_crux_equals_the_one_found_by_full_evaluations(debate: Debate, name: str) -> None:
    graph = debate_graph(debate)
    compute = GRADUAL_SEMANTICS[name]
    solution = compute(graph).values
    tree = TreeWhatIf.build(graph, RULES[name], 0, solution)
    assert tree is not None
    ids = [s.id for s in debate.statements]
    base = graph.base.copy()
    fast = _tree_crux(tree, base, 0, name, ids, 0.01)
    slow = search_crux(graph, compute, base, 0, list(range(1, graph.n)), name, ids, 0.01)
    key = lambda c: (c.statement, round(c.after, 6), c.becomes)  # noqa: E731
    assert sorted(map(key, fast)) == sorted(map(key, slow))


def test_the_light_list_of_names_matches_the_semantics() -> None:
    from argmap.semantics import GRADUAL_NAMES

    assert list(GRADUAL_NAMES) == list(GRADUAL_SEMANTICS)


def _assert_batched_crux_is_the_searched_one(debate: Debate, name: str, cyclic: bool) -> None:
    graph = debate_graph(debate)
    compute = GRADUAL_SEMANTICS[name]
    solution = compute(graph).values
    what_if = (CyclicWhatIf.build if cyclic else DagWhatIf.build)(graph, RULES[name], 0, solution)
    assert what_if is not None
    ids = [s.id for s in debate.statements]
    base = graph.base.copy()
    candidates = list(range(1, graph.n))
    current = verdict_of(float(solution[0]))
    fast = _batched_crux(what_if, base, candidates, current, name, ids, 0.01)
    slow = search_crux(graph, compute, base, 0, candidates, name, ids, 0.01)
    assert fast == slow


@given(tangled_debates(), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=200, deadline=None)
def test_dag_crux_equals_the_one_found_by_full_evaluations(debate: Debate, name: str) -> None:
    _assert_batched_crux_is_the_searched_one(debate, name, cyclic=False)


@given(tangled_debates(acyclic=False), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=150, deadline=None)
def test_cyclic_crux_equals_the_one_found_by_full_evaluations(debate: Debate, name: str) -> None:
    _assert_batched_crux_is_the_searched_one(debate, name, cyclic=True)


def _assert_contributions_are_removals(debate: Debate, name: str, tolerance: float) -> None:
    graph = debate_graph(debate)
    compute = GRADUAL_SEMANTICS[name]
    full = float(compute(graph).values[0])
    found = contributions(debate, name)
    expected = {
        debate.statements[i].id: full - float(compute(without(graph, i)).values[0])
        for i in range(1, graph.n)
    }
    assert list(found) == list(expected)
    assert found == pytest.approx(expected, abs=tolerance)


@given(tangled_debates(), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=100, deadline=None)
def test_contributions_off_trees_equal_full_evaluations(debate: Debate, name: str) -> None:
    _assert_contributions_are_removals(debate, name, 1e-12)


@given(tangled_debates(acyclic=False), st.sampled_from(sorted(GRADUAL_SEMANTICS)))
@settings(max_examples=100, deadline=None)
def test_contributions_on_cycles_equal_full_evaluations(debate: Debate, name: str) -> None:
    # a removal keeps the whole graph's levels: the same fixed point, to the tolerance
    _assert_contributions_are_removals(debate, name, 1e-9)


def _grounded_crux_by_recomputation(
    pairs: tuple[np.ndarray, np.ndarray], base: np.ndarray, m: int, ids: list[str], step: float
) -> list[Crux]:
    """The grounded crux as it was first written: a whole grounded labelling per try."""
    labels = {dung.IN: "in", dung.OUT: "out", dung.UNDEC: "undecided"}
    src, dst = pairs

    def status(b: np.ndarray) -> str:
        keep = ~(b[dst] > b[src])
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


@given(tangled_debates(acyclic=False) | debates(max_statements=10))
@settings(max_examples=400, deadline=None)
def test_grounded_crux_equals_whole_labellings(debate: Debate) -> None:
    pairs = attack_pairs(debate)
    base = statement_weights(debate)
    m = next(i for i, s in enumerate(debate.statements) if s.kind == "motion")
    ids = [s.id for s in debate.statements]
    labels = dung.grounded_labelling(debate_framework(debate))
    fast = _grounded_crux(pairs, base, m, ids, 0.01, labels)
    assert fast == _grounded_crux_by_recomputation(pairs, base, m, ids, 0.01)


@pytest.mark.parametrize("semantics", sorted(GRADUAL_SEMANTICS))
def test_tied_arguments_come_in_statement_order_in_the_crux(semantics: str) -> None:
    # Eight twins attack the motion, each answered by a shared rebuttal (so the graph is
    # no tree): their contributions tie exactly, whatever the last bits of a what-if say.
    twins = [Statement(f"t{i}", f"Twin {i}", weight=0.1) for i in range(8)]
    statements = [
        Statement("m", "M", kind="motion", weight=0.5),
        *twins,
        Statement("p", "Support", weight=0.7),
        Statement("r", "Rebuttal", weight=0.3),
    ]
    relations = [Relation(t.id, "m", "attack") for t in twins]
    relations += [Relation("p", "m", "support")]
    relations += [Relation("r", t.id, "attack") for t in twins]
    debate = Debate("d", tuple(statements), tuple(relations))
    found = [c for c in crux(debate, semantics, top=30) if c.statement.startswith("t")]
    groups: dict[tuple[float, str], list[str]] = {}
    for c in found:
        groups.setdefault((round(c.change, 9), c.verdict), []).append(c.statement)
    assert max(len(g) for g in groups.values()) == len(twins)  # the twins do tie
    for group in groups.values():
        assert group == sorted(group, key=lambda sid: int(sid[1:]))
