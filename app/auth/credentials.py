"""Authenticated callers, remembered between requests, and forgotten the moment they change.

Authenticating a request means reading an API token or a session with its user (and, for a
cookie, the user's membership in the path's workspace). `CredentialCache` keeps immutable
snapshots of those reads, keyed by the credential's digest, so a warm request reads nothing.

A snapshot must never outlive the rows it copies. Every commit that updates or deletes a user,
member, API token, session or workspace, or adds a member (a "not a member" answer is cached
too), clears the cache; a new token, session or user changes no snapshot, so signing in keeps
the cache warm:

- in this process, when the commit's session (a `CredentialWatchingSession`, which every
  sessionmaker of ours makes) has seen such a change: its ORM flushes and its ORM-enabled bulk
  statements are watched, so nobody has to remember to invalidate;
- in every other process on PostgreSQL, through `NOTIFY worklane_credentials` sent in the same
  transaction (so it is heard only if the change commits) and a `CredentialListener` per
  process. While that listener is not connected the cache serves nothing, so a notification
  missed during an outage can never leave a stale entry behind.

On SQLite the in-process clear is enough: the embedded server is one process. Several processes
on one SQLite file fall back on the TTL, which also bounds anything else that goes wrong.
Textual SQL is not watched: change these tables through the ORM.
"""

import asyncio
import logging
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from itertools import chain
from typing import Any

import asyncpg  # type: ignore[import-untyped]  # no type hints published
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.dml import UpdateBase

from app.models import ApiToken, AuthSession, Member, User, Workspace

log = logging.getLogger("worklane.credentials")

CHANNEL = "worklane_credentials"
# Statements that write credential tables without changing a credential (a token's
# last_used_at) say so with `.execution_options(credentials_unchanged=True)`.
UNCHANGED = "credentials_unchanged"
CHANGED = "credentials_changed"
_READ_GENERATION = "credential_cache_generation"
_CREDENTIAL_MODELS = (User, Member, ApiToken, AuthSession, Workspace)
_CREDENTIAL_TABLES = frozenset(model.__table__ for model in _CREDENTIAL_MODELS)
# Rows whose arrival can change a cached answer: only a membership ("not a member" is cached).
_ARRIVALS_THAT_MATTER = (Member,)
_ARRIVAL_TABLES = frozenset(model.__table__ for model in _ARRIVALS_THAT_MATTER)


@dataclass(frozen=True, slots=True)
class UserRef:
    id: uuid.UUID
    email: str
    name: str
    created_at: datetime
    is_active: bool

    @classmethod
    def of(cls, user: User) -> "UserRef":
        return cls(user.id, user.email, user.name, user.created_at, user.is_active)


@dataclass(frozen=True, slots=True)
class MemberRef:
    id: uuid.UUID
    workspace_id: uuid.UUID
    user_id: uuid.UUID
    role: str

    @classmethod
    def of(cls, member: Member) -> "MemberRef":
        return cls(member.id, member.workspace_id, member.user_id, member.role)


@dataclass(frozen=True, slots=True)
class TokenRef:
    id: uuid.UUID
    workspace_id: uuid.UUID
    member_id: uuid.UUID
    scopes: frozenset[str]
    expires_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> "TokenRef":
        return cls(
            token.id,
            token.workspace_id,
            token.member_id,
            frozenset(token.scopes),
            token.expires_at,
            token.last_used_at,
        )


@dataclass(frozen=True, slots=True)
class SessionRef:
    id: uuid.UUID
    user_id: uuid.UUID
    expires_at: datetime
    last_seen_at: datetime
    csrf_token: str

    @classmethod
    def of(cls, auth_session: AuthSession) -> "SessionRef":
        return cls(
            auth_session.id,
            auth_session.user_id,
            auth_session.expires_at,
            auth_session.last_seen_at,
            auth_session.csrf_token,
        )


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


# What `get` answers for a key it does not hold: `None` is a value that may be cached.
MISSING = _Missing()


@dataclass(slots=True)
class _Entry:
    value: object
    stored_at: float


class CredentialCache:
    """Snapshots of authenticated callers, per process.

    Every clear bumps `generation`. A reader notes the generation before it reads the database
    and hands it to `put`, which drops the snapshot if a clear came in between: a request that
    read before a change committed cannot store what it read after the change.
    """

    def __init__(
        self,
        ttl_seconds: float,
        *,
        enabled: bool = True,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self.max_entries = max_entries
        self._clock = clock
        self._enabled = enabled and ttl_seconds > 0
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self.generation = 0

    @property
    def enabled(self) -> bool:
        return self._enabled

    def get(self, key: Hashable) -> object:
        entry = self._entries.get(key)
        if entry is None or not self._enabled:
            return MISSING
        if self._clock() - entry.stored_at >= self.ttl_seconds:
            del self._entries[key]
            return MISSING
        return entry.value

    def put(self, key: Hashable, value: object, *, generation: int) -> None:
        """Store what was read from the database while the cache was at `generation`."""
        if generation != self.generation or not self._enabled:
            return
        self._entries[key] = _Entry(value, self._clock())
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)

    def refresh(self, key: Hashable, value: object, *, generation: int) -> None:
        """Replace a cached value without renewing its age: the TTL counts from the read."""
        entry = self._entries.get(key)
        if entry is not None and generation == self.generation:
            entry.value = value

    def clear(self) -> None:
        self._entries.clear()
        self.generation += 1

    def suspend(self) -> None:
        """Serve and store nothing until `resume` (the change listener is down)."""
        self._enabled = False
        self.clear()

    def resume(self) -> None:
        self.clear()
        self._enabled = self.ttl_seconds > 0


