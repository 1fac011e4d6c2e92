"""Critical path method over a `Network`, exactly as docs/design.md §7 states it.

All values are working-day indices; a task occupies `[start, finish)` with
`finish = start + duration`. Per-task results are tuples indexed by network position, so a pass
over 100,000 tasks allocates a handful of lists rather than 100,000 objects; `Schedule.task`
gives one task's figures by id.
"""

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from heapq import heapify, heappop, heappush
from itertools import compress
from operator import not_, sub
from typing import Literal, Protocol

from app.scheduling.calendar import WorkingCalendar
from app.scheduling.network import NO_EARLIEST_START, Links, LinkType, Network, TaskId


class _Points(Protocol):
    """Early or late dates by point (`2v` = start of task v, `2v + 1` = its finish).

    A list for a whole pass; a dict for an incremental pass, which touches few tasks.
    """

    def __getitem__(self, point: int, /) -> int: ...
    def __setitem__(self, point: int, value: int, /) -> None: ...


@dataclass(frozen=True, slots=True)
class EarlyDates:
    early_start: tuple[int, ...]
    early_finish: tuple[int, ...]
    project_finish: int
    """F = the latest early finish; the project start when there are no tasks."""


@dataclass(frozen=True, slots=True)
class LateDates:
    late_start: tuple[int, ...]
    late_finish: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TaskSchedule:
    task_id: TaskId
    early_start: int
    early_finish: int
    late_start: int
    late_finish: int
    total_slack: int
    free_slack: int
    critical: bool


@dataclass(frozen=True, slots=True, eq=False)
class Schedule:
    """A full schedule: both passes, slacks, one critical path and the fnlt violations."""

    network: Network
    project_start: int
    early: EarlyDates
    late: LateDates
    total_slack: tuple[int, ...]
    free_slack: tuple[int, ...]
    critical_path: tuple[TaskId, ...]
    """One chain of tasks in link order, following driving links, ending at F."""
    violations: tuple[TaskId, ...]
    """Tasks whose early finish passes their fnlt bound, in topological order."""

    @property
    def project_finish(self) -> int:
        return self.early.project_finish

    def task(self, task_id: TaskId) -> TaskSchedule:
        return self._task_at(self.network.position[task_id])

    def tasks(self) -> Iterator[TaskSchedule]:
        return map(self._task_at, range(len(self.network.ids)))

    def _task_at(self, v: int) -> TaskSchedule:
        total_slack = self.total_slack[v]
        return TaskSchedule(
            task_id=self.network.ids[v],
            early_start=self.early.early_start[v],
            early_finish=self.early.early_finish[v],
            late_start=self.late.late_start[v],
            late_finish=self.late.late_finish[v],
            total_slack=total_slack,
            free_slack=self.free_slack[v],
            critical=total_slack <= 0,
        )


@dataclass(frozen=True, slots=True)
class EarlyChange:
    early_start: int
    early_finish: int


@dataclass(frozen=True, slots=True)
class TaskDates:
    """Dates shown to users for one task (docs/design.md §7)."""

    early_start: date
    early_finish: date
    late_start: date
    late_finish: date


def schedule(
    network: Network, project_start: int, own: Collection[TaskId] | None = None
) -> Schedule:
    """Everything a schedule view shows: both passes, slacks, critical path, violations.

    `own` names the project's own tasks when the network also holds predecessors from other
    projects (pinned at their dates): F is the latest early finish of the project's tasks only,
    and the critical path ends at one of them. None: every task is the project's.
    """
    early = forward_pass(network, project_start)
    ends = None if own is None else sorted(network.position[t] for t in own)
    if ends is not None:
        finish = max((early.early_finish[v] for v in ends), default=project_start)
        early = replace(early, project_finish=finish)
    late = backward_pass(network, early.project_finish)
    return Schedule(
        network=network,
        project_start=project_start,
        early=early,
        late=late,
        total_slack=tuple(map(sub, late.late_start, early.early_start)),
        free_slack=free_slack(network, early),
        critical_path=critical_path(network, early, ends),
        violations=fnlt_violations(network, early),
    )


def forward_pass(network: Network, project_start: int) -> EarlyDates:
    """Early dates: manual tasks keep their start; auto tasks start as early as bounds allow,
    plus their leveling delay."""
    points = [0] * (2 * len(network.ids))
    for v in network.manual_tasks:
        _place_manual(network, v, points)
    # Zipping the per-task arrays (rather than indexing them by position) saves a tenth of the
    # pass; compress drops the manual tasks, already placed.
    auto_rows = compress(
        zip(
            range(len(network.ids)),
            network.earliest_start,
            network.delay,
            network.duration,
            network.start_in,
            network.finish_in,
            strict=True,
        ),
        map(not_, network.manual),
    )
    _relax_early(auto_rows, points, project_start)
    early_finish = tuple(points[1::2])
    return EarlyDates(
        early_start=tuple(points[0::2]),
        early_finish=early_finish,
        project_finish=max(early_finish, default=project_start),
    )


