"""What the benchmark learns from a seeded database and from the app's own code: the request
mix, the list query that `tasks:list` sends (captured through app.tasks.service.page, so it
follows any change to the app) and that query's plans."""

import asyncio
import random
import statistics
from dataclasses import dataclass
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.auth.credentials import CredentialWatchingSession, MemberRef, UserRef
from app.auth.repository import AuthRepository
from app.core.db import create_engine, create_sessionmaker
from app.models import User
from app.tasks import service
from app.tasks.schemas import StatusCategory, TaskListQuery
from bench.tasks_query import Filters, ListQuery
from bench.tasks_seed import World

CATEGORIES = ("todo", "in_progress")
# Every (project, assignee, category) that has at least one task, with how many it has.
COMBINATIONS = """
SELECT t.project_id, a.member_id, s.category, count(*) AS n
FROM task t
JOIN task_assignee a ON a.workspace_id = t.workspace_id AND a.task_id = t.id
JOIN workflow_status s ON s.workspace_id = t.workspace_id AND s.id = t.status_id
WHERE t.workspace_id = $1 AND s.category = ANY($2::text[])
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
"""


@dataclass(frozen=True)
class Mix:
    requests: tuple[Filters, ...]
    items: float  # mean items per page
    largest: Filters  # the request that matches the most tasks


@dataclass(frozen=True)
class Plans:
    # EXPLAIN ANALYZE with the request's values, as PostgreSQL plans a statement's first runs.
    custom: str
    # The same under plan_cache_mode = force_generic_plan: a prepared statement (asyncpg
    # prepares every one) may switch to its generic plan after five runs.
    generic: str


async def _fetch(dsn: str, sql: str, *args: Any) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(dsn)
    try:
        return list(await connection.fetch(sql, *args))
    finally:
        await connection.close()


def server_version(world: World) -> str:
    return str(asyncio.run(_fetch(world.dsn, "SHOW server_version"))[0][0]).split()[0]


def request_mix(world: World, size: int, limit: int, seed: int = 7) -> Mix:
    """`size` requests drawn uniformly from the combinations that have tasks."""
    rows = asyncio.run(_fetch(world.dsn, COMBINATIONS, world.workspace_id, list(CATEGORIES)))
    picked = random.Random(seed).choices(rows, k=size)
    largest = max(rows, key=lambda row: row["n"])
    return Mix(
        requests=tuple(_filters(row) for row in picked),
        items=statistics.fmean(min(row["n"], limit) for row in picked),
        largest=_filters(largest),
    )


def _filters(row: asyncpg.Record) -> Filters:
    return Filters(row["project_id"], row["category"], row["member_id"])


def capture(world: World, filters: Filters, limit: int) -> ListQuery:
    return asyncio.run(_capture(world, filters, limit))


async def _capture(world: World, filters: Filters, limit: int) -> ListQuery:
    engine = create_engine(world.url)
    statements: list[tuple[str, tuple[Any, ...]]] = []

    def record(*args: Any) -> None:
        _connection, _cursor, statement, parameters, _context, _many = args
        statements.append((statement, tuple(parameters)))

    try:
        sessions = create_sessionmaker(engine, session_class=CredentialWatchingSession)
        async with sessions() as session:
            principal = await _principal(session, world)
            event.listen(engine.sync_engine, "before_cursor_execute", record)
            await service.page(
                session,
                principal,
                TaskListQuery(
                    project_id=filters.project_id,
                    status_category=StatusCategory(filters.category),
                    assignee=str(filters.assignee_id),
                    limit=limit,
                ),
            )
    finally:
        await engine.dispose()
    if len(statements) != 1:
        raise RuntimeError(
            f"tasks.service.page sent {len(statements)} statements; the baseline replays one"
        )
    sql, values = statements[0]
    return ListQuery.from_capture(sql, values, world.workspace_id, filters)


async def _principal(session: AsyncSession, world: World) -> Principal:
    user = await session.get(User, world.user_id)
    member = await AuthRepository(session).member_of(world.workspace_id, world.user_id)
    if user is None or member is None:
        raise RuntimeError("the benchmark user is missing from the seeded database")
    return Principal(
        user=UserRef.of(user), member=MemberRef.of(member), role=Role(member.role), token=None
    )


def explain(world: World, query: ListQuery, filters: Filters) -> Plans:
    return asyncio.run(_explain(world, query, filters))


async def _explain(world: World, query: ListQuery, filters: Filters) -> Plans:
    args = query.args(world.workspace_id, filters)
    connection = await asyncpg.connect(world.dsn)
    try:
        await connection.fetch(query.sql, *args)  # both plans then read from a warm cache
        custom = await connection.fetch("EXPLAIN (ANALYZE, BUFFERS) " + query.sql, *args)
        await connection.execute("PREPARE bench_list AS " + query.sql)
        await connection.execute("SET plan_cache_mode = force_generic_plan")
        values = ", ".join(_literal(value) for value in args)
        generic = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_list({values})")
    finally:
        await connection.close()
    return Plans(_text(custom), _text(generic))


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool | int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _text(rows: list[asyncpg.Record]) -> str:
    return "\n".join(row[0] for row in rows)
