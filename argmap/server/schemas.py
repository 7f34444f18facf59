"""The JSON shapes of requests and responses, as pydantic models (they make the OpenAPI).

Request models forbid unknown keys, so a misspelt field is a 422 naming it rather
than a silent no-op. Weights are numbers in [0, 1]; NaN and infinities are refused.
:class:`DebateDoc` is argmap's native JSON (:mod:`argmap.formats.native`), version 1.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat

from argmap.model import RelationKind, RelationOrigin, StatementKind

__all__ = [
    "CruxOut",
    "DebateDoc",
    "DebateList",
    "DebatePatch",
    "DebateSummaryOut",
    "EvaluationOut",
    "Login",
    "MemberIn",
    "MemberOut",
    "MotionOut",
    "RelationDoc",
    "RelationIn",
    "RelationOut",
    "RelationPatch",
    "RevisionChange",
    "RevisionOut",
    "SessionOut",
    "SourceDoc",
    "StatementDoc",
    "StatementEvaluation",
    "StatementIn",
    "StatementOut",
    "StatementPatch",
    "StatusOut",
    "TokenIn",
    "TokenOut",
    "UserIn",
    "UserOut",
    "VoteDoc",
    "VoteIn",
    "VoteOut",
]

RoleName = Literal["owner", "editor", "voter", "reader"]
Verdict = Literal["for", "against", "undecided"]

#: User names appear in URLs (``/members/{user}``, ``?perspective=``): keep them plain.
USER_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
#: Names a user may not take: ``me`` and ``all`` mean something else as a perspective.
RESERVED_NAMES = frozenset({"me", "all", "debate"})


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- users and access ---------------------------------------------------------------


class UserIn(_Input):
    """A new account."""

    name: str = Field(pattern=USER_NAME, description="Letters, digits, '_', '.', '-'.")
    password: str = Field(min_length=8, max_length=1024)


class Login(_Input):
    """Credentials for a session (or, in ``POST /tokens``, for a token without a session)."""

    name: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class TokenIn(_Input):
    """An API token request; ``name`` and ``password`` stand in for a session or token."""

    label: str = Field("", max_length=200)
    name: str | None = Field(None, max_length=64)
    password: str | None = Field(None, max_length=1024)


class UserOut(BaseModel):
    name: str


class SessionOut(BaseModel):
    user: UserOut | None


class TokenOut(BaseModel):
    token: str = Field(description="Send as 'Authorization: Bearer <token>'.")
    label: str
    user: UserOut


class MemberIn(_Input):
    role: RoleName


class MemberOut(BaseModel):
    user: str
    role: RoleName | None


# --- native debate JSON ---------------------------------------------------------------


class SourceDoc(BaseModel):
    title: str = ""
    url: str = ""
    author: str = ""
    date: str = ""
    kind: str = ""


class StatementDoc(BaseModel):
    id: str
    title: str
    text: str = ""
    kind: StatementKind = "argument"
    weight: float = 0.5
    span: tuple[int, int] | None = None
    origin: str = ""
    sources: list[str] = []
    tags: list[str] = []


class RelationDoc(BaseModel):
    source: str
    target: str
    kind: RelationKind
    weight: float = 1.0
    origin: RelationOrigin = "author"
    confidence: float | None = None
    id: str = ""


class VoteDoc(BaseModel):
    voter: str
    statement: str
    weight: float


class DebateDoc(BaseModel):
    """argmap's native JSON, version 1 (see :mod:`argmap.formats.native`)."""

    argmap: Literal[1] = 1
    id: str
    motion: str = Field(description="The id of the statement of kind 'motion'.")
    description: str = ""
    source: SourceDoc = SourceDoc()
    tags: list[str] = []
    statements: list[StatementDoc]
    relations: list[RelationDoc] = []
    votes: list[VoteDoc] = []
    extras: dict[str, Any] = {}


# --- debates ----------------------------------------------------------------------------