def backward_pass(network: Network, project_finish: int) -> LateDates:
    """Late dates from F, for manual and auto tasks alike.

    Late finish = min(F, fnlt + 1, each successor link's bound): FS `LS_t - L`,
    SS `LS_t - L + d_p`, FF `LF_t - L`, SF `LF_t - L + d_p`; late start = late finish - d.
    """
    size = len(network.ids)
    points = [0] * (2 * size)
    rows = zip(
        range(size - 1, -1, -1),
        reversed(network.finish_bound),
        reversed(network.duration),
        reversed(network.finish_out),
        reversed(network.start_out),
        strict=True,
    )
    for v, finish, d, finish_links, start_links in rows:
        if finish > project_finish:
            finish = project_finish
        links = iter(finish_links)
        for point in links:
            bound = points[point] - next(links)
            if bound < finish:
                finish = bound
        links = iter(start_links)
        for point in links:
            bound = points[point] - next(links) + d
            if bound < finish:
                finish = bound
        points[2 * v] = finish - d
        points[2 * v + 1] = finish
    return LateDates(late_start=tuple(points[0::2]), late_finish=tuple(points[1::2]))


def free_slack(network: Network, early: EarlyDates) -> tuple[int, ...]:
    """Per task: min(F - f, and per successor link its early date minus the bound set from here).

    May be negative where a manual successor starts before a link allows.
    """
    points = _early_points(early)
    project_finish = early.project_finish
    slack: list[int] = []
    rows = zip(
        early.early_start, early.early_finish, network.finish_out, network.start_out, strict=True
    )
    for start, finish, finish_links, start_links in rows:
        least = project_finish - finish
        links = iter(finish_links)
        for point in links:
            gap = points[point] - finish - next(links)
            if gap < least:
                least = gap
        links = iter(start_links)
        for point in links:
            gap = points[point] - start - next(links)
            if gap < least:
                least = gap
        slack.append(least)
    return tuple(slack)


def critical_path(
    network: Network, early: EarlyDates, ends: Iterable[int] | None = None
) -> tuple[TaskId, ...]:
    """One chain ending at the first task (in topological order, among `ends` if given) whose
    early finish is F.

    Walks back along driving links (a link whose bound equals the date it constrains). Every
    task on it has total slack <= that of the last task, which is <= 0 because its late finish is
    at most F, so the whole chain is critical.
    """
    project_finish = early.project_finish
    candidates = range(len(early.early_finish)) if ends is None else ends
    end = next((v for v in candidates if early.early_finish[v] == project_finish), None)
    if end is None:
        return ()
    points = _early_points(early)
    chain = [end]
    driver = _driving_predecessor(network, points, end)
    while driver is not None:
        chain.append(driver)
        driver = _driving_predecessor(network, points, driver)
    return tuple(network.ids[v] for v in reversed(chain))


def fnlt_violations(network: Network, early: EarlyDates) -> tuple[TaskId, ...]:
    return tuple(
        network.ids[v]
        for v, (finish, bound) in enumerate(
            zip(early.early_finish, network.finish_bound, strict=True)
        )
        if finish > bound
    )


def incremental_forward_pass(
    network: Network,
    project_start: int,
    stored_early_start: Mapping[TaskId, int],
    changed: Collection[TaskId],
) -> dict[TaskId, EarlyChange]:
    """Early dates that a change moves, recomputing only the tasks it can reach.

    `network` is the network after the change; `stored_early_start` holds a full forward pass of
    the network before it (same project start and calendar; otherwise run `forward_pass`).
    `changed` names the tasks whose duration, mode, start, snet or delay changed, that are new,
    or that gained, lost or changed an incoming link; after a deletion, name the deleted task's
    successors (ids no longer in the network are ignored).

    Tasks are visited in topological order from the changed ones, and a task's successors only
    when its early start moved, so the work is proportional to what actually shifts. The answer
    lists every changed task (its finish may move with its duration even when its start does not)
    and every other task whose early start moved, with its new early start and finish.
    """
    position = network.position
    ids = network.ids
    duration = network.duration
    earliest_start = network.earliest_start
    seeds = {position[task_id] for task_id in changed if task_id in position}
    # Positions are topological, so a min-heap of positions pops in topological order.
    queue = list(seeds)
    heapify(queue)
    queued = set(seeds)
    points: dict[int, int] = {}
    changes: dict[TaskId, EarlyChange] = {}
    while queue:
        v = heappop(queue)
        if network.manual[v]:
            _place_manual(network, v, points)
        else:
            # Predecessors not recomputed keep their stored dates; the heap pops in topological
            # order, so any predecessor that is recomputed has been already.
            for point in (*network.start_in[v][0::2], *network.finish_in[v][0::2]):
                if point not in points:
                    u = point >> 1
                    start = stored_early_start[ids[u]]
                    points[2 * u] = start
                    points[2 * u + 1] = start + duration[u]
            row = (
                v,
                earliest_start[v],
                network.delay[v],
                duration[v],
                network.start_in[v],
                network.finish_in[v],
            )
            _relax_early((row,), points, project_start)
        start = points[2 * v]
        if v in seeds or start != stored_early_start[ids[v]]:
            changes[ids[v]] = EarlyChange(early_start=start, early_finish=points[2 * v + 1])
            for t in network.successors(v):
                if t not in queued:
                    queued.add(t)
                    heappush(queue, t)
    return changes


