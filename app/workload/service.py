"""Workload across every project and ongoing work: load one window's inputs in a fixed number
of queries, then one call of the pure capacity engine (app/capacity)."""

import uuid
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from operator import attrgetter
from typing import cast

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.capacity.daily import daily_figures, window_length
from app.capacity.model import (
    AllocationInput,
    Conflict,
    Granularity,
    Period,
    ReservationInput,
    ResourceInput,
    ResourceKind,
    TaskLoadInput,
    TimeOff,
)
from app.capacity.workload import conflicts, workload
from app.kit.errors import Unprocessable
from app.kit.limits import limits
from app.resources.schemas import ResourceKind as ResourceKindName
from app.scheduling.calendar import WorkingCalendar
from app.workload import schemas
from app.workload.repository import ResourceRow, TaskAssigneeRow, WorkloadRepository

# About three years: enough for any plan, small enough to answer quickly.
MAX_WINDOW_DAYS = 1100


@dataclass(frozen=True)
class Inputs:
    """The engine's inputs for one window, with the rows they came from."""

    rows: list[ResourceRow]
    resources: list[ResourceInput]
    allocations: list[AllocationInput]
    tasks: list[TaskLoadInput]
    reservations: list[ReservationInput]
    calendars: dict[uuid.UUID | None, WorkingCalendar]
    person_resource_ids: dict[uuid.UUID, uuid.UUID]
    week_start: int


def check_window(start: date, end: date) -> None:
    if end < start:
        raise Unprocessable.at("/query/to", "must be on or after from")
    if window_length(start, end) > MAX_WINDOW_DAYS:
        raise Unprocessable.at("/query/to", f"a window spans at most {MAX_WINDOW_DAYS} days")


def _calendars(
    calendars: list[tuple[uuid.UUID, list[int], bool]],
    exceptions: list[tuple[uuid.UUID, date, bool]],
) -> dict[uuid.UUID | None, WorkingCalendar]:
    """Each calendar by id, and the workspace default under None as well."""
    days: dict[uuid.UUID, dict[date, bool]] = {}
    for calendar_id, day, working in exceptions:
        days.setdefault(calendar_id, {})[day] = working
    built: dict[uuid.UUID | None, WorkingCalendar] = {}
    for calendar_id, weekdays, is_default in calendars:
        built[calendar_id] = WorkingCalendar(weekdays, days.get(calendar_id))
        if is_default:
            built[None] = built[calendar_id]
    return built


async def load_inputs(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    start: date,
    end: date,
    *,
    team_id: uuid.UUID | None = None,
    resource_ids: Collection[uuid.UUID] | None = None,
) -> Inputs:
    """What the engine needs for `[start, end]`, for every resource or for those asked about."""
    repo = WorkloadRepository(session)
    narrowed = team_id is not None or resource_ids is not None
    rows = await repo.resources(workspace_id, team_id=team_id, resource_ids=resource_ids)
    chosen = [row.id for row in rows] if narrowed else None
    members = [row.member_id for row in rows if row.member_id is not None] if narrowed else None
    person_ids = await repo.person_resource_ids(workspace_id)
    calendars = _calendars(*await repo.calendars(workspace_id))
    time_off: dict[uuid.UUID, list[TimeOff]] = {}
    for t in await repo.time_off(workspace_id, start, end, chosen):
        time_off.setdefault(t.resource_id, []).append(
            TimeOff(t.start_date, t.end_date, t.hours_per_day)
        )
    resources = [
        ResourceInput(
            row.id,
            cast(ResourceKind, row.kind),
            row.team_id,
            calendars[row.calendar_id],
            weekly_capacity_hours=row.weekly_capacity_hours if row.kind == "person" else None,
            capacity_hours_per_day=row.capacity_hours_per_day if row.kind != "person" else None,
            time_off=tuple(time_off.get(row.id, ())),
        )
        for row in rows
    ]
    allocations = [
        AllocationInput(
            a.id, a.resource_id, a.task_id, a.start_date, a.end_date, a.hours_per_day, a.percent
        )
        for a in await repo.allocations(workspace_id, start, end, chosen)
    ]
    tasks = _tasks(
        await repo.task_assignees(workspace_id, start, end, members), calendars, person_ids
    )
    reservations = await _reservations(repo, workspace_id, end, person_ids)
    return Inputs(
        rows=rows,
        resources=resources,
        allocations=allocations,
        tasks=tasks,
        reservations=reservations,
        calendars=calendars,
        person_resource_ids=person_ids,
        week_start=await repo.week_start(workspace_id),
    )


def _tasks(
    rows: list[TaskAssigneeRow],
    calendars: dict[uuid.UUID | None, WorkingCalendar],
    person_ids: dict[uuid.UUID, uuid.UUID],
) -> list[TaskLoadInput]:
    """One load input per task from its rows (one per assignee, consecutive)."""
    tasks: list[TaskLoadInput] = []
    for task_id, group in groupby(rows, key=attrgetter("id")):
        assignees = list(group)
        first = assignees[0]
        tasks.append(
            TaskLoadInput(
                task_id,
                first.start_date,
                first.finish_date,
                first.estimate_hours,
                # A member without a resource (there should be none) still counts in the split.
                tuple(person_ids.get(row.member_id, row.member_id) for row in assignees),
                calendars[first.calendar_id],
                milestone=first.duration_days == 0,
            )
        )
    return tasks


