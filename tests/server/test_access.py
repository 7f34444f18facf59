"""Who may do what: every role against every kind of action, on public and private debates.

Each row of :data:`EXPECTED` is one action; its cells say what each caller gets. A
private debate is a 404 to everyone without a role, whatever they try; on a debate
they can read, anonymous callers get 401 and users whose role falls short 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.server.conftest import Api, Headers

Action = Callable[[TestClient, str, Headers], httpx.Response]
CALLERS = ("anonymous", "stranger", "reader", "voter", "editor", "owner")


def _status(expected: int) -> Callable[[httpx.Response], bool]:
    return lambda r: r.status_code == expected


def _listed(client: TestClient, key: str, headers: Headers) -> httpx.Response:
    """The listing, answered as 200 if ``key`` is in it and 404 if not."""
    r = client.get("/debates", headers=headers, params={"limit": 200})
    keys = {item["key"] for item in r.json()["items"]}
    return httpx.Response(200 if key in keys else 404)


ACTIONS: dict[str, Action] = {
    "list": _listed,
    "read": lambda c, k, h: c.get(f"/debates/{k}", headers=h),
    "summary": lambda c, k, h: c.get(f"/debates/{k}/summary", headers=h),
    "export": lambda c, k, h: c.get(f"/debates/{k}/export?format=dot", headers=h),
    "revisions": lambda c, k, h: c.get(f"/debates/{k}/revisions", headers=h),
    "votes": lambda c, k, h: c.get(f"/debates/{k}/votes", headers=h),
    "evaluate": lambda c, k, h: c.get(f"/debates/{k}/evaluation", headers=h),
    "members": lambda c, k, h: c.get(f"/debates/{k}/members", headers=h),
    "vote": lambda c, k, h: c.put(f"/debates/{k}/votes/pro", json={"weight": 0.7}, headers=h),
    "unvote": lambda c, k, h: c.delete(f"/debates/{k}/votes/pro", headers=h),
    "add statement": lambda c, k, h: c.post(
        f"/debates/{k}/statements", json={"title": "More"}, headers=h
    ),
    "edit statement": lambda c, k, h: c.patch(
        f"/debates/{k}/statements/pro", json={"weight": 0.6}, headers=h
    ),
    "delete statement": lambda c, k, h: c.delete(f"/debates/{k}/statements/con", headers=h),
    "add relation": lambda c, k, h: c.post(
        f"/debates/{k}/relations",
        json={"source": "con", "target": "pro", "kind": "attack"},
        headers=h,
    ),
    "edit relation": lambda c, k, h: c.patch(
        f"/debates/{k}/relations/pro/m", json={"weight": 0.5}, headers=h
    ),
    "delete relation": lambda c, k, h: c.delete(f"/debates/{k}/relations/pro/m", headers=h),
    "replace": lambda c, k, h: c.put(
        f"/debates/{k}", content=c.get(f"/debates/{k}", headers=h).content, headers=h
    ),
    "revert": lambda c, k, h: c.post(f"/debates/{k}/revert/1", headers=h),
    "set member": lambda c, k, h: c.put(
        f"/debates/{k}/members/extra", json={"role": "reader"}, headers=h
    ),
    "remove member": lambda c, k, h: c.delete(f"/debates/{k}/members/reader", headers=h),
    "visibility": lambda c, k, h: c.patch(f"/debates/{k}", json={"public": True}, headers=h),
    "delete": lambda c, k, h: c.delete(f"/debates/{k}", headers=h),
}

# What each caller gets, on a public debate: in the order of CALLERS.
READ = (200, 200, 200, 200, 200, 200)
MEMBERS = (401, 403, 200, 200, 200, 200)
VOTE = (401, 403, 403, 200, 200, 200)
EDIT = (401, 403, 403, 403, 200, 200)
MANAGE = (401, 403, 403, 403, 403, 200)
EXPECTED: dict[str, tuple[tuple[int, ...], int]] = {
    # action: (public debate row, status on success with a role) -- see _expected
    "list": (READ, 200),
    "read": (READ, 200),
    "summary": (READ, 200),
    "export": (READ, 200),
    "revisions": (READ, 200),
    "votes": (READ, 200),
    "evaluate": (READ, 200),
    "members": (MEMBERS, 200),
    "vote": (VOTE, 200),
    "unvote": (tuple(204 if s == 200 else s for s in VOTE), 204),
    "add statement": (tuple(201 if s == 200 else s for s in EDIT), 201),
    "edit statement": (EDIT, 200),
    "delete statement": (EDIT, 200),
    "add relation": (tuple(201 if s == 200 else s for s in EDIT), 201),
    "edit relation": (EDIT, 200),
    "delete relation": (EDIT, 200),
    "replace": (EDIT, 200),
    "revert": (EDIT, 200),
    "set member": (MANAGE, 200),
    "remove member": (tuple(204 if s == 200 else s for s in MANAGE), 204),
    "visibility": (MANAGE, 200),
    "delete": (tuple(204 if s == 200 else s for s in MANAGE), 204),
}


def _expected(action: str, public: bool) -> dict[str, int]:
    row, _ = EXPECTED[action]
    cells = dict(zip(CALLERS, row, strict=True))
    if not public:
        # Without a role a private debate does not exist, whatever the action.
        cells["anonymous"] = cells["stranger"] = 404
    return cells


class World:
    """Users in every role on a public and a private debate, made afresh per test."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.headers: dict[str, Headers] = {"anonymous": {}}
        for name in CALLERS[1:]:
            self.headers[name] = api.user(name)
        api.user("extra")

    def debate(self, public: bool) -> str:
        owner = self.headers["owner"]
        key = self.api.create(owner, public=public)
        for role in ("reader", "voter", "editor"):
            self.api.member(owner, key, role, role)
        return key