class DebateSummaryOut(BaseModel):
    key: str
    title: str
    public: bool
    revision: int
    statements: int
    owner: str | None
    updated: datetime | None
    role: RoleName | None = Field(
        None, description="The caller's role in this debate (null: none; not filled in listings)."
    )


class DebateList(BaseModel):
    items: list[DebateSummaryOut]
    total: int
    offset: int
    limit: int


class DebatePatch(_Input):
    public: bool


class RevisionOut(BaseModel):
    number: int
    author: str | None
    at: datetime | None
    message: str


class RevisionChange(BaseModel):
    """The debate's revision after a change."""

    revision: int


# --- statements and relations -------------------------------------------------------


class StatementIn(_Input):
    """A new statement; without ``id`` one is made from the title."""

    id: str | None = Field(None, min_length=1, max_length=200, pattern=r"^[^/\s]+$")
    title: str = Field(min_length=1, max_length=2000)
    text: str = Field("", max_length=200_000)
    kind: StatementKind = "argument"
    weight: StrictFloat = Field(0.5, ge=0.0, le=1.0, allow_inf_nan=False)
    sources: list[str] = []
    tags: list[str] = []


class StatementPatch(_Input):
    """The fields to change; those left out stay as they are."""

    title: str | None = Field(None, min_length=1, max_length=2000)
    text: str | None = Field(None, max_length=200_000)
    kind: StatementKind | None = None
    weight: StrictFloat | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False)
    sources: list[str] | None = None
    tags: list[str] | None = None


class StatementOut(BaseModel):
    revision: int
    statement: StatementDoc


class RelationIn(_Input):
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    kind: RelationKind
    weight: StrictFloat = Field(1.0, ge=0.0, le=1.0, allow_inf_nan=False)
    origin: RelationOrigin = "author"
    confidence: StrictFloat | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False)
    id: str = Field("", max_length=200)


class RelationPatch(_Input):
    kind: RelationKind | None = None
    weight: StrictFloat | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False)
    origin: RelationOrigin | None = None
    confidence: StrictFloat | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False)
    id: str | None = Field(None, max_length=200)


class RelationOut(BaseModel):
    revision: int
    relation: RelationDoc


# --- votes and evaluation -------------------------------------------------------------


class VoteIn(_Input):
    weight: StrictFloat = Field(ge=0.0, le=1.0, allow_inf_nan=False, description="In [0, 1].")


class VoteOut(BaseModel):
    voter: str
    statement: str
    weight: float


class StatusOut(BaseModel):
    """Dung status: the grounded label and acceptance under preferred semantics."""

    grounded: Literal["in", "out", "undecided"]
    credulous: bool
    skeptical: bool


class StatementEvaluation(BaseModel):
    id: str
    title: str
    kind: StatementKind
    weight: float = Field(description="The base weight the evaluation used.")
    strengths: dict[str, float] = Field(description="Strength under each gradual semantics.")
    status: StatusOut
    contribution: float | None = Field(
        None, description="Signed contribution to the motion's strength (headline semantics)."
    )


class MotionOut(BaseModel):
    id: str
    title: str
    strength: float = Field(description="Under the headline semantics.")
    verdict: Verdict = Field(description="Under the headline semantics.")
    strengths: dict[str, float]
    verdicts: dict[str, Verdict] = Field(description="The verdict under each gradual semantics.")
    status: StatusOut


class CruxOut(BaseModel):
    """Setting ``statement``'s weight from ``before`` to ``after`` flips ``verdict``."""

    statement: str
    before: float
    after: float
    verdict: str
    becomes: str


class EvaluationOut(BaseModel):
    key: str
    revision: int
    semantics: str = Field(description="The headline gradual semantics.")
    perspective: str = Field(description="'debate', 'all', or the user whose votes weigh.")
    weights: dict[str, float] = Field(description="Weights that replaced the debate's own.")
    motion: MotionOut
    statements: list[StatementEvaluation]
    contributions: dict[str, float]
    crux: list[CruxOut]
    defeaters: list[str] = Field(description="Grounded-in statements that attack the motion.")
    converged: dict[str, bool]
