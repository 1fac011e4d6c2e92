"""Engine, sessions and the request's unit of work.

One request, one transaction: services and repositories only `flush()`; the route class
commits once after the endpoint has produced its answer and before the answer is sent. The same
transaction claims the request's Idempotency-Key and keeps the answer to its retries (the
wiring hands in how: `app.state.idempotency_keys`, app/kit/idempotency.py).

SQLite has one writer at a time. Every writing session of the process takes its turn in one
queue (`WriterQueue`, in arrival order, holding no connection while it waits): a writing request
before its first statement, a periodic job or a rate-limit count as it opens its session, a
reading request for each write statement it runs (a token's last use). A writing session then
begins `BEGIN IMMEDIATE`, so a transaction never has to turn from reading into writing: in WAL
mode that upgrade fails at once, without the busy timeout, whenever another writer committed
since the transaction's first read ("database is locked"). Reading sessions run in autocommit
(no BEGIN), and WAL readers never wait for the writer. Only other processes on the same file
meet in SQLite's busy handler.
"""

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any, Protocol, Self

from fastapi import Depends, Header, Request, Response
from fastapi.dependencies.utils import get_parameterless_sub_dependant
from fastapi.routing import APIRoute
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session as SyncSession

# How a transaction begins on SQLite, as an execution option of the engine it runs on: None
# emits no BEGIN at all (autocommit).
_SQLITE_BEGIN = "worklane_sqlite_begin"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(
    url: str,
    *,
    echo: bool = False,
    pool_size: int = 20,
    wait_seconds: float = 10,
    statement_timeout_seconds: float = 0,
) -> AsyncEngine:
    """An engine whose requests wait `wait_seconds` at most for the database: for a pooled
    connection, and for a lock (SQLite's write lock, PostgreSQL's row locks); past it their
    error is answered 503 (app/kit/errors.py, `database_unavailable`). On PostgreSQL no
    statement runs longer than `statement_timeout_seconds` (0: no limit), answered 503 too.

    No overflow: an overflow connection is closed as soon as it is returned, so a steady load
    above the pool's size would open and close (TLS probe included, on PostgreSQL) a connection
    per request."""
    pool = {"pool_size": pool_size, "max_overflow": 0, "pool_timeout": wait_seconds}
    if is_sqlite(url):
        engine = create_async_engine(url, echo=echo, **pool)
        _configure_sqlite(engine, wait_seconds)
        return engine
    timeouts = {
        "lock_timeout": str(int(wait_seconds * 1000)),
        "statement_timeout": str(int(statement_timeout_seconds * 1000)),
    }
    # Connections are recycled rather than pinged before every checkout (a round trip each).
    return create_async_engine(
        url,
        echo=echo,
        pool_recycle=1800,
        connect_args={"server_settings": timeouts},
        **pool,
    )


def _configure_sqlite(engine: AsyncEngine, wait_seconds: float) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(wait_seconds * 1000)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        begin = conn.get_execution_options().get(_SQLITE_BEGIN, "BEGIN")
        if begin is not None:
            conn.exec_driver_sql(begin)


class RequestTimedOut(Exception):
    """A request ran past `request_timeout_seconds`: rolled back and answered 503 with
    Retry-After (app/kit/errors.py)."""


class DatabaseBusy(Exception):
    """A writer's turn did not come within the wait (answered 503, like the database's own
    lock timeouts)."""


class WriterQueue:
    """SQLite's one writer at a time, as a queue in this process. A writing session waits for
    its turn (in arrival order, holding no connection) before its first statement and gives it
    back when it closes; past `wait_seconds` it gives up with `DatabaseBusy`."""

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        self._turn = asyncio.Lock()

    async def join(self) -> None:
        try:
            async with asyncio.timeout(self.wait_seconds):
                await self._turn.acquire()
        except TimeoutError:
            raise DatabaseBusy(f"no turn to write within {self.wait_seconds} s") from None

    def leave(self) -> None:
        self._turn.release()


