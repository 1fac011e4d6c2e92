"""plain_rows: a read of plain columns runs on the driver when it can, with SQLAlchemy's values."""

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Select, bindparam, literal, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.kit.sql import plain_rows
from app.models import Task
from tests.support.database import recorded_statements
from tests.support.http import ClientFactory

task = Task.__table__.c
# A bind processor (the UTC datetime), result processors (timestamps, numeric), a constant.
TASKS_SINCE = (
    select(task.id, task.title, task.estimate_hours, task.created_at, literal("x").label("mark"))
    .where(task.workspace_id == bindparam("workspace_id"), task.created_at >= bindparam("since"))
    .order_by(task.created_at, task.id)
)
TASKS_AMONG = select(task.id, task.title).where(task.id.in_(bindparam("ids", expanding=True)))


def _selects(statements: list[str]) -> int:
    return sum(statement.lstrip().startswith("SELECT") for statement in statements)


async def _workspace_with_tasks(clients: ClientFactory) -> tuple[uuid.UUID, list[str]]:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]
    project = await owner.project(workspace_id)
    ids = [
        (await owner.task(workspace_id, project["id"], title=title, estimate_hours=hours))["id"]
        for title, hours in (("Plan", 2.5), ("Build", None), ("Ship", 8))
    ]
    return uuid.UUID(workspace_id), ids


async def _through_sqlalchemy(
    sessionmaker: async_sessionmaker[AsyncSession], statement: Select[Any], values: dict[str, Any]
) -> list[dict[str, Any]]:
    async with sessionmaker() as session:
        result = await (await session.connection()).execute(statement, values)
        return [row._asdict() for row in result]


async def _plain(
    sessionmaker: async_sessionmaker[AsyncSession], statement: Select[Any], values: dict[str, Any]
) -> list[dict[str, Any]]:
    async with sessionmaker() as session:
        return await plain_rows(session, statement, values)


async def test_plain_rows_are_the_values_sqlalchemy_reads(clients: ClientFactory, app: Any) -> None:
    workspace_id, _ = await _workspace_with_tasks(clients)
    values = {"workspace_id": workspace_id, "since": datetime(2020, 1, 1, tzinfo=UTC)}
    reads = app.state.read_sessionmaker

    expected = await _through_sqlalchemy(reads, TASKS_SINCE, values)
    answers = [await _plain(reads, TASKS_SINCE, values) for _ in range(3)]

    assert [row["title"] for row in expected] == ["Plan", "Build", "Ship"]
    assert all(answer == expected for answer in answers)
    assert all(row["created_at"].tzinfo is not None for row in answers[-1])


async def test_a_repeated_read_in_autocommit_on_postgresql_skips_sqlalchemy(
    clients: ClientFactory, app: Any, engine: AsyncEngine
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite reads always go through SQLAlchemy")
    workspace_id, _ = await _workspace_with_tasks(clients)
    values = {"workspace_id": workspace_id, "since": datetime(2020, 1, 1, tzinfo=UTC)}
    await _plain(app.state.read_sessionmaker, TASKS_SINCE, values)

    with recorded_statements(engine) as seen:
        rows = await _plain(app.state.read_sessionmaker, TASKS_SINCE, values)

    assert len(rows) == 3
    assert seen == []


async def test_a_read_inside_a_transaction_goes_through_sqlalchemy(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    workspace_id, _ = await _workspace_with_tasks(clients)
    values = {"workspace_id": workspace_id, "since": datetime(2020, 1, 1, tzinfo=UTC)}
    await _plain(sessionmaker, TASKS_SINCE, values)

    with recorded_statements(engine) as seen:
        rows = await _plain(sessionmaker, TASKS_SINCE, values)

    assert len(rows) == 3
    assert _selects(seen) == 1


async def test_expanding_parameters_are_left_to_sqlalchemy(
    clients: ClientFactory, app: Any, engine: AsyncEngine
) -> None:
    _, ids = await _workspace_with_tasks(clients)
    values = {"ids": [uuid.UUID(ids[0]), uuid.UUID(ids[2])]}
    await _plain(app.state.read_sessionmaker, TASKS_AMONG, values)

    with recorded_statements(engine) as seen:
        rows = await _plain(app.state.read_sessionmaker, TASKS_AMONG, values)

    assert sorted(row["title"] for row in rows) == ["Plan", "Ship"]
    assert _selects(seen) == 1
