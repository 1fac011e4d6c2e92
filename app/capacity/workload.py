"""The workload report: per-resource and per-team periods, and the over-allocated days."""

from collections.abc import Iterable, Sequence
from datetime import date

from app.capacity.daily import daily_figures
from app.capacity.hours import in_hours_context
from app.capacity.model import (
    AllocationInput,
    Conflict,
    Granularity,
    ReservationInput,
    ResourceDay,
    ResourceInput,
    ResourceWorkload,
    TaskLoadInput,
    Workload,
)
from app.capacity.periods import period_ranges, periods, team_totals


@in_hours_context
def conflicts(days: Iterable[ResourceDay]) -> tuple[Conflict, ...]:
    """One conflict per over-allocated day (reserved + allocated above capacity), in order."""
    result: list[Conflict] = []
    for day in days:
        if day.overallocated:
            booked = day.reserved_hours + day.allocated_hours
            result.append(
                Conflict(
                    day.resource_id,
                    day.day,
                    day.capacity_hours,
                    booked,
                    booked - day.capacity_hours,
                    day.allocation_ids,
                    day.task_ids,
                )
            )
    return tuple(result)


@in_hours_context
def workload(
    resources: Sequence[ResourceInput],
    allocations: Iterable[AllocationInput],
    tasks: Iterable[TaskLoadInput],
    reservations: Iterable[ReservationInput],
    *,
    start: date,
    end: date,
    granularity: Granularity,
    week_start: int = 1,
    with_conflicts: bool = True,
) -> Workload:
    """Workload of `resources` over `[start, end]` in periods of `granularity`.

    Resources keep their input order, teams the order of their first resource, conflicts are
    by resource then day (none without `with_conflicts`, for callers that do not show them).
    Allocations and tasks may reach outside the window and name other resources: only the
    resources' days inside the window are counted. An allocation tied to a task must be passed
    whenever the task is, even if its dates miss the window, since it replaces the resource's
    share of the task everywhere.
    """
    ranges = period_ranges(granularity, start, end, week_start)
    figures = daily_figures(resources, allocations, tasks, reservations, start, end)
    per_resource = tuple(
        ResourceWorkload(
            resource.id, resource.team_id, periods(figures.resources[resource.id], ranges)
        )
        for resource in resources
    )
    return Workload(
        per_resource,
        team_totals(per_resource),
        conflicts(figures.overallocated_days()) if with_conflicts else (),
    )
