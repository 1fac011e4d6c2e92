"""The task network as arrays indexed by task position, built once and shared by every pass.

Each task `v` (its position in `Network.ids`) has two *points*: its start `2v` and its finish
`2v + 1`. Every link of docs/design.md §7 reads one point of the predecessor and bounds one
point of the successor by that value plus the lag:

    FS: finish(p) -> start(t)   SS: start(p) -> start(t)
    FF: finish(p) -> finish(t)  SF: start(p) -> finish(t)

so a pass needs no per-link branching: links are grouped per task by the point they bound
(forward pass) or read (backward pass), and each group is one flat tuple
`(other point, lag, other point, lag, ...)`: no object per link, which keeps a 100,000-task
network compact enough for the passes to stay linear in time.
"""

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Literal

from app.scheduling.cycles import CycleError, find_any_cycle

TaskId = Hashable
LinkType = Literal["FS", "SS", "FF", "SF"]
Links = tuple[int, ...]

# (side of the predecessor read, side of the successor bounded); 0 = start, 1 = finish.
_LINK_SIDES: Mapping[str, tuple[int, int]] = {
    "FS": (1, 0),
    "SS": (0, 0),
    "FF": (1, 1),
    "SF": (0, 1),
}
_predecessor_of = attrgetter("predecessor")
_successor_of = attrgetter("successor")
_type_of = attrgetter("type")
_lag_of = attrgetter("lag")
# Stand-ins for "no snet" and "no fnlt" that keep the passes free of None checks.
NO_EARLIEST_START = -(1 << 62)
NO_FINISH_BOUND = 1 << 62


@dataclass(frozen=True, slots=True)
class SchedTask:
    """A task as the engine sees it; dates are working-day indices of the project calendar.

    `start` is kept by manual tasks and ignored for auto tasks. `fnlt` is the index of the
    finish-no-later-than date itself (see `WorkingCalendar.index_on_or_before`); the task's finish
    index may reach `fnlt + 1`. `delay` (leveling delay, working days) is added to an auto task's
    early start after every other bound, so leveling never has to overwrite a constraint.
    """

    id: TaskId
    duration: int
    manual: bool = False
    start: int | None = None
    snet: int | None = None
    fnlt: int | None = None
    delay: int = 0


@dataclass(frozen=True, slots=True)
class SchedLink:
    predecessor: TaskId
    successor: TaskId
    type: LinkType = "FS"
    lag: int = 0


@dataclass(frozen=True, slots=True, eq=False)
class Network:
    """Tasks and links indexed by task position; positions are a topological order (every link
    goes from a lower position to a higher one), so a forward pass is a walk from 0 up.

    Per-task link groups, flat `(point, lag, ...)` tuples: `start_in[t]` / `finish_in[t]` hold
    the predecessor point and lag of the links that bound t's start / finish; `finish_out[p]` /
    `start_out[p]` the successor point and lag of the links that read p's finish / start.
    """

    ids: tuple[TaskId, ...]
    position: Mapping[TaskId, int]
    duration: tuple[int, ...]
    manual: tuple[bool, ...]
    manual_start: tuple[int, ...]
    earliest_start: tuple[int, ...]
    delay: tuple[int, ...]
    finish_bound: tuple[int, ...]
    start_in: tuple[Links, ...]
    finish_in: tuple[Links, ...]
    finish_out: tuple[Links, ...]
    start_out: tuple[Links, ...]
    manual_tasks: tuple[int, ...]

    def successors(self, task: int) -> list[int]:
        return [point >> 1 for point in (*self.finish_out[task][0::2], *self.start_out[task][0::2])]