def create_writer_queue(url: str, wait_seconds: float) -> WriterQueue | None:
    """The queue for SQLite's writers; PostgreSQL needs none (rows are locked, not the file)."""
    return WriterQueue(wait_seconds) if is_sqlite(url) else None


class WritingSession(AsyncSession):
    """A session that writes. With a `WriterQueue` it holds the writer's turn from `take_turn`
    (or entering `async with`) until it closes, so every writer of the process (requests,
    periodic jobs, rate-limit counts) takes its turn in the same queue."""

    def __init__(self, *args: Any, writers: WriterQueue | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writers = writers
        self._holds_turn = False

    async def take_turn(self) -> None:
        if self._writers is not None and not self._holds_turn:
            await self._writers.join()
            self._holds_turn = True

    async def __aenter__(self) -> Self:
        await self.take_turn()
        return self

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._writers is not None and self._holds_turn:
                self._holds_turn = False
                self._writers.leave()


class ReadingSession(AsyncSession):
    """A session in autocommit. With a `WriterQueue`, each write statement it executes (a
    token's last use, recorded while reading) takes the writer's turn for its own duration."""

    def __init__(self, *args: Any, writers: WriterQueue | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._writers = writers

    async def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        if self._writers is None or not getattr(statement, "is_dml", False):
            return await super().execute(statement, *args, **kwargs)
        await self._writers.join()
        try:
            return await super().execute(statement, *args, **kwargs)
        finally:
            self._writers.leave()


def create_sessionmaker(
    engine: AsyncEngine,
    *,
    session_class: type[SyncSession],
    writers: WriterQueue | None = None,
    **session_options: Any,
) -> async_sessionmaker[WritingSession]:
    """Sessions that write, of `session_class`, made with `session_options` (on SQLite they
    take their turn in `writers`, then the write lock as they begin). The wiring hands in the
    auth domain's credential-watching session and its cache (app/auth/credentials.py), whose
    commits clear the cache when they change a credential: core knows no domain."""
    return async_sessionmaker(
        engine.execution_options(**{_SQLITE_BEGIN: "BEGIN IMMEDIATE"}),
        class_=WritingSession,
        writers=writers,
        expire_on_commit=False,
        autoflush=False,
        sync_session_class=session_class,
        **session_options,
    )


def create_read_sessionmaker(
    engine: AsyncEngine,
    *,
    session_class: type[SyncSession],
    writers: WriterQueue | None = None,
    **session_options: Any,
) -> async_sessionmaker[ReadingSession]:
    """Sessions for safe requests, in autocommit. On PostgreSQL at READ COMMITTED every
    statement has its own snapshot anyway, so BEGIN and COMMIT would only add two round trips
    to every read; on SQLite a read transaction would have to upgrade to write to record a
    token's use (see the module doc)."""
    sqlite = engine.dialect.name == "sqlite"
    autocommit = {_SQLITE_BEGIN: None} if sqlite else {"isolation_level": "AUTOCOMMIT"}
    return async_sessionmaker(
        engine.execution_options(**autocommit),
        class_=ReadingSession,
        writers=writers,
        expire_on_commit=False,
        autoflush=False,
        sync_session_class=session_class,
        **session_options,
    )


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class _UnitOfWork:
    session: AsyncSession
    # What `IdempotencyKeys.claim` answered: the key this request holds, if it sent one.
    claim: object = None


_UNIT = "worklane.unit_of_work"


async def get_session(request: Request) -> AsyncSession:
    """The request's session. `UnitOfWorkRoute` commits it once the endpoint's answer is ready,
    before the answer goes out, so a client never sees a success that was not stored; any
    error rolls it back. A writing request takes its turn among SQLite's writers first."""
    state = request.app.state
    if request.method in UNSAFE_METHODS:
        writes: async_sessionmaker[WritingSession] = state.sessionmaker
        session = writes()
        await session.take_turn()
        unit = _UnitOfWork(session)
    else:
        reads: async_sessionmaker[ReadingSession] = state.read_sessionmaker
        unit = _UnitOfWork(reads())
    request.scope[_UNIT] = unit
    return unit.session


Session = Annotated[AsyncSession, Depends(get_session)]


class Replay(Exception):
    """Raised while a route's dependencies are solved: answer with `response` instead of
    running the endpoint (a kept answer to an earlier request with the same key). What the
    transaction did until then (authentication's writes) still commits."""

    def __init__(self, response: Response) -> None:
        super().__init__("replay")
        self.response = response


class IdempotencyKeys(Protocol):
    """Claims a writing request's Idempotency-Key and keeps the answer to its retries, both in
    the request's own transaction (app/kit/idempotency.py; the wiring sets
    `app.state.idempotency_keys`)."""

    async def claim(self, request: Request, session: AsyncSession, key: str) -> object:
        """The claim on `key` for this request, or raise `Replay` (or a problem)."""

    def keep(self, session: AsyncSession, claim: object, response: Response) -> None:
        """Add the answer to `claim`'s retries to the transaction, if it is one to keep."""


IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description=(
            "Retries with the same key and request replay the first success for 24 hours "
            "(`Idempotent-Replayed: true`), to the same credential only."
        ),
    ),
]


