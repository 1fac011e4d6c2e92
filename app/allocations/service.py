"""Allocations: a resource booked on a project or task. Every change reports the over-booked
days the allocation puts hours on; `strict` refuses a change that over-books a day more than it
was before, and never a change that leaves every day as booked as before or less."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.allocations import schemas
from app.allocations.repository import AllocationRepository
from app.auth.access import Principal
from app.capacity.daily import DailyFigures, daily_figures, window_length
from app.capacity.model import AllocationInput, ResourceDay
from app.capacity.workload import conflicts
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Allocation, Project
from app.projects.repository import ProjectRepository
from app.resources.repository import ResourceRepository
from app.tasks import service as tasks
from app.workload import service as workload
from app.workload.schemas import Overallocation

FIELDS = (
    "resource_id",
    "project_id",
    "task_id",
    "start_date",
    "end_date",
    "hours_per_day",
    "percent",
    "note",
)


def _ensure_open(project: Project) -> None:
    if project.status == "archived":
        raise Conflict("The project is archived.", code="project_archived")
    if project.phase == "closed":
        raise Conflict("The project is closed.", code="project_closed")


def _check_shape(allocation: Allocation) -> None:
    if allocation.end_date < allocation.start_date:
        raise Unprocessable.at("/end_date", "must be on or after start_date")
    if (allocation.hours_per_day is None) == (allocation.percent is None):
        raise Unprocessable.at("/hours_per_day", "give exactly one of hours_per_day and percent")


def _check_span(allocation: Allocation) -> None:
    """An allocation fits in one workload window, which bounds the work of its warnings."""
    longest = workload.MAX_WINDOW_DAYS
    if window_length(allocation.start_date, allocation.end_date) > longest:
        raise Unprocessable.at(
            "/end_date", f"an allocation spans at most {longest} days, start_date included"
        )


def _booking(allocation: Allocation) -> AllocationInput:
    """The allocation as the capacity engine sees it."""
    return AllocationInput(
        allocation.id,
        allocation.resource_id,
        allocation.task_id,
        allocation.start_date,
        allocation.end_date,
        allocation.hours_per_day,
        allocation.percent,
    )


async def get(session: AsyncSession, principal: Principal, allocation_id: uuid.UUID) -> Allocation:
    allocation = await AllocationRepository(session).get(principal.workspace_id, allocation_id)
    return found(allocation, "No such allocation in this workspace.", code="allocation_not_found")


async def page(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    task: str | None,
    **filters: Any,
) -> tuple[list[Allocation], str | None]:
    """A page of the workspace's allocations, filtered as the list's query says; `task` is a
    task's id or key."""
    task_id = await tasks.id_of(session, principal, task)
    return await AllocationRepository(session).page(
        principal.workspace_id, params, task_id=task_id, **filters
    )


def _overallocations(days: list[ResourceDay]) -> list[Overallocation]:
    return [
        Overallocation(
            resource_id=conflict.resource_id,
            date=conflict.date,
            capacity_hours=conflict.capacity_hours,
            allocated_hours=conflict.allocated_hours,
            excess_hours=conflict.excess_hours,
        )
        for conflict in conflicts(days)
    ]


def _over_days(figures: DailyFigures, resource_id: uuid.UUID) -> list[ResourceDay]:
    resource = figures.resources.get(resource_id)
    if resource is None:
        return []
    over = [
        offset for offset in range(len(resource.capacity.hours)) if resource.overallocated(offset)
    ]
    return list(figures.days(resource_id, over))


def _booked(day: ResourceDay) -> Decimal:
    return day.reserved_hours + day.allocated_hours