def read_generation(session: AsyncSession) -> int:
    """The cache generation when `session`'s transaction began. What the transaction reads is
    no older than that (SQLite reads from one snapshot taken at its first statement)."""
    generation: int = session.info[_READ_GENERATION]
    return generation


class CredentialWatchingSession(Session):
    """A Session that notices when its transaction changes credentials (see the module doc)."""

    def __init__(self, *args: Any, credentials: CredentialCache | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.credentials = credentials


def _has_pending_credential_changes(session: Session) -> bool:
    changed = chain(session.dirty, session.deleted)
    return any(isinstance(row, _ARRIVALS_THAT_MATTER) for row in session.new) or any(
        isinstance(row, _CREDENTIAL_MODELS) for row in changed
    )


@event.listens_for(CredentialWatchingSession, "after_begin")
def _note_read_generation(
    session: CredentialWatchingSession, transaction: SessionTransaction, _connection: Any
) -> None:
    if session.credentials is not None and transaction.parent is None:
        session.info[_READ_GENERATION] = session.credentials.generation


@event.listens_for(CredentialWatchingSession, "before_flush")
def _note_flushed_changes(session: Session, _context: Any, _instances: Any) -> None:
    if _has_pending_credential_changes(session):
        session.info[CHANGED] = True


@event.listens_for(CredentialWatchingSession, "do_orm_execute")
def _note_bulk_changes(state: ORMExecuteState) -> None:
    statement = state.statement
    if not isinstance(statement, UpdateBase) or state.execution_options.get(UNCHANGED):
        return
    table = statement.entity_description["table"]
    arrivals = state.is_insert and table not in _ARRIVAL_TABLES
    if table in _CREDENTIAL_TABLES and not arrivals:
        state.session.info[CHANGED] = True


@event.listens_for(CredentialWatchingSession, "before_commit")
def _notify_other_processes(session: Session) -> None:
    # This hook runs before the commit's final flush, so changes still pending count too.
    if not (session.info.get(CHANGED) or _has_pending_credential_changes(session)):
        return
    if session.get_bind().dialect.name == "postgresql":
        # Transactional: delivered when (and only if) this transaction commits. Releasing a
        # savepoint runs this hook too; PostgreSQL delivers a transaction's duplicates once.
        session.execute(select(func.pg_notify(CHANNEL, "")))


@event.listens_for(CredentialWatchingSession, "after_commit")
def _clear_this_process(session: CredentialWatchingSession) -> None:
    if session.info.get(CHANGED) and session.credentials is not None:
        session.credentials.clear()


@event.listens_for(CredentialWatchingSession, "after_transaction_end")
def _forget_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(CHANGED, None)
        session.info.pop(_READ_GENERATION, None)


_HEARTBEAT_SECONDS = 5.0
_FIRST_RETRY_SECONDS = 0.5
_LAST_RETRY_SECONDS = 30.0
LISTENER_APPLICATION_NAME = "worklane-credential-listener"


class CredentialListener:
    """One connection per process LISTENing for other processes' credential changes.

    The cache serves only while this connection is up: on loss it is cleared and suspended,
    and the listener reconnects with exponential backoff.
    """

    def __init__(self, connect_args: dict[str, Any], cache: CredentialCache) -> None:
        self._connect_args = connect_args
        self._cache = cache
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="worklane-credential-listener")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        delay = _FIRST_RETRY_SECONDS
        while True:
            try:
                connection = await asyncpg.connect(**self._connect_args)
            except Exception as error:
                log.warning(
                    "credential listener cannot connect (%s); retrying in %.1f s", error, delay
                )
            else:
                try:
                    await self._listen(connection)
                    delay = _FIRST_RETRY_SECONDS
                    await self._until_lost(connection)
                    log.warning("credential listener lost its connection; cache off until back")
                except Exception:
                    log.warning("credential listener failed; cache off until back", exc_info=True)
                finally:
                    self._cache.suspend()
                    with suppress(Exception):
                        await connection.close(timeout=1)
            await asyncio.sleep(delay)
            delay = min(delay * 2, _LAST_RETRY_SECONDS)

    async def _listen(self, connection: asyncpg.Connection) -> None:
        await connection.add_listener(CHANNEL, self._on_notification)
        self._cache.resume()

    def _on_notification(self, *_notification: object) -> None:
        self._cache.clear()

    async def _until_lost(self, connection: asyncpg.Connection) -> None:
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: lost.set())
        while True:
            try:
                async with asyncio.timeout(_HEARTBEAT_SECONDS):
                    await lost.wait()
                return
            except TimeoutError:
                # A dead network shows only when we talk: ask, and give up if nobody answers.
                await connection.execute("SELECT 1", timeout=_HEARTBEAT_SECONDS)


def _asyncpg_connect_args(engine: AsyncEngine) -> dict[str, Any]:
    """asyncpg.connect's arguments for the engine's URL, as SQLAlchemy would connect."""
    _, args = engine.dialect.create_connect_args(engine.url)
    # Options SQLAlchemy's asyncpg adapter consumes itself.
    args.pop("prepared_statement_cache_size", None)
    args.pop("prepared_statement_name_func", None)
    return {**args, "server_settings": {"application_name": LISTENER_APPLICATION_NAME}}


def listen_for_changes(engine: AsyncEngine, cache: CredentialCache) -> CredentialListener | None:
    """Start hearing other processes' changes (PostgreSQL with the cache on; else None)."""
    if engine.dialect.name != "postgresql" or cache.ttl_seconds <= 0:
        return None
    listener = CredentialListener(_asyncpg_connect_args(engine), cache)
    listener.start()
    return listener
