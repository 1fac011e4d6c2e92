"""API round trip of one task date change in a large auto-scheduled project.

    uv run python -m bench.schedule_api [--tasks 10000] [--links 30000] [--repeat 20]

Seeds a throwaway PostgreSQL database (migrated; tasks and links bulk-inserted), schedules the
project once, then times `PATCH /tasks/{id}` changing the duration of a task whose change
reaches under 1% of the project, through the whole app in process (httpx ASGI transport). Each
request's time is split into: loading the network (SQL), building it and running the engine,
and writing the moved rows and their events.
"""

import argparse
import asyncio
import random
import statistics
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from app.core.config import Settings
from app.core.ids import new_id
from app.main import create_app
from app.models import Dependency, Project, Task
from app.schedules import network
from app.schedules import service as schedules
from app.schedules.repository import ScheduleRepository
from tests.support.database import fresh_database, migrate
from tests.support.http import ClientFactory

SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
TYPES = ("FS", "FS", "FS", "SS", "FF", "SF")


def _dag(tasks: int, links: int, rng: random.Random) -> list[tuple[int, int, str, int]]:
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        a = rng.randrange(tasks - 1)
        b = rng.randrange(a + 1, min(tasks, a + 200))
        pairs.add((a, b))
    return [
        (a, b, rng.choice(TYPES), rng.randint(-2, 5) if rng.random() < 0.2 else 0) for a, b in pairs
    ]


async def _seed(
    app: Any, tasks: int, links: int
) -> tuple[Any, str, list[uuid.UUID], list[tuple[int, int, str, int]]]:
    person = await ClientFactory(app).user()
    wid = (await person.workspace())["id"]
    project = await person.project(wid, key="BIG", start_date="2026-01-05")
    statuses = await person.statuses(wid, project["id"])
    workspace_id, project_id = uuid.UUID(wid), uuid.UUID(project["id"])
    rng = random.Random(7)
    ids = [new_id() for _ in range(tasks)]
    edges = _dag(tasks, links, rng)
    async with app.state.sessionmaker() as session:
        await session.execute(
            insert(Task),
            [
                {
                    "workspace_id": workspace_id,
                    "id": task_id,
                    "project_id": project_id,
                    "number": n + 1,
                    "title": f"Task {n + 1}",
                    "status_id": uuid.UUID(statuses["todo"]),
                    "duration_days": rng.randint(0, 10),
                    "start_date": date(2026, 1, 5),
                    "position": float(n),
                }
                for n, task_id in enumerate(ids)
            ],
        )
        await session.execute(
            insert(Dependency),
            [
                {
                    "workspace_id": workspace_id,
                    "predecessor_id": ids[a],
                    "successor_id": ids[b],
                    "type": kind,
                    "lag_days": lag,
                }
                for a, b, kind, lag in edges
            ],
        )
        project_row = await session.get(Project, (workspace_id, project_id))
        await schedules.reschedule(session, None, project_row)
        await session.commit()
    # As autovacuum would after a bulk load: the planner needs the tables' real sizes.
    async with app.state.engine.begin() as connection:
        await connection.execute(text("ANALYZE task, dependency, project"))
    return person, wid, ids, edges


def _reach(ids: list[uuid.UUID], edges: list[tuple[int, int, str, int]], task: uuid.UUID) -> int:
    successors: dict[int, list[int]] = defaultdict(list)
    for a, b, _, _ in edges:
        successors[a].append(b)
    start = ids.index(task)
    seen, stack = {start}, [start]
    while stack:
        for nxt in successors[stack.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return len(seen)


def _quiet_task(
    ids: list[uuid.UUID], edges: list[tuple[int, int, str, int]], limit: int
) -> uuid.UUID:
    """A task whose descendants are fewer than `limit`."""
    successors: dict[int, list[int]] = defaultdict(list)
    for a, b, _, _ in edges:
        successors[a].append(b)
    for candidate in range(len(ids) - 2 * limit, len(ids)):
        seen, stack = {candidate}, [candidate]
        while stack and len(seen) <= limit:
            for nxt in successors[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        if 1 < len(seen) <= limit:
            return ids[candidate]
    return ids[-1]


class Stopwatch:
    """Adds up the time spent in wrapped coroutine functions, per label."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)

    def wrap(
        self, label: str, function: Callable[..., Awaitable[Any]]
    ) -> Callable[..., Awaitable[Any]]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                self.spent[label] += time.perf_counter() - started

        return timed

    def wrap_sync(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[label] += time.perf_counter() - started

        return timed


async def _run(url: str, tasks: int, links: int, repeat: int) -> None:
    settings = Settings(
        database_url=url, rate_limit_per_minute=0, log_level="WARNING", run_background_jobs=False
    )
    app = create_app(settings)
    started = time.perf_counter()
    person, wid, ids, edges = await _seed(app, tasks, links)
    seconds = time.perf_counter() - started
    print(f"seeded {tasks} tasks, {len(edges)} links and scheduled them in {seconds:.1f}s")
    target = _quiet_task(ids, edges, tasks // 100)
    watch = Stopwatch()
    network.load = watch.wrap("load network (SQL)", network.load)  # type: ignore[method-assign]
    ScheduleRepository.descendants = watch.wrap(
        "find reachable tasks (SQL)", ScheduleRepository.descendants
    )  # type: ignore[method-assign]
    ScheduleRepository.links_into_tasks = watch.wrap(
        "load their links (SQL)", ScheduleRepository.links_into_tasks
    )  # type: ignore[method-assign]
    ScheduleRepository.tasks = watch.wrap("load their tasks (SQL)", ScheduleRepository.tasks)  # type: ignore[method-assign]
    network.assemble = watch.wrap_sync("build network (engine)", network.assemble)  # type: ignore[method-assign]
    schedules._early_dates = watch.wrap_sync("forward pass (engine)", schedules._early_dates)  # type: ignore[attr-defined]
    ScheduleRepository.write_dates = watch.wrap("write moved rows", ScheduleRepository.write_dates)  # type: ignore[method-assign]
    url = f"/api/v1/workspaces/{wid}/tasks/{target}"
    await person.client.patch(url, json={"duration_days": 2})  # warm-up
    watch.spent.clear()
    timings = []
    for n in range(repeat):
        started = time.perf_counter()
        response = await person.client.patch(url, json={"duration_days": 3 + n % 2})
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
    total = sum(timings)
    reach = _reach(ids, edges, target)
    print(f"\nPATCH one task's duration, {tasks} tasks, {reach} reachable, {len(timings)} runs")
    print(f"  p50 {statistics.median(timings) * 1000:.1f} ms, min {min(timings) * 1000:.1f} ms")
    for label, spent in sorted(watch.spent.items(), key=lambda item: -item[1]):
        print(
            f"  {label:<26} {spent / len(timings) * 1000:7.1f} ms/request  ({spent / total:5.1%})"
        )
    other = total - sum(watch.spent.values())
    per_request = other / len(timings) * 1000
    print(f"  {'rest of the request':<26} {per_request:7.1f} ms/request  ({other / total:5.1%})")
    await app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with fresh_database(SERVER, Path("/tmp"), "worklane_bench_schedule") as url:
        migrate(url)
        asyncio.run(_run(url, args.tasks, args.links, args.repeat))


if __name__ == "__main__":
    main()