async def _claim_idempotency_key(
    request: Request, session: Session, key: IdempotencyKey = None
) -> None:
    """Solved after the route's own dependencies, so after authentication and authorisation:
    a kept answer is only ever replayed to a caller who may make the request now."""
    if key is not None:
        keys: IdempotencyKeys = request.app.state.idempotency_keys
        request.scope[_UNIT].claim = await keys.claim(request, session, key)


class UnitOfWorkRoute(APIRoute):
    """A route whose request commits once: the session `get_session` opened (if any) is
    committed after the endpoint and its serialisation, before the response is sent, and
    rolled back on any error; commit failures reach the error handlers like any other.

    Every writing route honours Idempotency-Key: its claim is the route's last dependency, a
    replay of a kept answer is sent instead of running the endpoint, and a success's answer is
    kept in the same commit as its change.

    A generator dependency could do the same, but FastAPI wraps each one in a cancel scope
    and exit stacks: about 0.1 ms a request (docs/performance.md, "Task list")."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        claims = (d.call is _claim_idempotency_key for d in self.dependant.dependencies)
        if (self.methods or set()) & UNSAFE_METHODS and not any(claims):
            self.dependant.dependencies.append(
                get_parameterless_sub_dependant(
                    depends=Depends(_claim_idempotency_key), path=self.path_format
                )
            )
        handle = super().get_route_handler()

        async def handle_as_unit_of_work(request: Request) -> Response:
            try:
                try:
                    response = await _within_time(request, handle)
                except Replay as replay:
                    response = replay.response
                else:
                    _keep_answer(request, response)
            except BaseException:
                await _end(request, commit=False)
                raise
            await _end(request, commit=True)
            return response

        return handle_as_unit_of_work


async def _within_time(
    request: Request, handle: Callable[[Request], Coroutine[Any, Any, Response]]
) -> Response:
    """The endpoint's answer, or `RequestTimedOut` past the request timeout (its work is
    cancelled; the unit of work then rolls back)."""
    seconds = request.app.state.settings.request_timeout_seconds
    deadline = asyncio.timeout(seconds or None)
    try:
        async with deadline:
            return await handle(request)
    except TimeoutError:
        if deadline.expired():
            raise RequestTimedOut(f"no answer within {seconds} s") from None
        raise


def _keep_answer(request: Request, response: Response) -> None:
    unit: _UnitOfWork | None = request.scope.get(_UNIT)
    if unit is not None and unit.claim is not None:
        keys: IdempotencyKeys = request.app.state.idempotency_keys
        keys.keep(unit.session, unit.claim, response)


async def _end(request: Request, *, commit: bool) -> None:
    unit: _UnitOfWork | None = request.scope.pop(_UNIT, None)
    if unit is None:
        return
    try:
        if commit:
            await unit.session.commit()
        else:
            await unit.session.rollback()
    finally:
        await unit.session.close()
