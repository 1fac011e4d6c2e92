"""Inputs and outputs of the capacity engine. All date ranges are inclusive at both ends."""

from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from app.scheduling.calendar import WorkingCalendar

ResourceId = Hashable
TeamId = Hashable
TaskId = Hashable
AllocationId = Hashable
ResourceKind = Literal["person", "equipment", "room", "pool"]
Granularity = Literal["day", "week", "month"]


@dataclass(frozen=True, slots=True)
class TimeOff:
    """Time off over `[start, end]`: whole days when `hours_per_day` is None, else those hours."""

    start: date
    end: date
    hours_per_day: Decimal | None = None

    def __post_init__(self) -> None:
        if self.hours_per_day is not None and self.hours_per_day < 0:
            raise ValueError("time off hours_per_day must not be negative")


@dataclass(frozen=True, slots=True)
class ResourceInput:
    """A person (capacity per week, spread over their working weekdays) or a non-human resource
    (capacity per working day)."""

    id: ResourceId
    kind: ResourceKind
    team_id: TeamId | None
    calendar: WorkingCalendar
    weekly_capacity_hours: Decimal | None = None
    capacity_hours_per_day: Decimal | None = None
    time_off: tuple[TimeOff, ...] = ()

    def __post_init__(self) -> None:
        person = self.kind == "person"
        hours = self.weekly_capacity_hours if person else self.capacity_hours_per_day
        other = self.capacity_hours_per_day if person else self.weekly_capacity_hours
        if hours is None or other is not None:
            wanted = "weekly_capacity_hours" if person else "capacity_hours_per_day"
            raise ValueError(f"a {self.kind} resource has {wanted} and only that")
        if hours < 0:
            raise ValueError("capacity must not be negative")


@dataclass(frozen=True, slots=True)
class AllocationInput:
    """An explicit allocation over `[start, end]`: hours on each working day, or a percent of each
    day's capacity. With a `task_id` it replaces the resource's task-driven share of that task."""

    id: AllocationId
    resource_id: ResourceId
    task_id: TaskId | None
    start: date
    end: date
    hours_per_day: Decimal | None = None
    percent: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.hours_per_day is None) == (self.percent is None):
            raise ValueError("an allocation has either hours_per_day or percent")


@dataclass(frozen=True, slots=True)
class TaskLoadInput:
    """A dated task whose estimate is spread over its working days on the project `calendar`.

    A milestone's finish is its start (docs/design.md §7), so `milestone` says it carries no work.
    """

    task_id: TaskId
    start: date
    finish: date
    estimate_hours: Decimal
    assignee_resource_ids: tuple[ResourceId, ...]
    calendar: WorkingCalendar
    milestone: bool = False

    def __post_init__(self) -> None:
        if len(set(self.assignee_resource_ids)) != len(self.assignee_resource_ids):
            raise ValueError("a task lists each assignee once")


@dataclass(frozen=True, slots=True)
class ReservationInput:
    """Ongoing work holding `hours_per_week` of a resource from `start` (the project's start)."""

    resource_id: ResourceId
    start: date
    hours_per_week: Decimal


@dataclass(frozen=True, slots=True)
class ResourceDay:
    """One resource on one day. `allocation_ids` and `task_ids` name what put hours on it:
    explicit allocations, and tasks through their task-driven share."""

    resource_id: ResourceId
    day: date
    capacity_hours: Decimal
    reserved_hours: Decimal
    allocated_hours: Decimal
    allocation_ids: tuple[AllocationId, ...] = ()
    task_ids: tuple[TaskId, ...] = ()

    @property
    def available_hours(self) -> Decimal:
        return self.capacity_hours - self.reserved_hours - self.allocated_hours

    @property
    def overallocated(self) -> bool:
        return self.reserved_hours + self.allocated_hours > self.capacity_hours


@dataclass(frozen=True, slots=True)
class Period:
    """Totals over `[start, end]`; `utilization` is None when there is no capacity to use."""

    start: date
    end: date
    capacity_hours: Decimal
    reserved_hours: Decimal
    allocated_hours: Decimal
    available_hours: Decimal
    utilization: Decimal | None
    overallocated: bool


@dataclass(frozen=True, slots=True)
class ResourceWorkload:
    resource_id: ResourceId
    team_id: TeamId | None
    periods: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class TeamWorkload:
    """A team's resources summed per period; over-allocated when any of them is."""

    team_id: TeamId
    periods: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """An over-allocated resource-day; `allocated_hours` counts reserved hours too."""

    resource_id: ResourceId
    date: date
    capacity_hours: Decimal
    allocated_hours: Decimal
    excess_hours: Decimal
    allocation_ids: tuple[AllocationId, ...]
    task_ids: tuple[TaskId, ...]


@dataclass(frozen=True, slots=True)
class Workload:
    resources: tuple[ResourceWorkload, ...]
    teams: tuple[TeamWorkload, ...]
    conflicts: tuple[Conflict, ...]
