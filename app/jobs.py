"""Periodic upkeep run inside the API process.

Every job is safe to run from several processes at once (rows are claimed with
`FOR UPDATE SKIP LOCKED` on PostgreSQL and unique constraints make repeats no-ops), so each
replica may run them and no separate scheduler is needed.
"""

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.recurring.service import top_up

log = logging.getLogger("worklane.jobs")
INTERVAL_SECONDS = 3600


async def run_jobs_once(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    created = await top_up(sessionmaker)
    if created:
        log.info("recurring tasks created", extra={"count": created})


async def _loop(sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    while True:
        try:
            await run_jobs_once(sessionmaker)
        except Exception:
            log.exception("background jobs failed; retrying next round")
        await asyncio.sleep(INTERVAL_SECONDS)


def start_background_jobs(sessionmaker: async_sessionmaker[AsyncSession]) -> asyncio.Task[None]:
    return asyncio.create_task(_loop(sessionmaker), name="worklane-jobs")
