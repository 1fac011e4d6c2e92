"""Allocations follow their task: when a task's start moves, its explicit allocations move by
as many working days.

Kept apart from the allocations service, which resolves tasks through the tasks service, so
that scheduling and tasks can move allocations without an import circle."""

import uuid
from collections.abc import Mapping
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.allocations.repository import AllocationRepository
from app.auth.access import Principal
from app.events import service as events
from app.models import Project
from app.scheduling.calendar import WorkingCalendar

DATE_FIELDS = ("start_date", "end_date")


async def move_task_allocations(
    session: AsyncSession,
    principal: Principal | None,
    project: Project,
    calendar: WorkingCalendar,
    starts: Mapping[uuid.UUID, tuple[date | None, date]],
) -> None:
    """When a task moves, its explicit allocations move with it, by as many working days of the
    project calendar as its start moved (`starts`: task id → (old start, new start)), so the
    load a person booked on a task stays on the task."""
    shifts = {
        task_id: calendar.index_of(new) - calendar.index_of(old)
        for task_id, (old, new) in starts.items()
        if old is not None and old != new
    }
    shifts = {task_id: shift for task_id, shift in shifts.items() if shift}
    if not shifts:
        return
    allocations = await AllocationRepository(session).of_tasks(project.workspace_id, shifts)
    for allocation in allocations:
        assert allocation.task_id is not None
        shift = shifts[allocation.task_id]
        before = events.snapshot(allocation, DATE_FIELDS)
        first = calendar.index_of(allocation.start_date) + shift
        last = max(calendar.index_on_or_before(allocation.end_date) + shift, first)
        allocation.start_date, allocation.end_date = calendar.date_of(first), calendar.date_of(last)
        events.record(
            session,
            principal,
            "allocation.updated",
            entity_type="allocation",
            entity_id=allocation.id,
            workspace_id=allocation.workspace_id,
            project_id=allocation.project_id,
            changes=events.changes_between(before, events.snapshot(allocation, DATE_FIELDS)),
        )
