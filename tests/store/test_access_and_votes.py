"""Roles, who sees which debates, and votes."""

from __future__ import annotations

import math

import pytest

from argmap.model import Statement, Vote
from argmap.store import Conflict, NotFound, Store, User
from tests.store.conftest import small_debate


def test_roles(store: Store) -> None:
    owner, editor, stranger = (store.create_user(n, "pw") for n in ("olga", "ed", "sam"))
    key = store.add_debate(small_debate(), owner)
    assert store.role_of(key, owner) == "owner"
    assert store.role_of(key, stranger) is None
    assert store.role_of(key, None) is None
    store.set_role(key, editor, "voter")
    store.set_role(key, editor, "editor")  # replaces
    assert store.role_of(key, editor) == "editor"
    assert store.members(key) == [(owner, "owner"), (editor, "editor")]
    with pytest.raises(Conflict, match="no role"):
        store.set_role(key, stranger, "admin")  # type: ignore[arg-type]
    with pytest.raises(NotFound):
        store.set_role("nope", stranger, "reader")
    with pytest.raises(NotFound):
        store.set_role(key, User(999, "ghost"), "reader")
    with pytest.raises(NotFound):
        store.role_of("nope", owner)
    store.remove_role(key, editor)
    assert store.role_of(key, editor) is None
    anonymous = store.add_debate(small_debate(), None)
    assert store.summary(anonymous).owner is None
    assert store.members(anonymous) == []


def test_private_debates_are_listed_only_for_their_members(store: Store) -> None:
    owner, reader, stranger = (store.create_user(n, "pw") for n in ("olga", "rita", "sam"))
    public = store.add_debate(small_debate(), owner)
    private = store.add_debate(small_debate(3), owner, public=False)
    store.set_role(private, reader, "reader")

    def keys(viewer: User | None) -> list[str]:
        return [s.key for s in store.list_debates(viewer)]

    assert keys(None) == [public]
    assert keys(stranger) == [public]
    assert keys(owner) == [private, public]  # newest first
    assert keys(reader) == [private, public]
    assert (store.count_debates(None), store.count_debates(stranger)) == (1, 1)
    assert store.count_debates(owner) == 2
    summary = store.list_debates(owner)[0]
    assert (summary.key, summary.public, summary.statements, summary.owner) == (
        private,
        False,
        4,
        "olga",
    )
    store.set_public(private, True)
    assert keys(stranger) == [private, public]
    store.set_public(public, False)
    assert keys(None) == [private]


def test_listing_pages_newest_change_first(store: Store) -> None:
    keys = [store.add_debate(small_debate(), None) for _ in range(5)]
    assert [s.key for s in store.list_debates(None)] == keys[::-1]
    assert [s.key for s in store.list_debates(None, offset=1, limit=2)] == keys[3:1:-1]
    assert store.list_debates(None, offset=5) == []
    assert store.count_debates(None) == 5
    store.add_statement(keys[0], Statement("x", "X"), None)  # changed last: first now
    assert store.list_debates(None, limit=1)[0].key == keys[0]


def test_votes_are_upserted_and_aggregated(store: Store) -> None:
    ann, ben = store.create_user("ann", "pw"), store.create_user("ben", "pw")
    key = store.add_debate(small_debate(), ann)
    store.set_vote(key, "a1", ann, 0.2)
    store.set_vote(key, "a1", ann, 0.4)  # replaces
    store.set_vote(key, "a1", ben, 0.8)
    store.set_vote(key, "a2", ben, 1)
    store.set_vote(key, "m", ben, 0.0)
    assert store.votes(key) == [
        Vote("ben", "m", 0.0),
        Vote("ann", "a1", 0.4),
        Vote("ben", "a1", 0.8),
        Vote("ben", "a2", 1.0),
    ]
    assert store.perspective(key, ann) == {"a1": 0.4}
    assert store.perspective(key, ben) == {"m": 0.0, "a1": 0.8, "a2": 1.0}
    assert store.perspective(key, None) == {}
    aggregate = store.aggregate_weights(key)
    assert list(aggregate) == ["m", "a1", "a2"]
    assert aggregate["a1"] == pytest.approx(0.6)
    assert aggregate["a2"] == 1.0
    # Votes are not revisions, and do not touch the debate's own votes.
    assert store.summary(key).revision == 1
    assert store.get_debate(key).votes == ()
    store.delete_vote(key, "a1", ann)
    assert store.perspective(key, ann) == {}


@pytest.mark.parametrize("weight", [-0.1, 1.01, math.nan, math.inf, True, "0.5", None])
def test_a_vote_outside_0_1_is_a_conflict(store: Store, weight: object) -> None:
    ann = store.create_user("ann", "pw")
    key = store.add_debate(small_debate(), ann)
    with pytest.raises(Conflict):
        store.set_vote(key, "a1", ann, weight)  # type: ignore[arg-type]
    assert store.votes(key) == []


def test_votes_on_unknown_things_are_not_found(store: Store) -> None:
    ann = store.create_user("ann", "pw")
    key = store.add_debate(small_debate(), ann)
    with pytest.raises(NotFound):
        store.set_vote(key, "zz", ann, 0.5)
    with pytest.raises(NotFound):
        store.set_vote("nope", "a1", ann, 0.5)
    with pytest.raises(NotFound):
        store.set_vote(key, "a1", User(999, "ghost"), 0.5)
    for call in (store.votes, store.aggregate_weights):
        with pytest.raises(NotFound):
            call("nope")
    with pytest.raises(NotFound):
        store.perspective("nope", ann)


def test_votes_follow_their_statements(store: Store) -> None:
    ann = store.create_user("ann", "pw")
    key = store.add_debate(small_debate(), ann)
    store.set_vote(key, "a1", ann, 0.3)
    store.set_vote(key, "a2", ann, 0.6)
    store.update_statement(key, "a1", ann, title="Kept")  # an update keeps the votes
    assert store.perspective(key, ann) == {"a1": 0.3, "a2": 0.6}
    store.delete_statement(key, "a2", ann)
    assert store.perspective(key, ann) == {"a1": 0.3}
    # A revert that brings a statement back does not bring its votes back.
    store.revert(key, 1, ann)
    assert store.perspective(key, ann) == {"a1": 0.3}
    assert store.aggregate_weights(key) == {"a1": 0.3}
