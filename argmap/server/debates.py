"""Debates as wholes: create, import, list, read, export, replace, revisions, members."""

from __future__ import annotations

import json
import logging
import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from argmap.errors import ArgmapError
from argmap.formats.native import write_native
from argmap.formats.registry import FORMATS, Format, detect_format, get_format
from argmap.model import Debate
from argmap.server.access import CallerDep, StoreDep, debate_access, require
from argmap.server.problems import PROBLEM_RESPONSES, Problem, ProblemError
from argmap.server.schemas import (
    DebateDoc,
    DebateList,
    DebatePatch,
    DebateSummaryOut,
    MemberIn,
    MemberOut,
    RevisionChange,
    RevisionOut,
)
from argmap.store import DebateSummary, NotFound, Role, Store, User

__all__ = ["router"]

router = APIRouter(tags=["debates"], responses=PROBLEM_RESPONSES)
log = logging.getLogger("argmap.server")

SNIFF_BYTES = 65536  # as argmap.files: enough of a file's start to recognise its format
MAX_PAGE = 200

Key = Annotated[str, Path(description="The debate's key, as POST /debates returned it.")]
RevisionQuery = Annotated[
    int | None, Query(ge=1, description="A past revision (default: the current one).")
]
Message = Annotated[str, Query(max_length=500, description="Why: kept with the revision.")]

#: Content types of exports; a format not listed is text/plain, or octet-stream if binary.
MEDIA_TYPES = {
    "json": "application/json",
    "aif": "application/json",
    "procon": "text/markdown; charset=utf-8",
    "dot": "text/vnd.graphviz; charset=utf-8",
    "graphml": "application/graphml+xml; charset=utf-8",
    "svg": "image/svg+xml",
    "png": "image/png",
}

_NATIVE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DebateDoc"}}},
    }
}
_IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "format": {"type": "string", "enum": list(FORMATS)},
                    },
                }
            },
            "text/plain": {"schema": {"type": "string"}},
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


def summary_out(summary: DebateSummary, role: Role | None = None) -> DebateSummaryOut:
    """The JSON of a store summary, with the caller's ``role``."""
    return DebateSummaryOut(
        key=summary.key,
        title=summary.title,
        public=summary.public,
        revision=summary.revision,
        statements=summary.statements,
        owner=summary.owner,
        updated=summary.updated,
        role=role,
    )


def read_debate(form: Format, data: bytes, filename: str | None) -> Debate:
    """Read ``data`` with ``form``'s reader; every failure is a 400 that says why.

    A reader that crashes on odd input is a bug to fix, but for the client it is
    still input the server could not read: it gets a 400, the log the traceback.
    """
    if form.read is None:
        readable = ", ".join(f.name for f in FORMATS.values() if f.reader)
        raise Problem.bad_request(
            f"argmap can write {form.name} but not read it; it reads {readable}",
            slug="unreadable-format",
        )
    try:
        return form.read(data, filename)
    except ArgmapError:
        raise
    except Exception as e:  # a reader's bug, met on input the reader should have refused
        log.exception("the %s reader failed on %r", form.name, filename)
        raise Problem.bad_request(
            f"the {form.name} reader could not read this input ({type(e).__name__})",
            slug="unreadable-input",
        ) from None


def _detect(filename: str, head: bytes) -> Format:
    try:
        return detect_format(filename, head)
    except ArgmapError as e:
        raise Problem.bad_request(str(e), slug="unknown-format") from None


def _format(name: str) -> Format:
    try:
        return get_format(name)
    except ArgmapError as e:
        raise Problem.bad_request(str(e), slug="unknown-format") from None


def _created(store: Store, key: str) -> Response:
    body = summary_out(store.summary(key), "owner").model_dump_json()
    return Response(
        body,
        status_code=201,
        media_type="application/json",
        headers={"Location": f"/debates/{quote(key, safe='')}"},
    )


@router.post(
    "/debates",
    status_code=201,
    response_model=DebateSummaryOut,
    openapi_extra=_NATIVE_BODY,
    summary="Create a debate from native JSON",
)
async def create_debate(
    request: Request,
    who: CallerDep,
    store: StoreDep,
    public: bool = True,
    message: Message = "create",
) -> Response:
    """Add the debate in the body (argmap's native JSON); the caller becomes its owner.

    Anonymous callers may not create debates (401). A body that is not a valid
    native document is a 400 with the line and column of the fault.
    """
    user = who.required()
    data = await request.body()
    debate = await run_in_threadpool(read_debate, FORMATS["json"], data, None)
    key = await run_in_threadpool(store.add_debate, debate, user, public, message)
    return await run_in_threadpool(_created, store, key)


