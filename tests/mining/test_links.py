"""Relation mining on debates small enough to judge by eye, with the real models."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.mining import attach_to_motion, mine, mine_relations, score_links
from argmap.mining.links import choose_links
from argmap.model import Debate, Relation, Statement


def school_uniforms(counters_attached: bool = True) -> Debate:
    """Three arguments for school uniforms and, listed after them, a rebuttal of each."""
    statements = [
        Statement("m", "Schools should require uniforms", kind="motion"),
        Statement(
            "cost",
            "Uniforms save families money",
            "Parents no longer have to buy a new wardrobe of fashionable clothes every term; "
            "one set of uniform lasts the whole school year.",
        ),
        Statement(
            "bullying",
            "Uniforms reduce bullying",
            "When everyone wears the same clothes, children cannot be picked on for wearing "
            "cheap or unfashionable brands.",
        ),
        Statement(
            "focus",
            "Uniforms help pupils concentrate",
            "Without the daily contest over outfits, pupils spend their attention on lessons.",
        ),
        Statement(
            "r-focus",
            "Clothes do not decide attention",
            "Concentration in lessons depends on teaching and sleep; studies of schools that "
            "introduced uniforms found no change in attention or grades.",
        ),
        Statement(
            "r-cost",
            "Uniforms are expensive",
            "Branded uniforms from a single supplier cost families more than ordinary "
            "clothes, and children still need a wardrobe for weekends.",
        ),
        Statement(
            "r-bullying",
            "Bullies find other targets",
            "Children who want to pick on others simply switch to shoes, bags, haircuts or "
            "phones; uniforms do not stop bullying.",
        ),
    ]
    relations = [Relation(p, "m", "support") for p in ("cost", "bullying", "focus")]
    if counters_attached:
        relations += [Relation(r, "m", "attack") for r in ("r-focus", "r-cost", "r-bullying")]
    return Debate(id="uniforms", statements=tuple(statements), relations=tuple(relations))


ANSWERS = {("r-focus", "focus"), ("r-cost", "cost"), ("r-bullying", "bullying")}


def test_each_rebuttal_scores_highest_against_the_point_it_answers() -> None:
    for attached in (True, False):
        scores = score_links(school_uniforms(attached))
        index = {sid: i for i, sid in enumerate(scores.ids)}
        points = [index[p] for p in ("cost", "bullying", "focus")]
        for rebuttal, point in ANSWERS:
            row = scores.probability[index[rebuttal], points]
            assert scores.ids[points[int(np.argmax(row))]] == point, (attached, rebuttal)


def test_mined_relations_are_marked_and_attack_across_sides() -> None:
    debate = school_uniforms()
    mined = mine_relations(debate)
    found = {(r.source, r.target) for r in mined}
    assert found >= ANSWERS
    for r in mined:
        assert r.origin == "miner" and r.confidence is not None
        assert 0 <= r.confidence <= 1
    assert all(r.kind == "attack" for r in mined if (r.source, r.target) in ANSWERS)


def test_the_threshold_decides_what_answers_nothing() -> None:
    debate = school_uniforms()
    assert mine_relations(debate, threshold=1.0) == []
    everything = mine_relations(debate, threshold=0.0)
    # Each argument proposes at most one answer; mutual choices keep one direction.
    assert len({r.source for r in everything}) == len(everything) <= 6
    assert set(mine_relations(debate)) <= set(everything)


def test_an_authors_relation_is_never_replaced() -> None:
    debate = school_uniforms()
    # The author says r-cost answers bullying (wrongly, but it is theirs to say).
    authored = Debate(
        id=debate.id,
        statements=debate.statements,
        relations=(*debate.relations, Relation("r-cost", "bullying", "attack")),
    )
    mined = mine_relations(authored)
    pairs = {(r.source, r.target) for r in mined}
    assert ("r-cost", "bullying") not in pairs and ("bullying", "r-cost") not in pairs
    result = mine(authored)
    assert Relation("r-cost", "bullying", "attack") in result.relations


def test_mine_ties_every_loose_argument_to_something() -> None:
    loose = school_uniforms(counters_attached=False)
    result = mine(loose)
    sources = {r.source for r in result.relations}
    assert sources == {s.id for s in loose.statements if s.kind != "motion"}
    to_motion = attach_to_motion(loose)
    assert {r.source for r in to_motion} == {"r-focus", "r-cost", "r-bullying"}
    assert all(r.target == "m" and r.origin == "miner" for r in to_motion)


def test_choose_links_keeps_the_likelier_of_two_directions() -> None:
    p = np.array(
        [
            [np.nan, 0.9, 0.1],
            [0.7, np.nan, 0.2],
            [0.3, 0.2, np.nan],
        ]
    )
    assert choose_links(p, 0.5) == {(0, 1): 0.9}
    assert choose_links(p, 0.5, blocked=[(0, 1)]) == {(1, 0): 0.7}
    assert choose_links(p, 0.25) == {(0, 1): 0.9, (2, 0): 0.3}
    assert choose_links(np.zeros((0, 0)), 0.5) == {}


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_debates_mine_nothing(n: int) -> None:
    statements = [Statement("m", "A motion", kind="motion")]
    statements += [Statement(f"a{i}", f"Argument {i}") for i in range(n)]
    assert mine_relations(Debate(id="t", statements=tuple(statements))) == []
