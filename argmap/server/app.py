"""The FastAPI application: routes, problem handlers, security headers, limits.

:func:`create_app` wraps a :class:`~argmap.store.Store` the caller opened (and
closes); :func:`create_app_from_url` opens one and closes it when the app stops.
Every route is a thin layer over the store, the formats and the semantics.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel

from argmap import __version__
from argmap.formats.registry import FORMATS
from argmap.server import debates, edits, evaluation, users
from argmap.server.middleware import BodyLimit, SecurityHeaders
from argmap.server.pages import mount_pages
from argmap.server.problems import install_problem_handlers
from argmap.store import Store

__all__ = ["DEFAULT_MAX_BODY_BYTES", "create_app", "create_app_from_url"]

#: The largest request body the server reads (an import, a native document).
DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024

DESCRIPTION = """\
Structured debates as argument maps: store them, edit them, vote on them, evaluate them.

**Errors** are problem details (RFC 9457, `application/problem+json`).
**Authentication**: the session cookie from `POST /session`, or `Authorization: Bearer <token>`
with a token from `POST /tokens`. **CSRF**: a request authenticated by the session cookie that
changes anything must carry the header `X-Requested-With` (any value).
**Access**: anyone reads public debates; roles per debate (reader, voter, editor, owner) grant
the rest; a private debate is a 404 to everyone without a role. Only logged-in users create
debates.
"""


class FormatOut(BaseModel):
    name: str
    description: str
    extensions: list[str]
    read: bool
    write: bool


def create_app(store: Store, *, max_body_bytes: int | None = DEFAULT_MAX_BODY_BYTES) -> FastAPI:
    """The argmap HTTP API over ``store`` (which the caller keeps and closes).

    ``max_body_bytes`` caps request bodies (413 beyond it; ``None``: no cap).
    """
    app = FastAPI(title="argmap", version=__version__, description=DESCRIPTION)
    app.state.store = store
    app.state.evaluations = evaluation.EvaluationCache()
    install_problem_handlers(app)
    if max_body_bytes is not None:
        app.add_middleware(BodyLimit, limit=max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so every answer has them

    @app.get("/formats", response_model=list[FormatOut], tags=["debates"], summary="Formats")
    def list_formats() -> list[FormatOut]:
        """Every format by name: which ones import (read) and export (write)."""
        return [
            FormatOut(
                name=f.name,
                description=f.description,
                extensions=list(f.extensions),
                read=bool(f.reader),
                write=bool(f.writer),
            )
            for f in FORMATS.values()
        ]

    app.include_router(users.router)
    app.include_router(debates.router)
    app.include_router(edits.router)
    app.include_router(evaluation.router)
    mount_pages(app)
    return app


def create_app_from_url(
    url: str = "sqlite:///argmap.db", *, max_body_bytes: int | None = DEFAULT_MAX_BODY_BYTES
) -> FastAPI:
    """The API over a store opened at ``url`` when the app starts, closed when it stops."""
    store = Store(url=url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = create_app(store, max_body_bytes=max_body_bytes)
    app.router.lifespan_context = lifespan
    return app
