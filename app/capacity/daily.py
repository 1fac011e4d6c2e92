"""Capacity, reserved and allocated hours of each resource on each day of a window.

A window is `[start, end]`; its days are addressed by offset from `start`, so per-day figures are
plain lists. Loads are added with difference arrays: each allocation and each task share costs
two additions whatever its length, and one running sum per resource turns them into days. What
put hours on a day (allocation and task ids) is only looked up for the days that need it.
"""

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate

from app.capacity.hours import ZERO, in_hours_context
from app.capacity.model import (
    AllocationId,
    AllocationInput,
    ReservationInput,
    ResourceDay,
    ResourceId,
    ResourceInput,
    TaskId,
    TaskLoadInput,
)
from app.scheduling.calendar import WorkingCalendar

_HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class CapacityDays:
    """A resource's capacity on each day of a window, by offset from the window's start.

    `on_duty` marks working days without full-day time off: the days an `hours_per_day`
    allocation lands on, even when partial time off leaves no capacity.
    """

    hours: tuple[Decimal, ...]
    on_duty: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class TaskShare:
    """One resource's share of a task on each working day of the task's calendar in
    `[first, stop)`, offsets of the window clipped to it."""

    task_id: TaskId
    hours: Decimal
    first: int
    stop: int
    working: tuple[bool, ...]


@dataclass(slots=True)
class Bookings:
    """What is booked on one resource, in input order: its explicit allocations and the task
    shares no allocation replaces."""

    allocations: list[AllocationInput] = field(default_factory=list)
    task_shares: list[TaskShare] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ResourceFigures:
    """One resource's capacity, reserved and allocated hours on each day of the window."""

    capacity: CapacityDays
    reserved: tuple[Decimal, ...]
    allocated: tuple[Decimal, ...]
    bookings: Bookings

    def overallocated(self, offset: int) -> bool:
        return self.reserved[offset] + self.allocated[offset] > self.capacity.hours[offset]


def window_length(start: date, end: date) -> int:
    if end < start:
        raise ValueError(f"the window ends ({end}) before it starts ({start})")
    return (end - start).days + 1


def _clip(first: date, last: date, window_start: date, length: int) -> tuple[int, int]:
    """`[first, stop)`: offsets of the days of `[first, last]` inside the window (maybe empty)."""
    return max(0, (first - window_start).days), min(length, (last - window_start).days + 1)


class WorkingDays:
    """Which days of a window each calendar works, computed once per calendar."""

    __slots__ = ("_by_calendar", "_days")

    def __init__(self, start: date, length: int) -> None:
        self._days = [start + timedelta(days=offset) for offset in range(length)]
        self._by_calendar: dict[int, tuple[bool, ...]] = {}

    @property
    def length(self) -> int:
        return len(self._days)

    def of(self, calendar: WorkingCalendar) -> tuple[bool, ...]:
        # Keyed by identity: the callers build each calendar once and share it.
        key = id(calendar)
        working = self._by_calendar.get(key)
        if working is None:
            working = tuple(map(calendar.is_working, self._days))
            self._by_calendar[key] = working
        return working


def working_day_hours(resource: ResourceInput) -> Decimal:
    """Capacity on a working day without time off: a person's week over their working weekdays."""
    if resource.capacity_hours_per_day is not None:
        return resource.capacity_hours_per_day
    weekly = resource.weekly_capacity_hours
    assert weekly is not None  # ResourceInput requires one of the two
    return weekly / len(resource.calendar.working_weekdays)


def _capacity(resource: ResourceInput, start: date, working: Sequence[bool]) -> CapacityDays:
    full_day = working_day_hours(resource)
    if not resource.time_off:
        return CapacityDays(tuple(full_day if w else ZERO for w in working), tuple(working))
    length = len(working)
    # Hours of partial time off per day; None once a full-day time off covers the day.
    taken: list[Decimal | None] = [ZERO] * length
    for time_off in resource.time_off:
        for offset in range(*_clip(time_off.start, time_off.end, start, length)):
            already = taken[offset]
            if time_off.hours_per_day is None or already is None:
                taken[offset] = None
            else:
                taken[offset] = already + time_off.hours_per_day
    on_duty = tuple(w and off is not None for w, off in zip(working, taken, strict=True))
    hours = tuple(
        max(ZERO, full_day - off) if duty and off is not None else ZERO
        for duty, off in zip(on_duty, taken, strict=True)
    )
    return CapacityDays(hours, on_duty)


@in_hours_context
def daily_capacity(resource: ResourceInput, start: date, end: date) -> CapacityDays:
    """Capacity on each day of `[start, end]`: 0 off the calendar and on full-day time off,
    reduced (not below 0) by partial time off."""
    working = WorkingDays(start, window_length(start, end)).of(resource.calendar)
    return _capacity(resource, start, working)


