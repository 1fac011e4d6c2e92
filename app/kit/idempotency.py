"""Idempotency-Key on every write: a retry with the same key and request replays the first
success, and the change is made exactly once.

The route class (`UnitOfWorkRoute`, app/core/db.py) claims the key and keeps the answer in the
request's own transaction, after authentication and authorisation, through `IdempotencyKeys`:
the change and the answer to its retries commit together or not at all, and the answer goes out
only after that commit.

- Only successes (2xx) are kept. An error rolls the transaction back, so nothing changed and
  nothing is kept: the key is free again and the request may be retried at once.
- A retry of a success gets the kept answer with `Idempotent-Replayed: true`, but only with the
  credential (token or session) that made it, and only while that credential may still make
  the request.
- An answer that carries a secret (`Cache-Control: no-store`, or a cookie) is never kept: its
  retries get 409 `idempotency_secret_not_replayable`. One larger than
  `idempotency_max_response_bytes` is not kept either: 409 `idempotency_response_too_large`.
- A retry while the first request still runs waits for it (`idempotency_wait_seconds` at most)
  and replays; past the wait it is 409 `idempotency_in_progress` with `Retry-After`.
- The same key with another request (method, path, query or body) is 422.

Keys are scoped per credential and live `idempotency_ttl_hours`; a periodic job purges older
records (`purge_expired`).
"""

import asyncio
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request, Response
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import Replay
from app.kit.client_identity import client_key
from app.kit.errors import Conflict, Problem, Unprocessable, problem_response
from app.models import IdempotencyRecord

_REPLAYED_HEADERS = ("content-type", "location", "etag")
# Advisory locks in this namespace are idempotency keys being worked on (PostgreSQL).
_LOCK_NAMESPACE = 0x1DE4
_FIRST_PAUSE_SECONDS = 0.01
_LONGEST_PAUSE_SECONDS = 0.2


@dataclass(frozen=True)
class Claim:
    """A key this request holds: its answer is kept when the request succeeds."""

    principal: str
    key: str
    request_hash: str


class IdempotencyKeys:
    """The `IdempotencyKeys` of app/core/db.py, with the settings' lifetime, wait and size."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def claim(self, request: Request, session: AsyncSession, key: str) -> Claim:
        """Claim `key` for this request, or raise `Replay` with the kept answer of its first
        success (422 for the key reused with another request, 409 when the first outlasts the
        wait)."""
        principal = client_key(request.scope)
        request_hash = await _fingerprint(request)
        await _wait_for_others(session, principal, key, self.settings.idempotency_wait_seconds)
        record = await session.get(IdempotencyRecord, (principal, key))
        if record is not None and record.created_at < _oldest_usable(self.settings):
            await session.delete(record)
            await session.flush()
            record = None
        if record is None:
            return Claim(principal, key, request_hash)
        if record.request_hash != request_hash:
            raise Unprocessable(
                "This Idempotency-Key was already used with a different request.",
                code="idempotency_key_reused",
            )
        if record.status_code is None:  # claimed by an earlier release, which kept answers later
            raise _in_progress()
        raise Replay(_replay_of(record, record.status_code))

    def keep(self, session: AsyncSession, claim: object, response: Response) -> None:
        """Add the answer to `claim`'s retries to the request's transaction (successes only)."""
        assert isinstance(claim, Claim)
        if not 200 <= response.status_code < 300:
            return
        kept = _answer_for_retries(response, self.settings.idempotency_max_response_bytes)
        headers = [
            (name, value) for name, value in kept.headers.items() if name in _REPLAYED_HEADERS
        ]
        session.add(
            IdempotencyRecord(
                principal=claim.principal,
                key=claim.key,
                request_hash=claim.request_hash,
                status_code=kept.status_code,
                response_headers=json.dumps(headers),
                response_body=bytes(kept.body),
                created_at=utcnow(),
            )
        )


async def purge_expired(session: AsyncSession, settings: Settings) -> int:
    """Delete the records no retry can use any more; answer how many."""
    result = await session.execute(
        delete(IdempotencyRecord).where(IdempotencyRecord.created_at < _oldest_usable(settings))
    )
    return int(getattr(result, "rowcount", 0))


async def _fingerprint(request: Request) -> str:
    parts = [request.method, request.url.path, request.url.query]
    digest = hashlib.sha256("\n".join(parts).encode() + b"\n" + await request.body())
    return digest.hexdigest()


def _oldest_usable(settings: Settings) -> datetime:
    return utcnow() - timedelta(hours=settings.idempotency_ttl_hours)


async def _wait_for_others(
    session: AsyncSession, principal: str, key: str, wait_seconds: float
) -> None:
    """Wait until no other transaction works on this key. SQLite has one writer at a time, so
    a retry cannot even start before the first request ends; on PostgreSQL the key is a
    transaction-level advisory lock, polled (a blocking wait could not be bounded without
    changing the transaction's lock timeout)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    lock_id = hashlib.sha256(f"{principal}\n{key}".encode()).digest()[:4]
    try_lock = select(
        func.pg_try_advisory_xact_lock(_LOCK_NAMESPACE, int.from_bytes(lock_id, signed=True))
    )
    deadline = time.monotonic() + wait_seconds
    pause = _FIRST_PAUSE_SECONDS
    while not await session.scalar(try_lock):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _in_progress()
        await asyncio.sleep(min(pause, remaining))
        pause = min(pause * 2, _LONGEST_PAUSE_SECONDS)


def _answer_for_retries(response: Response, max_bytes: int) -> Response:
    """`response` itself, or the problem its retries get when it cannot be kept."""
    cache_control = response.headers.get("cache-control", "").lower()
    if "no-store" in cache_control or "set-cookie" in response.headers:
        return problem_response(
            _not_replayable(
                "it carried a secret, which is shown only once",
                "idempotency_secret_not_replayable",
            )
        )
    if len(response.body) > max_bytes:
        return problem_response(
            _not_replayable("it was too large to keep", "idempotency_response_too_large")
        )
    return response


def _not_replayable(why: str, code: str) -> Problem:
    return Conflict(
        f"The request with this Idempotency-Key succeeded, but its answer is not replayed: "
        f"{why}. Read the resource to see the outcome.",
        code=code,
    )


def _replay_of(record: IdempotencyRecord, status_code: int) -> Response:
    headers = dict(json.loads(record.response_headers or "[]"))
    headers["Idempotent-Replayed"] = "true"
    return Response(content=record.response_body or b"", status_code=status_code, headers=headers)


def _in_progress() -> Conflict:
    return Conflict(
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        code="idempotency_in_progress",
        headers={"Retry-After": "1"},
    )
