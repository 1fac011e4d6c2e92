"""GET .../workload against one hand-written SQL query computing the same numbers.

    uv run python -m bench.workload [--repeat 5] [--resources 1000] [--allocations 200000]
                                    [--tasks 100000]

A throwaway PostgreSQL database, migrated, with one workspace made through the API (its owner is
the first person resource) and the rest bulk-loaded with COPY: members with their person
resources in teams of 50, projects (and a few ongoing ones reserving capacity of members and
teams), dated tasks with estimates and 1-2 assignees, allocations (hours or percent), time off
and holidays. Then, in one process (httpx ASGI transport, as a client would call it):

- 50 people x 90 days, daily: `?team_id=` of one team of 50, March to May 2026;
- all 1,000 x one year, weekly: 2026.

Each is timed against ONE SQL statement run on a bare asyncpg connection, and the two answers
are compared figure by figure (hours rounded to 2 decimals, half-even, as the API shows them;
the over-allocated flags). The statement is what a careful engineer would write: each calendar
as arrays of working flags and running working-day counts (lookups, not joins), allocations,
time off, reservations and task shares each expanded over their own clipped days with
generate_series and summed per resource-day BEFORE meeting the resource-day grid through
hash-joinable equality joins. Its connection turns JIT off (PostgreSQL's row estimates for
generate_series are 1,000 a call, so it would spend ~2 s compiling a 0.3 s query) and gives it
64 MB of work_mem, so its hash aggregates stay in memory. Medians of `--repeat` runs after one
warm-up each.
"""

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]

from app.core.config import Settings
from app.core.ids import new_id
from app.main import create_app
from app.scheduling.calendar import WorkingCalendar
from tests.support.database import fresh_database, migrate
from tests.support.http import ClientFactory, Person

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
TEAM_SIZE = 50
PROJECTS = 40
HOLIDAYS = (date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 1), date(2026, 12, 25))
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
QUARTER = (date(2026, 3, 2), date(2026, 5, 30))
BASELINE_SETTINGS = {"jit": "off", "work_mem": "64MB"}