def build_network(tasks: Iterable[SchedTask], links: Iterable[SchedLink]) -> Network:
    """Index tasks and links; raises ValueError for bad input and CycleError for a cycle.

    Positions follow a topological order, so a pass walks its arrays front to back (or back to
    front) instead of hopping around memory, which is most of its speed on large networks.
    """
    given = list(tasks)
    given_position = {task.id: k for k, task in enumerate(given)}
    if len(given_position) != len(given):
        raise ValueError("task ids must be unique")
    for task in given:
        if task.duration < 0:
            raise ValueError(f"task {task.id}: duration must not be negative")
        if task.manual and task.start is None:
            raise ValueError(f"task {task.id}: a manual task needs a start")
        if task.delay < 0:
            raise ValueError(f"task {task.id}: delay must not be negative")

    link_list = list(links)
    try:
        heads = list(map(given_position.__getitem__, map(_predecessor_of, link_list)))
        tails = list(map(given_position.__getitem__, map(_successor_of, link_list)))
    except KeyError as missing:
        raise ValueError(f"link to unknown task {missing.args[0]}") from None

    order = _topological_order(given, heads, tails)
    count = len(order)
    rank = [0] * count
    for r, k in enumerate(order):
        rank[k] = r
    ordered = list(map(given.__getitem__, order))
    heads = list(map(rank.__getitem__, heads))
    tails = list(map(rank.__getitem__, tails))
    try:
        sides = list(map(_LINK_SIDES.__getitem__, map(_type_of, link_list)))
    except KeyError as unknown:
        raise ValueError(f"unknown link type {unknown.args[0]!r}") from None
    reads = [read for read, _ in sides]
    bounds = [bound for _, bound in sides]
    lags = list(map(_lag_of, link_list))
    start_in, finish_in = _group_links(count, tails, bounds, heads, reads, lags)
    start_out, finish_out = _group_links(count, heads, reads, tails, bounds, lags)

    manual = tuple(map(attrgetter("manual"), ordered))
    ids = tuple(map(attrgetter("id"), ordered))
    return Network(
        ids=ids,
        position=dict(zip(ids, range(count), strict=True)),
        duration=tuple(map(attrgetter("duration"), ordered)),
        manual=manual,
        manual_start=tuple(
            task.start if task.manual and task.start is not None else 0 for task in ordered
        ),
        earliest_start=tuple(
            NO_EARLIEST_START if task.snet is None else task.snet for task in ordered
        ),
        delay=tuple(map(attrgetter("delay"), ordered)),
        finish_bound=tuple(
            NO_FINISH_BOUND if task.fnlt is None else task.fnlt + 1 for task in ordered
        ),
        start_in=start_in,
        finish_in=finish_in,
        finish_out=finish_out,
        start_out=start_out,
        manual_tasks=tuple(v for v in range(count) if manual[v]),
    )


def _group_links(
    count: int,
    owners: list[int],
    owner_sides: list[int],
    others: list[int],
    other_sides: list[int],
    lags: list[int],
) -> tuple[tuple[Links, ...], tuple[Links, ...]]:
    """Each link's other point and lag grouped by owning task, split by the owner's side.

    The point ints are created in owner order, so a pass, which walks owners in order, reads
    memory in the order it was allocated. Within a group, links keep their given order.
    """
    owner_points = [2 * owner + side for owner, side in zip(owners, owner_sides, strict=True)]
    by_owner = sorted(range(len(owner_points)), key=owner_points.__getitem__)
    flat = [0] * (2 * len(by_owner))
    flat[0::2] = [2 * others[e] + other_sides[e] for e in by_owner]
    flat[1::2] = map(lags.__getitem__, by_owner)
    groups = _cut(2 * count, owner_points, tuple(flat), 2)
    return tuple(groups[0::2]), tuple(groups[1::2])


def _cut(count: int, keys: list[int], items: tuple[int, ...], width: int) -> list[tuple[int, ...]]:
    """`items`, `width` per key and sorted by key, cut into one tuple per key in `range(count)`.

    `keys` need not be sorted: only how often each occurs matters.
    """
    sizes = [0] * count
    for key in keys:
        sizes[key] += width
    ends = list(accumulate(sizes))
    return list(map(items.__getitem__, map(slice, [0, *ends[:-1]], ends)))


def _topological_order(tasks: list[SchedTask], heads: list[int], tails: list[int]) -> list[int]:
    """Kahn's algorithm over given positions, ties broken by input order for reproducibility."""
    count = len(tasks)
    by_head = sorted(range(len(heads)), key=heads.__getitem__)
    targets = _cut(count, heads, tuple(map(tails.__getitem__, by_head)), 1)
    indegree = [0] * count
    for t in tails:
        indegree[t] += 1
    ready = deque(k for k, degree in enumerate(indegree) if degree == 0)
    order: list[int] = []
    while ready:
        k = ready.popleft()
        order.append(k)
        for t in targets[k]:
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    if len(order) < count:
        # What Kahn's algorithm could not reach has a predecessor left in that same set, so a
        # cycle lies within it; search only there.
        stuck = {
            tasks[k].id: [tasks[t].id for t in targets[k] if indegree[t]]
            for k in range(count)
            if indegree[k]
        }
        cycle = find_any_cycle(stuck)
        assert cycle is not None, "Kahn's algorithm stops short only on a cycle"
        raise CycleError(cycle)
    return order
