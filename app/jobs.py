"""Periodic upkeep run inside the API process: recurring tasks topped up, expired
Idempotency-Key records and ended sessions deleted.

Every job is safe to run from several processes at once (rows are claimed with
`FOR UPDATE SKIP LOCKED` on PostgreSQL, unique constraints make repeats no-ops, deletions of
expired rows may overlap), so each replica may run them and no separate scheduler is needed.
"""

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.service import purge_ended_sessions
from app.core.config import Settings
from app.kit import idempotency
from app.recurring.service import top_up

log = logging.getLogger("worklane.jobs")
INTERVAL_SECONDS = 3600


async def purge_idempotency_records(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> int:
    """Delete the Idempotency-Key records past their lifetime; answers how many."""
    async with sessionmaker() as session:
        purged = await idempotency.purge_expired(session, settings)
        await session.commit()
    return purged


async def top_up_recurring_tasks(
    sessionmaker: async_sessionmaker[AsyncSession], _settings: Settings
) -> int:
    """Create the tasks of recurring rules 30 days ahead; answers how many."""
    return await top_up(sessionmaker)


JOBS = (top_up_recurring_tasks, purge_idempotency_records, purge_ended_sessions)


async def run_jobs_once(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Run every job once; one that fails does not keep the others from running."""
    for job in JOBS:
        try:
            done = await job(sessionmaker, settings)
        except Exception:
            log.exception("background job failed; retrying next round", extra={"job": job.__name__})
        else:
            if done:
                log.info("background job done", extra={"job": job.__name__, "count": done})


async def _loop(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    while True:
        await run_jobs_once(sessionmaker, settings)
        await asyncio.sleep(INTERVAL_SECONDS)


def start_background_jobs(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> asyncio.Task[None]:
    return asyncio.create_task(_loop(sessionmaker, settings), name="worklane-jobs")
