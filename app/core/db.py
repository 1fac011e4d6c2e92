"""Engine, sessions and the request's unit of work.

One request, one transaction: services and repositories only `flush()`; the session dependency
commits once after the endpoint has produced its answer and before the answer is sent.
"""

from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Annotated, Any

from fastapi import Depends, Request, Response
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

# SQLite takes its write lock lazily, so a request that reads and then writes can find the lock
# taken by another writer and fail at once. Unsafe requests therefore begin IMMEDIATE.
_sqlite_begin = ContextVar("sqlite_begin", default="BEGIN")


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, *, echo: bool = False, pool_size: int = 20) -> AsyncEngine:
    if is_sqlite(url):
        engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30})
        _configure_sqlite(engine)
        return engine
    # Connections are recycled rather than pinged before every checkout (a round trip each).
    # No overflow: an overflow connection is closed as soon as it is returned, so a steady load
    # above the pool's size would open and close (TLS probe included) a connection per request.
    return create_async_engine(
        url, echo=echo, pool_size=pool_size, max_overflow=0, pool_recycle=1800
    )


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when a transaction begins (see do_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(_sqlite_begin.get())


def create_sessionmaker(
    engine: AsyncEngine, *, session_class: type[SyncSession], **session_options: Any
) -> async_sessionmaker[AsyncSession]:
    """Sessions of `session_class`, made with `session_options`. The wiring hands in the auth
    domain's credential-watching session and its cache (app/auth/credentials.py), whose commits
    clear the cache when they change a credential: core knows no domain."""
    return async_sessionmaker(
        engine,
        expire_on_commit=False,
        autoflush=False,
        sync_session_class=session_class,
        **session_options,
    )


def create_read_sessionmaker(
    engine: AsyncEngine, *, session_class: type[SyncSession], **session_options: Any
) -> async_sessionmaker[AsyncSession]:
    """Sessions for safe requests. On PostgreSQL they run in autocommit: at READ COMMITTED every
    statement has its own snapshot anyway, so BEGIN and COMMIT would only add two round trips
    to every read. SQLite keeps its transaction (one snapshot for the request, and the lock
    protocol above)."""
    if engine.dialect.name != "sqlite":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return create_sessionmaker(engine, session_class=session_class, **session_options)


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


_SESSION = "worklane.session"


async def get_session(request: Request) -> AsyncSession:
    """The request's session. `UnitOfWorkRoute` commits it once the endpoint's answer is ready,
    before the answer goes out, so a client never sees a success that was not stored; any
    error rolls it back."""
    sessionmaker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    if request.method in UNSAFE_METHODS:
        sessionmaker = request.app.state.sessionmaker
        _sqlite_begin.set("BEGIN IMMEDIATE")
    session = sessionmaker()
    request.scope[_SESSION] = session
    return session


Session = Annotated[AsyncSession, Depends(get_session)]


class UnitOfWorkRoute(APIRoute):
    """A route whose request commits once: the session `get_session` opened (if any) is
    committed after the endpoint and its serialisation, before the response is sent, and
    rolled back on any error; commit failures reach the error handlers like any other.

    A generator dependency could do the same, but FastAPI wraps each one in a cancel scope
    and exit stacks: about 0.1 ms a request (docs/performance.md, "Task list")."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_as_unit_of_work(request: Request) -> Response:
            try:
                response = await handle(request)
            except BaseException:
                await _end_session(request, commit=False)
                raise
            await _end_session(request, commit=True)
            return response

        return handle_as_unit_of_work


async def _end_session(request: Request, *, commit: bool) -> None:
    session: AsyncSession | None = request.scope.pop(_SESSION, None)
    if session is None:
        return
    try:
        if commit:
            await session.commit()
        else:
            await session.rollback()
    finally:
        await session.close()
