"""Time reports over 2,000,000 entries: the endpoints against the bare SQL aggregates they run.

    uv run python -m bench.time_reports [--entries 2000000] [--repeat 7] [--keep]

Seeds a throwaway PostgreSQL database (migrated, then bulk-loaded with COPY the way
bench.tasks_seed loads tasks): one workspace, 1,000 members in 50 teams, 20 projects (one of
them with 10,000 tasks), and the entries over two years, each with the cost and bill rates in
force on its date (every member's cost rate changes once, mid-period). Then, in the same run,
times each report through the whole app in process (httpx ASGI transport, API token) and the
same SQL statements the report's repository builds, executed directly on asyncpg; medians of
`--repeat` runs, alternating the two, after a warm-up.
"""

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import httpx
from sqlalchemy import Select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.config import Settings
from app.core.ids import new_id
from app.core.security import digest, new_api_token
from app.main import create_app
from app.reports.repository import ReportRepository, TimeFilters
from bench.tasks_seed import _bulk_load, create_database, database_urls, drop_database

DATABASE = "worklane_bench_time"
MEMBERS = 1_000
TEAMS = 50
PROJECTS = 20
BIG_TASKS = 10_000
SMALL_TASKS = 200
# The share of entries on the 10,000-task project.
BIG_SHARE = 0.2
DAYS = 730
CHUNK = 100_000
STAMPED = ("version", "created_at", "updated_at")
WORK_TYPES = ("development", "meeting", "support")
_DIALECT = asyncpg_dialect()
ENTRY_COLUMNS = (
    "workspace_id",
    "id",
    "member_id",
    "project_id",
    "task_id",
    "date",
    "minutes",
    "running",
    "description",
    "billable",
    "work_type",
    "cost_rate",
    "bill_rate",
    *STAMPED,
)


@dataclass(frozen=True)
class World:
    dsn: str
    url: str
    workspace_id: uuid.UUID
    big_project: uuid.UUID
    token: str
    first_day: date


async def _copy(
    connection: asyncpg.Connection, table: str, columns: tuple[str, ...], rows: list[Any]
) -> None:
    await connection.copy_records_to_table(table, records=rows, columns=list(columns))