BASELINE = """
WITH
dated AS MATERIALIZED (
  SELECT t.id, t.start_date, t.finish_date, t.estimate_hours,
         COALESCE(p.calendar_id, (SELECT id FROM calendar WHERE workspace_id = $1 AND is_default))
           AS calendar_id
  FROM task t
  JOIN project p ON p.workspace_id = t.workspace_id AND p.id = t.project_id
  JOIN workflow_status s ON s.workspace_id = t.workspace_id AND s.id = t.status_id
  WHERE t.workspace_id = $1 AND t.start_date <= $3 AND t.finish_date >= $2
    AND t.estimate_hours > 0 AND t.duration_days > 0
    AND p.status <> 'archived' AND s.category <> 'cancelled'
),
-- Each calendar as two arrays over the days of the window and of the dated tasks, indexed by
-- (day - lo + 1): whether the day is worked, and how many working days there are up to it. A
-- day's working flag and a task's working-day count are then lookups, not joins.
span AS (
  SELECT LEAST($2::date, min(start_date)) AS lo, GREATEST($3::date, max(finish_date)) AS hi
  FROM dated
),
cal AS MATERIALIZED (
  SELECT id, is_default, weekdays, span.lo,
         array_agg(working ORDER BY day) AS working, array_agg(cum ORDER BY day) AS cum
  FROM (
    SELECT c.id, c.is_default, jsonb_array_length(c.working_weekdays::jsonb) AS weekdays,
           g.d::date AS day, w.working,
           sum(w.working::int) OVER (PARTITION BY c.id ORDER BY g.d) AS cum
    FROM calendar c
    CROSS JOIN span
    CROSS JOIN LATERAL generate_series(span.lo, span.hi, interval '1 day') AS g(d)
    LEFT JOIN calendar_exception x
      ON x.workspace_id = c.workspace_id AND x.calendar_id = c.id AND x.date = g.d::date
    CROSS JOIN LATERAL (
      SELECT COALESCE(x.working,
                      c.working_weekdays::jsonb @> to_jsonb(EXTRACT(ISODOW FROM g.d)::int))
    ) AS w(working)
    WHERE c.workspace_id = $1
  ) AS days
  CROSS JOIN span
  GROUP BY id, is_default, weekdays, span.lo
),
res AS MATERIALIZED (
  SELECT r.id, c.id AS calendar_id, c.weekdays,
         CASE WHEN r.kind = 'person' THEN m.weekly_capacity_hours / c.weekdays
              ELSE r.capacity_hours_per_day END AS full_day
  FROM resource r
  LEFT JOIN member m ON m.workspace_id = r.workspace_id AND m.id = r.member_id
  JOIN cal c ON c.id = r.calendar_id OR (r.calendar_id IS NULL AND c.is_default)
  WHERE r.workspace_id = $1 AND ($4::uuid IS NULL OR r.team_id = $4)
),
off AS (
  SELECT t.resource_id, g.d::date AS day, bool_or(t.hours_per_day IS NULL) AS full_off,
         COALESCE(sum(t.hours_per_day), 0) AS partial
  FROM time_off t
  CROSS JOIN LATERAL generate_series(GREATEST(t.start_date, $2::date), LEAST(t.end_date, $3::date),
                                     interval '1 day') AS g(d)
  WHERE t.workspace_id = $1 AND t.start_date <= $3 AND t.end_date >= $2
  GROUP BY 1, 2
),
cap AS (
  SELECT r.id AS resource_id, g.d::date AS day, r.weekdays,
         c.working[g.d::date - c.lo + 1] AND NOT COALESCE(o.full_off, false) AS on_duty,
         CASE WHEN c.working[g.d::date - c.lo + 1] AND NOT COALESCE(o.full_off, false)
              THEN GREATEST(0, r.full_day - COALESCE(o.partial, 0)) ELSE 0 END AS capacity
  FROM res r
  JOIN cal c ON c.id = r.calendar_id
  CROSS JOIN generate_series($2::date, $3::date, interval '1 day') AS g(d)
  LEFT JOIN off o ON o.resource_id = r.id AND o.day = g.d::date
),
person AS (
  SELECT member_id, id FROM resource WHERE workspace_id = $1 AND member_id IS NOT NULL
),
ongoing AS (
  SELECT cr.member_id, cr.team_id, cr.hours_per_week, p.start_date
  FROM capacity_reservation cr
  JOIN project p ON p.workspace_id = cr.workspace_id AND p.id = cr.project_id
  WHERE cr.workspace_id = $1 AND p.kind = 'ongoing' AND p.status <> 'archived'
    AND p.start_date <= $3
),
-- A team's weekly hours are split equally among all its members.
holds AS (
  SELECT pe.id AS resource_id, o.start_date, o.hours_per_week AS weekly
  FROM ongoing o JOIN person pe ON pe.member_id = o.member_id
  UNION ALL
  SELECT pe.id, o.start_date, o.hours_per_week / n.members
  FROM ongoing o
  JOIN (SELECT team_id, count(*) AS members FROM team_member WHERE workspace_id = $1
        GROUP BY team_id) AS n ON n.team_id = o.team_id
  JOIN team_member tm ON tm.workspace_id = $1 AND tm.team_id = o.team_id
  JOIN person pe ON pe.member_id = tm.member_id
),
weekly_held AS (
  SELECT h.resource_id, g.d::date AS day, sum(h.weekly) AS weekly
  FROM holds h
  CROSS JOIN LATERAL generate_series(GREATEST(h.start_date, $2::date), $3::date,
                                     interval '1 day') AS g(d)
  GROUP BY 1, 2
),
-- Explicit allocations summed per resource-day before meeting the grid: hours per day land on
-- on-duty days, percents are of the day's capacity.
explicit AS (
  SELECT a.resource_id, g.d::date AS day, sum(a.hours_per_day) AS hours, sum(a.percent) AS percent
  FROM allocation a
  JOIN project p ON p.workspace_id = a.workspace_id AND p.id = a.project_id
  CROSS JOIN LATERAL generate_series(GREATEST(a.start_date, $2::date), LEAST(a.end_date, $3::date),
                                     interval '1 day') AS g(d)
  WHERE a.workspace_id = $1 AND a.start_date <= $3 AND a.end_date >= $2
    AND p.status <> 'archived' AND a.resource_id IN (SELECT id FROM res)
  GROUP BY 1, 2
),
-- Each task's estimate over its working days on the project calendar and all its assignees,
-- then spread on those working days inside the window, per assignee not replaced by an
-- allocation tied to the task.
task_share AS (
  SELECT dt.id, dt.calendar_id, GREATEST(dt.start_date, $2::date) AS lo,
         LEAST(dt.finish_date, $3::date) AS hi,
         dt.estimate_hours / (n.days * count(*) OVER (PARTITION BY dt.id)) AS hours,
         pe.id AS resource_id
  FROM dated dt
  JOIN cal c ON c.id = dt.calendar_id
  CROSS JOIN LATERAL (
    SELECT c.cum[dt.finish_date - c.lo + 1] - c.cum[dt.start_date - c.lo + 1]
           + c.working[dt.start_date - c.lo + 1]::int
  ) AS n(days)
  JOIN task_assignee a ON a.workspace_id = $1 AND a.task_id = dt.id
  LEFT JOIN person pe ON pe.member_id = a.member_id
  WHERE n.days > 0
),
task_load AS (
  SELECT ts.resource_id, g.d::date AS day, sum(ts.hours) AS hours
  FROM task_share ts
  JOIN cal c ON c.id = ts.calendar_id
  CROSS JOIN LATERAL generate_series(ts.lo, ts.hi, interval '1 day') AS g(d)
  WHERE c.working[g.d::date - c.lo + 1] AND ts.resource_id IN (SELECT id FROM res)
    AND NOT EXISTS (
      SELECT 1 FROM allocation x
      WHERE x.workspace_id = $1 AND x.task_id = ts.id AND x.resource_id = ts.resource_id
    )
  GROUP BY 1, 2
),
daily AS (
  SELECT c.resource_id, c.day, c.capacity,
         LEAST(COALESCE(w.weekly, 0) / c.weekdays, c.capacity) AS reserved,
         CASE WHEN c.on_duty THEN COALESCE(e.hours, 0) ELSE 0 END
           + COALESCE(c.capacity * e.percent / 100, 0) + COALESCE(t.hours, 0) AS allocated,
         CASE WHEN $5 = 'day' THEN c.day
              ELSE GREATEST($2::date,
                            c.day - ((EXTRACT(ISODOW FROM c.day)::int - $6 + 7) % 7)) END
           AS period_start
  FROM cap c
  LEFT JOIN weekly_held w ON w.resource_id = c.resource_id AND w.day = c.day
  LEFT JOIN explicit e ON e.resource_id = c.resource_id AND e.day = c.day
  LEFT JOIN task_load t ON t.resource_id = c.resource_id AND t.day = c.day
)
-- Sums rounded to 12 decimals: below that lies only the residue of numeric's rounded divisions
-- (an estimate over 3 days), which would otherwise tip an exact tie like 116.925 to 116.93.
SELECT resource_id, period_start, round(sum(capacity), 12) AS capacity,
       round(sum(reserved), 12) AS reserved, round(sum(allocated), 12) AS allocated,
       bool_or(reserved + allocated > capacity) AS overallocated
FROM daily
GROUP BY resource_id, period_start
ORDER BY resource_id, period_start
"""


