"""The task network as flat int arrays, built once and shared by every pass over it.

Each task `v` (its position in `Network.ids`) has two *points*: its start `2v` and its finish
`2v + 1`. Every link of DESIGN §7 reads one point of the predecessor and bounds one point of the
successor by that value plus the lag:

    FS: finish(p) -> start(t)   SS: start(p) -> start(t)
    FF: finish(p) -> finish(t)  SF: start(p) -> finish(t)

so a pass needs no per-link branching: links are grouped per task by the point they bound
(forward pass) or read (backward pass), and each group is a tuple of `(other point, lag)` pairs.
"""

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from app.scheduling.cycles import CycleError, find_any_cycle

TaskId = Hashable
LinkType = Literal["FS", "SS", "FF", "SF"]
Links = tuple[tuple[int, int], ...]

# (side of the predecessor read, side of the successor bounded); 0 = start, 1 = finish.
_LINK_SIDES: Mapping[str, tuple[int, int]] = {
    "FS": (1, 0),
    "SS": (0, 0),
    "FF": (1, 1),
    "SF": (0, 1),
}
# Stand-ins for "no snet" and "no fnlt" that keep the passes free of None checks.
NO_EARLIEST_START = -(1 << 62)
NO_FINISH_BOUND = 1 << 62


@dataclass(frozen=True, slots=True)
class SchedTask:
    """A task as the engine sees it; dates are working-day indices of the project calendar.

    `start` is kept by manual tasks and ignored for auto tasks. `fnlt` is the index of the
    finish-no-later-than date itself (see `WorkingCalendar.index_on_or_before`); the task's finish
    index may reach `fnlt + 1`.
    """

    id: TaskId
    duration: int
    manual: bool = False
    start: int | None = None
    snet: int | None = None
    fnlt: int | None = None


@dataclass(frozen=True, slots=True)
class SchedLink:
    predecessor: TaskId
    successor: TaskId
    type: LinkType = "FS"
    lag: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class Network:
    """Tasks and links indexed by task position, with a topological order.

    Per-task link groups: `start_in[t]` / `finish_in[t]` hold `(predecessor point, lag)` for the
    links that bound t's start / finish; `finish_out[p]` / `start_out[p]` hold
    `(successor point, lag)` for the links that read p's finish / start.
    """

    ids: tuple[TaskId, ...]
    position: Mapping[TaskId, int]
    duration: tuple[int, ...]
    manual: tuple[bool, ...]
    manual_start: tuple[int, ...]
    earliest_start: tuple[int, ...]
    finish_bound: tuple[int, ...]
    start_in: tuple[Links, ...]
    finish_in: tuple[Links, ...]
    finish_out: tuple[Links, ...]
    start_out: tuple[Links, ...]
    order: tuple[int, ...]
    auto_order: tuple[int, ...]
    manual_tasks: tuple[int, ...]
    topological_rank: tuple[int, ...]

    def successors(self, task: int) -> list[int]:
        return [point >> 1 for point, _ in (*self.finish_out[task], *self.start_out[task])]


def build_network(tasks: Iterable[SchedTask], links: Iterable[SchedLink]) -> Network:
    """Index tasks and links; raises ValueError for bad input and CycleError for a cycle."""
    task_list = list(tasks)
    ids = tuple(task.id for task in task_list)
    position = {task_id: v for v, task_id in enumerate(ids)}
    if len(position) != len(ids):
        raise ValueError("task ids must be unique")
    for task in task_list:
        if task.duration < 0:
            raise ValueError(f"task {task.id}: duration must not be negative")
        if task.manual and task.start is None:
            raise ValueError(f"task {task.id}: a manual task needs a start")

    count = len(ids)
    bound_in: tuple[list[list[tuple[int, int]]], ...] = ([[] for _ in ids], [[] for _ in ids])
    read_out: tuple[list[list[tuple[int, int]]], ...] = ([[] for _ in ids], [[] for _ in ids])
    for link in links:
        try:
            p, t = position[link.predecessor], position[link.successor]
        except KeyError as missing:
            raise ValueError(f"link to unknown task {missing.args[0]}") from None
        read_side, bound_side = _LINK_SIDES[link.type]
        bound_in[bound_side][t].append((2 * p + read_side, link.lag))
        read_out[read_side][p].append((2 * t + bound_side, link.lag))

    start_out = tuple(map(tuple, read_out[0]))
    finish_out = tuple(map(tuple, read_out[1]))
    order = _topological_order(ids, finish_out, start_out)
    rank = [0] * count
    for r, v in enumerate(order):
        rank[v] = r
    manual = tuple(task.manual for task in task_list)
    return Network(
        ids=ids,
        position=position,
        duration=tuple(task.duration for task in task_list),
        manual=manual,
        manual_start=tuple(
            task.start if task.manual and task.start is not None else 0 for task in task_list
        ),
        earliest_start=tuple(
            NO_EARLIEST_START if task.snet is None else task.snet for task in task_list
        ),
        finish_bound=tuple(
            NO_FINISH_BOUND if task.fnlt is None else task.fnlt + 1 for task in task_list
        ),
        start_in=tuple(map(tuple, bound_in[0])),
        finish_in=tuple(map(tuple, bound_in[1])),
        finish_out=finish_out,
        start_out=start_out,
        order=order,
        auto_order=tuple(v for v in order if not manual[v]),
        manual_tasks=tuple(v for v in range(count) if manual[v]),
        topological_rank=tuple(rank),
    )


def _topological_order(
    ids: tuple[TaskId, ...], finish_out: tuple[Links, ...], start_out: tuple[Links, ...]
) -> tuple[int, ...]:
    """Kahn's algorithm, ties broken by input order so results are reproducible."""
    targets = [
        [point >> 1 for point, _ in (*finish, *start)]
        for finish, start in zip(finish_out, start_out, strict=True)
    ]
    indegree = [0] * len(ids)
    for successors in targets:
        for t in successors:
            indegree[t] += 1
    ready = deque(v for v, degree in enumerate(indegree) if degree == 0)
    order: list[int] = []
    while ready:
        v = ready.popleft()
        order.append(v)
        for t in targets[v]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    if len(order) < len(ids):
        # What Kahn's algorithm could not reach has a predecessor left in that same set, so a
        # cycle lies within it; search only there.
        stuck = {
            ids[v]: [ids[t] for t in targets[v] if indegree[t]]
            for v in range(len(ids))
            if indegree[v]
        }
        cycle = find_any_cycle(stuck)
        assert cycle is not None, "Kahn's algorithm stops short only on a cycle"
        raise CycleError(cycle)
    return tuple(order)
