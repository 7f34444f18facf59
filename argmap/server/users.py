"""Accounts, sessions and API tokens: ``/users``, ``/session``, ``/tokens``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from argmap.server.access import SESSION_COOKIE, CallerDep, StoreDep
from argmap.server.problems import PROBLEM_RESPONSES, Problem
from argmap.server.schemas import (
    RESERVED_NAMES,
    Login,
    SessionOut,
    TokenIn,
    TokenOut,
    UserIn,
    UserOut,
)

__all__ = ["router"]

router = APIRouter(tags=["users"], responses=PROBLEM_RESPONSES)

BAD_LOGIN = "unknown user name or wrong password"


@router.post("/users", status_code=201, response_model=UserOut, summary="Register")
def register(body: UserIn, store: StoreDep) -> UserOut:
    """Create an account; 409 if the name is taken. Log in with ``POST /session``."""
    if body.name.lower() in RESERVED_NAMES:
        raise Problem.conflict(f"the name {body.name!r} is reserved; choose another")
    user = store.create_user(body.name, body.password)
    return UserOut(name=user.name)


@router.post("/session", response_model=SessionOut, summary="Log in")
def login(body: Login, request: Request, response: Response, store: StoreDep) -> SessionOut:
    """Check the credentials and set the session cookie (HttpOnly, SameSite=Lax)."""
    user = store.authenticate(body.name, body.password)
    if user is None:
        raise Problem.unauthenticated(BAD_LOGIN)
    secret = store.create_session(user)
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
    return SessionOut(user=UserOut(name=user.name))


@router.get("/session", response_model=SessionOut, summary="Who am I")
def whoami(who: CallerDep) -> SessionOut:
    """The user the request is made by (``null``: anonymous)."""
    return SessionOut(user=UserOut(name=who.user.name) if who.user else None)


@router.delete("/session", status_code=204, summary="Log out")
def logout(who: CallerDep, store: StoreDep) -> Response:
    """End the session the cookie names and clear the cookie."""
    if who.session is not None:
        store.end_session(who.session)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response


@router.post("/tokens", status_code=201, response_model=TokenOut, summary="Make an API token")
def make_token(body: TokenIn, who: CallerDep, store: StoreDep) -> TokenOut:
    """A token for ``Authorization: Bearer ...``, shown only this once.

    For the caller's session or token; or, for a script without either, for the
    ``name`` and ``password`` in the body.
    """
    if body.name is not None or body.password is not None:
        user = store.authenticate(body.name or "", body.password or "")
        if user is None:
            raise Problem.unauthenticated(BAD_LOGIN)
    else:
        user = who.required()
    token = store.create_token(user, body.label)
    return TokenOut(token=token, label=body.label, user=UserOut(name=user.name))
