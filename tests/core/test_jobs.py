from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.clock import utcnow
from app.core.config import Settings
from app.jobs import purge_idempotency_records
from app.models import IdempotencyRecord


def record(principal: str, age: timedelta) -> IdempotencyRecord:
    return IdempotencyRecord(
        principal=principal,
        key="k",
        request_hash="0" * 64,
        status_code=201,
        response_headers="[]",
        response_body=b"{}",
        created_at=utcnow() - age,
    )


async def test_expired_idempotency_records_are_purged_and_live_ones_kept(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    lifetime = timedelta(hours=settings.idempotency_ttl_hours)
    async with sessionmaker() as session:
        session.add_all(
            [
                record("expired", lifetime + timedelta(minutes=1)),
                record("live", lifetime - timedelta(minutes=1)),
            ]
        )
        await session.commit()

    purged = await purge_idempotency_records(sessionmaker, settings)

    async with sessionmaker() as session:
        left = set(
            await session.scalars(
                select(IdempotencyRecord.principal).where(
                    IdempotencyRecord.principal.in_(["expired", "live"])
                )
            )
        )
    assert left == {"live"}
    assert purged >= 1
