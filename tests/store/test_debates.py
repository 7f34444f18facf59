"""Debates in the store: exact round trips, revisions, revert and every edit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings

from argmap.errors import ValidationError
from argmap.files import load_debate
from argmap.formats.native import write_native
from argmap.formats.procon import read_procon
from argmap.model import Debate, Relation, Statement, Vote
from argmap.store import Conflict, NotFound, Store
from argmap.store.rows import sync_rows
from tests.conftest import EXAMPLES, SEED
from tests.store.conftest import assert_rows_match, small_debate
from tests.strategies import debates

EXAMPLE_FILES = sorted(p for p in EXAMPLES.rglob("*") if p.is_file())


def test_the_seed_debate_comes_back_exactly(open_store: Callable[..., Store]) -> None:
    seed = read_procon(SEED.read_bytes())
    store = open_store()
    key = store.add_debate(seed, None)
    assert store.get_debate(key) == seed
    assert_rows_match(store, key)
    # From the database itself, not from the store's memory of what it wrote.
    again = open_store()
    assert again.get_debate(key) == seed
    assert write_native(again.get_debate(key)) == write_native(seed)
    summary = again.summary(key)
    assert (summary.title, summary.revision, summary.statements) == (
        seed.motion.title,
        1,
        len(seed.statements),
    )
    assert summary.owner is None and summary.public


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_examples_come_back_exactly(path: Path, open_store: Callable[..., Store]) -> None:
    debate = load_debate(path)
    write_native(debate)  # the store keeps native JSON: every reader's debate must fit
    store = open_store()
    key = store.add_debate(debate, None)
    assert open_store().get_debate(key) == debate
    assert_rows_match(store, key)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(debate=debates())
def test_any_debate_comes_back_exactly(store: Store, debate: Debate) -> None:
    # PostgreSQL text cannot hold NUL, so the rows refuse such ids (see the next test).
    assume(all("\x00" not in s.id for s in debate.statements))
    assume(all("\x00" not in r.id and "\x00" not in r.target for r in debate.relations))
    key = store.add_debate(debate, None)
    assert committed(store).get_debate(key) == debate
    assert store.summary(key).statements == len(debate.statements)
    if "\\u0000" not in write_native(debate):  # the rows replace NUL in texts
        assert_rows_match(store, key)


def test_nul_characters_are_kept_in_texts_and_refused_in_ids(store: Store) -> None:
    debate = replace(
        small_debate(),
        statements=(Statement("m", "The\x00motion", text="a\x00b", kind="motion"),),
        relations=(),
    )
    key = store.add_debate(debate, None)
    assert store.get_debate(key) == debate
    with pytest.raises(Conflict, match="NUL"):
        store.add_statement(key, Statement("x\x00", "Bad id"), None)
    assert store.summary(key).revision == 1


def test_unknown_debates_and_revisions_are_not_found(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    for call in (
        lambda: store.get_debate("nope"),
        lambda: store.get_debate(key, 2),
        lambda: store.summary("nope"),
        lambda: store.revisions("nope"),
        lambda: store.set_public("nope", False),
        lambda: store.delete_debate("nope"),
        lambda: store.revert(key, 7, None),
        lambda: store.add_statement("nope", Statement("x", "X"), None),
    ):
        with pytest.raises(NotFound):
            call()


def test_keys_are_short_url_safe_and_unique(store: Store) -> None:
    keys = {store.add_debate(small_debate(), None) for _ in range(20)}
    assert len(keys) == 20
    for key in keys:
        assert 6 <= len(key) <= 16
        assert all(c.isalnum() or c in "-_" for c in key)


def test_every_edit_is_a_revision_and_any_revision_can_be_shown(store: Store) -> None:
    alice = store.create_user("alice", "pw")
    first = small_debate()
    key = store.add_debate(first, alice, message="from a file")
    assert store.add_statement(key, Statement("a3", "Argument 3"), alice) == 2
    assert store.add_relation(key, Relation("a3", "a1", "attack"), None) == 3
    assert store.update_statement(key, "a3", alice, title="Third", weight=0.9) == 4

    infos = store.revisions(key)
    assert [(i.number, i.author, i.message) for i in infos] == [
        (1, "alice", "from a file"),
        (2, "alice", "add statement 'a3'"),
        (3, None, "add attack 'a3' -> 'a1'"),
        (4, "alice", "edit statement 'a3'"),
    ]
    assert all(i.at.tzinfo is not None for i in infos)
    assert infos == sorted(infos, key=lambda i: (i.at, i.number))
    assert store.get_debate(key, 1) == first
    assert [s.id for s in store.get_debate(key, 2).statements] == ["m", "a1", "a2", "a3"]
    assert store.get_debate(key, 3).relations[-1] == Relation("a3", "a1", "attack")
    assert store.get_debate(key, 4).statement("a3").title == "Third"
    assert store.get_debate(key) == store.get_debate(key, 4)
    assert store.summary(key).revision == 4
    assert store.summary(key).updated == infos[-1].at


def test_revert_makes_a_new_revision_equal_to_the_old_one(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    store.add_statement(key, Statement("a3", "Argument 3"), None)
    store.delete_statement(key, "a1", None)
    bob = store.create_user("bob", "pw")
    assert store.revert(key, 1, bob) == 4
    assert store.get_debate(key) == store.get_debate(key, 1)
    assert store.revisions(key)[-1].message == "revert to revision 1"
    assert store.revisions(key)[-1].author == "bob"
    assert_rows_match(store, key)
    # The history stays: reverting to a later revision is one more revision.
    assert store.revert(key, 3, None) == 5
    assert store.get_debate(key) == store.get_debate(key, 3)
    assert_rows_match(store, key)


def test_adding_and_updating_statements(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    store.add_statement(key, Statement("e1", "Evidence", kind="evidence", tags=("x",)), None)
    store.update_statement(
        key, "e1", None, text="A study.", weight=0.25, sources=["http://a"], tags=[], span=[3, 4]
    )
    e1 = store.get_debate(key).statement("e1")
    assert (e1.text, e1.weight, e1.sources, e1.tags) == ("A study.", 0.25, ("http://a",), ())
    assert e1.span is not None and (e1.span.start_line, e1.span.end_line) == (3, 4)
    assert_rows_match(store, key)


def test_deleting_a_statement_drops_its_relations_and_votes(store: Store) -> None:
    debate = replace(
        small_debate(3),
        relations=(
            Relation("a1", "m", "support", id="r1"),
            Relation("a2", "m", "attack"),
            Relation("a3", "r1", "undercut", id="u1"),
            Relation("a2", "u1", "undercut"),
            Relation("a3", "a2", "rephrase"),
        ),
        votes=(Vote("someone", "a1", 0.2), Vote("someone", "a2", 0.3)),
    )
    key = store.add_debate(debate, None)
    carol = store.create_user("carol", "pw")
    store.set_vote(key, "a1", carol, 0.7)
    store.set_vote(key, "a2", carol, 0.6)
    store.delete_statement(key, "a1", carol)
    after = store.get_debate(key)
    assert [s.id for s in after.statements] == ["m", "a2", "a3"]
    # r1 went with a1, its undercut u1 with it, and the undercut of u1 too.
    assert after.relations == (Relation("a2", "m", "attack"), Relation("a3", "a2", "rephrase"))
    assert after.votes == (Vote("someone", "a2", 0.3),)
    assert store.votes(key) == [Vote("carol", "a2", 0.6)]
    assert_rows_match(store, key)
    with pytest.raises(NotFound):
        store.delete_statement(key, "a1", None)


def test_relations_are_added_updated_and_deleted(store: Store) -> None:
    key = store.add_debate(small_debate(3), None)
    store.add_relation(key, Relation("a3", "a1", "attack", id="r31"), None)
    store.add_relation(key, Relation("a2", "r31", "undercut"), None)
    store.add_relation(key, Relation("a3", "a1", "rephrase"), None)
    store.update_relation(key, "a3", "a1", None, weight=0.5, origin="miner", confidence=0.8)
    relations = store.get_debate(key).relations
    assert relations[3] == Relation("a3", "a1", "attack", 0.5, "miner", 0.8, "r31")
    store.update_relation(key, "a3", "a1", None, of_kind="rephrase", kind="preference")
    assert store.get_debate(key).relations[5] == Relation("a3", "a1", "preference")
    store.update_relation(key, "a1", "m", None, kind="attack")
    assert store.get_debate(key).relations[0].kind == "attack"
    assert_rows_match(store, key)

    store.delete_relation(key, "a3", "a1", None, of_kind="preference")
    assert [r.kind for r in store.get_debate(key).relations] == [
        "attack",
        "attack",
        "support",
        "attack",
        "undercut",
    ]
    store.delete_relation(key, "a3", "a1", None)  # the attack, and its undercut with it
    assert [(r.source, r.target) for r in store.get_debate(key).relations] == [
        ("a1", "m"),
        ("a2", "m"),
        ("a3", "m"),
    ]
    assert_rows_match(store, key)
    with pytest.raises(NotFound):
        store.delete_relation(key, "a3", "a1", None)
    with pytest.raises(NotFound):
        store.update_relation(key, "a3", "a1", None, weight=0.1)


def test_update_debate_applies_any_edit(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    number = store.update_debate(
        key, lambda d: replace(d, description="New", tags=("t",)), None, "describe"
    )
    assert number == 2
    assert store.get_debate(key).description == "New"
    assert store.revisions(key)[-1].message == "describe"


def _model_message(build: Callable[[], object]) -> str:
    with pytest.raises(ValidationError) as info:
        build()
    return info.value.message


@pytest.mark.parametrize(
    "name",
    [
        "duplicate statement",
        "relation to nowhere",
        "weight out of range",
        "second motion",
        "delete the motion",
        "duplicate relation",
        "edit raises",
    ],
)
def test_invalid_edits_are_conflicts_with_the_models_message_and_change_nothing(
    store: Store, name: str
) -> None:
    original = small_debate()
    key = store.add_debate(original, None)
    m = original.motion
    cases: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {
        "duplicate statement": (
            lambda: store.add_statement(key, Statement("a1", "Again"), None),
            lambda: replace(original, statements=(*original.statements, Statement("a1", "Again"))),
        ),
        "relation to nowhere": (
            lambda: store.add_relation(key, Relation("a1", "zz", "attack"), None),
            lambda: replace(
                original, relations=(*original.relations, Relation("a1", "zz", "attack"))
            ),
        ),
        "weight out of range": (
            lambda: store.update_statement(key, "a2", None, weight=1.5),
            lambda: replace(
                original,
                statements=(m, original.statements[1], replace(original.statements[2], weight=1.5)),
            ),
        ),
        "second motion": (
            lambda: store.update_statement(key, "a1", None, kind="motion"),
            lambda: replace(
                original,
                statements=(
                    m,
                    replace(original.statements[1], kind="motion"),
                    original.statements[2],
                ),
            ),
        ),
        "delete the motion": (
            lambda: store.delete_statement(key, "m", None),
            lambda: Debate("small", original.statements[1:]),
        ),
        "duplicate relation": (
            lambda: store.add_relation(key, Relation("a1", "m", "attack"), None),
            lambda: replace(
                original, relations=(*original.relations, Relation("a1", "m", "attack"))
            ),
        ),
        "edit raises": (
            lambda: store.update_debate(
                key, lambda d: replace(d, statements=d.statements[1:]), None, "x"
            ),
            lambda: replace(original, statements=original.statements[1:]),
        ),
    }
    edit, build = cases[name]
    with pytest.raises(Conflict) as info:
        edit()
    assert str(info.value) == _model_message(build)
    assert store.summary(key).revision == 1
    assert len(store.revisions(key)) == 1
    assert committed(store).get_debate(key) == original
    assert_rows_match(store, key)


def committed(store: Store) -> Store:
    """``store`` with its memory of parsed revisions forgotten: it reads the database."""
    store._cache.clear()
    return store


def test_fields_that_cannot_be_set_are_conflicts(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    with pytest.raises(Conflict, match="no field 'colour'"):
        store.update_statement(key, "a1", None, colour="red")
    with pytest.raises(Conflict, match="cannot change its id"):
        store.update_statement(key, "a1", None, id="b1")
    with pytest.raises(Conflict, match="must be a string"):
        store.update_statement(key, "a1", None, title=3)
    with pytest.raises(Conflict, match="list of strings"):
        store.update_statement(key, "a1", None, tags="abc")
    with pytest.raises(NotFound):
        store.update_statement(key, "zz", None, title="x")
    with pytest.raises(Conflict):
        store.update_debate(key, lambda d: "not a debate", None, "x")  # type: ignore[arg-type,return-value]
    assert store.summary(key).revision == 1


def test_a_stale_expected_revision_is_a_conflict(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    assert store.update_statement(key, "a1", None, title="One", expect_revision=1) == 2
    with pytest.raises(Conflict, match="at revision 2, not 1"):
        store.update_statement(key, "a1", None, title="Uno", expect_revision=1)
    with pytest.raises(Conflict):
        store.update_debate(key, lambda d: d, None, "noop", expect_revision=3)
    assert store.get_debate(key).statement("a1").title == "One"
    assert store.update_debate(key, lambda d: d, None, "same", expect_revision=2) == 3


def test_an_edit_that_fails_halfway_leaves_the_last_revision_intact(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    store.add_statement(key, Statement("a3", "Three"), None)
    before = store.get_debate(key)

    def crash(debate: Debate) -> Debate:
        replace(debate, description="half done")
        raise RuntimeError("the edit crashed")

    with pytest.raises(RuntimeError):
        store.update_debate(key, crash, None, "crash")
    assert store.summary(key).revision == 2
    assert committed(store).get_debate(key) == before
    assert_rows_match(store, key)


def test_a_failure_after_the_snapshot_is_written_rolls_it_all_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = store.add_debate(small_debate(), None)

    def sync_then_fail(*args: Any) -> None:
        sync_rows(*args)
        raise OSError("disk full")

    monkeypatch.setattr("argmap.store.store.sync_rows", sync_then_fail)
    with pytest.raises(OSError):
        store.add_statement(key, Statement("a3", "Three"), None)
    monkeypatch.undo()
    store._cache.clear()
    assert store.summary(key).revision == 1
    assert store.summary(key).statements == 3
    assert [r.number for r in store.revisions(key)] == [1]
    assert store.get_debate(key) == small_debate()
    assert_rows_match(store, key)
    assert store.add_statement(key, Statement("a3", "Three"), None) == 2


def test_public_and_delete(store: Store) -> None:
    dave = store.create_user("dave", "pw")
    key = store.add_debate(small_debate(), dave, public=False)
    assert not store.summary(key).public
    store.set_public(key, True)
    assert store.summary(key).public
    store.set_vote(key, "a1", dave, 0.5)
    store.delete_debate(key)
    with pytest.raises(NotFound):
        store.get_debate(key)
    assert store.list_debates(dave) == []
    other = store.add_debate(small_debate(), dave)
    assert store.get_debate(other) == small_debate()


def test_the_default_url_is_argmap_db_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with Store() as store:
        key = store.add_debate(small_debate(), None)
    assert (tmp_path / "argmap.db").exists()
    with Store() as store:
        assert store.get_debate(key) == small_debate()
