"""The model's validation rules, each with the message a user reads."""

from __future__ import annotations

import pytest

from argmap.errors import ValidationError
from argmap.model import Debate, Relation, Statement, Vote


def _debate(*statements: Statement, relations: tuple[Relation, ...] = (), **kw: object) -> Debate:
    return Debate("d", statements, relations, **kw)  # type: ignore[arg-type]


MOTION = Statement("m", "We should walk", kind="motion")
PRO = Statement("a", "Health")


def test_an_undercut_targets_a_relation() -> None:
    d = _debate(
        MOTION,
        PRO,
        Statement("u", "But not here"),
        relations=(Relation("a", "m", "support", id="r1"), Relation("u", "r1", "undercut")),
    )
    assert [r.kind for r in d.relations] == ["support", "undercut"]


def test_a_valid_debate_exposes_motion_sides_and_children() -> None:
    con = Statement("b", "Rain")
    sub = Statement("c", "Umbrellas")
    d = _debate(
        MOTION,
        PRO,
        con,
        sub,
        relations=(
            Relation("a", "m", "support"),
            Relation("b", "m", "attack"),
            Relation("c", "b", "attack"),
        ),
    )
    assert d.motion == MOTION
    assert d.side("support") == [PRO]
    assert d.side("attack") == [con]
    assert [(r.kind, s.id) for r, s in d.children("b")] == [("attack", "c")]
    assert d.statement("c") == sub
    assert d.with_weights({"a": 0.9}).statement("a").weight == 0.9


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: _debate(MOTION, PRO, PRO), "duplicate statement id 'a'"),
        (
            lambda: _debate(MOTION, PRO, relations=(Relation("a", "zz", "support"),)),
            "refers to missing statement 'zz'",
        ),
        (
            lambda: _debate(MOTION, PRO, relations=(Relation("a", "a", "attack"),)),
            "statement 'a' relates to itself",
        ),
        (lambda: _debate(MOTION, Statement("a", "x", weight=1.5)), "outside [0, 1]"),
        (lambda: _debate(MOTION, Statement("a", "x", weight=-0.1)), "outside [0, 1]"),
        (lambda: _debate(MOTION, Statement("a", "x", weight=float("nan"))), "outside [0, 1]"),
        (
            lambda: _debate(MOTION, PRO, relations=(Relation("a", "m", "support", weight=2),)),
            "outside [0, 1]",
        ),
        (
            lambda: _debate(MOTION, PRO, votes=(Vote("ann", "a", 1.2),)),
            "outside [0, 1]",
        ),
        (lambda: _debate(PRO), "exactly one motion; found none"),
        (
            lambda: _debate(MOTION, Statement("m2", "Other", kind="motion")),
            "exactly one motion; found 'm', 'm2'",
        ),
        (
            lambda: _debate(MOTION, PRO, relations=(Relation("a", "m", "rebuts"),)),  # type: ignore[arg-type]
            "expected one of support, attack, undercut, rephrase, preference",
        ),
        (
            lambda: _debate(
                MOTION,
                PRO,
                relations=(Relation("a", "m", "support"), Relation("a", "m", "attack")),
            ),
            "duplicate relation 'a' -> 'm'",
        ),
        (lambda: _debate(MOTION, PRO, votes=(Vote("ann", "q", 0.2),)), "missing statement 'q'"),
        (lambda: _debate(MOTION, Statement("", "x")), "non-empty string"),
        (
            lambda: _debate(MOTION, PRO, relations=(Relation("a", "nope", "undercut"),)),
            "undercut by 'a' names 'nope', which is no relation's id",
        ),
        (
            lambda: _debate(
                MOTION,
                PRO,
                Statement("b", "B"),
                relations=(
                    Relation("a", "m", "support", id="r1"),
                    Relation("b", "m", "attack", id="r1"),
                ),
            ),
            "duplicate relation id 'r1'",
        ),
    ],
)
def test_validation_names_the_broken_rule(build: object, message: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()  # type: ignore[operator]
    assert message in str(info.value)