@in_hours_context
def daily_reserved(
    resource: ResourceInput,
    capacity: CapacityDays,
    reservations: Iterable[ReservationInput],
    start: date,
) -> tuple[Decimal, ...]:
    """Hours `reservations` (the resource's own) hold back on each day of the window from `start`.

    Each reservation holds its weekly hours over the resource's working weekdays from its start
    date on; together they are capped at the day's capacity. Weekly hours are summed before the
    one division, so the figure does not depend on the order of the reservations.
    """
    length = len(capacity.hours)
    weekly = ZERO  # hours per week of the reservations already started
    starting: dict[int, Decimal] = {}  # hours per week of the reservations starting on a day
    for reservation in reservations:
        offset = (reservation.start - start).days
        if offset <= 0:
            weekly += reservation.hours_per_week
        elif offset < length:
            starting[offset] = starting.get(offset, ZERO) + reservation.hours_per_week
    if not weekly and not starting:
        return (ZERO,) * length
    weekdays = len(resource.calendar.working_weekdays)
    per_day = weekly / weekdays
    reserved: list[Decimal] = []
    for offset, day_capacity in enumerate(capacity.hours):
        if offset in starting:
            weekly += starting[offset]
            per_day = weekly / weekdays
        reserved.append(min(per_day, day_capacity))
    return tuple(reserved)


def _task_share(task: TaskLoadInput) -> Decimal | None:
    """Hours of the task on each of its working days for each assignee; None without load."""
    calendar = task.calendar
    days = calendar.working_days_between(task.start, task.finish) + calendar.is_working(task.finish)
    if task.milestone or days <= 0 or not task.estimate_hours:
        return None
    # One division per task: an even split of an even spread.
    return task.estimate_hours / (days * len(task.assignee_resource_ids))


def _bookings(
    resource_ids: Iterable[ResourceId],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    working_days: WorkingDays,
    start: date,
) -> dict[ResourceId, Bookings]:
    """What is booked on each resource of `resource_ids`; loads on other resources are left out,
    so a caller may pass every allocation and task and ask about a few resources."""
    booked = {resource_id: Bookings() for resource_id in resource_ids}
    replaced: set[tuple[TaskId, ResourceId]] = set()
    for allocation in allocations:
        if allocation.task_id is not None:
            replaced.add((allocation.task_id, allocation.resource_id))
        bookings = booked.get(allocation.resource_id)
        if bookings is not None:
            bookings.allocations.append(allocation)
    length = working_days.length
    for task in tasks:
        targets = [
            booked[resource_id]
            for resource_id in task.assignee_resource_ids
            if resource_id in booked and (task.task_id, resource_id) not in replaced
        ]
        first, stop = _clip(task.start, task.finish, start, length)
        if not targets or first >= stop:
            continue
        hours = _task_share(task)
        if hours is None:
            continue
        share = TaskShare(task.task_id, hours, first, stop, working_days.of(task.calendar))
        for bookings in targets:
            bookings.task_shares.append(share)
    return booked


def _explicit_hours(
    allocations: Sequence[AllocationInput], capacity: CapacityDays, start: date
) -> list[Decimal]:
    """Hours of explicit allocations per day: running sums of hours per day (on duty days
    only) and of percents (of each day's capacity). Both sums are of entered figures, so exact."""
    length = len(capacity.hours)
    hours_delta = [ZERO] * (length + 1)
    percent_delta = [ZERO] * (length + 1)
    for allocation in allocations:
        first, stop = _clip(allocation.start, allocation.end, start, length)
        if first >= stop:
            continue
        if allocation.percent is not None:
            percent_delta[first] += allocation.percent
            percent_delta[stop] -= allocation.percent
        elif allocation.hours_per_day is not None:
            hours_delta[first] += allocation.hours_per_day
            hours_delta[stop] -= allocation.hours_per_day
    return [
        (hours if duty else ZERO) + (day_capacity * percent / _HUNDRED if percent else ZERO)
        for hours, percent, duty, day_capacity in zip(
            accumulate(hours_delta[:length]),
            accumulate(percent_delta[:length]),
            capacity.on_duty,
            capacity.hours,
            strict=True,
        )
    ]


def _task_hours(shares: Sequence[TaskShare], length: int) -> list[Decimal]:
    """Task-driven hours per day: per project calendar, a running sum of the shares of the tasks
    under way, counted on that calendar's working days."""
    total = [ZERO] * length
    by_calendar: dict[int, list[TaskShare]] = {}
    for share in shares:
        by_calendar.setdefault(id(share.working), []).append(share)
    for calendar_shares in by_calendar.values():
        delta = [ZERO] * (length + 1)
        under_way = [0] * (length + 1)
        for share in calendar_shares:
            delta[share.first] += share.hours
            delta[share.stop] -= share.hours
            under_way[share.first] += 1
            under_way[share.stop] -= 1
        working = calendar_shares[0].working
        running = ZERO
        tasks = 0
        for offset in range(length):
            tasks += under_way[offset]
            # Shares from non-terminating divisions do not cancel exactly when subtracted:
            # restart from zero whenever no task is under way, so no residue outlives its tasks.
            running = running + delta[offset] if tasks else ZERO
            if tasks and working[offset]:
                total[offset] += running
    return total


