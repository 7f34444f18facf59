"""Many writers at once lose nothing; a process killed mid-write loses nothing committed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable

from argmap.model import Statement
from argmap.store import Conflict, Store
from tests.store.conftest import assert_rows_match, run_together, small_debate

THREADS = 20


def test_200_simultaneous_votes_are_all_kept(store: Store) -> None:
    debate = small_debate(9)
    ids = [s.id for s in debate.statements]
    assert len(ids) == 10
    key = store.add_debate(debate, None)
    voters = [store.create_user(f"voter{i:02}", "pw") for i in range(THREADS)]

    def weight(i: int, j: int) -> float:
        return (i * 10 + j) / 256

    def vote(i: int) -> None:
        for j, sid in enumerate(ids):
            store.set_vote(key, sid, voters[i], weight(i, j))

    run_together(vote, THREADS)
    votes = store.votes(key)
    assert len(votes) == 200
    assert {(v.voter, v.statement): v.weight for v in votes} == {
        (voters[i].name, sid): weight(i, j) for i in range(THREADS) for j, sid in enumerate(ids)
    }
    assert store.summary(key).revision == 1


def test_100_simultaneous_edits_make_100_revisions(open_store: Callable[..., Store]) -> None:
    # Two stores on one database, as two server processes would have: within a store
    # writers queue in the process, between them in the database.
    store, other = open_store(), open_store()
    key = store.add_debate(small_debate(), None)
    initial = store.summary(key).revision

    def edit(i: int) -> list[int]:
        editor = (store, other)[i % 2]
        return [
            editor.add_statement(key, Statement(f"t{i:02}-{j}", f"Thread {i}, edit {j}"), None)
            for j in range(5)
        ]

    numbers = [n for ns in run_together(edit, THREADS) for n in ns]
    assert sorted(numbers) == list(range(initial + 1, initial + 101))
    final = store.get_debate(key)
    assert store.summary(key).revision == initial + 100
    expected = {f"t{i:02}-{j}" for i in range(THREADS) for j in range(5)}
    assert {s.id for s in final.statements} >= expected
    assert len(final.statements) == 3 + 100
    # Each revision adds exactly one statement to the one before: no edit was lost.
    store._cache.clear()
    sizes = [len(store.get_debate(key, n).statements) for n in range(1, initial + 101)]
    assert sizes == list(range(3, 3 + 101))
    assert [r.number for r in store.revisions(key)] == list(range(1, initial + 101))
    assert_rows_match(store, key)


def test_edits_and_votes_on_the_same_statement_at_once(store: Store) -> None:
    key = store.add_debate(small_debate(), None)
    voters = [store.create_user(f"voter{i:02}", "pw") for i in range(10)]

    def work(i: int) -> None:
        if i < 10:
            for j in range(3):
                store.update_statement(key, "a1", None, title=f"Title {i}.{j}", weight=j / 4)
        else:
            for _ in range(3):
                store.set_vote(key, "a1", voters[i - 10], (i - 10) / 10)

    run_together(work, THREADS)
    assert store.summary(key).revision == 1 + 30
    assert store.perspective(key, voters[3]) == {"a1": 0.3}
    assert len(store.votes(key)) == 10
    assert_rows_match(store, key)


def test_of_writers_expecting_the_same_revision_exactly_one_wins(store: Store) -> None:
    key = store.add_debate(small_debate(), None)

    def edit(i: int) -> bool:
        try:
            store.update_statement(key, "a1", None, title=f"By {i}", expect_revision=1)
        except Conflict:
            return False
        return True

    assert sum(run_together(edit, 10)) == 1
    assert store.summary(key).revision == 2


CRASH = """
import os, sys
import argmap.store.store as module
from argmap.model import Statement
from argmap.store import Store

store = Store(sys.argv[1])
store.add_statement(sys.argv[2], Statement("committed", "Committed"), None)
real = module.sync_rows

def sync_and_die(session, *args):
    real(session, *args)
    session.flush()  # the new revision and rows are in the database, uncommitted
    os._exit(17)

module.sync_rows = sync_and_die
store.add_statement(sys.argv[2], Statement("lost", "Never committed"), None)
"""


def test_a_process_killed_mid_write_loses_nothing_committed(
    open_store: Callable[..., Store], url: str
) -> None:
    store = open_store()
    key = store.add_debate(small_debate(), None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASH), url, key],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 17, done.stderr
    again = open_store()
    debate = again.get_debate(key)
    assert [s.id for s in debate.statements] == ["m", "a1", "a2", "committed"]
    assert [r.number for r in again.revisions(key)] == [1, 2]
    assert_rows_match(again, key)
    # Nothing was left locked: the next edit goes through at once.
    assert again.add_statement(key, Statement("next", "Next"), None) == 3