def shown_dates(calendar: WorkingCalendar, start: int, finish: int) -> tuple[date, date]:
    """(start_date, finish_date) shown for `[start, finish)`: a milestone shows its start twice."""
    return calendar.date_of(start), calendar.date_of(finish - 1 if finish > start else start)


def task_dates(calendar: WorkingCalendar, task: TaskSchedule) -> TaskDates:
    early_start, early_finish = shown_dates(calendar, task.early_start, task.early_finish)
    late_start, late_finish = shown_dates(calendar, task.late_start, task.late_finish)
    return TaskDates(
        early_start=early_start,
        early_finish=early_finish,
        late_start=late_start,
        late_finish=late_finish,
    )


def project_finish_date(calendar: WorkingCalendar, schedule: Schedule) -> date:
    """The latest early finish_date shown for any task; the project start's date if none.

    Not simply the date of F - 1: a milestone finishing at F shows the date of F itself.
    """
    early = schedule.early
    last_shown = max(
        (
            finish - 1 if finish > start else start
            for start, finish in zip(early.early_start, early.early_finish, strict=True)
        ),
        default=schedule.project_start,
    )
    return calendar.date_of(last_shown)


def _place_manual(network: Network, v: int, points: _Points) -> None:
    start = network.manual_start[v]
    points[2 * v] = start
    points[2 * v + 1] = start + network.duration[v]


def _relax_early(
    rows: Iterable[tuple[int, int, int, int, Links, Links]], points: _Points, project_start: int
) -> None:
    """Early start and finish of auto tasks given as (position, earliest start, delay, duration,
    links bounding the start, links bounding the finish), predecessors first."""
    for v, start, delay, d, start_links, finish_links in rows:
        if start < project_start:
            start = project_start
        # Each group is flat (point, lag, point, lag, ...): take the lag right after its point.
        links = iter(start_links)
        for point in links:
            bound = points[point] + next(links)
            if bound > start:
                start = bound
        # A bound on the finish is a bound on the start, d earlier.
        links = iter(finish_links)
        for point in links:
            bound = points[point] + next(links) - d
            if bound > start:
                start = bound
        start += delay
        points[2 * v] = start
        points[2 * v + 1] = start + d


def _early_points(early: EarlyDates) -> list[int]:
    points = [0] * (2 * len(early.early_start))
    points[0::2] = early.early_start
    points[1::2] = early.early_finish
    return points


def _driving_predecessor(network: Network, points: list[int], v: int) -> int | None:
    for side, links in enumerate((network.start_in[v], network.finish_in[v])):
        driven = points[2 * v + side]
        for point, lag in zip(links[0::2], links[1::2], strict=True):
            if points[point] + lag == driven:
                return point >> 1
    return None


@dataclass(frozen=True, slots=True)
class StartDriver:
    """One bound that sets a task's early start (before its leveling delay is added).

    `predecessor`: a link from `task_id` of `link_type` with `lag`; `constraint`: its snet date;
    `project_start`: the project start; `manual`: the task keeps the start it was given.
    """

    kind: Literal["predecessor", "constraint", "project_start", "manual"]
    task_id: TaskId | None = None
    link_type: LinkType | None = None
    lag: int = 0


# Link type by (side of the predecessor read, side of the successor bounded); 0 = start.
_TYPE_OF_SIDES: Mapping[tuple[int, int], LinkType] = {
    (1, 0): "FS",
    (0, 0): "SS",
    (1, 1): "FF",
    (0, 1): "SF",
}


def start_drivers(
    network: Network, early: EarlyDates, project_start: int, task_id: TaskId
) -> tuple[StartDriver, ...]:
    """Every bound that holds `task_id`'s early start where it is, as a task inspector shows
    them: the binding links first, then the constraint, then the project start (ties are all
    listed). Reads one task's links, so asking about one task costs next to nothing."""
    v = network.position[task_id]
    if network.manual[v]:
        return (StartDriver("manual"),)
    # Read the predecessors' dates straight from the passes' tuples: building the points list
    # would cost O(V) for a question about one task.
    dates = (early.early_start, early.early_finish)
    d = network.duration[v]
    held = early.early_start[v] - network.delay[v]
    drivers = []
    for side, links in enumerate((network.start_in[v], network.finish_in[v])):
        for point, lag in zip(links[0::2], links[1::2], strict=True):
            if dates[point & 1][point >> 1] + lag - side * d == held:
                kind = _TYPE_OF_SIDES[(point & 1, side)]
                drivers.append(StartDriver("predecessor", network.ids[point >> 1], kind, lag))
    snet = network.earliest_start[v]
    if snet != NO_EARLIEST_START and snet == held:
        drivers.append(StartDriver("constraint"))
    if project_start == held:
        drivers.append(StartDriver("project_start"))
    return tuple(drivers)
