"""From a debate to its graphs: the edges, and the secondary attacks of necessary support."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from hypothesis import given, settings

from argmap.model import Debate
from argmap.semantics.bipolar import (
    attack_pairs,
    debate_edges,
    debate_framework,
    framework_at,
    statement_weights,
)
from tests.strategies import debates, tangled_debates


def _attack_pairs_by_chains(debate: Debate) -> list[tuple[int, int]]:
    """The secondary attacks as first written: follow each attacked statement's supports."""
    index = {s.id: i for i, s in enumerate(debate.statements)}
    by_id = {r.id: r for r in debate.relations if r.id}
    supported_by: dict[int, list[int]] = defaultdict(list)
    attacks: list[tuple[int, int]] = []
    for r in debate.relations:
        if r.kind == "attack":
            attacks.append((index[r.source], index[r.target]))
        elif r.kind == "support":
            supported_by[index[r.source]].append(index[r.target])
        elif r.kind == "undercut" and by_id[r.target].source != r.source:
            attacks.append((index[r.source], index[by_id[r.target].source]))

    def rests_on(a: int) -> set[int]:
        seen, stack = {a}, [a]
        while stack:
            for b in supported_by[stack.pop()]:
                if b not in seen:
                    seen.add(b)
                    stack.append(b)
        return seen

    return sorted({(c, b) for c, a in attacks for b in rests_on(a)})


@given(debates(max_statements=10) | tangled_debates(acyclic=False))
@settings(max_examples=300, deadline=None)
def test_attack_pairs_follow_every_chain_of_supports(debate: Debate) -> None:
    src, dst = attack_pairs(debate)
    assert list(zip(src.tolist(), dst.tolist(), strict=True)) == _attack_pairs_by_chains(debate)
    assert src.dtype == dst.dtype == np.int64


@given(debates(max_statements=10))
@settings(max_examples=200, deadline=None)
def test_edges_keep_the_relation_order(debate: Debate) -> None:
    index = {s.id: i for i, s in enumerate(debate.statements)}
    by_id = {r.id: r for r in debate.relations if r.id}
    expected = []
    for r in debate.relations:
        if r.kind in ("support", "attack"):
            expected.append((index[r.source], index[r.target], r.kind == "attack", r.weight))
        elif r.kind == "undercut" and by_id[r.target].source != r.source:
            expected.append((index[r.source], index[by_id[r.target].source], True, r.weight))
    e = debate_edges(debate)
    got = zip(e.src.tolist(), e.dst.tolist(), e.is_attack.tolist(), e.weight.tolist(), strict=True)
    assert list(got) == expected


@given(debates(max_statements=10))
@settings(max_examples=100, deadline=None)
def test_framework_at_is_the_debate_framework(debate: Debate) -> None:
    weights = {s.id: 1.0 - s.weight for s in debate.statements[::2]}
    base = statement_weights(debate, weights)
    assert framework_at(debate, base, attack_pairs(debate)) == debate_framework(debate, weights)
    assert base.tolist() == [weights.get(s.id, s.weight) for s in debate.statements]
