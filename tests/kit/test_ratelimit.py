"""Rate-limit counts shared through the database."""

import asyncio
import time
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.kit.ratelimit import WINDOW_SECONDS, RequestCounter, add_hits
from app.models import RateLimitBucket


async def _shared(sessionmaker: async_sessionmaker[AsyncSession], key: str) -> list[int]:
    async with sessionmaker() as session:
        return list(
            await session.scalars(select(RateLimitBucket.count).where(RateLimitBucket.key == key))
        )


async def test_hits_are_added_to_several_counts_at_once(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    first, second = f"test:{uuid.uuid4()}", f"test:{uuid.uuid4()}"
    async with sessionmaker() as session:
        await add_hits(session, {(first, 60): 2})
        counts = await add_hits(session, {(second, 60): 1, (first, 60): 3})
        await session.commit()

    assert counts == {(first, 60): 5, (second, 60): 1}


async def test_a_processs_pending_hits_reach_the_shared_count(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    counter, key = RequestCounter(sync_seconds=0.01), f"test:{uuid.uuid4()}"
    if time.time() % WINDOW_SECONDS > WINDOW_SECONDS - 2:
        await asyncio.sleep(2)  # stay inside one window

    answers = [await counter.hit(sessionmaker, key) for _ in range(3)]
    await asyncio.sleep(0.2)

    assert [count for count, _ in answers] == [1, 2, 3]
    assert await _shared(sessionmaker, key) == [3]
