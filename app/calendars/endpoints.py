import uuid
from datetime import date
from typing import Annotated

from fastapi import Query, Response

from app.calendars import service
from app.calendars.schemas import (
    Calendar,
    CalendarCreate,
    CalendarException,
    CalendarExceptionCreate,
    CalendarImport,
    CalendarImportResult,
    CalendarUpdate,
    CalendarUsers,
)
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.kit.schemas import Day
from app.workspaces.auth import WorkspaceAdmin, WorkspaceRead

router = workspace_router("calendars", tag="calendars")


@router.get("", operation_id="calendars:list", responses=READ_PROBLEMS)
async def list_calendars(ctx: WorkspaceRead, page: PageQuery) -> Page[Calendar]:
    """Working calendars of the workspace."""
    return Page.of(Calendar, await service.page(*ctx, page))


@router.post("", operation_id="calendars:create", **CREATES)
async def create_calendar(data: CalendarCreate, ctx: WorkspaceAdmin) -> Calendar:
    """Create a calendar (working weekdays and hours per day)."""
    return Calendar.model_validate(await service.create(*ctx, data))


@router.get("/{calendar_id}", operation_id="calendars:get", responses=READ_PROBLEMS)
async def get_calendar(calendar_id: uuid.UUID, ctx: WorkspaceRead, response: Response) -> Calendar:
    """One calendar."""
    calendar = await service.get(*ctx, calendar_id)
    return tagged(response, Calendar, calendar)


@router.patch("/{calendar_id}", operation_id="calendars:update", responses=WRITE_PROBLEMS)
async def update_calendar(
    calendar_id: uuid.UUID,
    data: CalendarUpdate,
    ctx: WorkspaceAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Calendar:
    """Change a calendar, or make it the workspace default."""
    calendar = await service.update(*ctx, calendar_id, data, if_match)
    return tagged(response, Calendar, calendar)


@router.delete("/{calendar_id}", operation_id="calendars:delete", **DELETES)
async def delete_calendar(
    calendar_id: uuid.UUID, ctx: WorkspaceAdmin, if_match: IfMatch = None
) -> None:
    """Delete a calendar no project uses (never the default)."""
    await service.delete(*ctx, calendar_id, if_match)


@router.get("/{calendar_id}/users", operation_id="calendars:users", responses=READ_PROBLEMS)
async def calendar_users(calendar_id: uuid.UUID, ctx: WorkspaceRead) -> CalendarUsers:
    """The projects and resources that follow the calendar: those naming it, and for the
    workspace default those naming no calendar."""
    return await service.users(*ctx, calendar_id)


@router.get(
    "/{calendar_id}/exceptions", operation_id="calendar_exceptions:list", responses=READ_PROBLEMS
)
async def list_exceptions(
    calendar_id: uuid.UUID,
    ctx: WorkspaceRead,
    page: PageQuery,
    from_: Annotated[
        date | None, Query(alias="from", description="On or after (inclusive).")
    ] = None,
    to: Annotated[Day | None, Query(description="On or before (inclusive).")] = None,
) -> Page[CalendarException]:
    """Holidays and extra working days, by date."""
    return Page.of(
        CalendarException,
        await service.page_exceptions(*ctx, calendar_id, page, from_, to),
    )


@router.post("/{calendar_id}/exceptions", operation_id="calendar_exceptions:create", **CREATES)
async def add_exception(
    calendar_id: uuid.UUID,
    data: CalendarExceptionCreate,
    ctx: WorkspaceAdmin,
) -> CalendarException:
    """Add a holiday (`working: false`) or an extra working day (`working: true`)."""
    return CalendarException.model_validate(await service.add_exception(*ctx, calendar_id, data))


@router.delete(
    "/{calendar_id}/exceptions/{exception_id}", operation_id="calendar_exceptions:delete", **DELETES
)
async def remove_exception(
    calendar_id: uuid.UUID, exception_id: uuid.UUID, ctx: WorkspaceAdmin
) -> None:
    """Remove an exception."""
    await service.remove_exception(*ctx, calendar_id, exception_id)


@router.post(
    "/{calendar_id}/exceptions/import",
    operation_id="calendar_exceptions:import",
    responses=WRITE_PROBLEMS,
)
async def import_exceptions(
    calendar_id: uuid.UUID, data: CalendarImport, ctx: WorkspaceAdmin
) -> CalendarImportResult:
    """Add the days of an iCalendar file's events (a public-holiday file, say) as exceptions.

    Days that already have an exception, or that the working weekdays already treat so, are
    counted, not changed. A file that cannot be read or repeats other than yearly is 422
    `invalid_ics`; one of more than 1,000 events, covering more than 1,000 days or taking more
    than a second to read is 422 `ics_too_large`."""
    return await service.import_exceptions(*ctx, calendar_id, data)