async def _seed(entries: int, rng: random.Random) -> World:
    dsn, url = database_urls(DATABASE)
    now = datetime.now(UTC)
    first_day = now.date() - timedelta(days=DAYS)
    stamped = (1, now, now)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("SET maintenance_work_mem = '256MB'")
        async with connection.transaction():
            workspace_id = new_id()
            user_ids = [new_id() for _ in range(MEMBERS)]
            member_ids = [new_id() for _ in range(MEMBERS)]
            await _copy(
                connection,
                "user_account",
                ("id", "email", "name", "password_hash", "is_active", *STAMPED),
                [
                    (u, f"t{i}@example.com", f"U{i}", "!", True, *stamped)
                    for i, u in enumerate(user_ids)
                ],
            )
            await _copy(
                connection,
                "workspace",
                ("id", "name", "timezone", "week_start", "timer_rounding_minutes", *STAMPED),
                [(workspace_id, "Bench", "UTC", 1, 1, *stamped)],
            )
            await _copy(
                connection,
                "member",
                ("workspace_id", "id", "user_id", "role", "weekly_capacity_hours", *STAMPED),
                [
                    (workspace_id, m, u, "owner" if i == 0 else "member", Decimal(40), *stamped)
                    for i, (m, u) in enumerate(zip(member_ids, user_ids, strict=True))
                ],
            )
            team_ids = [new_id() for _ in range(TEAMS)]
            await _copy(
                connection,
                "team",
                ("workspace_id", "id", "name", *STAMPED),
                [(workspace_id, t, f"Team {i}", *stamped) for i, t in enumerate(team_ids)],
            )
            await _copy(
                connection,
                "team_member",
                ("workspace_id", "team_id", "member_id"),
                [(workspace_id, team_ids[i % TEAMS], m) for i, m in enumerate(member_ids)],
            )
            await _copy(
                connection,
                "work_type",
                ("workspace_id", "id", "key", "name", *STAMPED),
                [(workspace_id, new_id(), key, key.title(), *stamped) for key in WORK_TYPES],
            )
            projects, tasks = await _projects(connection, rng, workspace_id, member_ids[0], now)
            bill_rates = {p: Decimal(rng.randrange(80, 160)) for p in projects}
            change_day = first_day + timedelta(days=DAYS // 2)
            cost_rates = {
                m: (
                    Decimal(rng.randrange(3000, 9000)) / 100,
                    Decimal(rng.randrange(3000, 9000)) / 100,
                )
                for m in member_ids
            }
            await _copy(
                connection,
                "rate",
                ("workspace_id", "id", "kind", "member_id", "project_id", "hourly_rate",
                 "currency", "effective_from", *STAMPED),
                [
                    (workspace_id, new_id(), "cost", m, None, rate, "EUR", day, *stamped)
                    for m, (before, after) in cost_rates.items()
                    for rate, day in ((before, date(1970, 1, 1)), (after, change_day))
                ]
                + [
                    (workspace_id, new_id(), "bill", None, p, rate, "EUR", date(1970, 1, 1),
                     *stamped)
                    for p, rate in bill_rates.items()
                ],
            )  # fmt: skip
            async with _bulk_load(connection, ("time_entry",)):
                for offset in range(0, entries, CHUNK):
                    rows = [
                        _entry(rng, workspace_id, member_ids, projects, tasks, cost_rates,
                               bill_rates, first_day, change_day, now)
                        for _ in range(min(CHUNK, entries - offset))
                    ]  # fmt: skip
                    await _copy(connection, "time_entry", ENTRY_COLUMNS, rows)
            token = new_api_token()
            await _copy(
                connection,
                "api_token",
                ("workspace_id", "id", "member_id", "name", "prefix", "digest", "scopes", *STAMPED),
                [(workspace_id, new_id(), member_ids[0], "bench", token[:12], digest(token),
                  '["time:read"]', *stamped)],
            )  # fmt: skip
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return World(dsn, url, workspace_id, projects[0], token, first_day)


async def _projects(
    connection: asyncpg.Connection,
    rng: random.Random,
    workspace_id: uuid.UUID,
    owner: uuid.UUID,
    now: datetime,
) -> tuple[list[uuid.UUID], dict[uuid.UUID, list[uuid.UUID]]]:
    """The projects (the first has BIG_TASKS tasks) and their task ids."""
    stamped = (1, now, now)
    projects = [new_id() for _ in range(PROJECTS)]
    sizes = [BIG_TASKS] + [SMALL_TASKS] * (PROJECTS - 1)
    start = now.date() - timedelta(days=DAYS)
    await _copy(
        connection,
        "project",
        ("workspace_id", "id", "key", "name", "description", "kind", "phase", "status",
         "start_date", "target_date", "owner_id", "next_task_number", "budget_hours",
         "budget_amount", "currency", *STAMPED),
        [
            (workspace_id, p, "P" + chr(ord("A") + i) * 2, f"Project {i}", "", "project",
             "execution", "active", start, start + timedelta(days=1000), owner, size + 1,
             Decimal(size * 8), Decimal(size * 800), "EUR", *stamped)
            for i, (p, size) in enumerate(zip(projects, sizes, strict=True))
        ],
    )  # fmt: skip
    statuses = {p: new_id() for p in projects}
    await _copy(
        connection,
        "workflow_status",
        ("workspace_id", "id", "project_id", "name", "category", "position", *STAMPED),
        [(workspace_id, s, p, "Todo", "todo", 1.0, *stamped) for p, s in statuses.items()],
    )
    tasks = {p: [new_id() for _ in range(size)] for p, size in zip(projects, sizes, strict=True)}
    await _copy(
        connection,
        "task",
        ("workspace_id", "id", "project_id", "number", "title", "description", "status_id",
         "priority", "duration_days", "estimate_hours", "scheduling_mode", "position", *STAMPED),
        [
            (workspace_id, t, p, n, f"Task {n}", "", statuses[p], "none", 1,
             Decimal(rng.randrange(1, 80)) if rng.random() < 0.8 else None, "manual", float(n),
             *stamped)
            for p, ids in tasks.items()
            for n, t in enumerate(ids, start=1)
        ],
    )  # fmt: skip
    return projects, tasks


def _entry(
    rng: random.Random,
    workspace_id: uuid.UUID,
    member_ids: list[uuid.UUID],
    projects: list[uuid.UUID],
    tasks: dict[uuid.UUID, list[uuid.UUID]],
    cost_rates: dict[uuid.UUID, tuple[Decimal, Decimal]],
    bill_rates: dict[uuid.UUID, Decimal],
    first_day: date,
    change_day: date,
    now: datetime,
) -> tuple[Any, ...]:
    draw = rng.random
    member = member_ids[int(draw() * MEMBERS)]
    project = projects[0] if draw() < BIG_SHARE else projects[1 + int(draw() * (PROJECTS - 1))]
    ids = tasks[project]
    task = ids[int(draw() * len(ids))] if draw() < 0.9 else None
    day = first_day + timedelta(days=int(draw() * DAYS))
    before, after = cost_rates[member]
    return (
        workspace_id,
        new_id(),
        member,
        project,
        task,
        day,
        15 * (1 + int(draw() * 16)),
        False,
        "",
        draw() < 0.6,
        WORK_TYPES[int(draw() * 3)],
        after if day >= change_day else before,
        bill_rates[project],
        1,
        now,
        now,
    )


def _sql(statement: Select[Any]) -> str:
    # The asyncpg dialect's own compiler: its paramstyle leaves `%` alone.
    return str(statement.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True}))


