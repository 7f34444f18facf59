"""The server against a real store: a fresh SQLite file per test.

Most requests authenticate with API tokens (no CSRF header needed); the session
tests use the cookie. :class:`Api` keeps the repetitive calls short.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from argmap.server import create_app
from argmap.store import Store
from tests.conftest import SEED

Headers = dict[str, str]

#: argon2 with the least work: the tests make many users, and strength is not tested here.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def native(
    statements: list[dict[str, Any]],
    relations: list[dict[str, Any]] | None = None,
    debate_id: str = "walk",
) -> dict[str, Any]:
    """A native JSON document."""
    motion = next(s["id"] for s in statements if s.get("kind") == "motion")
    return {
        "argmap": 1,
        "id": debate_id,
        "motion": motion,
        "statements": statements,
        "relations": relations or [],
    }


#: A small debate: a motion, one argument for it and one against it.
SMALL = native(
    [
        {"id": "m", "title": "Should we walk to work?", "kind": "motion"},
        {"id": "pro", "title": "Walking is healthy"},
        {"id": "con", "title": "It takes too long"},
    ],
    [
        {"source": "pro", "target": "m", "kind": "support"},
        {"source": "con", "target": "m", "kind": "attack"},
    ],
)


class Api:
    """Shortcuts over a :class:`TestClient` for the calls most tests make."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    def user(self, name: str, password: str = "correct horse battery") -> Headers:
        """Register ``name`` and return headers that authenticate as them (a token)."""
        r = self.client.post("/users", json={"name": name, "password": password})
        assert r.status_code == 201, r.text
        r = self.client.post("/tokens", json={"name": name, "password": password, "label": "t"})
        assert r.status_code == 201, r.text
        return {"Authorization": f"Bearer {r.json()['token']}"}

    def create(
        self, headers: Headers, doc: dict[str, Any] | None = None, public: bool = True
    ) -> str:
        """Create a debate from native JSON; its key."""
        r = self.client.post(
            "/debates", json=doc or SMALL, headers=headers, params={"public": public}
        )
        assert r.status_code == 201, r.text
        return str(r.json()["key"])

    def import_seed(self, headers: Headers) -> str:
        """Upload the seed debate (format detected from its name and content); its key."""
        files = {"file": (SEED.name, SEED.read_bytes(), "text/plain")}
        r = self.client.post("/debates/import", files=files, headers=headers)
        assert r.status_code == 201, r.text
        return str(r.json()["key"])

    def member(self, owner: Headers, key: str, name: str, role: str) -> None:
        r = self.client.put(f"/debates/{key}/members/{name}", json={"role": role}, headers=owner)
        assert r.status_code == 200, r.text

    def evaluation(self, key: str, headers: Headers | None = None, **params: Any) -> Any:
        r = self.client.get(f"/debates/{key}/evaluation", params=params, headers=headers or {})
        assert r.status_code == 200, r.text
        return r.json()


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """``response`` is problem JSON with ``status``; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"] and body["type"] and isinstance(body["detail"], str)
    return body


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(url=f"sqlite:///{tmp_path / 'argmap.db'}", password_hasher=CHEAP)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as c:
        yield c


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def alice(api: Api) -> Headers:
    return api.user("alice")
