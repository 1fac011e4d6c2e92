"""A working calendar as the scheduling engine counts days on it, loaded from the database.

Kept apart from the calendars service, which reschedules projects when a calendar changes, so
that scheduling can load calendars without importing the service that calls it."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.calendars.repository import CalendarRepository
from app.kit.errors import NotFound
from app.scheduling.calendar import WorkingCalendar


async def working_calendar(
    session: AsyncSession, workspace_id: uuid.UUID, calendar_id: uuid.UUID | None
) -> WorkingCalendar:
    """The engine's calendar for a project (None: the workspace default)."""
    repo = CalendarRepository(session)
    calendar = (
        await repo.get(workspace_id, calendar_id)
        if calendar_id
        else await repo.default(workspace_id)
    )
    if calendar is None:
        raise NotFound("No such calendar.", code="calendar_not_found")
    return WorkingCalendar(
        calendar.working_weekdays, await repo.exceptions(workspace_id, calendar.id)
    )
