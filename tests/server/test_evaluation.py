"""Votes per user and the evaluation of the seed under each perspective."""

from __future__ import annotations

import pytest

from argmap.semantics.explain import GRADUAL_SEMANTICS
from tests.server.conftest import Api, Headers, assert_problem


def test_the_seed_is_undecided_under_dfquad_and_grounded_out(api: Api, alice: Headers) -> None:
    key = api.import_seed(alice)
    result = api.evaluation(key)
    motion = result["motion"]
    assert motion["strengths"]["dfquad"] == pytest.approx(0.5)
    assert motion["strength"] == pytest.approx(0.5)
    assert motion["verdict"] == "undecided"
    assert motion["status"]["grounded"] == "out"
    assert motion["status"]["credulous"] is False
    assert set(motion["verdicts"]) == set(GRADUAL_SEMANTICS)
    assert motion["verdicts"]["h-categorizer"] == "against"
    assert result["perspective"] == "debate"
    assert result["weights"] == {}
    assert result["semantics"] == "dfquad"
    assert result["revision"] == 1
    assert len(result["statements"]) == 11
    for s in result["statements"]:
        assert set(s["strengths"]) == set(GRADUAL_SEMANTICS)
        assert s["status"]["grounded"] in ("in", "out", "undecided")
    assert len(result["contributions"]) == 10
    assert result["crux"]
    assert result["defeaters"]
    assert all(result["converged"].values())


def test_the_headline_semantics_can_be_chosen(api: Api, alice: Headers) -> None:
    key = api.import_seed(alice)
    result = api.evaluation(key, semantics="h-categorizer")
    assert result["semantics"] == "h-categorizer"
    assert result["motion"]["verdict"] == "against"
    problem = assert_problem(
        api.client.get(f"/debates/{key}/evaluation", params={"semantics": "vibes"}), 400
    )
    assert "dfquad" in problem["detail"]


def test_votes_change_the_evaluation_under_perspective_me(api: Api, alice: Headers) -> None:
    key = api.import_seed(alice)
    statements = api.evaluation(key)["statements"]
    con = next(s["id"] for s in statements if s["title"].startswith("Ukrainian Sovereignty"))
    pro = next(s["id"] for s in statements if s["title"].startswith("Avoiding A Protracted"))
    r = api.client.put(f"/debates/{key}/votes/{con}", json={"weight": 0.9}, headers=alice)
    assert r.status_code == 200, r.text
    assert r.json() == {"voter": "alice", "statement": con, "weight": 0.9}

    mine = api.evaluation(key, alice, perspective="me")
    assert mine["perspective"] == "alice"
    assert mine["weights"] == {con: 0.9}
    assert mine["motion"]["strengths"]["dfquad"] < 0.5
    assert mine["motion"]["verdicts"]["dfquad"] == "against"
    assert api.evaluation(key)["motion"]["strengths"]["dfquad"] == pytest.approx(0.5)

    # Changing one's vote replaces it.
    api.client.put(f"/debates/{key}/votes/{con}", json={"weight": 0.1}, headers=alice)
    assert api.evaluation(key, alice, perspective="me")["motion"]["verdicts"]["dfquad"] == "for"

    bob = api.user("bob")
    api.member(alice, key, "bob", "voter")
    api.client.put(f"/debates/{key}/votes/{con}", json={"weight": 0.5}, headers=bob)
    api.client.put(f"/debates/{key}/votes/{pro}", json={"weight": 0.2}, headers=bob)
    votes = api.client.get(f"/debates/{key}/votes").json()
    assert sorted((v["voter"], v["statement"], v["weight"]) for v in votes) == sorted(
        [("alice", con, 0.1), ("bob", con, 0.5), ("bob", pro, 0.2)]
    )
    everyone = api.evaluation(key, perspective="all")
    assert everyone["perspective"] == "all"
    assert everyone["weights"][con] == pytest.approx(0.3)
    assert everyone["weights"][pro] == pytest.approx(0.2)
    bobs = api.evaluation(key, perspective="bob")
    assert bobs["weights"] == {con: 0.5, pro: 0.2}
    assert api.evaluation(key, bob, perspective="me")["weights"] == bobs["weights"]


def test_perspective_problems(api: Api, alice: Headers) -> None:
    key = api.import_seed(alice)
    assert_problem(api.client.get(f"/debates/{key}/evaluation?perspective=me"), 401)
    assert_problem(api.client.get(f"/debates/{key}/evaluation?perspective=nobody"), 404)


@pytest.mark.parametrize("weight", [1.5, -0.1, "heavy", None, True])
def test_an_invalid_weight_is_a_422(api: Api, alice: Headers, weight: object) -> None:
    key = api.create(alice)
    r = api.client.put(f"/debates/{key}/votes/pro", json={"weight": weight}, headers=alice)
    problem = assert_problem(r, 422)
    assert problem["errors"][0]["location"] == "weight"


def test_a_vote_on_a_missing_statement_is_a_404(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.put(f"/debates/{key}/votes/ghost", json={"weight": 0.5}, headers=alice)
    assert "ghost" in assert_problem(r, 404)["detail"]


def test_an_edit_is_evaluated_afresh_and_old_revisions_stay_as_they_were(
    api: Api, alice: Headers
) -> None:
    key = api.import_seed(alice)
    first = api.evaluation(key)
    assert api.evaluation(key) == first  # asked again: the same answer
    con = next(s["id"] for s in first["statements"] if s["title"].startswith("Ukrainian"))
    r = api.client.patch(f"/debates/{key}/statements/{con}", json={"weight": 0.95}, headers=alice)
    assert r.status_code == 200, r.text
    after = api.evaluation(key)
    assert after["revision"] == 2
    assert after["motion"]["strengths"]["dfquad"] < first["motion"]["strengths"]["dfquad"]
    assert api.evaluation(key, revision=1) == first
    # Two perspectives with the same weights (no votes) share an answer but keep their names.
    mine = api.evaluation(key, alice, perspective="me")
    assert mine["perspective"] == "alice" and mine["statements"] == after["statements"]
    assert api.evaluation(key)["perspective"] == "debate"
