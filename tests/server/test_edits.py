"""Statements and relations, piece by piece."""

from __future__ import annotations

from argmap.formats.native import read_native
from argmap.model import Debate
from tests.server.conftest import Api, Headers, assert_problem


def _debate(api: Api, key: str) -> Debate:
    return read_native(api.client.get(f"/debates/{key}").content)


def test_add_change_and_delete_a_statement(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    body = {
        "id": "cost",
        "title": "Shoes cost money",
        "text": "Soles wear out.",
        "weight": 0.3,
        "tags": ["money"],
        "sources": ["https://example.org/shoes"],
    }
    r = api.client.post(f"/debates/{key}/statements", json=body, headers=alice)
    assert r.status_code == 201, r.text
    assert r.json()["revision"] == 2
    made = r.json()["statement"]
    assert made["id"] == "cost"
    assert made["weight"] == 0.3
    assert made["tags"] == ["money"]
    assert made["kind"] == "argument"

    r = api.client.patch(
        f"/debates/{key}/statements/cost",
        json={"title": "Shoes wear out", "weight": 0.6},
        headers=alice,
    )
    assert r.status_code == 200, r.text
    assert r.json()["statement"]["title"] == "Shoes wear out"
    assert r.json()["statement"]["text"] == "Soles wear out."
    assert r.json()["revision"] == 3
    assert _debate(api, key).statement("cost").weight == 0.6

    r = api.client.delete(f"/debates/{key}/statements/cost", headers=alice)
    assert r.json() == {"revision": 4}
    assert "cost" not in {s.id for s in _debate(api, key).statements}


def test_a_statement_without_an_id_gets_one_from_its_title(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    first = api.client.post(
        f"/debates/{key}/statements", json={"title": "Rain, often!"}, headers=alice
    )
    second = api.client.post(
        f"/debates/{key}/statements", json={"title": "Rain often"}, headers=alice
    )
    assert first.json()["statement"]["id"] == "rain-often"
    assert second.json()["statement"]["id"] == "rain-often-2"


def test_statement_edits_that_break_the_model_are_refused(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    duplicate = api.client.post(
        f"/debates/{key}/statements", json={"id": "pro", "title": "P"}, headers=alice
    )
    assert "duplicate" in assert_problem(duplicate, 422)["detail"]
    second_motion = api.client.post(
        f"/debates/{key}/statements", json={"title": "Another", "kind": "motion"}, headers=alice
    )
    assert "motion" in assert_problem(second_motion, 422)["detail"]
    assert_problem(
        api.client.post(
            f"/debates/{key}/statements", json={"title": "W", "weight": 2}, headers=alice
        ),
        422,
    )
    assert_problem(
        api.client.post(f"/debates/{key}/statements", json={"title": ""}, headers=alice), 422
    )
    assert_problem(
        api.client.patch(f"/debates/{key}/statements/nope", json={"title": "T"}, headers=alice),
        404,
    )
    assert_problem(api.client.delete(f"/debates/{key}/statements/nope", headers=alice), 404)
    assert api.client.get(f"/debates/{key}/summary").json()["revision"] == 1


def test_add_change_and_delete_a_relation(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.post(
        f"/debates/{key}/relations",
        json={"source": "con", "target": "pro", "kind": "attack", "weight": 0.8},
        headers=alice,
    )
    assert r.status_code == 201, r.text
    assert r.json()["relation"] == {
        "source": "con",
        "target": "pro",
        "kind": "attack",
        "weight": 0.8,
        "origin": "author",
        "confidence": None,
        "id": "",
    }
    r = api.client.patch(f"/debates/{key}/relations/con/pro", json={"weight": 0.4}, headers=alice)
    assert r.status_code == 200, r.text
    assert r.json()["relation"]["weight"] == 0.4
    assert r.json()["relation"]["kind"] == "attack"
    r = api.client.delete(f"/debates/{key}/relations/con/pro", headers=alice)
    assert r.status_code == 200
    assert not [x for x in _debate(api, key).relations if (x.source, x.target) == ("con", "pro")]


def test_relation_edits_that_break_the_model_are_refused(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    dangling = api.client.post(
        f"/debates/{key}/relations",
        json={"source": "ghost", "target": "m", "kind": "attack"},
        headers=alice,
    )
    assert "ghost" in assert_problem(dangling, 422)["detail"]
    duplicate = api.client.post(
        f"/debates/{key}/relations",
        json={"source": "pro", "target": "m", "kind": "attack"},
        headers=alice,
    )
    assert_problem(duplicate, 422)
    assert_problem(
        api.client.post(
            f"/debates/{key}/relations",
            json={"source": "pro", "target": "con", "kind": "hugs"},
            headers=alice,
        ),
        422,
    )
    assert_problem(api.client.delete(f"/debates/{key}/relations/m/pro", headers=alice), 404)
