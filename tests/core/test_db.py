"""The database as requests meet it (app/core/db.py): readers never wait for a writer, and a
request that cannot get the database in time answers 503 with Retry-After, never 500."""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.config import Settings
from app.core.db import is_sqlite
from tests.support.http import ClientFactory, app_with
from tests.support.places import Place, place, project_held

SHORT_WAIT = 0.3
UNREACHABLE = "postgresql+asyncpg://postgres@127.0.0.1:1/worklane"


async def scripted(app: FastAPI, where: Place) -> httpx.AsyncClient:
    """A client of `app` with a token of `where`'s owner, used once already (a token's first
    use records it: a write)."""
    token = await where.owner.token(where.wid, ["tasks:read", "tasks:write"])
    script = ClientFactory(app).bearer(token["token"])
    assert (await script.get(where.tasks)).status_code == 200
    return script


def assert_busy(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "database_busy"
    assert response.headers["Retry-After"] == "1"


@asynccontextmanager
async def writer_holding_the_project(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> AsyncIterator[tuple[Place, httpx.AsyncClient]]:
    """A script of an app that waits SHORT_WAIT for the database, while another writer holds
    the project (its row on PostgreSQL, the write lock on SQLite)."""
    where = await place(clients)
    async with app_with(settings, database_wait_seconds=SHORT_WAIT) as app:
        script = await scripted(app, where)
        async with project_held(sessionmaker, where):
            yield where, script


async def test_reads_are_answered_while_a_writer_holds_the_database(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with writer_holding_the_project(clients, sessionmaker, settings) as (where, script):
        started = time.monotonic()
        listed = await script.get(where.tasks)
        waited = time.monotonic() - started

    assert listed.status_code == 200, listed.text
    assert waited < SHORT_WAIT


async def test_a_write_that_cannot_lock_in_time_is_503_with_retry_after(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async with writer_holding_the_project(clients, sessionmaker, settings) as (where, script):
        refused = await script.post(where.tasks, json=where.new_task("Late"))

    assert_busy(refused)


async def test_a_writer_that_waits_past_its_turn_is_503(
    clients: ClientFactory, settings: Settings
) -> None:
    if not is_sqlite(settings.database_url):
        pytest.skip("PostgreSQL locks rows, not the database: writers do not queue")
    where = await place(clients)
    async with app_with(settings, database_wait_seconds=SHORT_WAIT) as app:
        script = await scripted(app, where)
        async with app.state.sessionmaker():  # a writer of the same process, e.g. a job
            refused = await script.post(where.tasks, json=where.new_task("Queued"))

    assert_busy(refused)


async def test_a_request_that_gets_no_connection_in_time_is_503(
    clients: ClientFactory, settings: Settings
) -> None:
    where = await place(clients)
    async with app_with(settings, database_wait_seconds=SHORT_WAIT, database_pool_size=1) as app:
        script = await scripted(app, where)
        async with app.state.engine.connect() as only_connection:
            await only_connection.execute(text("SELECT 1"))
            refused = await script.get(where.tasks)

    assert_busy(refused)


async def test_an_unreachable_database_is_503_with_retry_after(settings: Settings) -> None:
    async with app_with(settings, database_url=UNREACHABLE) as app:
        client = ClientFactory(app).client(headers={"Cookie": "wl_session=anything"})
        refused = await client.get("/api/v1/workspaces")

    assert refused.status_code == 503, refused.text
    assert refused.json()["code"] == "database_unavailable"
    assert refused.headers["Retry-After"] == "5"
