"""Accounts, sessions (cookie and CSRF header) and API tokens."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.server.conftest import SMALL, Api, assert_problem

CSRF = {"X-Requested-With": "argmap"}
PASSWORD = "correct horse battery"


def _login(client: TestClient, name: str = "bob") -> None:
    client.post("/users", json={"name": name, "password": PASSWORD})
    r = client.post("/session", json={"name": name, "password": PASSWORD})
    assert r.status_code == 200, r.text


def test_register_answers_the_user_and_refuses_a_taken_name(client: TestClient) -> None:
    r = client.post("/users", json={"name": "bob", "password": PASSWORD})
    assert r.status_code == 201
    assert r.json() == {"name": "bob"}
    again = client.post("/users", json={"name": "bob", "password": "another password"})
    assert "bob" in assert_problem(again, 409)["detail"]


def test_register_refuses_bad_names_and_short_passwords(client: TestClient) -> None:
    for body in (
        {"name": "has space", "password": PASSWORD},
        {"name": "x" * 65, "password": PASSWORD},
        {"name": "<b>", "password": PASSWORD},
        {"name": "bob", "password": "short"},
        {"name": "bob", "password": PASSWORD, "admin": True},
        {"name": "bob"},
    ):
        problem = assert_problem(client.post("/users", json=body), 422)
        assert problem["errors"], problem
    assert (
        "reserved"
        in assert_problem(client.post("/users", json={"name": "me", "password": PASSWORD}), 409)[
            "detail"
        ]
    )


def test_login_sets_an_httponly_samesite_lax_cookie(client: TestClient) -> None:
    client.post("/users", json={"name": "bob", "password": PASSWORD})
    r = client.post("/session", json={"name": "bob", "password": PASSWORD})
    assert r.status_code == 200
    assert r.json() == {"user": {"name": "bob"}}
    cookie = r.headers["set-cookie"].lower()
    assert cookie.startswith("argmap_session=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # plain HTTP here; Secure when the request came over HTTPS
    assert client.get("/session").json() == {"user": {"name": "bob"}}


def test_login_refuses_wrong_credentials_alike(client: TestClient) -> None:
    client.post("/users", json={"name": "bob", "password": PASSWORD})
    wrong = assert_problem(client.post("/session", json={"name": "bob", "password": "nope"}), 401)
    unknown = assert_problem(client.post("/session", json={"name": "eve", "password": "x"}), 401)
    assert wrong["detail"] == unknown["detail"]
    assert (
        "set-cookie" not in client.post("/session", json={"name": "bob", "password": "x"}).headers
    )


def test_logout_ends_the_session(client: TestClient) -> None:
    _login(client)
    assert client.delete("/session", headers=CSRF).status_code == 204
    assert client.get("/session").json() == {"user": None}


def test_an_ended_session_cookie_counts_as_anonymous(client: TestClient) -> None:
    _login(client)
    secret = client.cookies["argmap_session"]
    client.delete("/session", headers=CSRF)
    client.cookies.set("argmap_session", secret)
    assert client.get("/session").json() == {"user": None}
    assert_problem(client.post("/debates", json=SMALL, headers=CSRF), 401)


def test_cookie_requests_that_change_things_need_the_csrf_header(client: TestClient) -> None:
    _login(client)
    refused = assert_problem(client.post("/debates", json=SMALL), 403)
    assert "X-Requested-With" in refused["detail"]
    assert client.get("/debates").status_code == 200  # reading needs no header
    r = client.post("/debates", json=SMALL, headers=CSRF)
    assert r.status_code == 201, r.text
    key = r.json()["key"]
    assert_problem(client.patch(f"/debates/{key}", json={"public": False}), 403)
    assert_problem(client.delete(f"/debates/{key}"), 403)
    assert client.delete(f"/debates/{key}", headers=CSRF).status_code == 204


def test_token_requests_need_no_csrf_header(api: Api) -> None:
    token = api.user("bob")
    r = api.client.post("/debates", json=SMALL, headers=token)
    assert r.status_code == 201
    assert r.json()["owner"] == "bob"


def test_tokens_from_a_session_and_from_credentials(client: TestClient) -> None:
    assert_problem(client.post("/tokens", json={"label": "script"}), 401)
    _login(client)
    assert_problem(client.post("/tokens", json={"label": "script"}), 403)  # CSRF
    r = client.post("/tokens", json={"label": "script"}, headers=CSRF)
    assert r.status_code == 201
    assert r.json()["label"] == "script"
    assert r.json()["user"] == {"name": "bob"}
    client.cookies.clear()
    bearer = {"Authorization": f"Bearer {r.json()['token']}"}
    assert client.get("/session", headers=bearer).json() == {"user": {"name": "bob"}}
    wrong = client.post("/tokens", json={"name": "bob", "password": "nope"})
    assert_problem(wrong, 401)


def test_a_bad_token_is_a_401_not_anonymous(client: TestClient) -> None:
    r = client.get("/debates", headers={"Authorization": "Bearer not-a-token"})
    problem = assert_problem(r, 401)
    assert "token" in problem["detail"]
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert_problem(client.get("/debates", headers={"Authorization": "Basic Ym9iOng="}), 401)
