"""Errors as problem JSON (RFC 9457): located parse errors, 404s, 413, no 500 for bad input.

Also: untrusted text comes back as JSON text, never as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.formats.native import read_native
from argmap.formats.registry import FORMATS
from argmap.server import create_app
from argmap.store import Store
from tests.server.conftest import CHEAP, SMALL, Api, Headers, assert_problem

XSS = "<img src=x onerror=alert(1)>"


def test_a_malformed_upload_is_a_400_with_line_and_column(api: Api, alice: Headers) -> None:
    kialo = b"Discussion Title: X\n\n1. Motion\n1.1. Pro: a\n1.1.1.1. Con: skip\n"
    files = {"file": ("broken.txt", kialo, "text/plain")}
    r = api.client.post("/debates/import", files=files, data={"format": "kialo"}, headers=alice)
    problem = assert_problem(r, 400)
    assert problem["line"] == 5
    assert problem["column"] == 1
    assert problem["expected"] == "a claim 1.1.1 above 1.1.1.1"
    assert problem["found"] == "no claim with the id 1.1.1"
    assert problem["detail"].startswith("broken.txt:5:1: expected a claim 1.1.1")
    assert problem["type"].endswith("parse-error")
    assert problem["instance"] == "/debates/import"


def test_malformed_native_json_is_a_400_with_line_and_column(api: Api, alice: Headers) -> None:
    body = b'{"argmap": 1,\n "id": "x",\n "motion": ,\n}'
    problem = assert_problem(api.client.post("/debates", content=body, headers=alice), 400)
    assert (problem["line"], problem["column"]) == (3, 12)
    assert problem["expected"] == "valid JSON"
    missing = assert_problem(api.client.post("/debates", json={"argmap": 1}, headers=alice), 400)
    assert "'motion'" in missing["expected"]


def test_a_debate_that_breaks_a_rule_is_refused_with_the_models_reason(
    api: Api, alice: Headers
) -> None:
    doc = json.loads(json.dumps(SMALL))
    doc["statements"][2]["weight"] = 2
    body = json.dumps(doc, indent=2)
    problem = assert_problem(api.client.post("/debates", content=body, headers=alice), 400)
    assert "outside [0, 1]" in problem["detail"]
    assert problem["line"] == body.splitlines().index('      "id": "con",') + 1
    doc = json.loads(json.dumps(SMALL))
    doc["relations"].append({"source": "pro", "target": "ghost", "kind": "attack"})
    problem = assert_problem(api.client.post("/debates", json=doc, headers=alice), 400)
    assert "missing statement 'ghost'" in problem["detail"]


def test_bytes_that_are_not_utf8_are_located(api: Api, alice: Headers) -> None:
    body = b"Should we?\n\nPro: caf\xe9 culture\n"
    r = api.client.post("/debates/import?format=procon", content=body, headers=alice)
    problem = assert_problem(r, 400)
    assert (problem["line"], problem["column"]) == (3, 9)
    assert problem["expected"] == "UTF-8 text"


def test_invalid_json_bodies_are_a_400(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.put(
        f"/debates/{key}/votes/pro",
        content=b'{"weight": ',
        headers={**alice, "Content-Type": "application/json"},
    )
    assert "not valid JSON" in assert_problem(r, 400)["detail"]


def test_requests_that_fail_validation_name_the_field(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    r = api.client.post(
        f"/debates/{key}/statements", json={"title": "T", "wieght": 0.2}, headers=alice
    )
    problem = assert_problem(r, 422)
    assert problem["errors"] == [
        {"location": "wieght", "message": "Extra inputs are not permitted"}
    ]
    assert "wieght" in problem["detail"]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/debates/nope"),
        ("GET", "/debates/nope/summary"),
        ("GET", "/debates/nope/export"),
        ("GET", "/debates/nope/revisions"),
        ("GET", "/debates/nope/votes"),
        ("GET", "/debates/nope/evaluation"),
        ("PATCH", "/debates/nope"),
        ("DELETE", "/debates/nope"),
        ("POST", "/debates/nope/revert/1"),
        ("DELETE", "/debates/nope/statements/x"),
        ("PUT", "/debates/nope/votes/x"),
        ("GET", "/no/such/route"),
    ],
)
def test_unknown_things_are_a_404(api: Api, alice: Headers, method: str, path: str) -> None:
    bodies = {"PATCH": {"public": True}, "PUT": {"weight": 0.5}}
    r = api.client.request(method, path, headers=alice, json=bodies.get(method))
    assert_problem(r, 404)


def test_an_unknown_statement_is_a_404(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    assert_problem(api.client.get(f"/debates/{key}/evaluation?revision=7"), 404)
    assert_problem(
        api.client.patch(f"/debates/{key}/relations/x/y", json={"weight": 1}, headers=alice), 404
    )


def test_a_wrong_method_is_a_problem_too(client: TestClient) -> None:
    assert_problem(client.put("/formats"), 405)


def test_a_body_too_large_is_a_413(tmp_path: Path) -> None:
    with Store(url=f"sqlite:///{tmp_path / 'small.db'}", password_hasher=CHEAP) as store:
        client = TestClient(create_app(store, max_body_bytes=2000))
        alice = Api(client).user("alice")
        big = json.dumps({**SMALL, "description": "x" * 5000})
        r = client.post("/debates", content=big, headers=alice)
        assert_problem(r, 413)
        files = {"file": ("big.txt", b"Motion?\n\n" + b"y" * 5000, "text/plain")}
        assert_problem(client.post("/debates/import", files=files, headers=alice), 413)

        def chunks() -> Iterator[bytes]:
            yield big[:1500].encode()
            yield big[1500:].encode()

        # Sent in chunks, without a declared length: counted as it arrives.
        r = client.post("/debates", content=chunks(), headers=alice)
        assert "content-length" not in r.request.headers
        assert_problem(r, 413)
        assert client.post("/debates", json=SMALL, headers=alice).status_code == 201


def test_markup_round_trips_as_plain_json_text(api: Api, alice: Headers) -> None:
    key = api.create(alice)
    body = {"id": "x", "title": XSS, "text": f"</script>{XSS}"}
    made = api.client.post(f"/debates/{key}/statements", json=body, headers=alice)
    assert made.status_code == 201
    assert made.json()["statement"]["title"] == XSS
    r = api.client.get(f"/debates/{key}")
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert read_native(r.content).statement("x").title == XSS
    assert json.loads(r.text)["statements"][-1]["text"] == f"</script>{XSS}"
    evaluation = api.evaluation(key)
    assert XSS in [s["title"] for s in evaluation["statements"]]
    svg = api.client.get(f"/debates/{key}/export?format=svg")
    assert "<img" not in svg.text
    assert svg.headers["content-disposition"].startswith("attachment")
    home = api.client.get("/")
    assert home.headers["content-type"].startswith("text/html")
    assert XSS not in home.text


def test_untrusted_text_in_errors_stays_json(api: Api, alice: Headers) -> None:
    r = api.client.get(f"/debates/{XSS}")
    problem = assert_problem(r, 404)
    assert XSS in problem["detail"]
    r = api.client.post(f"/debates/import?format={XSS}", content=b"x", headers=alice)
    assert XSS in assert_problem(r, 400)["detail"]
    files = {"file": (f"{XSS}.txt", b"Discussion Title: X\n\nnot a claim\n", "text/plain")}
    r = api.client.post("/debates/import", files=files, headers=alice)
    assert_problem(r, 400)


READABLE = sorted(f.name for f in FORMATS.values() if f.reader)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(READABLE),
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300).map(lambda t: t.encode("utf-8")),
        st.lists(
            st.sampled_from(
                [
                    "{",
                    "}",
                    "[",
                    "]",
                    '"nodes"',
                    ":",
                    ",",
                    "1.",
                    "1.1. Pro: ",
                    "Pro",
                    "\n",
                    "# ",
                    "- ",
                    "p af 2",
                    "arg(a).",
                    '"argmap": 1',
                ]
            ),
            max_size=30,
        ).map(lambda xs: "".join(xs).encode()),
    ),
)
def test_no_input_makes_the_server_fail(api: Api, alice: Headers, name: str, data: bytes) -> None:
    r = api.client.post(f"/debates/import?format={name}", content=data, headers=alice)
    assert r.status_code in (201, 400), r.text
    if r.status_code == 400:
        assert r.headers["content-type"].startswith("application/problem+json")
