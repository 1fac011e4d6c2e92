"""Idempotency-Key on POST: a retry with the same key and body replays the first answer.

Keys are scoped per client credential and live `idempotency_ttl_hours`. The same key with a
different body is 422; a retry while the first request still runs is 409. The record is kept in
the database so every API process sees it. Server errors are not recorded: they may be retried.
"""

import hashlib
import json
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.clock import utcnow
from app.kit.asgi import read_body, replay_body, send_problem
from app.kit.client_identity import client_key
from app.kit.errors import Conflict, Unprocessable
from app.models import IdempotencyRecord

HEADER = "Idempotency-Key"
_REPLAYED_HEADERS = ("content-type", "location", "etag")


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, ttl_hours: int) -> None:
        self.app = app
        self.ttl = timedelta(hours=ttl_hours)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        is_post = scope["type"] == "http" and scope["method"] == "POST"
        key = Headers(scope=scope).get(HEADER) if is_post else None
        if key is None:
            await self.app(scope, receive, send)
            return
        if not 1 <= len(key) <= 255:
            problem = Unprocessable.at("/header/Idempotency-Key", "must be 1-255 characters")
            await send_problem(problem, receive, send)
            return
        body = await read_body(receive)
        request_hash = hashlib.sha256(
            b"\n".join([scope["path"].encode(), scope.get("query_string", b""), body])
        ).hexdigest()
        sessionmaker: async_sessionmaker[AsyncSession] = scope["app"].state.sessionmaker
        principal = client_key(scope)

        async with sessionmaker() as session:
            record = await session.get(IdempotencyRecord, (principal, key))
            if record is not None and record.created_at < utcnow() - self.ttl:
                await session.delete(record)
                await session.flush()
                record = None
            if record is not None:
                await self._answer_repeat(record, request_hash, receive, send)
                return
            session.add(
                IdempotencyRecord(
                    principal=principal, key=key, request_hash=request_hash, created_at=utcnow()
                )
            )
            try:
                await session.commit()
            except IntegrityError:
                await send_problem(_in_progress(), receive, send)
                return

        status, headers, chunks = 0, [], []

        async def recording_send(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], message.get("headers", [])
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_body(body), recording_send)
        finally:
            await self._record(sessionmaker, principal, key, status, headers, b"".join(chunks))

    async def _answer_repeat(
        self, record: IdempotencyRecord, request_hash: str, receive: Receive, send: Send
    ) -> None:
        if record.request_hash != request_hash:
            problem = Unprocessable(
                "This Idempotency-Key was already used with a different request.",
                code="idempotency_key_reused",
            )
            await send_problem(problem, receive, send)
        elif record.status_code is None:
            await send_problem(_in_progress(), receive, send)
        else:
            headers = [
                (k.encode(), v.encode()) for k, v in json.loads(record.response_headers or "[]")
            ]
            headers.append((b"idempotent-replayed", b"true"))
            await send(
                {"type": "http.response.start", "status": record.status_code, "headers": headers}
            )
            await send({"type": "http.response.body", "body": record.response_body or b""})

    async def _record(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        principal: str,
        key: str,
        status: int,
        headers: list[tuple[bytes, bytes]],
        body: bytes,
    ) -> None:
        async with sessionmaker() as session:
            if status == 0 or status >= 500:
                await session.execute(
                    delete(IdempotencyRecord).where(
                        IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
                    )
                )
            else:
                record = await session.scalar(
                    select(IdempotencyRecord).where(
                        IdempotencyRecord.principal == principal, IdempotencyRecord.key == key
                    )
                )
                if record is not None:
                    kept = [
                        (k.decode(), v.decode())
                        for k, v in headers
                        if k.decode().lower() in _REPLAYED_HEADERS
                    ]
                    record.status_code = status
                    record.response_headers = json.dumps(kept)
                    record.response_body = body
            await session.commit()


def _in_progress() -> Conflict:
    return Conflict(
        "A request with this Idempotency-Key is still being processed; retry shortly.",
        code="idempotency_in_progress",
        headers={"Retry-After": "1"},
    )