@router.post(
    "/debates/import",
    status_code=201,
    response_model=DebateSummaryOut,
    openapi_extra=_IMPORT_BODY,
    summary="Import a debate from any format argmap reads",
)
async def import_debate(
    request: Request,
    who: CallerDep,
    store: StoreDep,
    format: Annotated[
        str | None,
        Query(description="The reader (see GET /formats); default: from the file name or content."),
    ] = None,
    filename: Annotated[
        str | None, Query(max_length=255, description="A raw body's file name, to detect by.")
    ] = None,
    public: bool = True,
    message: Message = "import",
) -> Response:
    """The body raw (``?format=kialo``), or a multipart upload with the file as ``file``.

    Without a format, the format is detected from the file name and, where an
    extension is shared or missing, from the content.
    """
    user = who.required()
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise ProblemError(
                    422, "the multipart body needs the debate as a file field named 'file'"
                )
            data = await upload.read()
            filename = upload.filename or filename
            field = form.get("format")
            if isinstance(field, str) and field:
                format = field
    else:
        data = await request.body()
    form_ = _format(format) if format else _detect(filename or "", data[:SNIFF_BYTES])
    debate = await run_in_threadpool(read_debate, form_, data, filename)
    key = await run_in_threadpool(store.add_debate, debate, user, public, message)
    return await run_in_threadpool(_created, store, key)


@router.get("/debates", response_model=DebateList, summary="List debates")
def list_debates(
    who: CallerDep,
    store: StoreDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> DebateList:
    """The debates the caller may read, newest change first, a page at a time."""
    items = store.list_debates(who.user, offset=offset, limit=limit)
    return DebateList(
        items=[summary_out(s) for s in items],
        total=store.count_debates(who.user),
        offset=offset,
        limit=limit,
    )


@router.get(
    "/debates/{key}",
    response_model=DebateDoc,
    summary="Read a debate (native JSON)",
    responses={200: {"headers": {"X-Argmap-Revision": {"schema": {"type": "integer"}}}}},
)
def get_debate(
    key: Key, who: CallerDep, store: StoreDep, revision: RevisionQuery = None
) -> Response:
    """The debate as argmap's native JSON, at the current revision or ``?revision=N``."""
    access = debate_access(store, key, who)
    debate = store.get_debate(key, revision)
    return Response(
        write_native(debate),
        media_type="application/json",
        headers={"X-Argmap-Revision": str(revision or access.revision)},
    )


@router.get("/debates/{key}/summary", response_model=DebateSummaryOut, summary="A debate's facts")
def get_summary(key: Key, who: CallerDep, store: StoreDep) -> DebateSummaryOut:
    """Title, visibility, revision, size, owner, last change, and the caller's role."""
    access = debate_access(store, key, who)
    return summary_out(store.summary(key), access.role)


@router.put(
    "/debates/{key}",
    response_model=RevisionChange,
    openapi_extra=_NATIVE_BODY,
    summary="Replace a debate (native JSON)",
)
async def replace_debate(
    key: Key,
    request: Request,
    who: CallerDep,
    store: StoreDep,
    expect_revision: Annotated[
        int | None,
        Query(ge=1, description="Refuse (409) unless this is still the current revision."),
    ] = None,
    message: Message = "replace",
) -> RevisionChange:
    """Make the body the debate's next revision (editors and owners)."""
    await run_in_threadpool(require, store, key, who, "edit")
    data = await request.body()
    debate = await run_in_threadpool(read_debate, FORMATS["json"], data, None)
    author = who.required()
    revision = await run_in_threadpool(
        lambda: store.update_debate(
            key, lambda _: debate, author, message, expect_revision=expect_revision
        )
    )
    return RevisionChange(revision=revision)


@router.patch("/debates/{key}", response_model=DebateSummaryOut, summary="Change visibility")
def patch_debate(key: Key, body: DebatePatch, who: CallerDep, store: StoreDep) -> DebateSummaryOut:
    """Make the debate public or private (owners)."""
    access = require(store, key, who, "manage")
    store.set_public(key, body.public)
    return summary_out(store.summary(key), access.role)


@router.delete("/debates/{key}", status_code=204, summary="Delete a debate")
def delete_debate(key: Key, who: CallerDep, store: StoreDep) -> Response:
    """Delete the debate with all its revisions and votes (owners)."""
    require(store, key, who, "manage")
    store.delete_debate(key)
    return Response(status_code=204)


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@router.get(
    "/debates/{key}/export",
    summary="Export a debate in any format argmap writes",
    response_class=Response,
    responses={
        200: {
            "description": "The debate in the format asked for.",
            "content": {t.split(";")[0]: {} for t in MEDIA_TYPES.values()} | {"text/plain": {}},
            "headers": {
                "X-Argmap-Lost": {
                    "description": "What the format cannot keep: a JSON list of strings (ASCII).",
                    "schema": {"type": "string"},
                }
            },
        }
    },
)
def export_debate(
    key: Key,
    who: CallerDep,
    store: StoreDep,
    format: Annotated[str, Query(description="A writer (see GET /formats).")] = "json",
    revision: RevisionQuery = None,
) -> Response:
    """The debate written by ``format``'s writer, as a download.

    ``X-Argmap-Lost`` lists, as a JSON array, what the format drops (empty: nothing).
    """
    access = debate_access(store, key, who)
    form = _format(format)
    if form.write is None:
        writable = ", ".join(f.name for f in FORMATS.values() if f.writer)
        raise Problem.bad_request(
            f"argmap can read {form.name} but not write it; it writes {writable}",
            slug="unwritable-format",
        )
    debate = store.get_debate(key, revision)
    output = form.write(debate)
    lost = form.lost_on_write(debate)
    media_type = MEDIA_TYPES.get(form.name) or (
        "application/octet-stream" if isinstance(output, bytes) else "text/plain; charset=utf-8"
    )
    extension = form.extensions[0] if form.extensions else ".txt"
    filename = (_SAFE_NAME.sub("-", key).strip("-.") or "debate") + extension
    return Response(
        output,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "X-Argmap-Lost": json.dumps(lost, ensure_ascii=True),
            "X-Argmap-Revision": str(revision or access.revision),
        },
    )