class _Statements:
    """The statements the report repository builds, compiled for a bare asyncpg run."""

    def __init__(self, world: World, repo: ReportRepository) -> None:
        wid = world.workspace_id
        self.project_month = [
            _sql(repo.time_statement(wid, ["project", "month"], 1, TimeFilters()))
        ]
        self.member_week = [_sql(repo.time_statement(wid, ["member", "week"], 1, TimeFilters()))]
        self.estimates = [
            _sql(repo.task_totals_statement(wid, world.big_project)),
            _sql(repo.burn_statement(wid, world.big_project, 1)),
        ]


async def _median(
    runs: int, endpoint: Callable[[], Awaitable[Any]], baseline: Callable[[], Awaitable[Any]]
) -> tuple[float, float]:
    await endpoint()
    await baseline()
    ends, bases = [], []
    for _ in range(runs):
        for call, into in ((endpoint, ends), (baseline, bases)):
            started = time.perf_counter()
            await call()
            into.append(time.perf_counter() - started)
    return statistics.median(ends), statistics.median(bases)


async def _measure(world: World, repeat: int) -> list[tuple[str, float, float, int]]:
    settings = Settings(
        database_url=world.url,
        rate_limit_per_minute=0,
        log_level="WARNING",
        run_background_jobs=False,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(
        transport=transport,
        base_url="http://bench",
        headers={"Authorization": f"Bearer {world.token}"},
        timeout=600,
    )
    statements = _Statements(world, ReportRepository(AsyncSession(app.state.engine)))
    connection = await asyncpg.connect(world.dsn)
    base = f"/api/v1/workspaces/{world.workspace_id}/reports"
    cases = [
        ("time, group_by=project,month", f"{base}/time", {"group_by": "project,month"},
         statements.project_month),
        ("time, group_by=member,week", f"{base}/time", {"group_by": "member,week"},
         statements.member_week),
        ("estimates, 10,000-task project", f"{base}/estimates",
         {"project_id": str(world.big_project)}, statements.estimates),
    ]  # fmt: skip
    results = []
    try:
        for label, url, params, sql in cases:
            sizes: list[int] = []

            async def endpoint(
                url: str = url, params: dict[str, str] = params, sizes: list[int] = sizes
            ) -> None:
                response = await client.get(url, params=params)
                assert response.status_code == 200, response.text
                sizes.append(len(response.content))

            async def baseline(sql: list[str] = sql) -> None:
                for text in sql:
                    await connection.fetch(text)

            app_time, sql_time = await _median(repeat, endpoint, baseline)
            results.append((label, app_time, sql_time, sizes[-1]))
            print(f"  {label}: app {app_time * 1000:.0f} ms, SQL {sql_time * 1000:.0f} ms")
    finally:
        await connection.close()
        await client.aclose()
        await app.state.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    create_database(DATABASE)
    try:
        started = time.perf_counter()
        world = asyncio.run(_seed(args.entries, random.Random(6)))
        print(f"seeded {args.entries:,} entries in {time.perf_counter() - started:.0f}s")
        results = asyncio.run(_measure(world, args.repeat))
    finally:
        if not args.keep:
            drop_database(DATABASE)
    print(f"\n{args.entries:,} entries, {MEMBERS} members, {DAYS} days; medians of {args.repeat}")
    print("| report | endpoint (ms) | bare SQL (ms) | ratio | response |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, app_time, sql_time, size in results:
        print(
            f"| {label} | {app_time * 1000:.0f} | {sql_time * 1000:.0f} "
            f"| {app_time / sql_time:.2f}x | {size / 1024:.0f} KiB |"
        )


if __name__ == "__main__":
    main()
