"""Debates as wholes: create, import, list, read, export, replace, visibility, history."""

from __future__ import annotations

import json

import pytest

from argmap.formats.native import read_native
from argmap.formats.registry import FORMATS
from tests.conftest import EXAMPLES, SEED
from tests.server.conftest import SMALL, Api, Headers, assert_problem


def test_create_from_native_json_answers_the_summary(api: Api, alice: Headers) -> None:
    r = api.client.post("/debates", json=SMALL, headers=alice)
    assert r.status_code == 201
    summary = r.json()
    assert summary["title"] == "Should we walk to work?"
    assert summary["public"] is True
    assert summary["revision"] == 1
    assert summary["statements"] == 3
    assert summary["owner"] == "alice"
    assert summary["role"] == "owner"
    assert r.headers["location"] == f"/debates/{summary['key']}"


def test_anonymous_users_cannot_create_debates(api: Api) -> None:
    assert_problem(api.client.post("/debates", json=SMALL), 401)
    raw = SEED.read_bytes()
    assert_problem(api.client.post("/debates/import?format=procon", content=raw), 401)


def test_read_answers_native_json_and_revisions(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.get(f"/debates/{key}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-argmap-revision"] == "1"
    debate = read_native(r.content)
    assert [s.id for s in debate.statements] == ["m", "pro", "con"]
    api.client.post(f"/debates/{key}/statements", json={"title": "More"}, headers=alice)
    assert len(read_native(api.client.get(f"/debates/{key}").content).statements) == 4
    old = api.client.get(f"/debates/{key}", params={"revision": 1})
    assert old.headers["x-argmap-revision"] == "1"
    assert len(read_native(old.content).statements) == 3
    assert_problem(api.client.get(f"/debates/{key}", params={"revision": 9}), 404)


def test_import_raw_body_with_a_format(api: Api, alice: Headers) -> None:
    kialo = (EXAMPLES / "kialo" / "older_zoos.txt").read_bytes()
    r = api.client.post("/debates/import", params={"format": "kialo"}, content=kialo, headers=alice)
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "Zoos should continue to exist."
    debate = read_native(api.client.get(f"/debates/{r.json()['key']}").content)
    assert any(s.title.startswith("Zoos run breeding programmes") for s in debate.statements)


def test_import_raw_body_without_a_format_sniffs_it(api: Api, alice: Headers) -> None:
    kialo = (EXAMPLES / "kialo" / "older_zoos.txt").read_bytes()
    r = api.client.post("/debates/import", content=kialo, headers=alice)
    assert r.status_code == 201, r.text
    assert r.json()["title"] == "Zoos should continue to exist."
    aif = (EXAMPLES / "aif" / "short_haul_flights.json").read_bytes()
    r = api.client.post(
        "/debates/import", params={"filename": "x.json"}, content=aif, headers=alice
    )
    assert r.status_code == 201, r.text


def test_import_multipart_detects_the_format_from_name_and_content(
    api: Api, alice: Headers
) -> None:
    key = api.import_seed(alice)
    summary = api.client.get(f"/debates/{key}/summary").json()
    assert summary["title"].startswith("Should the Biden Administration Pressure")
    assert summary["statements"] == 11
    md = EXAMPLES / "03_nuclear_power.md"
    files = {"file": (md.name, md.read_bytes(), "text/markdown")}
    assert api.client.post("/debates/import", files=files, headers=alice).status_code == 201
    kialo = EXAMPLES / "kialo" / "newer_voting_age.txt"
    files = {"file": (kialo.name, kialo.read_bytes(), "text/plain")}
    r = api.client.post("/debates/import", files=files, headers=alice)
    assert r.status_code == 201
    assert api.client.get(f"/debates/{r.json()['key']}/revisions").json()[0]["message"] == "import"


def test_import_multipart_format_field_wins(api: Api, alice: Headers) -> None:
    kialo = (EXAMPLES / "kialo" / "older_zoos.txt").read_bytes()
    files = {"file": ("zoos.bin", kialo, "application/octet-stream")}
    r = api.client.post("/debates/import", files=files, data={"format": "kialo"}, headers=alice)
    assert r.status_code == 201, r.text


def test_import_refuses_unknown_and_write_only_formats(api: Api, alice: Headers) -> None:
    body = b"digraph { a -> b }"
    problem = assert_problem(
        api.client.post("/debates/import?format=nope", content=body, headers=alice), 400
    )
    assert "known formats" in problem["detail"]
    problem = assert_problem(
        api.client.post("/debates/import?format=dot", content=body, headers=alice), 400
    )
    assert "not read" in problem["detail"]
    files = {"file": ("map.xyz", body, "text/plain")}
    assert_problem(api.client.post("/debates/import", files=files, headers=alice), 400)
    assert_problem(
        api.client.post(
            "/debates/import", data={"x": "y"}, files={"other": ("a", b"")}, headers=alice
        ),
        422,
    )


def test_list_is_paginated(api: Api, alice: Headers) -> None:
    keys = [api.create(alice) for _ in range(5)]
    page = api.client.get("/debates", params={"offset": 1, "limit": 2}).json()
    assert page["total"] == 5
    assert page["offset"] == 1
    assert page["limit"] == 2
    assert len(page["items"]) == 2
    everything = api.client.get("/debates").json()
    assert sorted(item["key"] for item in everything["items"]) == sorted(keys)
    assert everything["limit"] == 50
    assert_problem(api.client.get("/debates", params={"limit": 0}), 422)
    assert_problem(api.client.get("/debates", params={"limit": 1000}), 422)
    assert_problem(api.client.get("/debates", params={"offset": -1}), 422)


@pytest.mark.parametrize("name", [f.name for f in FORMATS.values() if f.writer])
def test_export_in_every_written_format(api: Api, alice: Headers, name: str) -> None:
    key = api.import_seed(alice)
    r = api.client.get(f"/debates/{key}/export", params={"format": name})
    assert r.status_code == 200, r.text
    assert r.content
    assert r.headers["content-disposition"].startswith("attachment;")
    lost = json.loads(r.headers["x-argmap-lost"])
    assert isinstance(lost, list)
    assert all(isinstance(line, str) for line in lost)
    if FORMATS[name].binary:
        assert not r.headers["content-type"].startswith("text/")


def test_export_content_types_and_what_is_lost(api: Api, alice: Headers) -> None:
    key = api.import_seed(alice)
    dot = api.client.get(f"/debates/{key}/export?format=dot")
    assert dot.headers["content-type"].startswith("text/vnd.graphviz")
    assert dot.text.startswith("digraph")
    png = api.client.get(f"/debates/{key}/export?format=png")
    assert png.headers["content-type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    svg = api.client.get(f"/debates/{key}/export?format=svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert "default-src 'none'" in svg.headers["content-security-policy"]
    native = api.client.get(f"/debates/{key}/export")
    assert native.headers["content-type"] == "application/json"
    assert json.loads(native.headers["x-argmap-lost"]) == []
    iccma = api.client.get(f"/debates/{key}/export?format=iccma")
    assert json.loads(iccma.headers["x-argmap-lost"])  # attacks only: supports are lost
    assert_problem(api.client.get(f"/debates/{key}/export?format=nope"), 400)


def test_export_of_a_past_revision(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    api.client.delete(f"/debates/{key}/statements/con", headers=alice)
    old = api.client.get(f"/debates/{key}/export", params={"revision": 1})
    assert "It takes too long" in old.text
    assert "It takes too long" not in api.client.get(f"/debates/{key}/export").text


def test_replace_with_expected_revision(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    doc = json.loads(json.dumps(SMALL))
    doc["statements"][1]["title"] = "Walking is good for you"
    r = api.client.put(f"/debates/{key}", json=doc, params={"expect_revision": 1}, headers=alice)
    assert r.status_code == 200, r.text
    assert r.json() == {"revision": 2}
    stale = api.client.put(
        f"/debates/{key}", json=doc, params={"expect_revision": 1}, headers=alice
    )
    assert "revision" in assert_problem(stale, 409)["detail"]
    assert read_native(api.client.get(f"/debates/{key}").content).statements[1].title == (
        "Walking is good for you"
    )


def test_patch_visibility_and_delete(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.patch(f"/debates/{key}", json={"public": False}, headers=alice)
    assert r.status_code == 200
    assert r.json()["public"] is False
    assert_problem(api.client.get(f"/debates/{key}"), 404)
    assert api.client.get(f"/debates/{key}", headers=alice).status_code == 200
    assert_problem(api.client.patch(f"/debates/{key}", json={}, headers=alice), 422)
    assert api.client.delete(f"/debates/{key}", headers=alice).status_code == 204
    assert_problem(api.client.get(f"/debates/{key}", headers=alice), 404)
    assert_problem(api.client.delete(f"/debates/{key}", headers=alice), 404)


def test_revisions_and_revert(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    api.client.post(f"/debates/{key}/statements", json={"id": "x", "title": "X"}, headers=alice)
    api.client.delete(f"/debates/{key}/statements/pro", headers=alice)
    history = api.client.get(f"/debates/{key}/revisions").json()
    assert [h["number"] for h in history] == [1, 2, 3]
    assert {h["author"] for h in history} == {"alice"}
    assert all(h["at"] for h in history)
    r = api.client.post(f"/debates/{key}/revert/1", headers=alice)
    assert r.status_code == 200, r.text
    assert r.json() == {"revision": 4}
    ids = [s.id for s in read_native(api.client.get(f"/debates/{key}").content).statements]
    assert ids == ["m", "pro", "con"]
    assert_problem(api.client.post(f"/debates/{key}/revert/99", headers=alice), 404)


def test_members_by_name(api: Api, alice: Headers) -> None:
    key = api.create(alice, public=False)
    bob = api.user("bob")
    assert_problem(api.client.get(f"/debates/{key}", headers=bob), 404)
    r = api.client.put(f"/debates/{key}/members/bob", json={"role": "reader"}, headers=alice)
    assert r.json() == {"user": "bob", "role": "reader"}
    assert api.client.get(f"/debates/{key}/summary", headers=bob).json()["role"] == "reader"
    assert api.client.get(f"/debates/{key}", headers=bob).status_code == 200
    missing = api.client.put(
        f"/debates/{key}/members/carol", json={"role": "reader"}, headers=alice
    )
    assert "carol" in assert_problem(missing, 404)["detail"]
    bad = api.client.put(f"/debates/{key}/members/bob", json={"role": "king"}, headers=alice)
    assert_problem(bad, 422)
    self_demotion = api.client.put(
        f"/debates/{key}/members/alice", json={"role": "reader"}, headers=alice
    )
    assert_problem(self_demotion, 409)


def test_formats_lists_readers_and_writers(api: Api) -> None:
    formats = {f["name"]: f for f in api.client.get("/formats").json()}
    assert formats["kialo"]["read"] and formats["kialo"]["write"]
    assert formats["dot"]["write"] and not formats["dot"]["read"]
