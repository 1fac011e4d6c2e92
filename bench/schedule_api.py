"""API round trips of a large auto-scheduled project: one task change, or the schedule read.

    uv run python -m bench.schedule_api [--tasks 10000] [--links 30000] [--repeat 20] [--read]

Seeds a throwaway PostgreSQL database (migrated; tasks and links bulk-inserted), schedules the
project once, then, through the whole app in process (httpx ASGI transport):

- by default, times `PATCH /tasks/{id}` changing the duration of a task whose change reaches
  under 1% of the project; each request's time is split into loading the network (SQL),
  building it and running the engine, and writing the moved rows and their events;
- with --read, times `GET /projects/{id}/schedule`, the whole project's schedule as the
  timeline opens it; each request's time is split into loading the network (SQL), building it
  (rows to engine tasks and links on the calendar, then `build_network`), the engine's passes
  (`schedule()`: both passes, slacks, critical path) and the rest (the answer's JSON). Medians
  per part, so one request slowed by another process on the machine does not skew them.
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
from app.core.runtime import tune_garbage_collector
from app.main import create_app
from app.models import Dependency, Project, Task
from app.schedules import network
from app.schedules import service as schedules
from app.schedules.repository import ScheduleRepository
from app.scheduling import cpm
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
) -> tuple[Any, str, str, list[uuid.UUID], list[tuple[int, int, str, int]]]:
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
    return person, wid, project["id"], ids, edges


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
    """Adds up the time spent in wrapped functions, per label; for plain (synchronous) functions
    also the CPU time, which leaves out the waits for a core on a shared machine."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

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
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[label] += time.perf_counter() - started
                self.cpu[label] += time.process_time() - started_cpu

        return timed


BUILD = "build_network (engine)"
PASSES = "forward_pass + backward_pass (engine)"
SCHEDULE = "schedule(): both passes, slacks, critical path (engine)"
ASSEMBLE = "rows to engine tasks and links, incl. build_network"


async def _read(person: Any, wid: str, project_id: str, tasks: int, repeat: int) -> None:
    """GET the whole schedule `repeat` times; medians (and minimums) per part of the request.

    The engine share is `build_network` plus both passes, by wall and by CPU time; `schedule()`
    (the passes, slacks, critical path and violations) is shown too.
    """
    watch = Stopwatch()
    network.load = watch.wrap("load network (SQL)", network.load)  # type: ignore[method-assign]
    network.working_calendar = watch.wrap("load calendar (SQL)", network.working_calendar)  # type: ignore[method-assign]
    network.assemble = watch.wrap_sync(ASSEMBLE, network.assemble)  # type: ignore[method-assign]
    network.build_network = watch.wrap_sync(BUILD, network.build_network)  # type: ignore[attr-defined]
    schedules.schedule = watch.wrap_sync(SCHEDULE, schedules.schedule)  # type: ignore[attr-defined]
    cpm.forward_pass = watch.wrap_sync(PASSES, cpm.forward_pass)  # type: ignore[assignment]
    cpm.backward_pass = watch.wrap_sync(PASSES, cpm.backward_pass)  # type: ignore[assignment]
    url = f"/api/v1/workspaces/{wid}/projects/{project_id}/schedule"
    assert (await person.client.get(url)).status_code == 200  # warm-up
    totals: list[float] = []
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        watch.spent.clear()
        watch.cpu.clear()
        started = time.perf_counter()
        response = await person.client.get(url)
        totals.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text
        assert len(response.json()["tasks"]) == tasks
        for label, spent in watch.spent.items():
            wall[label].append(spent)
        for label, spent in watch.cpu.items():
            cpu[label].append(spent)
        # build_network runs inside assemble, the passes inside schedule(): count them once.
        outer = sum(spent for label, spent in watch.spent.items() if label not in (BUILD, PASSES))
        wall["rest of the request (answer, JSON, auth)"].append(totals[-1] - outer)
        wall["engine share: build_network + both passes"].append(
            watch.spent[BUILD] + watch.spent[PASSES]
        )
        cpu["engine share: build_network + both passes"].append(
            watch.cpu[BUILD] + watch.cpu[PASSES]
        )

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:7.1f} ms (min {min(values) * 1000:6.1f})"

    print(f"\nGET the schedule of {tasks} tasks, {repeat} runs: median (min)")
    print(f"  {'whole request':<58} {ms(totals)}")
    for label, values in wall.items():
        line = f"  {label:<58} {ms(values)}"
        if label in cpu:
            line += f"  CPU {ms(cpu[label])}"
        print(line)


async def _run(url: str, tasks: int, links: int, repeat: int, read: bool) -> None:
    settings = Settings(
        database_url=url, rate_limit_per_minute=0, log_level="WARNING", run_background_jobs=False
    )
    app = create_app(settings)
    # As `worklane serve` does at startup (the ASGI transport runs no lifespan): the collector
    # settings of a server process, without which collections walking the loaded rows would
    # dominate the timings.
    tune_garbage_collector()
    started = time.perf_counter()
    person, wid, project_id, ids, edges = await _seed(app, tasks, links)
    seconds = time.perf_counter() - started
    print(f"seeded {tasks} tasks, {len(edges)} links and scheduled them in {seconds:.1f}s")
    if read:
        await _read(person, wid, project_id, tasks, repeat)
        await app.state.engine.dispose()
        return
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
    parser.add_argument("--read", action="store_true", help="time GET .../schedule instead")
    args = parser.parse_args()
    with fresh_database(SERVER, Path("/tmp"), "worklane_bench_schedule") as url:
        migrate(url)
        asyncio.run(_run(url, args.tasks, args.links, args.repeat, args.read))


if __name__ == "__main__":
    main()
