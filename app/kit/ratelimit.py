"""Rate limits per client (token, session or address), counted in the shared database.

A fixed one-minute window per client. Every API answer carries `RateLimit-Policy` and
`RateLimit` headers (IETF draft); over the limit the answer is 429 with `Retry-After`.

Each process adds its hits to the shared count at most once a second per client (and on a
client's first request in a window), so a busy client costs one small write a second rather than
one per request; what other processes counted shows up within that second.
"""

import asyncio
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.kit.asgi import send_problem
from app.kit.client_identity import client_key
from app.kit.errors import TooManyRequests
from app.models import RateLimitBucket

WINDOW_SECONDS = 60
log = logging.getLogger("worklane.ratelimit")


async def hit(
    session: AsyncSession,
    key: str,
    *,
    increment: int = 1,
    window_seconds: int = WINDOW_SECONDS,
    now: float | None = None,
) -> tuple[int, int]:
    """Count hits for `key`; answer (hits in the current window, seconds until it resets)."""
    now = time.time() if now is None else now
    window_start = int(now // window_seconds) * window_seconds
    dialect = session.get_bind().dialect.name
    upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(RateLimitBucket)
    statement = (
        upsert.values(key=key, window_start=window_start, count=increment)
        .on_conflict_do_update(
            index_elements=["key", "window_start"],
            set_={"count": RateLimitBucket.count + increment},
        )
        .returning(RateLimitBucket.count)
    )
    count = (await session.execute(statement)).scalar_one()
    if random.random() < 0.01:  # keep the table small without a separate janitor
        await session.execute(
            delete(RateLimitBucket).where(RateLimitBucket.window_start < window_start - 3600)
        )
    reset = window_start + window_seconds - int(now)
    return count, reset


async def add_hits(
    session: AsyncSession, increments: Mapping[tuple[str, int], int]
) -> dict[tuple[str, int], int]:
    """Add hits to several (key, window start) counts in one statement; answer the counts.
    Rows are locked in key order, so processes flushing at once cannot deadlock."""
    dialect = session.get_bind().dialect.name
    upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(RateLimitBucket)
    statement = upsert.values(
        [
            {"key": key, "window_start": window_start, "count": count}
            for (key, window_start), count in sorted(increments.items())
        ]
    )
    counted = statement.on_conflict_do_update(
        index_elements=["key", "window_start"],
        set_={"count": RateLimitBucket.count + statement.excluded.count},
    ).returning(RateLimitBucket.key, RateLimitBucket.window_start, RateLimitBucket.count)
    rows = await session.execute(counted)
    return {(key, window_start): count for key, window_start, count in rows}


async def hits_so_far(
    session: AsyncSession, key: str, *, window_seconds: int, now: float | None = None
) -> tuple[int, int]:
    """Hits already counted for `key` in the current window, and seconds until it resets."""
    now = time.time() if now is None else now
    window_start = int(now // window_seconds) * window_seconds
    bucket = await session.get(RateLimitBucket, (key, window_start))
    return (bucket.count if bucket else 0), window_start + window_seconds - int(now)


def too_many(detail: str, retry_after: int, code: str = "rate_limited") -> TooManyRequests:
    return TooManyRequests(detail, code=code, headers={"Retry-After": str(max(retry_after, 1))})


@dataclass
class _LocalCount:
    window_start: int
    shared: int = 0
    pending: int = 0
    synced_at: float = 0.0


class RequestCounter:
    """This process's view of every client's count in the current window.

    A client's first request in a window reads the shared count; after that its requests are
    counted here and added to the shared count by a background flush every `sync_seconds`, so
    the request path does not wait on the database.
    """

    def __init__(self, sync_seconds: float = 1.0) -> None:
        self.sync_seconds = sync_seconds
        self.counts: dict[str, _LocalCount] = {}
        self._flusher: asyncio.Task[None] | None = None

    async def hit(
        self, sessionmaker: async_sessionmaker[AsyncSession], key: str
    ) -> tuple[int, int]:
        """Count one request; answer (requests in the window so far, seconds until it resets)."""
        now = time.time()
        window_start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
        local = self.counts.get(key)
        if local is None or local.window_start != window_start:
            if local is not None:
                self._forget_before(window_start)
            local = self.counts[key] = _LocalCount(window_start)
            async with sessionmaker() as session:
                local.shared, _ = await hit(session, key, now=now)
                await session.commit()
        else:
            local.pending += 1
            self._ensure_flushing(sessionmaker)
        return local.shared + local.pending, window_start + WINDOW_SECONDS - int(now)

    def _ensure_flushing(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_soon(sessionmaker))

    async def _flush_soon(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        await asyncio.sleep(self.sync_seconds)
        pending = {key: local for key, local in self.counts.items() if local.pending}
        if not pending:
            return
        increments = {(key, local.window_start): local.pending for key, local in pending.items()}
        for local in pending.values():
            local.pending = 0
        try:
            async with sessionmaker() as session:
                shared = await add_hits(session, increments)
                await session.commit()
        except Exception:
            for local, count in zip(pending.values(), increments.values(), strict=True):
                local.pending += count
            log.warning("could not share rate-limit counts; retrying", exc_info=True)
            return
        for key, local in pending.items():
            local.shared = shared[key, local.window_start]

    def _forget_before(self, window_start: int) -> None:
        self.counts = {k: v for k, v in self.counts.items() if v.window_start >= window_start}


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.limit = per_minute
        self.counter = RequestCounter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit <= 0 or scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        sessionmaker: async_sessionmaker[AsyncSession] = scope["app"].state.sessionmaker
        count, reset = await self.counter.hit(sessionmaker, "req:" + client_key(scope))
        remaining = max(self.limit - count, 0)
        rate_headers = {
            "RateLimit-Policy": f"{self.limit};w={WINDOW_SECONDS}",
            "RateLimit": f"limit={self.limit}, remaining={remaining}, reset={reset}",
        }
        if count > self.limit:
            problem = too_many(f"More than {self.limit} requests a minute; slow down.", reset)
            problem.headers = {**(problem.headers or {}), **rate_headers}
            await send_problem(problem, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in rate_headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