def _figures(
    resource: ResourceInput,
    capacity: CapacityDays,
    bookings: Bookings,
    reservations: Sequence[ReservationInput],
    start: date,
) -> ResourceFigures:
    length = len(capacity.hours)
    reserved = daily_reserved(resource, capacity, reservations, start)
    if not bookings.allocations and not bookings.task_shares:
        return ResourceFigures(capacity, reserved, (ZERO,) * length, bookings)
    explicit = _explicit_hours(bookings.allocations, capacity, start)
    if not bookings.task_shares:
        return ResourceFigures(capacity, reserved, tuple(explicit), bookings)
    tasks = _task_hours(bookings.task_shares, length)
    allocated = tuple(e + t for e, t in zip(explicit, tasks, strict=True))
    return ResourceFigures(capacity, reserved, allocated, bookings)


@dataclass(frozen=True, slots=True)
class DailyFigures:
    """Every resource's figures over the window from `start`, in the resources' order."""

    start: date
    resources: dict[ResourceId, ResourceFigures]

    def days(self, resource_id: ResourceId, offsets: Sequence[int]) -> Iterator[ResourceDay]:
        """The resource's days at `offsets` (ascending), with what put hours on each."""
        figures = self.resources[resource_id]
        allocation_ids, task_ids = _booking_ids(figures, offsets, self.start)
        for offset in offsets:
            yield ResourceDay(
                resource_id,
                self.start + timedelta(days=offset),
                figures.capacity.hours[offset],
                figures.reserved[offset],
                figures.allocated[offset],
                tuple(allocation_ids.get(offset, ())),
                tuple(task_ids.get(offset, ())),
            )

    def overallocated_days(self) -> Iterator[ResourceDay]:
        """The over-allocated days, by resource then day."""
        for resource_id, figures in self.resources.items():
            over = [
                offset
                for offset, (capacity, reserved, allocated) in enumerate(
                    zip(figures.capacity.hours, figures.reserved, figures.allocated, strict=True)
                )
                if reserved + allocated > capacity
            ]
            if over:
                yield from self.days(resource_id, over)


def _booking_ids(
    figures: ResourceFigures, offsets: Sequence[int], start: date
) -> tuple[dict[int, list[AllocationId]], dict[int, list[TaskId]]]:
    """Allocation and task ids that put hours on each day of `offsets` (ascending), in input
    order: each allocation or share visits only the asked days inside its own range."""
    capacity = figures.capacity
    length = len(capacity.hours)

    def asked(first: int, stop: int) -> Sequence[int]:
        return offsets[bisect_left(offsets, first) : bisect_left(offsets, stop)]

    allocation_ids: dict[int, list[AllocationId]] = {}
    for allocation in figures.bookings.allocations:
        for offset in asked(*_clip(allocation.start, allocation.end, start, length)):
            if allocation.percent is not None:
                books = bool(allocation.percent and capacity.hours[offset])
            else:
                books = bool(allocation.hours_per_day and capacity.on_duty[offset])
            if books:
                allocation_ids.setdefault(offset, []).append(allocation.id)
    task_ids: dict[int, list[TaskId]] = {}
    for share in figures.bookings.task_shares:
        for offset in asked(share.first, share.stop):
            if share.working[offset]:
                task_ids.setdefault(offset, []).append(share.task_id)
    return allocation_ids, task_ids


@in_hours_context
def daily_figures(
    resources: Sequence[ResourceInput],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    reservations: Iterable[ReservationInput],
    start: date,
    end: date,
) -> DailyFigures:
    """Every resource's capacity, reserved and allocated hours on each day of `[start, end]`.

    Allocated hours are explicit allocations, then each task's estimate spread evenly over its
    working days on the project calendar and split equally among all its assignees, regardless
    of time off. An explicit allocation for a (task, resource) pair replaces that resource's
    whole share of the task. Allocations and tasks on other resources are ignored.
    """
    length = window_length(start, end)
    working_days = WorkingDays(start, length)
    booked = _bookings((r.id for r in resources), allocations, tasks, working_days, start)
    reservations_of: dict[ResourceId, list[ReservationInput]] = {}
    for reservation in reservations:
        reservations_of.setdefault(reservation.resource_id, []).append(reservation)
    return DailyFigures(
        start,
        {
            resource.id: _figures(
                resource,
                _capacity(resource, start, working_days.of(resource.calendar)),
                booked[resource.id],
                reservations_of.get(resource.id, []),
                start,
            )
            for resource in resources
        },
    )


@in_hours_context
def resource_days(
    resources: Sequence[ResourceInput],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    reservations: Iterable[ReservationInput],
    start: date,
    end: date,
) -> dict[ResourceId, tuple[ResourceDay, ...]]:
    """Every resource's days over `[start, end]`, with what put hours on each of them."""
    figures = daily_figures(resources, allocations, tasks, reservations, start, end)
    every_day = range(window_length(start, end))
    return {resource.id: tuple(figures.days(resource.id, every_day)) for resource in resources}
