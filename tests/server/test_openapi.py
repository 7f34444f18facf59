"""The OpenAPI document: every route, typed request and response models."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_openapi_lists_every_route_with_typed_models(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    expected = {
        "/users": {"post"},
        "/session": {"get", "post", "delete"},
        "/tokens": {"post"},
        "/formats": {"get"},
        "/debates": {"get", "post"},
        "/debates/import": {"post"},
        "/debates/{key}": {"get", "put", "patch", "delete"},
        "/debates/{key}/summary": {"get"},
        "/debates/{key}/export": {"get"},
        "/debates/{key}/revisions": {"get"},
        "/debates/{key}/revert/{revision}": {"post"},
        "/debates/{key}/members": {"get"},
        "/debates/{key}/members/{user}": {"put", "delete"},
        "/debates/{key}/statements": {"post"},
        "/debates/{key}/statements/{statement_id}": {"patch", "delete"},
        "/debates/{key}/relations": {"post"},
        "/debates/{key}/relations/{source}/{target}": {"patch", "delete"},
        "/debates/{key}/votes": {"get"},
        "/debates/{key}/votes/{statement_id}": {"put", "delete"},
        "/debates/{key}/evaluation": {"get"},
    }
    assert {p: set(ops) for p, ops in paths.items()} == expected
    schemas = doc["components"]["schemas"]
    for name in ("DebateDoc", "DebateSummaryOut", "EvaluationOut", "VoteIn", "ProblemModel"):
        assert name in schemas
    create = paths["/debates"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DebateDoc"
    }
    assert "multipart/form-data" in paths["/debates/import"]["post"]["requestBody"]["content"]
    vote = paths["/debates/{key}/votes/{statement_id}"]["put"]
    assert vote["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("VoteIn")
    problem = vote["responses"]["422"]["content"]["application/problem+json"]["schema"]
    assert problem["$ref"].endswith("ProblemModel")
    weight = schemas["VoteIn"]["properties"]["weight"]
    assert (weight["minimum"], weight["maximum"]) == (0.0, 1.0)


def test_the_home_page_is_static_and_locked_down(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "argmap" in r.text
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert "<script>" not in r.text  # no inline script: the page's code comes from /static
