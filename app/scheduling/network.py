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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, attrgetter
from typing import Any, Literal, NamedTuple, TypeVar
from uuid import UUID

from app.scheduling.cycles import CycleError, find_any_cycle

TaskId = Hashable
LinkType = Literal["FS", "SS", "FF", "SF"]
Links = tuple[int, ...]
_T = TypeVar("_T")

# The side of the predecessor a link reads and of the successor it bounds; 0 = start, 1 = finish.
_READ_SIDE: Mapping[str, int] = {"FS": 1, "SS": 0, "FF": 1, "SF": 0}
_BOUND_SIDE: Mapping[str, int] = {"FS": 0, "SS": 0, "FF": 1, "SF": 1}
_uuid_int = attrgetter("int")
# Stand-ins for "no snet" and "no fnlt" that keep the passes free of None checks.
NO_EARLIEST_START = -(1 << 62)
NO_FINISH_BOUND = 1 << 62


class SchedTask(NamedTuple):
    """A task as the engine sees it; dates are working-day indices of the project calendar.

    `start` is kept by manual tasks and ignored for auto tasks. `fnlt` is the index of the
    finish-no-later-than date itself (see `WorkingCalendar.index_on_or_before`); the task's finish
    index may reach `fnlt + 1`. `delay` (leveling delay, working days) is added to an auto task's
    early start after every other bound, so leveling never has to overwrite a constraint.

    A named tuple rather than a frozen dataclass: a schedule read makes one per task and one
    `SchedLink` per link, and a tuple is made several times faster and read as columns at once.
    """

    id: TaskId
    duration: int
    manual: bool = False
    start: int | None = None
    snet: int | None = None
    fnlt: int | None = None
    delay: int = 0


