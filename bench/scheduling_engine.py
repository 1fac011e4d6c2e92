"""Benchmark of the pure scheduling engine against a straightforward networkx CPM.

Run: uv run python -m bench.scheduling_engine [--sizes 10000:30000,100000:300000] [--repeat 3]

For each size it generates one project (a DAG with mixed link types, 20% non-zero lags, a few
manual tasks, constraints and leveling delays, a calendar with holidays) and measures, best of at
least --repeat rounds that run every size in turn (more rounds for fast operations, see
best_times):

- build:    build_network (ids to positions, link groups, topological order), done once per load;
- passes:   forward_pass + backward_pass, the figure compared with the baseline;
- schedule: schedule(), i.e. the passes plus free slack, critical path and fnlt violations;
- networkx: nx.topological_sort plus dict relaxations forward and backward over a prebuilt
  nx.DiGraph, computing the same early and late dates (checked equal);
- incremental: incremental_forward_pass after lengthening by 3 days one task on the critical path
  whose descendants are under 1% of the project (checked against a full forward pass).
"""

import argparse
import gc
import os
import platform
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx  # type: ignore[import-untyped]

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.cpm import (
    Schedule,
    backward_pass,
    forward_pass,
    incremental_forward_pass,
    schedule,
)
from app.scheduling.network import LinkType, Network, SchedLink, SchedTask, build_network

PROJECT_START = date(2026, 1, 5)
# Predecessors are drawn from the previous WINDOW tasks of a hidden order, as work in a real plan
# mostly depends on nearby work; it keeps the critical path long and the graph a DAG.
WINDOW = 100
LINK_KINDS: tuple[LinkType, ...] = ("FS", "SS", "FF", "SF")
LINK_WEIGHTS = (55, 15, 15, 15)


@dataclass(frozen=True)
class Project:
    calendar: WorkingCalendar
    project_start: int
    tasks: list[SchedTask]
    links: list[SchedLink]


@dataclass(frozen=True)
class Timings:
    """Best times in seconds, by one clock."""

    build: float
    passes: float
    schedule: float
    networkx: float
    incremental: float


@dataclass(frozen=True)
class Measurement:
    tasks: int
    links: int
    wall: Timings  # time.perf_counter
    cpu: Timings  # time.process_time: excludes time the process waited for a core
    descendants: int
    moved: int


def holidays(years: range) -> dict[date, bool]:
    fixed = [(1, 1), (5, 1), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25), (12, 26)]
    return {date(year, month, day): False for year in years for month, day in fixed}


def generate(task_count: int, link_count: int, seed: int) -> Project:
    """A random project; objects are created in the order they are listed, as rows loaded from
    the database are, with each link holding its own copies of the ids."""
    rng = random.Random(seed)
    calendar = WorkingCalendar({1, 2, 3, 4, 5}, holidays(range(2026, 2040)))
    start = calendar.index_of(PROJECT_START)
    ids = [rng.getrandbits(128) for _ in range(task_count)]

    def some_date() -> date:
        # Any calendar day, weekends and holidays included, as users type them.
        return PROJECT_START + timedelta(days=rng.randrange(0, 400))

    def task(task_id: int) -> SchedTask:
        roll = rng.random()
        duration = rng.randrange(0, 11)
        key = uuid.UUID(int=task_id, version=4)
        if roll < 0.03:
            return SchedTask(key, duration, manual=True, start=calendar.index_of(some_date()))
        if roll < 0.08:
            return SchedTask(key, duration, snet=calendar.index_of(some_date()))
        if roll < 0.10:
            fnlt = calendar.index_on_or_before(some_date() + timedelta(days=400))
            return SchedTask(key, duration, fnlt=fnlt)
        if roll < 0.12:
            return SchedTask(key, duration, delay=rng.randrange(1, 6))
        return SchedTask(key, duration)

    def link(predecessor: int, successor: int) -> SchedLink:
        return SchedLink(
            uuid.UUID(int=predecessor, version=4),
            uuid.UUID(int=successor, version=4),
            rng.choices(LINK_KINDS, LINK_WEIGHTS)[0],
            rng.choice((-3, -2, -1, 1, 2, 3, 4, 5)) if rng.random() < 0.2 else 0,
        )

    pairs: set[tuple[int, int]] = set()
    while len(pairs) < link_count:
        successor = rng.randrange(1, task_count)
        pairs.add((rng.randrange(max(0, successor - WINDOW), successor), successor))
    link_pairs = sorted(pairs)
    # Input order is not a topological order.
    rng.shuffle(ids)
    rng.shuffle(link_pairs)
    hidden = {k: task_id for k, task_id in enumerate(sorted(ids))}
    return Project(
        calendar,
        start,
        [task(task_id) for task_id in ids],
        [link(hidden[p], hidden[t]) for p, t in link_pairs],
    )