@pytest.fixture
def world(api: Api) -> World:
    return World(api)


def test_the_table_covers_every_action() -> None:
    assert set(EXPECTED) == set(ACTIONS)


@pytest.mark.parametrize("public", [True, False], ids=["public", "private"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_access(world: World, action: str, public: bool) -> None:
    check_access(world, action, public)


def check_access(world: World, action: str, public: bool) -> None:
    """Every caller tries ``action``; they get what :data:`EXPECTED` says."""
    expected = _expected(action, public)
    got: dict[str, Any] = {}
    # A fresh debate per caller, so one caller's change cannot decide the next one's answer.
    for caller in CALLERS:
        key = world.debate(public)
        response = ACTIONS[action](world.api.client, key, world.headers[caller])
        got[caller] = response.status_code
        if response.status_code >= 400 and action != "list":
            assert response.headers["content-type"].startswith("application/problem+json")
    assert got == expected


def test_private_debates_are_hidden_exactly_like_missing_ones(world: World) -> None:
    key = world.debate(public=False)
    client = world.api.client
    for caller in ("anonymous", "stranger"):
        hidden = client.get(f"/debates/{key}", headers=world.headers[caller]).json()
        missing = client.get("/debates/nope", headers=world.headers[caller]).json()
        assert hidden["detail"].replace(key, "nope") == missing["detail"]
        assert hidden["status"] == missing["status"] == 404


def test_counts_in_the_listing_follow_visibility(world: World) -> None:
    world.debate(public=True)
    world.debate(public=False)
    client = world.api.client
    assert client.get("/debates").json()["total"] == 1
    assert client.get("/debates", headers=world.headers["stranger"]).json()["total"] == 1
    assert client.get("/debates", headers=world.headers["reader"]).json()["total"] == 2


def test_a_role_given_and_taken_away(world: World) -> None:
    key = world.debate(public=False)
    client, owner = world.api.client, world.headers["owner"]
    stranger = world.headers["stranger"]
    assert client.get(f"/debates/{key}", headers=stranger).status_code == 404
    world.api.member(owner, key, "stranger", "editor")
    assert (
        client.post(
            f"/debates/{key}/statements", json={"title": "In"}, headers=stranger
        ).status_code
        == 201
    )
    assert client.delete(f"/debates/{key}/members/stranger", headers=owner).status_code == 204
    assert client.get(f"/debates/{key}", headers=stranger).status_code == 404
    members = client.get(f"/debates/{key}/members", headers=owner).json()
    assert members == [
        {"user": "owner", "role": "owner"},
        {"user": "editor", "role": "editor"},
        {"user": "voter", "role": "voter"},
        {"user": "reader", "role": "reader"},
    ]
