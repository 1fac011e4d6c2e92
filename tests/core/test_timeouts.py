"""Nothing runs unbounded: a request past its timeout is abandoned and rolled back (503 with
Retry-After), and on PostgreSQL a statement past its timeout is cancelled (503)."""

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.config import Settings
from app.core.db import is_sqlite
from app.tasks import service as tasks
from tests.support.http import ClientFactory, app_with
from tests.support.places import place, task_titles


def _unavailable(response: httpx.Response) -> str:
    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"]
    assert response.headers["content-type"].startswith("application/problem+json")
    code: str = response.json()["code"]
    return code


async def test_a_request_past_its_timeout_is_503_and_rolled_back(
    clients: ClientFactory,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    where = await place(clients)
    create = tasks.create

    async def create_then_stall(*args: Any, **kwargs: Any) -> Any:
        created = await create(*args, **kwargs)
        await asyncio.sleep(10)
        return created

    async with app_with(settings, request_timeout_seconds=0.3) as app:
        owner = ClientFactory(app).client()
        owner.cookies, owner.headers = where.owner.client.cookies, where.owner.client.headers
        monkeypatch.setattr(tasks, "create", create_then_stall)
        abandoned = await owner.post(where.tasks, json=where.new_task("Abandoned"))

    assert _unavailable(abandoned) == "request_timeout"
    assert "Abandoned" not in await task_titles(sessionmaker, where.wid)


async def test_a_statement_past_its_timeout_is_cancelled_and_503(
    clients: ClientFactory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    if is_sqlite(settings.database_url):
        pytest.skip("SQLite has no statement timeout; the request timeout bounds it")
    where = await place(clients)
    page = tasks.page

    async def slow_page(session: AsyncSession, *args: Any, **kwargs: Any) -> Any:
        await session.execute(text("SELECT pg_sleep(5)"))
        return await page(session, *args, **kwargs)

    async with app_with(settings, statement_timeout_seconds=0.2) as app:
        owner = ClientFactory(app).client()
        owner.cookies, owner.headers = where.owner.client.cookies, where.owner.client.headers
        monkeypatch.setattr(tasks, "page", slow_page)
        cancelled = await owner.get(where.tasks)

    assert _unavailable(cancelled) == "database_busy"