@router.get("/debates/{key}/revisions", response_model=list[RevisionOut], summary="History")
def list_revisions(key: Key, who: CallerDep, store: StoreDep) -> list[RevisionOut]:
    """Every revision of the debate, oldest first: number, author, time, message."""
    debate_access(store, key, who)
    return [
        RevisionOut(number=r.number, author=r.author, at=r.at, message=r.message)
        for r in store.revisions(key)
    ]


@router.post("/debates/{key}/revert/{revision}", response_model=RevisionChange, summary="Revert")
def revert_debate(
    key: Key, revision: Annotated[int, Path(ge=1)], who: CallerDep, store: StoreDep
) -> RevisionChange:
    """Make revision ``revision``'s content the next revision (editors and owners)."""
    require(store, key, who, "edit")
    return RevisionChange(revision=store.revert(key, revision, who.required()))


def _member(store: Store, name: str) -> User:
    try:
        return store.get_user(name)
    except NotFound:
        raise Problem.not_found(f"no user {name!r}") from None


@router.put("/debates/{key}/members/{user}", response_model=MemberOut, summary="Set a role")
def set_member(key: Key, user: str, body: MemberIn, who: CallerDep, store: StoreDep) -> MemberOut:
    """Give ``user`` a role in the debate: owner, editor, voter or reader (owners)."""
    require(store, key, who, "manage")
    member = _member(store, user)
    if who.user is not None and member.id == who.user.id and body.role != "owner":
        raise Problem.conflict("an owner cannot lower their own role; ask another owner")
    store.set_role(key, member, body.role)
    return MemberOut(user=member.name, role=store.role_of(key, member))


@router.get("/debates/{key}/members", response_model=list[MemberOut], summary="Members")
def list_members(key: Key, who: CallerDep, store: StoreDep) -> list[MemberOut]:
    """Everyone with a role in the debate, owners first (for those who have a role)."""
    access = debate_access(store, key, who)
    if access.role is None:
        if who.user is None:
            raise Problem.unauthenticated("log in to see who takes part in this debate")
        raise Problem.forbidden("only members of this debate see who else takes part")
    return [MemberOut(user=user.name, role=role) for user, role in store.members(key)]


@router.delete("/debates/{key}/members/{user}", status_code=204, summary="Remove a member")
def remove_member(key: Key, user: str, who: CallerDep, store: StoreDep) -> Response:
    """Take ``user``'s role away (owners; not their own)."""
    require(store, key, who, "manage")
    member = _member(store, user)
    if who.user is not None and member.id == who.user.id:
        raise Problem.conflict("an owner cannot remove themselves; ask another owner")
    store.remove_role(key, member)
    return Response(status_code=204)