class SchedLink(NamedTuple):
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
    Everything is done column by column (`zip(*rows)`, `map`) or in one plain loop per link, so a
    10,000-task network builds in a few passes over flat lists.
    """
    given = list(tasks)
    count = len(given)
    ids, durations, manual, starts, snets, fnlts, delays = _columns(given, len(SchedTask._fields))
    _check_tasks(ids, durations, manual, starts, delays)
    predecessors, successors, types, lags = _columns(list(links), len(SchedLink._fields))
    heads, tails = _endpoints(ids, predecessors, successors)
    try:
        reads = list(map(_READ_SIDE.__getitem__, types))
        bounds = list(map(_BOUND_SIDE.__getitem__, types))
    except KeyError as unknown:
        raise ValueError(f"unknown link type {unknown.args[0]!r}") from None

    order = _topological_order(ids, heads, tails)
    rank = [0] * count
    for r, k in enumerate(order):
        rank[k] = r
    # One int object per point, made in point order and shared by every link that reads it: a
    # pass walks the tasks in order and so reads them in the order they were allocated. Made per
    # link, in link order, they made the passes twice as slow at 100,000 tasks.
    point = list(range(2 * count))
    # start[k]: the start point of the task given at k, i.e. 2 * rank[k].
    start = list(map(point[0::2].__getitem__, rank))
    head_points = list(map(point.__getitem__, map(add, map(start.__getitem__, heads), reads)))
    tail_points = list(map(point.__getitem__, map(add, map(start.__getitem__, tails), bounds)))
    start_in, finish_in = _group_links(count, tail_points, head_points, lags)
    start_out, finish_out = _group_links(count, head_points, tail_points, lags)

    ordered_ids = _pick(ids, order)
    ordered_manual = _pick(manual, order)
    return Network(
        ids=ordered_ids,
        position=dict(zip(ordered_ids, range(count), strict=True)),
        duration=_pick(durations, order),
        manual=ordered_manual,
        manual_start=_pick([s if m else 0 for m, s in zip(manual, starts, strict=True)], order),
        earliest_start=_pick([NO_EARLIEST_START if s is None else s for s in snets], order),
        delay=_pick(delays, order),
        finish_bound=_pick([NO_FINISH_BOUND if f is None else f + 1 for f in fnlts], order),
        start_in=start_in,
        finish_in=finish_in,
        finish_out=finish_out,
        start_out=start_out,
        manual_tasks=tuple(v for v in range(count) if ordered_manual[v]),
    )


def _columns(rows: list[SchedTask] | list[SchedLink], width: int) -> list[tuple[Any, ...]]:
    """Named tuples turned into one tuple per field (`width` empty tuples for no rows)."""
    return list(zip(*rows, strict=True)) if rows else [()] * width


def _pick(column: Sequence[_T], order: list[int]) -> tuple[_T, ...]:
    return tuple(map(column.__getitem__, order))


def _check_tasks(
    ids: Sequence[TaskId],
    durations: Sequence[int],
    manual: Sequence[bool],
    starts: Sequence[int | None],
    delays: Sequence[int],
) -> None:
    if not ids:
        return
    if min(durations) < 0:
        raise ValueError(
            f"task {ids[durations.index(min(durations))]}: duration must not be negative"
        )
    for task_id, is_manual, start in zip(ids, manual, starts, strict=True):
        if is_manual and start is None:
            raise ValueError(f"task {task_id}: a manual task needs a start")
    if min(delays) < 0:
        raise ValueError(f"task {ids[delays.index(min(delays))]}: delay must not be negative")


def _endpoints(
    ids: Sequence[TaskId], predecessors: Sequence[TaskId], successors: Sequence[TaskId]
) -> tuple[list[int], list[int]]:
    """Given positions of each link's predecessor and successor.

    Task ids are looked up by their 128-bit integer when they are all UUIDs: `uuid.UUID` hashes
    and compares in Python code, which made these lookups the largest part of a build, while an
    int does both in C. Anything else is looked up as it is.
    """
    uuids = all(map(isinstance, ids, repeat(UUID)))
    keys = list(map(_uuid_int, ids)) if uuids else ids
    position = dict(zip(keys, range(len(ids)), strict=True))
    if len(position) != len(ids):
        raise ValueError("task ids must be unique")
    try:
        if uuids:
            return (
                list(map(position.__getitem__, map(_uuid_int, predecessors))),
                list(map(position.__getitem__, map(_uuid_int, successors))),
            )
        return (
            list(map(position.__getitem__, predecessors)),
            list(map(position.__getitem__, successors)),
        )
    except (AttributeError, KeyError):
        known = set(ids)
        missing = next(e for e in (*predecessors, *successors) if e not in known)
        raise ValueError(f"link to unknown task {missing}") from None


def _group_links(
    count: int, owner_points: list[int], other_points: list[int], lags: Sequence[int]
) -> tuple[tuple[Links, ...], tuple[Links, ...]]:
    """Each link's other point and lag grouped by owning task, split by the owner's side.

    One loop appending to a list per point: no sort, and within a group links keep their given
    order.
    """
    groups: list[list[int]] = [[] for _ in range(2 * count)]
    for owner, other, lag in zip(owner_points, other_points, lags, strict=True):
        group = groups[owner]
        group.append(other)
        group.append(lag)
    flat = list(map(tuple, groups))
    return tuple(flat[0::2]), tuple(flat[1::2])


def _topological_order(ids: Sequence[TaskId], heads: list[int], tails: list[int]) -> list[int]:
    """Kahn's algorithm over given positions, ties broken by input order for reproducibility."""
    count = len(ids)
    targets: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for head, tail in zip(heads, tails, strict=True):
        targets[head].append(tail)
        indegree[tail] += 1
    order = [k for k, degree in enumerate(indegree) if not degree]
    # The list is its own queue: iterating it visits what the loop appends, first in first out.
    for k in order:
        for t in targets[k]:
            indegree[t] -= 1
            if not indegree[t]:
                order.append(t)
    if len(order) < count:
        # What Kahn's algorithm could not reach has a predecessor left in that same set, so a
        # cycle lies within it; search only there.
        stuck = {
            ids[k]: [ids[t] for t in targets[k] if indegree[t]] for k in range(count) if indegree[k]
        }
        cycle = find_any_cycle(stuck)
        assert cycle is not None, "Kahn's algorithm stops short only on a cycle"
        raise CycleError(cycle)
    return order
