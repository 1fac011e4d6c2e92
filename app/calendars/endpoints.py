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
    CalendarUpdate,
)
from app.core.db import Session
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.kit.schemas import Day
from app.workspaces.auth import WorkspaceAdmin, WorkspaceRead

router = workspace_router("calendars", tag="calendars")


@router.get("", operation_id="calendars:list", responses=READ_PROBLEMS)
async def list_calendars(
    principal: WorkspaceRead, session: Session, page: PageQuery
) -> Page[Calendar]:
    """Working calendars of the workspace."""
    return Page.of(Calendar, await service.page(session, principal, page))


@router.post("", operation_id="calendars:create", **CREATES)
async def create_calendar(
    data: CalendarCreate, principal: WorkspaceAdmin, session: Session
) -> Calendar:
    """Create a calendar (working weekdays and hours per day)."""
    return Calendar.model_validate(await service.create(session, principal, data))


@router.get("/{calendar_id}", operation_id="calendars:get", responses=READ_PROBLEMS)
async def get_calendar(
    calendar_id: uuid.UUID, principal: WorkspaceRead, session: Session, response: Response
) -> Calendar:
    """One calendar."""
    calendar = await service.get(session, principal, calendar_id)
    return tagged(response, Calendar, calendar)


@router.patch("/{calendar_id}", operation_id="calendars:update", responses=WRITE_PROBLEMS)
async def update_calendar(
    calendar_id: uuid.UUID,
    data: CalendarUpdate,
    principal: WorkspaceAdmin,
    session: Session,
    response: Response,
    if_match: IfMatch = None,
) -> Calendar:
    """Change a calendar, or make it the workspace default."""
    calendar = await service.update(session, principal, calendar_id, data, if_match)
    return tagged(response, Calendar, calendar)


@router.delete("/{calendar_id}", operation_id="calendars:delete", **DELETES)
async def delete_calendar(
    calendar_id: uuid.UUID, principal: WorkspaceAdmin, session: Session, if_match: IfMatch = None
) -> None:
    """Delete a calendar no project uses (never the default)."""
    await service.delete(session, principal, calendar_id, if_match)


@router.get(
    "/{calendar_id}/exceptions", operation_id="calendar_exceptions:list", responses=READ_PROBLEMS
)
async def list_exceptions(
    calendar_id: uuid.UUID,
    principal: WorkspaceRead,
    session: Session,
    page: PageQuery,
    from_: Annotated[
        date | None, Query(alias="from", description="On or after (inclusive).")
    ] = None,
    to: Annotated[Day | None, Query(description="On or before (inclusive).")] = None,
) -> Page[CalendarException]:
    """Holidays and extra working days, by date."""
    return Page.of(
        CalendarException,
        await service.page_exceptions(session, principal, calendar_id, page, from_, to),
    )


@router.post("/{calendar_id}/exceptions", operation_id="calendar_exceptions:create", **CREATES)
async def add_exception(
    calendar_id: uuid.UUID,
    data: CalendarExceptionCreate,
    principal: WorkspaceAdmin,
    session: Session,
) -> CalendarException:
    """Add a holiday (`working: false`) or an extra working day (`working: true`)."""
    return CalendarException.model_validate(
        await service.add_exception(session, principal, calendar_id, data)
    )


@router.delete(
    "/{calendar_id}/exceptions/{exception_id}", operation_id="calendar_exceptions:delete", **DELETES
)
async def remove_exception(
    calendar_id: uuid.UUID, exception_id: uuid.UUID, principal: WorkspaceAdmin, session: Session
) -> None:
    """Remove an exception."""
    await service.remove_exception(session, principal, calendar_id, exception_id)
