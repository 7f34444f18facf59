"""Who is asking, and what they may do with a debate.

**Authentication.** A request is made by a user when it carries either

* ``Authorization: Bearer <token>`` with an API token from ``POST /tokens`` (for
  scripts; a token that is unknown or revoked is a 401, never a silent anonymous), or
* the session cookie (:data:`SESSION_COOKIE`) that ``POST /session`` sets: HttpOnly,
  SameSite=Lax, Secure when the request came over HTTPS.

Otherwise it is anonymous. A session cookie that no longer names a session counts
as anonymous.

**CSRF.** A request authenticated by the session cookie with an unsafe method
(POST, PUT, PATCH, DELETE) must carry an ``X-Requested-With`` header (any value,
e.g. ``X-Requested-With: argmap``), else it is refused with 403. A cross-site form
cannot set that header, and a cross-site script cannot send it without a CORS
preflight, which this server never grants. Token and anonymous requests carry no
ambient authority and need no header; ``POST /session`` takes JSON only, which a
cross-site form cannot send either.

**Roles.** Per debate, in rising order: ``reader`` (read), ``voter`` (read and
vote), ``editor`` (also edit statements, relations, the whole debate, and revert),
``owner`` (also manage members and visibility, and delete). Anyone may read a
public debate, anonymous users included; a logged-in user without a role in a
public debate is a reader there. Nobody without a role sees a private debate: it
answers 404 exactly as a debate that does not exist. Anonymous users may read but
not create debates (401); every logged-in user may create them and owns them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, cast

from fastapi import Depends, Request

from argmap.server.problems import Problem
from argmap.store import NotFound, Role, Store, User

__all__ = [
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "Access",
    "Action",
    "Caller",
    "CallerDep",
    "StoreDep",
    "caller",
    "debate_access",
    "get_store",
    "require",
]

SESSION_COOKIE = "argmap_session"
CSRF_HEADER = "X-Requested-With"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

Action = Literal["read", "vote", "edit", "manage"]

#: The roles allowed each action (``read`` is also open to anyone on a public debate).
ALLOWED: dict[Action, frozenset[Role]] = {
    "read": frozenset({"owner", "editor", "voter", "reader"}),
    "vote": frozenset({"owner", "editor", "voter"}),
    "edit": frozenset({"owner", "editor"}),
    "manage": frozenset({"owner"}),
}

_VERB: dict[Action, str] = {
    "read": "read this debate",
    "vote": "vote in this debate (voters, editors and owners may)",
    "edit": "edit this debate (editors and owners may)",
    "manage": "manage this debate's members, visibility or existence (owners may)",
}


def get_store(request: Request) -> Store:
    """The store the app was made with."""
    return cast(Store, request.app.state.store)


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True)
class Caller:
    """The user behind a request (``None``: anonymous) and how they proved it."""

    user: User | None
    via: Literal["anonymous", "session", "token"] = "anonymous"
    session: str | None = None

    @property
    def name(self) -> str | None:
        return self.user.name if self.user is not None else None

    def required(self) -> User:
        """The user; a 401 problem if the request is anonymous."""
        if self.user is None:
            raise Problem.unauthenticated()
        return self.user


def caller(request: Request, store: StoreDep) -> Caller:
    """Authenticate the request (bearer token, else session cookie) and check CSRF."""
    authorization = request.headers.get("authorization")
    if authorization is not None:
        scheme, _, secret = authorization.partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise Problem.unauthenticated("the Authorization header must be 'Bearer <token>'")
        user = store.user_for_token(secret)
        if user is None:
            raise Problem.unauthenticated("the API token is unknown or revoked")
        return Caller(user, "token")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        user = store.user_for_session(cookie)
        if user is not None:
            if request.method not in SAFE_METHODS and not request.headers.get(CSRF_HEADER):
                raise Problem.forbidden(
                    f"a request authenticated by the session cookie must carry the header "
                    f"{CSRF_HEADER} (any value) to change anything; this guards against "
                    f"cross-site request forgery"
                )
            return Caller(user, "session", cookie)
    return Caller(None)


CallerDep = Annotated[Caller, Depends(caller)]


@dataclass(frozen=True)
class Access:
    """A debate that ``caller`` may at least read, with their role in it."""

    key: str
    role: Role | None
    public: bool
    revision: int


def debate_access(store: Store, key: str, who: Caller) -> Access:
    """``who``'s access to debate ``key``; 404 if it is missing or private to them."""
    try:
        summary = store.summary(key)
    except NotFound:
        raise Problem.not_found(f"no debate {key!r}") from None
    role = store.role_of(key, who.user) if who.user is not None else None
    if role is None and not summary.public:
        raise Problem.not_found(f"no debate {key!r}")
    return Access(key, role, summary.public, summary.revision)


def require(store: Store, key: str, who: Caller, action: Action) -> Access:
    """``who``'s access to ``key`` if it allows ``action``: else 404, 401 or 403.

    Existence is never leaked: a private debate without a role is a 404 for every
    action. A readable debate answers 401 to anonymous callers and 403 to users
    whose role falls short.
    """
    access = debate_access(store, key, who)
    if action == "read" or access.role in ALLOWED[action]:
        return access
    if who.user is None:
        raise Problem.unauthenticated(f"log in or send an API token to {_VERB[action]}")
    role = access.role or "reader"
    raise Problem.forbidden(f"as a {role} you cannot {_VERB[action]}")