def networkx_graph(project: Project) -> nx.DiGraph:
    graph = nx.DiGraph()
    for task in project.tasks:
        graph.add_node(task.id, task=task)
    for link in project.links:
        graph.add_edge(link.predecessor, link.successor, type=link.type, lag=link.lag)
    return graph


def networkx_cpm(graph: nx.DiGraph, project_start: int) -> tuple[dict[object, int], ...]:
    """The baseline: early and late starts and finishes by task id."""
    order = list(nx.topological_sort(graph))
    early_start: dict[object, int] = {}
    early_finish: dict[object, int] = {}
    for v in order:
        task: SchedTask = graph.nodes[v]["task"]
        d = task.duration
        if task.manual and task.start is not None:
            s = task.start
        else:
            s = project_start if task.snet is None else max(project_start, task.snet)
            for p, edge in graph.pred[v].items():
                kind, lag = edge["type"], edge["lag"]
                if kind == "FS":
                    bound = early_finish[p] + lag
                elif kind == "SS":
                    bound = early_start[p] + lag
                elif kind == "FF":
                    bound = early_finish[p] + lag - d
                else:
                    bound = early_start[p] + lag - d
                s = max(s, bound)
            s += task.delay
        early_start[v] = s
        early_finish[v] = s + d
    project_finish = max(early_finish.values(), default=project_start)
    late_start: dict[object, int] = {}
    late_finish: dict[object, int] = {}
    for v in reversed(order):
        task = graph.nodes[v]["task"]
        d = task.duration
        f = project_finish if task.fnlt is None else min(project_finish, task.fnlt + 1)
        for t, edge in graph.succ[v].items():
            kind, lag = edge["type"], edge["lag"]
            if kind == "FS":
                bound = late_start[t] - lag
            elif kind == "SS":
                bound = late_start[t] - lag + d
            elif kind == "FF":
                bound = late_finish[t] - lag
            else:
                bound = late_finish[t] - lag + d
            f = min(f, bound)
        late_finish[v] = f
        late_start[v] = f - d
    return early_start, early_finish, late_start, late_finish


def best_times(
    repeat: int, cases: list["Case"], run: Callable[["Case"], object]
) -> tuple[list[float], list[float]]:
    """Per case, the fastest wall and CPU times of at least `repeat` rounds over every case.

    Rounds go on (up to 50) until three seconds have passed, so fast operations get many tries.
    Interleaving the sizes gives them the same share of a shared 2-core machine, where any run
    may lose its core or its cache to another process, so the growth ratio compares like with
    like; the CPU time also leaves out the waits for a core.
    """
    wall = [float("inf")] * len(cases)
    cpu = [float("inf")] * len(cases)
    spent = 0.0
    rounds = 0
    while rounds < repeat or (spent < 3.0 and rounds < 50):
        for k, case in enumerate(cases):
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            run(case)
            elapsed = time.perf_counter() - started
            wall[k] = min(wall[k], elapsed)
            cpu[k] = min(cpu[k], time.process_time() - started_cpu)
            spent += elapsed
        rounds += 1
    return wall, cpu


def descendant_count(network: Network, v: int, limit: int) -> int:
    seen = {v}
    stack = [v]
    while stack and len(seen) <= limit:
        for t in network.successors(stack.pop()):
            if t not in seen:
                seen.add(t)
                stack.append(t)
    return len(seen) - 1


def small_change(schedule_: Schedule) -> tuple[int, int]:
    """A task on the critical path with the most descendants under 1% of the project.

    On the critical path (a chain of driving links), so lengthening it moves its successors
    rather than eating slack. Walks the path back from its end, where descendant sets are small.
    """
    network = schedule_.network
    limit = len(network.ids) // 100
    best = (-1, -1)
    for task_id in reversed(schedule_.critical_path[:-1]):
        v = network.position[task_id]
        count = descendant_count(network, v, limit)
        if count >= limit:
            break
        if not network.manual[v]:
            best = max(best, (count, v))
    count, v = best
    return v, count


@dataclass(frozen=True)
class Case:
    """One generated project with everything its measurements need, checked for correctness."""

    project: Project
    network: Network
    graph: nx.DiGraph
    after: Network  # the network once one task is longer
    stored: dict[object, int]  # early starts before that change
    changed: frozenset[object]
    descendants: int
    moved: int