async def warnings_for(
    session: AsyncSession,
    allocation: Allocation,
    previous: AllocationInput | None,
    *,
    strict: bool,
) -> list[Overallocation]:
    """The over-allocated days of the allocation's resource on which the allocation puts hours.

    `previous` is the allocation before the change (None when it is new). With `strict`, a day
    over-allocated after the change and booked more than before refuses it (409). Only days in
    the allocation's range can gain hours: outside it the change only takes hours away (a task
    allocation replaces the task's share everywhere, whatever its own dates).
    """
    start, end = allocation.start_date, allocation.end_date
    inputs = await workload.load_inputs(
        session, allocation.workspace_id, start, end, resource_ids=[allocation.resource_id]
    )
    after = _over_days(
        daily_figures(
            inputs.resources, inputs.allocations, inputs.tasks, inputs.reservations, start, end
        ),
        allocation.resource_id,
    )
    if strict and after:
        others = [a for a in inputs.allocations if a.id != allocation.id]
        prior = daily_figures(
            inputs.resources,
            others if previous is None else [*others, previous],
            inputs.tasks,
            inputs.reservations,
            start,
            end,
        )
        before = prior.days(allocation.resource_id, [(day.day - start).days for day in after])
        worse = [day for day, was in zip(after, before, strict=True) if _booked(day) > _booked(was)]
        if worse:
            raise Conflict(
                f"This would over-allocate the resource on {len(worse)} day(s)"
                " beyond what is already booked.",
                code="overallocated",
                warnings=[item.model_dump(mode="json") for item in _overallocations(worse)],
            )
    return _overallocations([day for day in after if allocation.id in day.allocation_ids])


async def create(
    session: AsyncSession, principal: Principal, data: schemas.AllocationCreate, *, strict: bool
) -> tuple[Allocation, list[Overallocation]]:
    wid = principal.workspace_id
    if await ResourceRepository(session).get(wid, data.resource_id) is None:
        raise Unprocessable.at("/resource_id", "no such resource in this workspace")
    task = None
    if data.task_id is not None:
        try:
            task = await tasks.resolve(session, principal, data.task_id)
        except NotFound:
            raise Unprocessable.at("/task_id", "no such task in this workspace") from None
        if data.project_id is not None and data.project_id != task.project_id:
            raise Unprocessable.at("/task_id", "the task is not in this project")
    project_id = task.project_id if task is not None else data.project_id
    if project_id is None:
        raise Unprocessable.at("/project_id", "give a project or a task")
    project = await ProjectRepository(session).get(wid, project_id)
    if project is None:
        raise Unprocessable.at("/project_id", "no such project in this workspace")
    allocation = Allocation(
        workspace_id=wid,
        resource_id=data.resource_id,
        project_id=project.id,
        task_id=task.id if task is not None else None,
        start_date=data.start_date,
        end_date=data.end_date,
        hours_per_day=data.hours_per_day,
        percent=data.percent,
        note=data.note,
    )
    _check_shape(allocation)
    _check_span(allocation)
    _ensure_open(project)
    repo = AllocationRepository(session)
    await events.add_created(repo, principal, "allocation.created", allocation, FIELDS)
    return allocation, await warnings_for(session, allocation, None, strict=strict)


async def update(
    session: AsyncSession,
    principal: Principal,
    allocation_id: uuid.UUID,
    data: schemas.AllocationUpdate,
    if_match: str | None,
    *,
    strict: bool,
) -> tuple[Allocation, list[Overallocation]]:
    allocation = check_if_match(if_match, await get(session, principal, allocation_id))
    project = await ProjectRepository(session).get(allocation.workspace_id, allocation.project_id)
    assert project is not None
    _ensure_open(project)
    changes = data.model_dump(exclude_unset=True)
    previous = _booking(allocation)
    # Switching between hours and percent: naming one clears the other.
    if changes.get("hours_per_day") is not None and "percent" not in changes:
        changes["percent"] = None
    if changes.get("percent") is not None and "hours_per_day" not in changes:
        changes["hours_per_day"] = None
    async with events.recording_change(
        session, principal, "allocation.updated", allocation, FIELDS
    ):
        for field, value in changes.items():
            setattr(allocation, field, value)
        _check_shape(allocation)
        # Only a change of dates must fit the limit: an older, longer allocation stays editable.
        if "start_date" in changes or "end_date" in changes:
            _check_span(allocation)
    return allocation, await warnings_for(session, allocation, previous, strict=strict)


async def delete(
    session: AsyncSession, principal: Principal, allocation_id: uuid.UUID, if_match: str | None
) -> None:
    allocation = check_if_match(if_match, await get(session, principal, allocation_id))
    events.record_deleted(session, principal, "allocation.deleted", allocation, FIELDS)
    await AllocationRepository(session).delete(allocation)
