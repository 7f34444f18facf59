"""Errors as problem details (RFC 9457): ``application/problem+json`` bodies.

Every error the server answers with is a JSON object with ``type``, ``title``,
``status``, ``detail`` and ``instance``; a parse error adds ``line``, ``column``,
``expected`` and ``found``, a request that fails validation adds ``errors``. The
``type`` of argmap's own problems is a ``tag:`` URI (RFC 4151), which names the
kind of problem without promising a page behind it; plain HTTP errors use
``about:blank`` as the RFC suggests.

Nothing here is HTML: untrusted text (a statement title in a parse error, a file
name) only ever appears inside JSON strings.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from argmap.errors import ArgmapError, ParseError, ValidationError
from argmap.store import Conflict, NotFound, StoreError

__all__ = [
    "PROBLEM_RESPONSES",
    "Problem",
    "ProblemError",
    "ProblemModel",
    "install_problem_handlers",
    "problem_type",
]

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "tag:argmap,2025:problem:"

log = logging.getLogger("argmap.server")


def problem_type(slug: str) -> str:
    """The ``type`` URI of argmap's problem called ``slug``.

    >>> problem_type("parse-error")
    'tag:argmap,2025:problem:parse-error'
    """
    return TYPE_PREFIX + slug


class ProblemModel(BaseModel):
    """The shape of an error response, for the OpenAPI document."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    line: int | None = None
    column: int | None = None
    expected: str | None = None
    found: str | None = None
    errors: list[dict[str, Any]] | None = None


def _problem_response(status: int) -> dict[str, Any]:
    return {
        "model": ProblemModel,
        "description": HTTPStatus(status).phrase,
        "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemModel"}}},
    }


#: ``responses=`` for a route: the problem shapes it may answer with.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: _problem_response(status) for status in (400, 401, 403, 404, 409, 413, 422)
}


class ProblemError(Exception):
    """Raise to answer with a problem: ``status``, a short ``title``, a ``detail`` to act on."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        slug: str | None = None,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = problem_type(slug) if slug else "about:blank"
        self.title = title or HTTPStatus(status).phrase
        self.headers = dict(headers or {})
        self.extra = extra


class Problem:
    """Constructors for the problems every route shares."""

    @staticmethod
    def unauthenticated(detail: str = "log in or send an API token to do this") -> ProblemError:
        return ProblemError(
            401,
            detail,
            slug="unauthenticated",
            title="Not logged in",
            headers={"WWW-Authenticate": 'Bearer realm="argmap"'},
        )

    @staticmethod
    def forbidden(detail: str) -> ProblemError:
        return ProblemError(403, detail, slug="forbidden", title="Not allowed")

    @staticmethod
    def not_found(detail: str) -> ProblemError:
        return ProblemError(404, detail, slug="not-found", title="Not found")

    @staticmethod
    def conflict(detail: str) -> ProblemError:
        return ProblemError(409, detail, slug="conflict", title="Conflict")

    @staticmethod
    def bad_request(detail: str, slug: str = "bad-request", **extra: Any) -> ProblemError:
        return ProblemError(400, detail, slug=slug, title="Bad request", **extra)

    @staticmethod
    def parse_error(error: ParseError) -> ProblemError:
        return ProblemError(
            400,
            str(error),
            slug="parse-error",
            title="The input could not be read",
            line=error.line,
            column=error.column,
            expected=error.expected,
            found=error.found,
        )

    @staticmethod
    def invalid_debate(error: ValidationError) -> ProblemError:
        extra: dict[str, Any] = {}
        if error.statement_id is not None:
            extra["statement"] = error.statement_id
        return ProblemError(
            422,
            error.message,
            slug="invalid-debate",
            title="The debate would break a rule",
            **extra,
        )


def problem_json(request: Request, problem: ProblemError) -> JSONResponse:
    """The response for ``problem`` at ``request``'s path."""
    body: dict[str, Any] = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "instance": request.url.path,
    }
    for key, value in problem.extra.items():
        if key not in body and value is not None:
            body[key] = value
    return JSONResponse(
        body, status_code=problem.status, headers=problem.headers, media_type=PROBLEM_JSON
    )


def from_store_error(error: StoreError) -> ProblemError:
    """The problem a store error stands for: 404, 409 (422 for a model rule), else 400."""
    if isinstance(error, NotFound):
        return Problem.not_found(str(error))
    if isinstance(error, Conflict):
        # The store refuses an edit that breaks a model rule as a conflict; for the
        # client it is bad input, with the model's message.
        if isinstance(error.__cause__, ValidationError):
            return Problem.invalid_debate(error.__cause__)
        return Problem.conflict(str(error))
    return Problem.bad_request(str(error), slug="refused")


def from_argmap_error(error: ArgmapError) -> ProblemError:
    """The problem a library error stands for (a parse error keeps its location)."""
    if isinstance(error, ParseError):
        return Problem.parse_error(error)
    if isinstance(error, ValidationError):
        return Problem.invalid_debate(error)
    if isinstance(error, StoreError):
        return from_store_error(error)
    return Problem.bad_request(str(error))


def _location(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if p != "body"] if len(loc) > 1 else [str(p) for p in loc]
    return ".".join(parts)


def _validation_problem(error: RequestValidationError) -> ProblemError:
    errors = list(error.errors())
    for e in errors:
        if e.get("type") == "json_invalid":
            reason = (e.get("ctx") or {}).get("error", "invalid JSON")
            return Problem.bad_request(f"the body is not valid JSON: {reason}", slug="invalid-json")
    listed = [
        {"location": _location(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in errors
    ]
    detail = "; ".join(f"{e['location']}: {e['message']}" for e in listed) or "invalid request"
    return ProblemError(
        422, detail, slug="invalid-request", title="The request is not valid", errors=listed
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Make every error ``app`` raises a problem JSON response (500s without details)."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ProblemError)
        return problem_json(request, exc)

    async def on_argmap(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ArgmapError)
        return problem_json(request, from_argmap_error(exc))

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_json(request, _validation_problem(exc))

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        problem = ProblemError(exc.status_code, str(exc.detail), headers=exc.headers)
        return problem_json(request, problem)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        problem = ProblemError(500, "the server failed; the error has been logged")
        return problem_json(request, problem)

    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(ArgmapError, on_argmap)
    app.add_exception_handler(StoreError, on_argmap)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