def prepare(task_count: int, link_count: int) -> Case:
    project = generate(task_count, link_count, seed=task_count)
    network = build_network(project.tasks, project.links)
    start = project.project_start
    graph = networkx_graph(project)
    ours = schedule(network, start)
    theirs = networkx_cpm(graph, start)
    early, late = ours.early, ours.late
    mine = (early.early_start, early.early_finish, late.late_start, late.late_finish)
    for values, expected in zip(mine, theirs, strict=True):
        assert dict(zip(network.ids, values, strict=True)) == expected, "baseline disagrees"

    v, descendants = small_change(ours)
    stored = dict(zip(network.ids, early.early_start, strict=True))
    original = next(task for task in project.tasks if task.id == network.ids[v])
    longer = original._replace(duration=original.duration + 3)
    after = build_network(
        [longer if task.id == longer.id else task for task in project.tasks], project.links
    )
    changed = frozenset({longer.id})
    changes = incremental_forward_pass(after, start, stored, changed)
    full = dict(zip(after.ids, forward_pass(after, start).early_start, strict=True))
    assert {**stored, **{k: c.early_start for k, c in changes.items()}} == full
    return Case(project, network, graph, after, stored, changed, descendants, len(changes))


def measure(cases: list[Case], repeat: int) -> list[Measurement]:
    def passes(case: Case) -> None:
        start = case.project.project_start
        backward_pass(case.network, forward_pass(case.network, start).project_finish)

    build = best_times(repeat, cases, lambda c: build_network(c.project.tasks, c.project.links))
    passes_time = best_times(repeat, cases, passes)
    schedule_time = best_times(
        repeat, cases, lambda c: schedule(c.network, c.project.project_start)
    )
    baseline = best_times(repeat, cases, lambda c: networkx_cpm(c.graph, c.project.project_start))
    incremental = best_times(
        repeat,
        cases,
        lambda c: incremental_forward_pass(c.after, c.project.project_start, c.stored, c.changed),
    )

    def timings(k: int, clock: int) -> Timings:
        return Timings(
            build[clock][k],
            passes_time[clock][k],
            schedule_time[clock][k],
            baseline[clock][k],
            incremental[clock][k],
        )

    return [
        Measurement(
            len(case.project.tasks),
            len(case.project.links),
            timings(k, 0),
            timings(k, 1),
            case.descendants,
            case.moved,
        )
        for k, case in enumerate(cases)
    ]


def report(results: list[Measurement], repeat: int) -> None:
    print(
        f"{date.today().isoformat()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {platform.python_implementation()} {platform.python_version()}, "
        f"best of >= {repeat} interleaved rounds, load average {os.getloadavg()[0]:.1f}"
    )
    for clock, title in (("wall", "wall time (perf_counter)"), ("cpu", "CPU time (process_time)")):
        print()
        print(f"{title}:")
        print()
        print(
            "| tasks / links | build | passes (fwd+bwd) | schedule() | networkx | incremental "
            "| networkx / passes | passes / incremental |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for r in results:
            t: Timings = getattr(r, clock)
            print(
                f"| {r.tasks:,} / {r.links:,} | {t.build * 1e3:.1f} ms | {t.passes * 1e3:.1f} ms "
                f"| {t.schedule * 1e3:.1f} ms | {t.networkx * 1e3:.1f} ms "
                f"| {t.incremental * 1e3:.2f} ms ({r.descendants} descendants, {r.moved} moved) "
                f"| {t.networkx / t.passes:.1f}x | {t.passes / t.incremental:.0f}x |"
            )
        if len(results) > 1:
            small, large = results[0], results[-1]
            a, b = getattr(small, clock), getattr(large, clock)
            print()
            print(
                f"growth {large.tasks:,} / {small.tasks:,} tasks "
                f"(x{large.tasks / small.tasks:.0f}): passes x{b.passes / a.passes:.1f}, "
                f"schedule() x{b.schedule / a.schedule:.1f}, "
                f"networkx x{b.networkx / a.networkx:.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10000:30000,100000:300000", help="tasks:links,...")
    parser.add_argument("--repeat", type=int, default=3, help="minimum rounds per measurement")
    args = parser.parse_args()
    sizes = [tuple(map(int, size.split(":"))) for size in args.sizes.split(",")]
    cases = [prepare(tasks, links) for tasks, links in sizes]
    # Millions of prepared objects (projects, networkx graphs) would otherwise be traversed by
    # every collection, timed or not; the collector stays on for what the runs allocate.
    gc.collect()
    gc.freeze()
    report(measure(cases, args.repeat), args.repeat)


if __name__ == "__main__":
    main()
