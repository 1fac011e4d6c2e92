"""Rate limits per client, counted in the shared database.

A client is the verified user a request authenticated as, or, for a request without a valid
credential, its address (what uvicorn reads behind a trusted proxy, `forwarded_allow_ips`): what
a client *sends* is never a key, so made-up credentials cannot each open a fresh count. A fixed
one-minute window per client. Every API answer carries `RateLimit-Policy` and
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

from app.core.security import digest
from app.kit.asgi import send_problem
from app.kit.client_identity import client_address
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
    await _prune_sometimes(session, now)
    reset = window_start + window_seconds - int(now)
    return count, reset


async def _prune_sometimes(session: AsyncSession, now: float) -> None:
    """Keep the table small without a separate janitor: now and then delete the counts of
    windows that began more than two hours ago (the longest window is an hour)."""
    if random.random() < 0.01:
        await session.execute(
            delete(RateLimitBucket).where(RateLimitBucket.window_start < now - 7200)
        )


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
    counts = {(key, start): count for key, start, count in await session.execute(counted)}
    await _prune_sometimes(session, time.time())
    return counts


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
    # Not yet added to the shared count: the first request's answer does that itself.
    fresh: bool = True


def _window(now: float) -> tuple[int, int]:
    """The current window's start, and seconds until it resets."""
    window_start = int(now // WINDOW_SECONDS) * WINDOW_SECONDS
    return window_start, window_start + WINDOW_SECONDS - int(now)


class RequestCounter:
    """This process's view of every client's count in the current window.

    `count` counts a request here, reading and writing nothing, so it can run while the
    request's transaction holds SQLite's write lock. `share` then brings the count to the
    shared one once the request's transaction is over: a client's first request in a window
    adds itself and reads what every process counted; after that a background flush every
    `sync_seconds` adds this process's requests, so the request path does not wait on the
    database.
    """

    def __init__(self, sync_seconds: float = 1.0) -> None:
        self.sync_seconds = sync_seconds
        self.counts: dict[str, _LocalCount] = {}
        self._flusher: asyncio.Task[None] | None = None

    def count(self, key: str) -> tuple[int, int]:
        """Count one request; answer (requests in the window so far, seconds until it resets)."""
        window_start, reset = _window(time.time())
        local = self.counts.get(key)
        if local is None or local.window_start != window_start:
            if local is not None:
                self._forget_before(window_start)
            local = self.counts[key] = _LocalCount(window_start)
        local.pending += 1
        return local.shared + local.pending, reset

    def seen(self, key: str) -> tuple[int, int]:
        """Requests counted for `key` in the current window as this process knows them, and
        seconds until the window resets; counts nothing."""
        window_start, reset = _window(time.time())
        local = self.counts.get(key)
        if local is None or local.window_start != window_start:
            return 0, reset
        return local.shared + local.pending, reset

    async def share(self, sessionmaker: async_sessionmaker[AsyncSession], key: str) -> None:
        """Add what was counted for `key` to the shared count: at once for its first request in
        the window, later (in the background) for the others."""
        local = self.counts.get(key)
        if local is None or not local.pending:
            return
        if local.fresh:
            local.fresh = False
            await self._add_to_shared(sessionmaker, {key: local})
        else:
            self._ensure_flushing(sessionmaker)

    async def hit(
        self, sessionmaker: async_sessionmaker[AsyncSession], key: str
    ) -> tuple[int, int]:
        """Count one request and share it; answer what `count` answers."""
        counted = self.count(key)
        await self.share(sessionmaker, key)
        return counted

    def _ensure_flushing(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_soon(sessionmaker))

    async def _flush_soon(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        await asyncio.sleep(self.sync_seconds)
        pending = {key: local for key, local in self.counts.items() if local.pending}
        if pending:
            await self._add_to_shared(sessionmaker, pending)

    async def _add_to_shared(
        self, sessionmaker: async_sessionmaker[AsyncSession], pending: dict[str, _LocalCount]
    ) -> None:
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
            self._ensure_flushing(sessionmaker)
            return
        for key, local in pending.items():
            local.shared = shared[key, local.window_start]

    def _forget_before(self, window_start: int) -> None:
        self.counts = {k: v for k, v in self.counts.items() if v.window_start >= window_start}


RATE_METER = "worklane.rate_meter"


class RequestMeter:
    """One request's rate limiting. The middleware makes it; authentication charges the
    verified identity (`charge_identity`); a request nobody charged by the time its answer
    starts (anonymous, or its credential failed) is charged to its client address."""

    def __init__(
        self,
        counter: RequestCounter,
        sessionmaker: async_sessionmaker[AsyncSession],
        limit: int,
        address_key: str,
    ) -> None:
        self.counter = counter
        self.sessionmaker = sessionmaker
        self.limit = limit
        self.key = address_key
        self.charged = False

    def address_spent(self) -> tuple[int, int] | None:
        """The address's count and reset when it has no request left this window (as this
        process knows it: nothing is read), else None."""
        count, reset = self.counter.seen(self.key)
        return (count, reset) if count >= self.limit else None

    def charge_identity(self, identity: str) -> None:
        """Count the request against `identity` rather than its address; 429 over the limit.
        Nothing is read or written here: the request's transaction may hold SQLite's lock."""
        self.key, self.charged = "req:" + identity, True
        count, reset = self.counter.count(self.key)
        if count > self.limit:
            raise self.refusal(count, reset)

    async def settle(self) -> tuple[int, int]:
        """Charge the address if nobody was charged, share the count; answer it and its reset."""
        if not self.charged:
            self.counter.count(self.key)
            self.charged = True
        await self.counter.share(self.sessionmaker, self.key)
        return self.counter.seen(self.key)

    def headers(self, count: int, reset: int) -> dict[str, str]:
        remaining = max(self.limit - count, 0)
        return {
            "RateLimit-Policy": f"{self.limit};w={WINDOW_SECONDS}",
            "RateLimit": f"limit={self.limit}, remaining={remaining}, reset={reset}",
        }

    def refusal(self, count: int, reset: int) -> TooManyRequests:
        problem = too_many(f"More than {self.limit} requests a minute; slow down.", reset)
        problem.headers = {**(problem.headers or {}), **self.headers(count, reset)}
        return problem


def charge_identity(scope: Scope, identity: str) -> None:
    """Count the request against `identity` (a verified user), not its address; 429 over the
    limit. Authentication calls this once it knows who is calling."""
    meter: RequestMeter | None = scope.get(RATE_METER)
    if meter is not None:
        meter.charge_identity(identity)


class RateLimitMiddleware:
    """Limits every API request, by who made it once that is known.

    Before the request runs only its address is known: an address that spent its minute on
    requests without a valid credential is refused at once, before any credential is looked
    up, so a stream of made-up tokens costs a dictionary lookup and no database work. Once the
    answer starts (the request's transaction is over) the count is shared.
    """

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.limit = per_minute
        self.counter = RequestCounter()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.limit <= 0 or scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        sessionmaker: async_sessionmaker[AsyncSession] = scope["app"].state.sessionmaker
        address_key = "req:" + digest("ip:" + client_address(scope))
        meter = RequestMeter(self.counter, sessionmaker, self.limit, address_key)
        spent = meter.address_spent()
        if spent is not None:
            await send_problem(meter.refusal(*spent), receive, send)
            return
        scope[RATE_METER] = meter

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in meter.headers(*await meter.settle()).items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