async def _reservations(
    repo: WorkloadRepository,
    workspace_id: uuid.UUID,
    end: date,
    person_ids: dict[uuid.UUID, uuid.UUID],
) -> list[ReservationInput]:
    """Reservations per person resource: a team's weekly hours are split equally among the
    team's members (a team of 4 reserving 8 h a week holds 2 h a week of each)."""
    rows = await repo.reservations(workspace_id, end)
    teams = await repo.team_members(
        workspace_id, {row.team_id for row in rows if row.team_id is not None}
    )
    reservations: list[ReservationInput] = []
    for row in rows:
        if row.member_id is not None:
            holders, hours = [row.member_id], row.hours_per_week
        else:
            assert row.team_id is not None
            holders = teams.get(row.team_id, [])
            hours = row.hours_per_week / len(holders) if holders else Decimal(0)
        for member_id in holders:
            if member_id in person_ids:
                reservations.append(ReservationInput(person_ids[member_id], row.start_date, hours))
    return reservations


# The response is built with `model_construct`: the engine's figures already have the schema's
# types, and validating some 50,000 periods field by field would cost more than computing them.
def _period(period: Period) -> schemas.Period:
    return schemas.Period.model_construct(
        start=period.start,
        end=period.end,
        capacity_hours=period.capacity_hours,
        reserved_hours=period.reserved_hours,
        allocated_hours=period.allocated_hours,
        available_hours=period.available_hours,
        utilization=period.utilization,
        overallocated=period.overallocated,
    )


def _one(resource_id: uuid.UUID | None) -> list[uuid.UUID] | None:
    """The resources a report is narrowed to: the one asked about, or all (None)."""
    return None if resource_id is None else [resource_id]


async def report(
    session: AsyncSession,
    principal: Principal,
    start: date,
    end: date,
    granularity: Granularity,
    *,
    team_id: uuid.UUID | None,
    resource_id: uuid.UUID | None,
) -> schemas.Workload:
    check_window(start, end)
    if granularity == "day" and window_length(start, end) > limits.workload_max_daily_days:
        most = limits.workload_max_daily_days
        raise Unprocessable.at("/query/to", f"a workload by day spans at most {most} days")
    inputs = await load_inputs(
        session, principal.workspace_id, start, end, team_id=team_id, resource_ids=_one(resource_id)
    )
    result = workload(
        inputs.resources,
        inputs.allocations,
        inputs.tasks,
        inputs.reservations,
        start=start,
        end=end,
        granularity=granularity,
        week_start=inputs.week_start,
        with_conflicts=False,
    )
    rows: dict[Hashable, ResourceRow] = {row.id: row for row in inputs.rows}
    return schemas.Workload.model_construct(
        from_=start,
        to=end,
        granularity=granularity,
        resources=[
            schemas.ResourceWorkload.model_construct(
                resource_id=rows[r.resource_id].id,
                name=rows[r.resource_id].name,
                kind=ResourceKindName(rows[r.resource_id].kind),
                team_id=rows[r.resource_id].team_id,
                periods=[_period(p) for p in r.periods],
            )
            for r in result.resources
        ],
        teams=[
            schemas.TeamWorkload.model_construct(
                team_id=cast(uuid.UUID, t.team_id), periods=[_period(p) for p in t.periods]
            )
            for t in result.teams
        ],
    )


def _conflict(conflict: Conflict) -> schemas.WorkloadConflict:
    return schemas.WorkloadConflict(
        resource_id=cast(uuid.UUID, conflict.resource_id),
        date=conflict.date,
        capacity_hours=conflict.capacity_hours,
        allocated_hours=conflict.allocated_hours,
        excess_hours=conflict.excess_hours,
        allocation_ids=list(cast(tuple[uuid.UUID, ...], conflict.allocation_ids)),
        task_ids=list(cast(tuple[uuid.UUID, ...], conflict.task_ids)),
    )


async def overallocations(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    start: date,
    end: date,
    *,
    team_id: uuid.UUID | None = None,
    resource_ids: Collection[uuid.UUID] | None = None,
) -> list[schemas.WorkloadConflict]:
    """Every over-allocated resource-day in `[start, end]`, by resource then day."""
    inputs = await load_inputs(
        session, workspace_id, start, end, team_id=team_id, resource_ids=resource_ids
    )
    figures = daily_figures(
        inputs.resources, inputs.allocations, inputs.tasks, inputs.reservations, start, end
    )
    return [_conflict(c) for c in conflicts(figures.overallocated_days())]


async def conflicts_report(
    session: AsyncSession,
    principal: Principal,
    start: date,
    end: date,
    *,
    team_id: uuid.UUID | None,
    resource_id: uuid.UUID | None,
) -> schemas.Conflicts:
    check_window(start, end)
    items = await overallocations(
        session, principal.workspace_id, start, end, team_id=team_id, resource_ids=_one(resource_id)
    )
    return schemas.Conflicts(items=items)
