"""Resource leveling by delay only (Microsoft Project's rule: leveling never reassigns work).

A serial heuristic over working-day indices of the project calendar. Walk the days in order;
on the first day some resource is booked beyond what it has available, delay one auto-scheduled
task contributing to it (lowest priority first, then most total slack, then latest start, then
key) to the first start from which its own load fits every day of its duration (the successors
that start pushes along not counting as obstacles) by adding the difference to that task's
leveling delay, and let the ordinary CPM forward pass carry those successors along; repeat.
Delays, not constraints: a leveled task keeps its snet or fnlt.

It always ends: every round either moves one task strictly later (never beyond the capacity
horizon) or gives a task up, and the rounds are capped besides. A task is given up when no start
within the horizon fits it, e.g. when its load alone exceeds what a resource ever has: it stays
where the dependencies put it and its days are reported as unresolved.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

from app.scheduling.cpm import backward_pass, forward_pass, incremental_forward_pass
from app.scheduling.network import NO_FINISH_BOUND, Network, TaskId

ResourceId = Hashable
# Hours are floats here: a day counts as over-allocated only beyond this margin, so that the
# rounding of shares such as 10/3 never reads as a conflict.
EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class LevelTask:
    """What leveling needs of a task beyond the network: its hours per working day on each
    resource, and the order in which it gives way (lower `priority` is delayed first)."""

    id: TaskId
    key: str
    priority: int
    total_slack: int
    loads: Mapping[ResourceId, float]


@dataclass(frozen=True, slots=True)
class Overload:
    """A resource-day still over-allocated after leveling, with the tasks loading it."""

    resource_id: ResourceId
    day: int
    excess_hours: float
    task_ids: tuple[TaskId, ...]


@dataclass(frozen=True, slots=True)
class LevelingResult:
    delay: Mapping[TaskId, int]
    """Every task's leveling delay: the network's own plus what leveling added."""
    early_start: Mapping[TaskId, int]
    early_finish: Mapping[TaskId, int]
    unresolved: tuple[Overload, ...]
    given_up: tuple[TaskId, ...]
    rounds: int


class _Usage:
    """Hours booked per resource per day index, and which tasks booked them."""

    def __init__(self) -> None:
        self.hours: dict[ResourceId, dict[int, float]] = {}
        self.tasks: dict[ResourceId, dict[int, list[int]]] = {}

    def add(self, v: int, start: int, duration: int, loads: Mapping[ResourceId, float]) -> None:
        for resource, load in loads.items():
            hours = self.hours.setdefault(resource, {})
            tasks = self.tasks.setdefault(resource, {})
            for day in range(start, start + duration):
                hours[day] = hours.get(day, 0.0) + load
                tasks.setdefault(day, []).append(v)


class Capacity:
    """Hours each resource has for the leveled tasks on each day index from `origin`; days
    outside `[origin, origin + horizon)` are not checked, and no task is delayed past them."""

    def __init__(self, origin: int, available: Mapping[ResourceId, Sequence[float]]) -> None:
        self.origin = origin
        self.available = available
        self.horizon = max((len(days) for days in available.values()), default=0)

    def at(self, resource: ResourceId, day: int) -> float | None:
        days = self.available.get(resource)
        offset = day - self.origin
        if days is None or not 0 <= offset < len(days):
            return None
        return days[offset]

    def most(self, resource: ResourceId) -> float:
        return max(self.available.get(resource, ()), default=float("inf"))


def level(
    network: Network,
    project_start: int,
    tasks: Mapping[TaskId, LevelTask],
    capacity: Capacity,
    *,
    within_slack: bool = False,
    max_rounds: int | None = None,
) -> LevelingResult:
    """Delay auto tasks of `tasks` until no resource-day is over-allocated where that can be
    helped; tasks not in `tasks` (and manual tasks) never move on their own account.

    `within_slack` keeps the project finish where it is (Microsoft Project's "level only within
    available slack"): a task moves no later than its late start, which keeps its successors
    within their late dates too unless a delay of their own pushes them; such a move is
    refused and the task given up."""
    position = network.position
    loads: list[Mapping[ResourceId, float]] = [{} for _ in network.ids]
    movable = [False] * len(network.ids)
    for task_id, task in tasks.items():
        v = position[task_id]
        loads[v] = {r: h for r, h in task.loads.items() if h > 0}
        movable[v] = not network.manual[v] and network.duration[v] > 0 and bool(loads[v])
    # Who gives way first; the current start joins these when choosing.
    rank = {position[t.id]: (t.priority, -t.total_slack, t.key) for t in tasks.values()}
    delays = list(network.delay)
    early = forward_pass(network, project_start)
    starts = list(early.early_start)
    given_up: set[int] = set()
    limit = capacity.origin + capacity.horizon
    if within_slack:
        latest = backward_pass(network, early.project_finish).late_start
        finish_limit = early.project_finish
    else:
        latest = (limit,) * len(network.ids)
        finish_limit = NO_FINISH_BOUND
    rounds = 0
    cap = max_rounds if max_rounds is not None else 50 * len(tasks) + 100
    while rounds < cap:
        rounds += 1
        usage = _usage(network, starts, loads)
        victim = _first_conflict_victim(network, usage, capacity, movable, given_up, rank, starts)
        if victim is None:
            break
        new_start = _next_fit(
            network, project_start, victim, starts, loads, usage, capacity, limit, latest[victim]
        )
        if new_start is None:
            given_up.add(victim)
            continue
        # Its predecessors stay where they are, so the forward pass puts it at new_start.
        moved = list(delays)
        moved[victim] += new_start - starts[victim]
        trial = replace(network, delay=tuple(moved))
        trial_early = forward_pass(trial, project_start)
        if trial_early.project_finish > finish_limit:
            # Only a successor's own delay can carry it past its late dates; give up instead.
            given_up.add(victim)
            continue
        delays, network, early = moved, trial, trial_early
        starts = list(early.early_start)
    usage = _usage(network, starts, loads)
    return LevelingResult(
        delay=dict(zip(network.ids, delays, strict=True)),
        early_start={network.ids[v]: s for v, s in enumerate(starts)},
        early_finish={network.ids[v]: f for v, f in enumerate(early.early_finish)},
        unresolved=_overloads(network, usage, capacity),
        given_up=tuple(network.ids[v] for v in sorted(given_up)),
        rounds=rounds,
    )


def _usage(
    network: Network, starts: Sequence[int], loads: Sequence[Mapping[ResourceId, float]]
) -> _Usage:
    usage = _Usage()
    for v, task_loads in enumerate(loads):
        if task_loads:
            usage.add(v, starts[v], network.duration[v], task_loads)
    return usage


def _over(usage: _Usage, capacity: Capacity, resource: ResourceId, day: int) -> float:
    available = capacity.at(resource, day)
    if available is None:
        return 0.0
    excess = usage.hours[resource][day] - available
    return excess if excess > EPSILON else 0.0


def _first_conflict_victim(
    network: Network,
    usage: _Usage,
    capacity: Capacity,
    movable: Sequence[bool],
    given_up: set[int],
    rank: Mapping[int, tuple[int, int, str]],
    starts: Sequence[int],
) -> int | None:
    """The task to delay for the earliest over-allocated day that a delay can help."""
    conflicts = sorted(
        (day, order, resource)
        for order, (resource, days) in enumerate(usage.hours.items())
        for day in days
        if _over(usage, capacity, resource, day)
    )
    for day, _, resource in conflicts:
        contributors = set(usage.tasks[resource][day])
        candidates = [v for v in contributors if movable[v] and v not in given_up]
        # Delaying a task that drags another contributor along (its successor) cannot clear
        # the day; a DAG always leaves at least one candidate that drags none.
        free = [v for v in candidates if not _descendants(network, v) & contributors]
        if free:
            return min(free, key=lambda v: (*rank[v][:2], -starts[v], rank[v][2]))
    return None


def _descendants(network: Network, v: int) -> set[int]:
    """The successors of `v`, directly or not."""
    seen: set[int] = set()
    pending = [v]
    while pending:
        for t in network.successors(pending.pop()):
            if t not in seen:
                seen.add(t)
                pending.append(t)
    return seen


def _next_fit(
    network: Network,
    project_start: int,
    v: int,
    starts: Sequence[int],
    loads: Sequence[Mapping[ResourceId, float]],
    usage: _Usage,
    capacity: Capacity,
    limit: int,
    latest_start: int,
) -> int | None:
    """The first start after the current one, up to `latest_start`, at which the task's own
    load fits every day of its duration, given everything else where it is except the tasks that
    starting there pushes along; None when no start finishing by `limit` does."""
    duration = network.duration[v]
    task_loads = loads[v]
    if any(load > capacity.most(resource) + EPSILON for resource, load in task_loads.items()):
        return None
    # The tasks a start pushes along (the task itself and some of its successors) are re-placed
    # by the forward pass, and any conflict they then cause is a later round's; counting them
    # as obstacles where they are now would leave the days they vacate idle.
    stored = dict(zip(network.ids, starts, strict=True))
    successors = _descendants(network, v)

    def fits(day: int, pushed: set[int]) -> bool:
        for resource, load in task_loads.items():
            available = capacity.at(resource, day)
            if available is None:
                continue
            booked = usage.tasks[resource].get(day, ())
            others = sum(loads[u][resource] for u in booked if u not in pushed)
            if others + load > available + EPSILON:
                return False
        return True

    candidate = starts[v] + 1
    while candidate <= latest_start and candidate + duration <= limit:
        pushed = _pushed(network, project_start, stored, v, candidate - starts[v])
        bad = next(
            (
                day
                for day in range(candidate + duration - 1, candidate - 1, -1)
                if not fits(day, pushed)
            ),
            None,
        )
        if bad is None:
            return candidate
        # Every start up to `bad` covers it too, so skip them, unless a successor on that day
        # stays put now but would be pushed away by a later start.
        staying = successors - pushed
        if any(u in staying for r in task_loads for u in usage.tasks[r].get(bad, ())):
            candidate += 1
        else:
            candidate = bad + 1
    return None


def _pushed(
    network: Network, project_start: int, stored: Mapping[TaskId, int], v: int, shift: int
) -> set[int]:
    """v and the tasks whose early start moves when v is delayed `shift` days more."""
    delay = list(network.delay)
    delay[v] += shift
    moved = incremental_forward_pass(
        replace(network, delay=tuple(delay)), project_start, stored, (network.ids[v],)
    )
    return {network.position[task_id] for task_id in moved}


def _overloads(network: Network, usage: _Usage, capacity: Capacity) -> tuple[Overload, ...]:
    found = []
    for resource, days in usage.hours.items():
        for day in sorted(days):
            excess = _over(usage, capacity, resource, day)
            if excess:
                task_ids = tuple(network.ids[v] for v in usage.tasks[resource][day])
                found.append(Overload(resource, day, excess, task_ids))
    return tuple(sorted(found, key=lambda o: (o.day, str(o.resource_id))))
