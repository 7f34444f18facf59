"""The store: debates with their history, votes, users and who may do what.

One :class:`Store` serves many threads; every method is one transaction. Every edit
of a debate goes through :meth:`Store.update_debate`, which locks the debate (``SELECT
... FOR NO KEY UPDATE`` on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), applies the edit
to the current revision, and writes the next revision's snapshot and rows, or
nothing. Votes are written on their own, without a revision.

The store keeps the data whole; it does not decide who may do what. The server asks
:meth:`Store.role_of` for that; only :meth:`Store.list_debates` filters by viewer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    delete,
    exists,
    func,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from argmap.errors import ValidationError
from argmap.formats.native import read_native, write_native
from argmap.model import Debate, Relation, RelationKind, Statement, Vote, validate
from argmap.store import edits
from argmap.store.auth import Passwords, hash_secret, new_key, new_secret
from argmap.store.engine import WRITE, make_engine, normalize_url, upgrade
from argmap.store.errors import Conflict, NotFound
from argmap.store.records import ROLES, DebateSummary, RevisionInfo, Role, User
from argmap.store.rows import sync_rows
from argmap.store.schema import (
    ApiTokenRow,
    DebateRow,
    MembershipRow,
    RevisionRow,
    SessionRow,
    StatementRow,
    UserRow,
    VoteRow,
)

__all__ = ["DEFAULT_URL", "Store"]

DEFAULT_URL = "sqlite:///argmap.db"

#: How many parsed revisions a store keeps in memory (they are immutable).
CACHE_SIZE = 64

#: A write transaction's edit: (session, locked debate row, current debate) -> next.
_Edit = Callable[[Session, DebateRow, Debate], Debate]


def _now() -> datetime:
    return datetime.now(UTC)


def _weight(weight: float) -> float:
    if isinstance(weight, bool) or not isinstance(weight, int | float):
        raise Conflict(f"a vote's weight must be a number, not {weight!r}")
    if not 0.0 <= weight <= 1.0:  # NaN fails this too
        raise Conflict(f"a vote's weight is {weight!r}, outside [0, 1]")
    return float(weight)


class Store:
    """Debates, their revisions and votes, users and roles, in SQLite or PostgreSQL.

    ``url`` is a SQLAlchemy URL: ``sqlite:///path.db`` or ``postgresql://...``
    (``postgresql+psycopg://`` is what is used either way). Opening migrates the
    database to the newest schema. ``password_hasher`` replaces argon2-cffi's default
    parameters (tests use cheap ones); sessions last ``session_lifetime``; other
    keyword arguments go to :func:`sqlalchemy.create_engine`.

    Debates handed out are shared with the store's cache of parsed revisions: treat
    them as the immutable values they are (their ``extras`` dict included). An
    in-memory SQLite database (``sqlite://``) has one connection: use it from one
    thread at a time.
    """

    def __init__(
        self,
        url: str = DEFAULT_URL,
        *,
        password_hasher: PasswordHasher | None = None,
        session_lifetime: timedelta = timedelta(days=30),
        **engine_options: Any,
    ) -> None:
        self.url = normalize_url(url)
        self.engine: Engine = make_engine(self.url, **engine_options)
        try:
            upgrade(self.engine)
        except BaseException:
            self.engine.dispose()
            raise
        self._postgres = self.engine.dialect.name == "postgresql"
        self._writer = self.engine.execution_options(**{WRITE: True})
        # Reads on PostgreSQL see one snapshot across their statements.
        self._reader = (
            self.engine.execution_options(isolation_level="REPEATABLE READ")
            if self._postgres
            else self.engine
        )
        self._write_lock: AbstractContextManager[object] = (
            nullcontext() if self._postgres else threading.RLock()
        )
        self._passwords = Passwords(password_hasher)
        self.session_lifetime = session_lifetime
        self._cache: OrderedDict[tuple[int, int], Debate] = OrderedDict()
        self._cache_lock = threading.Lock()

    def close(self) -> None:
        """Close every connection; the store cannot be used after."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    # --- transactions -------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self._reader, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        # On SQLite one writer at a time: this process's writers queue here, in order,
        # rather than polling the database lock (other processes still do).
        with (
            self._write_lock,
            Session(self._writer, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def _insert(self, table: Any) -> Any:
        """An ``INSERT`` that can upsert (``on_conflict_do_update``) on this database."""
        return postgresql.insert(table) if self._postgres else sqlite.insert(table)

    # --- users, sessions, tokens -------------------------------------------------------------

    def create_user(self, name: str, password: str) -> User:
        """A new user; :class:`Conflict` if the name is taken (or empty)."""
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise Conflict("a user name must be a non-empty string of at most 200 characters")
        if not isinstance(password, str) or not password:
            raise Conflict("a password must be a non-empty string")
        password_hash = self._passwords.hash(password)  # slow: outside the transaction
        try:
            with self._write() as s:
                if s.scalar(select(UserRow.id).where(UserRow.name == name)) is not None:
                    raise Conflict(f"the user name {name!r} is taken")
                row = UserRow(name=name, password_hash=password_hash, created=_now())
                s.add(row)
                s.flush()
                return User(row.id, row.name)
        except IntegrityError:
            raise Conflict(f"the user name {name!r} is taken") from None

    def get_user(self, name: str) -> User:
        """The user called ``name``; :class:`NotFound` if there is none."""
        with self._read() as s:
            uid = s.scalar(select(UserRow.id).where(UserRow.name == name))
        if uid is None:
            raise NotFound(f"no user {name!r}")
        return User(uid, name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if ``password`` is theirs, else ``None`` (unknown users take as long)."""
        with self._read() as s:
            found = s.execute(
                select(UserRow.id, UserRow.password_hash).where(UserRow.name == name)
            ).one_or_none()
        if not self._passwords.verify(found.password_hash if found else None, password):
            return None
        assert found is not None
        if self._passwords.needs_rehash(found.password_hash):
            new_hash = self._passwords.hash(password)
            with self._write() as s:
                s.execute(
                    update(UserRow).where(UserRow.id == found.id).values(password_hash=new_hash)
                )
        return User(found.id, name)

    def _check_user(self, session: Session, user: User) -> None:
        if not isinstance(user, User):
            raise NotFound(f"expected a User, not {type(user).__name__}")
        name = session.scalar(select(UserRow.name).where(UserRow.id == user.id))
        if name != user.name:
            raise NotFound(f"no user {user.name!r}")

    def create_session(self, user: User) -> str:
        """A new login session for ``user``; returns its secret (kept only as a hash)."""
        secret = new_secret()
        now = _now()
        with self._write() as s:
            self._check_user(s, user)
            s.execute(delete(SessionRow).where(SessionRow.expires <= now))
            s.add(
                SessionRow(
                    user_id=user.id,
                    secret_hash=hash_secret(secret),
                    created=now,
                    expires=now + self.session_lifetime,
                )
            )
        return secret

    def user_for_session(self, secret: str) -> User | None:
        """The user of the live session ``secret``; ``None`` if unknown, ended or expired."""
        if not isinstance(secret, str) or not secret:
            return None
        with self._read() as s:
            found = s.execute(
                select(UserRow.id, UserRow.name)
                .join(SessionRow, SessionRow.user_id == UserRow.id)
                .where(SessionRow.secret_hash == hash_secret(secret), SessionRow.expires > _now())
            ).one_or_none()
        return User(found.id, found.name) if found else None

    def end_session(self, secret: str) -> None:
        """End the session ``secret`` (nothing happens if there is none)."""
        if isinstance(secret, str):
            with self._write() as s:
                s.execute(delete(SessionRow).where(SessionRow.secret_hash == hash_secret(secret)))

    def create_token(self, user: User, label: str = "") -> str:
        """A new API token for ``user``; returns its secret (kept only as a hash)."""
        secret = new_secret()
        with self._write() as s:
            self._check_user(s, user)
            s.add(
                ApiTokenRow(
                    user_id=user.id,
                    label=label or "",
                    secret_hash=hash_secret(secret),
                    created=_now(),
                )
            )
        return secret

    def user_for_token(self, secret: str) -> User | None:
        """The user of the API token ``secret``; ``None`` if unknown or revoked."""
        if not isinstance(secret, str) or not secret:
            return None
        with self._read() as s:
            found = s.execute(
                select(UserRow.id, UserRow.name)
                .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
                .where(ApiTokenRow.secret_hash == hash_secret(secret))
            ).one_or_none()
        return User(found.id, found.name) if found else None

    def revoke_token(self, secret: str) -> None:
        """Revoke the API token ``secret`` (nothing happens if there is none)."""
        if isinstance(secret, str):
            with self._write() as s:
                s.execute(delete(ApiTokenRow).where(ApiTokenRow.secret_hash == hash_secret(secret)))

    # --- debates --------------------------------------------------------------------------

    def _row(self, session: Session, key: str, lock: bool = False) -> DebateRow:
        query = select(DebateRow).where(DebateRow.key == key)
        if lock:
            # NO KEY UPDATE: serializes edits, yet lets votes check their foreign keys.
            query = query.with_for_update(key_share=True)
        row = session.scalars(query).one_or_none()
        if row is None:
            raise NotFound(f"no debate {key!r}")
        return row

    def _debate_id(self, session: Session, key: str) -> int:
        debate_id = session.scalar(select(DebateRow.id).where(DebateRow.key == key))
        if debate_id is None:
            raise NotFound(f"no debate {key!r}")
        return debate_id

    def _load(self, session: Session, debate_id: int, number: int, key: str) -> Debate:
        """Revision ``number`` of debate ``debate_id``, parsed once and then cached."""
        with self._cache_lock:
            debate = self._cache.get((debate_id, number))
            if debate is not None:
                self._cache.move_to_end((debate_id, number))
                return debate
        snapshot = session.scalar(
            select(RevisionRow.snapshot).where(
                RevisionRow.debate_id == debate_id, RevisionRow.number == number
            )
        )
        if snapshot is None:
            raise NotFound(f"debate {key!r} has no revision {number!r}")
        debate = read_native(snapshot)
        self._remember(debate_id, number, debate)
        return debate

    def _remember(self, debate_id: int, number: int, debate: Debate) -> None:
        with self._cache_lock:
            self._cache[(debate_id, number)] = debate
            self._cache.move_to_end((debate_id, number))
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    @staticmethod
    def _dump(debate: Debate) -> str:
        if not isinstance(debate, Debate):
            raise Conflict(f"expected a Debate, not {type(debate).__name__}")
        try:
            validate(debate)
            return write_native(debate)
        except ValidationError as e:
            raise Conflict(e.message) from e
        except (TypeError, ValueError) as e:  # extras that JSON cannot hold
            raise Conflict(f"the debate cannot be saved as JSON: {e}") from e

    def add_debate(
        self,
        debate: Debate,
        owner: User | None,
        public: bool = True,
        message: str = "import",
    ) -> str:
        """Store ``debate`` as revision 1 under a new key, which it returns.

        ``owner`` gets the role ``owner``. The debate's own votes (``debate.votes``)
        stay part of its snapshot; the store's votes are those of :meth:`set_vote`.
        """
        snapshot = self._dump(debate)
        for _ in range(10):
            key = new_key()
            try:
                with self._write() as s:
                    if owner is not None:
                        self._check_user(s, owner)
                    if s.scalar(select(DebateRow.id).where(DebateRow.key == key)) is not None:
                        continue
                    now = _now()
                    author = owner.id if owner is not None else None
                    row = DebateRow(
                        key=key,
                        title=debate.motion.title.replace("\x00", "\ufffd"),
                        public=bool(public),
                        revision=1,
                        owner_id=author,
                        created=now,
                        updated=now,
                    )
                    s.add(row)
                    s.flush()
                    debate_id = row.id
                    s.add(
                        RevisionRow(
                            debate_id=debate_id,
                            number=1,
                            author_id=author,
                            at=now,
                            message=message,
                            snapshot=snapshot,
                        )
                    )
                    sync_rows(s, debate_id, None, debate)
                    if author is not None:
                        s.add(MembershipRow(debate_id=debate_id, user_id=author, role="owner"))
            except IntegrityError as e:
                with self._read() as s:
                    taken = s.scalar(select(DebateRow.id).where(DebateRow.key == key))
                if taken is None:
                    raise Conflict(f"the debate cannot be stored: {e.orig}") from e
                continue  # another writer took the same key just now
            self._remember(debate_id, 1, debate)
            return key
        raise RuntimeError("could not find an unused debate key")  # pragma: no cover

    def get_debate(self, key: str, revision: int | None = None) -> Debate:
        """The debate ``key`` as of ``revision`` (default: the current one)."""
        with self._read() as s:
            found = s.execute(
                select(DebateRow.id, DebateRow.revision).where(DebateRow.key == key)
            ).one_or_none()
            if found is None:
                raise NotFound(f"no debate {key!r}")
            return self._load(s, found.id, found.revision if revision is None else revision, key)

    def _summaries(self) -> Select[str, str, bool, int, int, str | None, datetime]:
        count = (
            select(func.count())
            .select_from(StatementRow)
            .where(StatementRow.debate_id == DebateRow.id)
            .correlate(DebateRow)
            .scalar_subquery()
        )
        return select(
            DebateRow.key,
            DebateRow.title,
            DebateRow.public,
            DebateRow.revision,
            count,
            UserRow.name,
            DebateRow.updated,
        ).outerjoin(UserRow, UserRow.id == DebateRow.owner_id)

    def summary(self, key: str) -> DebateSummary:
        """How the debate ``key`` shows in a listing."""
        with self._read() as s:
            found = s.execute(self._summaries().where(DebateRow.key == key)).one_or_none()
        if found is None:
            raise NotFound(f"no debate {key!r}")
        return DebateSummary(*found)

    @staticmethod
    def _visible(viewer: User | None) -> ColumnElement[bool]:
        if viewer is None:
            return DebateRow.public == true()
        member = exists().where(
            MembershipRow.debate_id == DebateRow.id, MembershipRow.user_id == viewer.id
        )
        return (DebateRow.public == true()) | member

    def list_debates(
        self, viewer: User | None, offset: int = 0, limit: int = 50
    ) -> list[DebateSummary]:
        """The debates ``viewer`` may see (public ones and those they have a role in).

        Most recently changed first (the newest revision's time, then the newest debate).
        """
        if offset < 0 or limit < 0:
            raise ValueError("offset and limit must not be negative")
        query = (
            self._summaries()
            .where(self._visible(viewer))
            .order_by(DebateRow.updated.desc(), DebateRow.id.desc())
            .offset(offset)
            .limit(limit)
        )
        with self._read() as s:
            return [DebateSummary(*row) for row in s.execute(query)]

    def count_debates(self, viewer: User | None) -> int:
        """How many debates :meth:`list_debates` has for ``viewer`` in all."""
        with self._read() as s:
            return s.scalar(select(func.count(DebateRow.id)).where(self._visible(viewer))) or 0

    def set_public(self, key: str, public: bool) -> None:
        """Make the debate ``key`` public (listed for all) or private."""
        with self._write() as s:
            self._row(s, key).public = bool(public)

    def delete_debate(self, key: str) -> None:
        """Delete the debate ``key`` with its history, rows, votes and roles."""
        with self._write() as s:
            debate_id = self._debate_id(s, key)
            s.execute(delete(DebateRow).where(DebateRow.id == debate_id))
        with self._cache_lock:
            for cached in [k for k in self._cache if k[0] == debate_id]:
                del self._cache[cached]

    # --- revisions and edits --------------------------------------------------------------

    def revisions(self, key: str) -> list[RevisionInfo]:
        """The revisions of debate ``key``, oldest (number 1) first."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            rows = s.execute(
                select(RevisionRow.number, UserRow.name, RevisionRow.at, RevisionRow.message)
                .outerjoin(UserRow, UserRow.id == RevisionRow.author_id)
                .where(RevisionRow.debate_id == debate_id)
                .order_by(RevisionRow.number)
            )
            return [RevisionInfo(*row) for row in rows]

    def _edit(
        self,
        key: str,
        edit: _Edit,
        author: User | None,
        message: str,
        expect_revision: int | None,
    ) -> int:
        try:
            with self._write() as s:
                if author is not None:
                    self._check_user(s, author)
                row = self._row(s, key, lock=True)
                if expect_revision is not None and expect_revision != row.revision:
                    raise Conflict(
                        f"debate {key!r} is at revision {row.revision}, not {expect_revision}:"
                        " someone else changed it; reload and try again"
                    )
                debate_id = row.id
                current = self._load(s, debate_id, row.revision, key)
                try:
                    new = edit(s, row, current)
                except ValidationError as e:
                    raise Conflict(e.message) from e
                snapshot = self._dump(new)
                number = row.revision + 1
                now = _now()
                s.add(
                    RevisionRow(
                        debate_id=debate_id,
                        number=number,
                        author_id=author.id if author is not None else None,
                        at=now,
                        message=message,
                        snapshot=snapshot,
                    )
                )
                sync_rows(s, debate_id, current, new)
                row.revision = number
                row.updated = now
                row.title = new.motion.title.replace("\x00", "\ufffd")
        except IntegrityError as e:
            raise Conflict(f"the edit cannot be stored: {e.orig}") from e
        self._remember(debate_id, number, new)
        return number

    def update_debate(
        self,
        key: str,
        edit: Callable[[Debate], Debate],
        author: User | None,
        message: str,
        expect_revision: int | None = None,
    ) -> int:
        """Apply ``edit`` to the current revision of ``key``; returns the new revision.

        One transaction: the debate is locked, ``edit`` gets the current
        :class:`Debate` and returns the next, which is validated and stored as a new
        revision (snapshot and rows). :class:`Conflict` if ``expect_revision`` is given
        and not the current revision, or if the edit breaks a rule of the model (with
        the model's message); nothing is written then, nor if ``edit`` raises.
        """
        return self._edit(
            key, lambda _s, _row, debate: edit(debate), author, message, expect_revision
        )

    def revert(self, key: str, revision: int, author: User | None) -> int:
        """Make a new revision equal to ``revision``; returns its number."""

        def old(session: Session, row: DebateRow, current: Debate) -> Debate:
            return self._load(session, row.id, revision, key)

        return self._edit(key, old, author, f"revert to revision {revision}", None)

    def add_statement(
        self,
        key: str,
        statement: Statement,
        author: User | None,
        *,
        message: str | None = None,
        expect_revision: int | None = None,
    ) -> int:
        """Add ``statement``; returns the new revision."""
        return self.update_debate(
            key,
            lambda d: edits.add_statement(d, statement),
            author,
            message or f"add statement {getattr(statement, 'id', '')!r}",
            expect_revision,
        )

    def update_statement(
        self,
        key: str,
        statement_id: str,
        author: User | None,
        *,
        message: str | None = None,
        expect_revision: int | None = None,
        **fields: Any,
    ) -> int:
        """Set fields of the statement ``statement_id`` (not its id); the new revision."""
        return self.update_debate(
            key,
            lambda d: edits.update_statement(d, statement_id, fields),
            author,
            message or f"edit statement {statement_id!r}",
            expect_revision,
        )

    def delete_statement(
        self,
        key: str,
        statement_id: str,
        author: User | None,
        *,
        message: str | None = None,
        expect_revision: int | None = None,
    ) -> int:
        """Delete a statement with its relations (and their undercuts) and votes."""
        return self.update_debate(
            key,
            lambda d: edits.delete_statement(d, statement_id),
            author,
            message or f"delete statement {statement_id!r}",
            expect_revision,
        )

    def add_relation(
        self,
        key: str,
        relation: Relation,
        author: User | None,
        *,
        message: str | None = None,
        expect_revision: int | None = None,
    ) -> int:
        """Add ``relation``; returns the new revision."""
        what = f"{getattr(relation, 'source', '')!r} -> {getattr(relation, 'target', '')!r}"
        return self.update_debate(
            key,
            lambda d: edits.add_relation(d, relation),
            author,
            message or f"add {getattr(relation, 'kind', 'relation')} {what}",
            expect_revision,
        )

    def update_relation(
        self,
        key: str,
        source: str,
        target: str,
        author: User | None,
        *,
        of_kind: RelationKind | None = None,
        message: str | None = None,
        expect_revision: int | None = None,
        **fields: Any,
    ) -> int:
        """Set fields of the relation ``source -> target``; returns the new revision.

        A pair may hold a support, attack or undercut and beside it a rephrase or
        preference: ``of_kind`` picks one (default: the first of these).
        """
        return self.update_debate(
            key,
            lambda d: edits.update_relation(d, source, target, fields, of_kind),
            author,
            message or f"edit relation {source!r} -> {target!r}",
            expect_revision,
        )

    def delete_relation(
        self,
        key: str,
        source: str,
        target: str,
        author: User | None,
        *,
        of_kind: RelationKind | None = None,
        message: str | None = None,
        expect_revision: int | None = None,
    ) -> int:
        """Delete the relation ``source -> target`` and its undercuts."""
        return self.update_debate(
            key,
            lambda d: edits.delete_relation(d, source, target, of_kind),
            author,
            message or f"delete relation {source!r} -> {target!r}",
            expect_revision,
        )

    # --- votes ------------------------------------------------------------------------------

    def set_vote(self, key: str, statement_id: str, voter: User, weight: float) -> None:
        """Set ``voter``'s weight for a statement (in [0, 1], else :class:`Conflict`)."""
        value = _weight(weight)
        try:
            self._set_vote(key, statement_id, voter, value)
        except IntegrityError:  # the statement went between the check and the write
            raise NotFound(f"debate {key!r} has no statement {statement_id!r}") from None

    def _set_vote(self, key: str, statement_id: str, voter: User, value: float) -> None:
        with self._write() as s:
            debate_id = self._debate_id(s, key)
            self._check_user(s, voter)
            known = s.scalar(
                select(StatementRow.id).where(
                    StatementRow.debate_id == debate_id, StatementRow.id == statement_id
                )
            )
            if known is None:
                raise NotFound(f"debate {key!r} has no statement {statement_id!r}")
            now = _now()
            upsert = self._insert(VoteRow).values(
                debate_id=debate_id,
                statement_id=statement_id,
                user_id=voter.id,
                weight=value,
                at=now,
            )
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=["debate_id", "statement_id", "user_id"],
                    set_={"weight": value, "at": now},
                )
            )

    def delete_vote(self, key: str, statement_id: str, voter: User) -> None:
        """Withdraw ``voter``'s vote on a statement (nothing happens if there is none)."""
        with self._write() as s:
            debate_id = self._debate_id(s, key)
            s.execute(
                delete(VoteRow).where(
                    VoteRow.debate_id == debate_id,
                    VoteRow.statement_id == statement_id,
                    VoteRow.user_id == voter.id,
                )
            )

    def votes(self, key: str) -> list[Vote]:
        """Every vote on debate ``key``, by statement (in debate order), then voter."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            rows = s.execute(
                select(UserRow.name, VoteRow.statement_id, VoteRow.weight)
                .join(UserRow, UserRow.id == VoteRow.user_id)
                .join(
                    StatementRow,
                    (StatementRow.debate_id == VoteRow.debate_id)
                    & (StatementRow.id == VoteRow.statement_id),
                )
                .where(VoteRow.debate_id == debate_id)
                .order_by(StatementRow.position, UserRow.name)
            )
            return [Vote(*row) for row in rows]

    def perspective(self, key: str, who: User | None) -> dict[str, float]:
        """``who``'s weights by statement id (``{}`` for ``None`` or no votes)."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            if who is None:
                return {}
            rows = s.execute(
                select(VoteRow.statement_id, VoteRow.weight)
                .join(
                    StatementRow,
                    (StatementRow.debate_id == VoteRow.debate_id)
                    & (StatementRow.id == VoteRow.statement_id),
                )
                .where(VoteRow.debate_id == debate_id, VoteRow.user_id == who.id)
                .order_by(StatementRow.position)
            )
            return {sid: weight for sid, weight in rows}

    def aggregate_weights(self, key: str) -> dict[str, float]:
        """The mean vote per statement; statements without votes are absent."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            rows = s.execute(
                select(VoteRow.statement_id, func.avg(VoteRow.weight))
                .join(
                    StatementRow,
                    (StatementRow.debate_id == VoteRow.debate_id)
                    & (StatementRow.id == VoteRow.statement_id),
                )
                .where(VoteRow.debate_id == debate_id)
                .group_by(VoteRow.statement_id, StatementRow.position)
                .order_by(StatementRow.position)
            )
            return {sid: float(mean) for sid, mean in rows}

    # --- roles ------------------------------------------------------------------------------

    def set_role(self, key: str, user: User, role: Role) -> None:
        """Give ``user`` the role ``role`` in debate ``key`` (replacing any other)."""
        if role not in ROLES:
            raise Conflict(f"no role {role!r}; roles are " + ", ".join(ROLES))
        with self._write() as s:
            debate_id = self._debate_id(s, key)
            self._check_user(s, user)
            upsert = self._insert(MembershipRow).values(
                debate_id=debate_id, user_id=user.id, role=role
            )
            s.execute(
                upsert.on_conflict_do_update(
                    index_elements=["debate_id", "user_id"], set_={"role": role}
                )
            )

    def remove_role(self, key: str, user: User) -> None:
        """Take ``user``'s role in debate ``key`` away (nothing happens if they have none)."""
        with self._write() as s:
            debate_id = self._debate_id(s, key)
            s.execute(
                delete(MembershipRow).where(
                    MembershipRow.debate_id == debate_id, MembershipRow.user_id == user.id
                )
            )

    def role_of(self, key: str, user: User | None) -> Role | None:
        """``user``'s role in debate ``key``; ``None`` for none (or no user)."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            if user is None:
                return None
            role = s.scalar(
                select(MembershipRow.role).where(
                    MembershipRow.debate_id == debate_id, MembershipRow.user_id == user.id
                )
            )
        return _role(role) if role is not None else None

    def members(self, key: str) -> list[tuple[User, Role]]:
        """Everyone with a role in debate ``key``: owners first, then by name."""
        with self._read() as s:
            debate_id = self._debate_id(s, key)
            rows = s.execute(
                select(UserRow.id, UserRow.name, MembershipRow.role)
                .join(MembershipRow, MembershipRow.user_id == UserRow.id)
                .where(MembershipRow.debate_id == debate_id)
            ).all()
        members = [(User(uid, name), _role(role)) for uid, name, role in rows]
        return sorted(members, key=lambda m: (ROLES.index(m[1]), m[0].name))


def _role(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise ValueError(f"unknown role {value!r} in the database")
