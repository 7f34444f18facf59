"""Two ASGI middlewares: a cap on request bodies, and security headers on every answer."""

from __future__ import annotations

import json

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from argmap.server.problems import PROBLEM_JSON, problem_type

__all__ = ["PAGE_CSP", "STRICT_CSP", "BodyLimit", "BodyTooLarge", "SecurityHeaders"]

# Nothing the API serves is meant to run in a browser: no scripts, no frames, no plugins.
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The placeholder page is static and has one stylesheet rule inline.
PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"
# The interactive documentation (Swagger UI, ReDoc) loads its scripts from a CDN.
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body without a declared length runs over the cap.

    An :class:`HTTPException`, so that FastAPI's body parsing passes it on unchanged
    and the problem handlers answer it.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with a 413 problem.

    A declared ``Content-Length`` over the cap is answered before the app runs; a body
    sent in chunks is counted as it is read.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = json.dumps(
            {
                "type": problem_type("too-large"),
                "title": "Content Too Large",
                "status": 413,
                "detail": f"the request body is larger than {self.limit} bytes",
                "instance": scope.get("path", ""),
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """``nosniff``, no referrer, no framing, and a Content-Security-Policy by path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("X-Frame-Options", "DENY")
                if path == "/":
                    headers.setdefault("Content-Security-Policy", PAGE_CSP)
                elif not path.startswith(DOCS_PATHS):
                    headers.setdefault("Content-Security-Policy", STRICT_CSP)
            await send(message)

        await self.app(scope, receive, with_headers)