def _cents(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), ROUND_HALF_EVEN))


async def _copy(
    connection: asyncpg.Connection,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
) -> None:
    await connection.copy_records_to_table(table, records=rows, columns=list(columns))


async def _seed(app: Any, dsn: str, args: argparse.Namespace) -> tuple[Person, str, str]:
    """The world; answers the owner, the workspace id and the id of the owner's team."""
    rng = random.Random(5)
    owner = await ClientFactory(app).user(name="Owner")
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}"
    projects = [await owner.project(wid, start_date="2026-01-05") for _ in range(PROJECTS)]
    statuses = [(await owner.statuses(wid, p["id"]))["todo"] for p in projects]
    calendars = (await owner.client.get(f"{base}/calendars")).json()["items"]
    default_calendar = next(c["id"] for c in calendars if c["is_default"])
    for holiday in HOLIDAYS:
        await owner.client.post(
            f"{base}/calendars/{default_calendar}/exceptions",
            json={"date": holiday.isoformat(), "working": False},
        )
    owner_member = uuid.UUID(owner.member_ids[wid])
    resources = (await owner.client.get(f"{base}/resources")).json()["items"]
    owner_resource = uuid.UUID(resources[0]["id"])
    workspace_id = uuid.UUID(wid)
    now = datetime.now(UTC)
    stamp = (1, now, now)

    people = args.resources - 1
    users = [(new_id(), f"bench-{k}-{uuid.uuid4().hex[:6]}@example.com") for k in range(people)]
    member_ids = [owner_member] + [new_id() for _ in range(people)]
    resource_ids = [owner_resource] + [new_id() for _ in range(people)]
    team_ids = [new_id() for _ in range(args.resources // TEAM_SIZE)]
    team_of = [team_ids[k // TEAM_SIZE] for k in range(args.resources)]
    connection = await asyncpg.connect(dsn)
    try:
        await _copy(
            connection,
            "user_account",
            (
                "id",
                "email",
                "name",
                "password_hash",
                "is_active",
                "version",
                "created_at",
                "updated_at",
            ),
            [
                (uid, email, f"Person {k}", "x", True, *stamp)
                for k, (uid, email) in enumerate(users)
            ],
        )
        await _copy(
            connection,
            "member",
            (
                "workspace_id",
                "id",
                "user_id",
                "role",
                "weekly_capacity_hours",
                "version",
                "created_at",
                "updated_at",
            ),
            [
                (
                    workspace_id,
                    member_ids[k + 1],
                    uid,
                    "member",
                    Decimal(rng.choice((40, 40, 32, 37.5))),
                    *stamp,
                )
                for k, (uid, _) in enumerate(users)
            ],
        )
        await _copy(
            connection,
            "team",
            ("workspace_id", "id", "name", "version", "created_at", "updated_at"),
            [(workspace_id, t, f"Team {k}", *stamp) for k, t in enumerate(team_ids)],
        )
        await _copy(
            connection,
            "team_member",
            ("workspace_id", "team_id", "member_id"),
            [(workspace_id, team_of[k], member_ids[k]) for k in range(args.resources)],
        )
        await _copy(
            connection,
            "resource",
            ("workspace_id", "id", "kind", "member_id", "version", "created_at", "updated_at"),
            [
                (workspace_id, r, "person", member_ids[k + 1], *stamp)
                for k, r in enumerate(resource_ids[1:])
            ],
        )
        await connection.executemany(
            "UPDATE resource SET team_id = $3 WHERE workspace_id = $1 AND id = $2",
            [(workspace_id, resource_ids[k], team_of[k]) for k in range(args.resources)],
        )
        calendar = WorkingCalendar({1, 2, 3, 4, 5}, dict.fromkeys(HOLIDAYS, False))
        first = date(2025, 12, 1)
        tasks, assignees = [], []
        numbers = [0] * PROJECTS
        for n in range(args.tasks):
            p = rng.randrange(PROJECTS)
            numbers[p] += 1
            start = calendar.add_working_days(first + timedelta(days=rng.randrange(400)), 0)
            duration = rng.choice((0, 1, 2, 3, 5, 5, 8, 10))
            finish = calendar.date_of(calendar.index_of(start) + max(duration, 1) - 1)
            task_id = new_id()
            tasks.append(
                (
                    workspace_id,
                    task_id,
                    uuid.UUID(projects[p]["id"]),
                    numbers[p],
                    f"Task {n}",
                    "",
                    uuid.UUID(statuses[p]),
                    "none",
                    start,
                    duration,
                    finish,
                    Decimal(rng.choice((4, 8, 12, 16, 20, 30, 40))),
                    "auto",
                    float(n),
                    *stamp,
                )
            )
            for k in rng.sample(range(args.resources), rng.choice((1, 1, 2))):
                assignees.append((workspace_id, task_id, member_ids[k]))
        await _copy(
            connection,
            "task",
            (
                "workspace_id",
                "id",
                "project_id",
                "number",
                "title",
                "description",
                "status_id",
                "priority",
                "start_date",
                "duration_days",
                "finish_date",
                "estimate_hours",
                "scheduling_mode",
                "position",
                "version",
                "created_at",
                "updated_at",
            ),
            tasks,
        )
        await _copy(
            connection, "task_assignee", ("workspace_id", "task_id", "member_id"), assignees
        )
        allocations = []
        for _ in range(args.allocations):
            start = first + timedelta(days=rng.randrange(400))
            end = start + timedelta(days=rng.randrange(30))
            hours, percent = (
                (Decimal(rng.choice((1, 2, 2.5, 4))), None)
                if rng.random() < 0.8
                else (None, Decimal(rng.choice((10, 25, 50))))
            )
            allocations.append(
                (
                    workspace_id,
                    new_id(),
                    rng.choice(resource_ids),
                    uuid.UUID(rng.choice(projects)["id"]),
                    start,
                    end,
                    hours,
                    percent,
                    "",
                    *stamp,
                )
            )
        await _copy(
            connection,
            "allocation",
            (
                "workspace_id",
                "id",
                "resource_id",
                "project_id",
                "start_date",
                "end_date",
                "hours_per_day",
                "percent",
                "note",
                "version",
                "created_at",
                "updated_at",
            ),
            allocations,
        )
        absences = []
        for r in resource_ids:
            start = first + timedelta(days=rng.randrange(400))
            hours = None if rng.random() < 0.5 else Decimal(rng.choice((2, 4)))
            absences.append(
                (
                    workspace_id,
                    new_id(),
                    r,
                    start,
                    start + timedelta(days=rng.randrange(10)),
                    hours,
                    "",
                    *stamp,
                )
            )
        await _copy(
            connection,
            "time_off",
            (
                "workspace_id",
                "id",
                "resource_id",
                "start_date",
                "end_date",
                "hours_per_day",
                "reason",
                "version",
                "created_at",
                "updated_at",
            ),
            absences,
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    for k in range(5):
        ongoing = await owner.project(
            wid, kind="ongoing", start_date=f"2026-0{k + 1}-05", target_date=None
        )
        for member in rng.sample(member_ids, 20):
            await owner.client.post(
                f"{base}/projects/{ongoing['id']}/reservations",
                json={"member_id": str(member), "hours_per_week": rng.choice((2, 4, 8))},
            )
        await owner.client.post(
            f"{base}/projects/{ongoing['id']}/reservations",
            json={"team_id": str(team_ids[k % len(team_ids)]), "hours_per_week": 25},
        )
    return owner, wid, str(team_ids[0])


async def _timed(call: Callable[[], Awaitable[Any]], repeat: int) -> tuple[float, Any]:
    result = await call()  # warm-up
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = await call()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000, result


def _mismatches(body: dict[str, Any], rows: list[Any]) -> int:
    api = {
        (r["resource_id"], p["start"]): (
            p["capacity_hours"],
            p["reserved_hours"],
            p["allocated_hours"],
            p["overallocated"],
        )
        for r in body["resources"]
        for p in r["periods"]
    }
    sql = {
        (str(row["resource_id"]), row["period_start"].isoformat()): (
            _cents(row["capacity"]),
            _cents(row["reserved"]),
            _cents(row["allocated"]),
            row["overallocated"],
        )
        for row in rows
    }
    if api.keys() != sql.keys():
        return abs(len(api) - len(sql)) or len(api.keys() ^ sql.keys())
    return sum(api[key] != sql[key] for key in api)


async def _run(args: argparse.Namespace, url: str) -> None:
    settings = Settings(
        database_url=url,
        rate_limit_per_minute=0,
        log_level="WARNING",
        log_json=False,
        spa_dist_dir="/nonexistent",
        password_hash_time_cost=1,
        password_hash_memory_kib=1024,
    )
    app = create_app(settings)
    dsn = url.replace("postgresql+asyncpg", "postgresql")
    began = time.perf_counter()
    owner, wid, team = await _seed(app, dsn, args)
    print(f"seeded in {time.perf_counter() - began:.1f} s")
    connection = await asyncpg.connect(dsn, server_settings=BASELINE_SETTINGS)
    try:
        cases = (
            ("50 people x 90 days, daily", QUARTER, "day", team),
            ("1,000 people x 1 year, weekly", YEAR, "week", None),
        )
        print(
            "| case | endpoint ms (median) | baseline SQL ms (median) | ratio | periods | "
            "mismatches |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for label, (first, last), granularity, team_id in cases:
            params = {
                "from": first.isoformat(),
                "to": last.isoformat(),
                "granularity": granularity,
            }
            if team_id:
                params["team_id"] = team_id

            async def endpoint(params: dict[str, str] = params) -> dict[str, Any]:
                response = await owner.client.get(
                    f"/api/v1/workspaces/{wid}/workload", params=params
                )
                assert response.status_code == 200, response.text
                return response.json()  # type: ignore[no-any-return]

            async def baseline(
                first: date = first,
                last: date = last,
                granularity: str = granularity,
                team_id: str | None = team_id,
            ) -> list[Any]:
                return await connection.fetch(
                    BASELINE,
                    uuid.UUID(wid),
                    first,
                    last,
                    uuid.UUID(team_id) if team_id else None,
                    granularity,
                    1,
                    timeout=args.baseline_timeout,
                )

            app_ms, body = await _timed(endpoint, args.repeat)
            periods = sum(len(r["periods"]) for r in body["resources"])
            try:
                sql_ms, rows = await _timed(baseline, args.repeat)
            except TimeoutError:
                print(
                    f"| {label} | {app_ms:.0f} | > {args.baseline_timeout * 1000:.0f} | - | "
                    f"{periods} | not compared |"
                )
                continue
            print(
                f"| {label} | {app_ms:.0f} | {sql_ms:.0f} | {app_ms / sql_ms:.2f} | "
                f"{periods} | {_mismatches(body, rows)} |"
            )
    finally:
        await connection.close()
        await app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--allocations", type=int, default=200_000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument(
        "--baseline-timeout", type=float, default=120.0, help="Seconds before the SQL gives up."
    )
    args = parser.parse_args()
    with fresh_database(SERVER, Path("/tmp"), "worklane_bench_workload") as url:
        migrate(url)
        asyncio.run(_run(args, url))


if __name__ == "__main__":
    main()
