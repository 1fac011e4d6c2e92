"""Capacity, reserved and allocated hours of each resource on each day of a window.

A window is `[start, end]`; its days are addressed by offset from `start`, so per-day figures are
plain lists and every allocation, task or time off touches only its own days inside the window.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

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
class LoadDays:
    """Allocated hours of one resource on each day of a window, with what put them there."""

    hours: tuple[Decimal, ...]
    allocation_ids: tuple[tuple[AllocationId, ...], ...]
    task_ids: tuple[tuple[TaskId, ...], ...]


def window_length(start: date, end: date) -> int:
    if end < start:
        raise ValueError(f"the window ends ({end}) before it starts ({start})")
    return (end - start).days + 1


def _offsets(first: date, last: date, window_start: date, length: int) -> range:
    """Offsets of the days of `[first, last]` that fall inside the window."""
    return range(max(0, (first - window_start).days), min(length, (last - window_start).days + 1))


def working_day_hours(resource: ResourceInput) -> Decimal:
    """Capacity on a working day without time off: a person's week over their working weekdays."""
    if resource.capacity_hours_per_day is not None:
        return resource.capacity_hours_per_day
    weekly = resource.weekly_capacity_hours
    assert weekly is not None  # ResourceInput requires one of the two
    return weekly / len(resource.calendar.working_weekdays)


@in_hours_context
def daily_capacity(resource: ResourceInput, start: date, end: date) -> CapacityDays:
    """Capacity on each day of `[start, end]`: 0 off the calendar and on full-day time off,
    reduced (not below 0) by partial time off."""
    length = window_length(start, end)
    # Hours of partial time off per day; None once a full-day time off covers the day.
    taken: list[Decimal | None] = [ZERO] * length
    for time_off in resource.time_off:
        for offset in _offsets(time_off.start, time_off.end, start, length):
            already = taken[offset]
            if time_off.hours_per_day is None or already is None:
                taken[offset] = None
            else:
                taken[offset] = already + time_off.hours_per_day
    full_day = working_day_hours(resource)
    is_working = resource.calendar.is_working
    hours: list[Decimal] = []
    on_duty: list[bool] = []
    for offset in range(length):
        off = taken[offset]
        if off is not None and is_working(start + timedelta(days=offset)):
            on_duty.append(True)
            hours.append(max(ZERO, full_day - off))
        else:
            on_duty.append(False)
            hours.append(ZERO)
    return CapacityDays(tuple(hours), tuple(on_duty))


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
    starting = [ZERO] * length  # hours per week of the reservations starting on each day
    for reservation in reservations:
        offset = (reservation.start - start).days
        if offset <= 0:
            weekly += reservation.hours_per_week
        elif offset < length:
            starting[offset] += reservation.hours_per_week
    weekdays = len(resource.calendar.working_weekdays)
    reserved: list[Decimal] = []
    for offset, day_capacity in enumerate(capacity.hours):
        weekly += starting[offset]
        reserved.append(min(weekly / weekdays, day_capacity))
    return tuple(reserved)


class _Accumulator:
    """Allocated hours of one resource per day while `daily_load` adds them up."""

    __slots__ = ("allocation_ids", "hours", "task_ids")

    def __init__(self, length: int) -> None:
        self.hours = [ZERO] * length
        # Sparse: most days of most resources have no allocation at all.
        self.allocation_ids: dict[int, list[AllocationId]] = {}
        self.task_ids: dict[int, list[TaskId]] = {}

    def freeze(self) -> LoadDays:
        length = len(self.hours)
        return LoadDays(
            tuple(self.hours),
            tuple(tuple(self.allocation_ids.get(offset, ())) for offset in range(length)),
            tuple(tuple(self.task_ids.get(offset, ())) for offset in range(length)),
        )


@in_hours_context
def daily_load(
    capacities: Mapping[ResourceId, CapacityDays],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    start: date,
) -> dict[ResourceId, LoadDays]:
    """Allocated hours of each resource in `capacities` on each day of the window from `start`.

    Explicit allocations come first, then each task's estimate spread evenly over its working days
    on the project calendar and split equally among all its assignees, regardless of time off.
    An explicit allocation for a (task, resource) pair replaces that resource's whole share of the
    task. Loads on resources outside `capacities` are left out, so a caller may pass every
    allocation and task and ask about a few resources. Hours are added per day in input order.
    """
    accumulators = {
        resource_id: _Accumulator(len(capacity.hours))
        for resource_id, capacity in capacities.items()
    }
    allocations = tuple(allocations)
    for allocation in allocations:
        accumulator = accumulators.get(allocation.resource_id)
        if accumulator is None:
            continue
        capacity = capacities[allocation.resource_id]
        for offset in _offsets(allocation.start, allocation.end, start, len(capacity.hours)):
            if allocation.percent is not None:
                hours = capacity.hours[offset] * allocation.percent / _HUNDRED
            elif capacity.on_duty[offset] and allocation.hours_per_day is not None:
                hours = allocation.hours_per_day
            else:
                continue
            if hours:
                accumulator.hours[offset] += hours
                accumulator.allocation_ids.setdefault(offset, []).append(allocation.id)
    replaced = {(a.task_id, a.resource_id) for a in allocations if a.task_id is not None}
    for task in tasks:
        _add_task_load(task, accumulators, replaced, start)
    return {resource_id: accumulator.freeze() for resource_id, accumulator in accumulators.items()}


def _add_task_load(
    task: TaskLoadInput,
    accumulators: Mapping[ResourceId, _Accumulator],
    replaced: set[tuple[TaskId, ResourceId]],
    start: date,
) -> None:
    targets = [
        accumulators[resource_id]
        for resource_id in task.assignee_resource_ids
        if resource_id in accumulators and (task.task_id, resource_id) not in replaced
    ]
    calendar = task.calendar
    days = calendar.working_days_between(task.start, task.finish) + calendar.is_working(task.finish)
    if task.milestone or not targets or days <= 0 or not task.estimate_hours:
        return
    # One division per task: an even split of an even spread.
    share = task.estimate_hours / (days * len(task.assignee_resource_ids))
    for offset in _offsets(task.start, task.finish, start, len(targets[0].hours)):
        if calendar.is_working(start + timedelta(days=offset)):
            for accumulator in targets:
                accumulator.hours[offset] += share
                accumulator.task_ids.setdefault(offset, []).append(task.task_id)


@in_hours_context
def resource_days(
    resources: Sequence[ResourceInput],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    reservations: Iterable[ReservationInput],
    start: date,
    end: date,
) -> dict[ResourceId, tuple[ResourceDay, ...]]:
    """Every resource's capacity, reserved and allocated hours on each day of `[start, end]`."""
    capacities = {resource.id: daily_capacity(resource, start, end) for resource in resources}
    loads = daily_load(capacities, allocations, tasks, start)
    reservations_of: dict[ResourceId, list[ReservationInput]] = {}
    for reservation in reservations:
        reservations_of.setdefault(reservation.resource_id, []).append(reservation)
    result: dict[ResourceId, tuple[ResourceDay, ...]] = {}
    for resource in resources:
        capacity = capacities[resource.id]
        reserved = daily_reserved(resource, capacity, reservations_of.get(resource.id, ()), start)
        load = loads[resource.id]
        result[resource.id] = tuple(
            ResourceDay(
                resource.id,
                start + timedelta(days=offset),
                capacity.hours[offset],
                reserved[offset],
                load.hours[offset],
                load.allocation_ids[offset],
                load.task_ids[offset],
            )
            for offset in range(len(capacity.hours))
        )
    return result
