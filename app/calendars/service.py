"""Working calendars: the workspace default, others projects may choose, and their exceptions."""

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.calendars import ics, schemas
from app.calendars.repository import CalendarExceptionRepository, CalendarRepository
from app.core.clock import utcnow
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Calendar, CalendarException
from app.schedules import service as schedules

CALENDAR_FIELDS = ("name", "working_weekdays", "hours_per_day", "is_default")


async def get(session: AsyncSession, principal: Principal, calendar_id: uuid.UUID) -> Calendar:
    calendar = await CalendarRepository(session).get(principal.workspace_id, calendar_id)
    return found(calendar, "No such calendar.", code="calendar_not_found")


async def check_exists(
    session: AsyncSession, workspace_id: uuid.UUID, calendar_id: uuid.UUID, pointer: str
) -> None:
    if await CalendarRepository(session).get(workspace_id, calendar_id) is None:
        raise Unprocessable.at(pointer, "no such calendar in this workspace")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[list[Calendar], str | None]:
    return await CalendarRepository(session).page_matching(principal.workspace_id, params)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.CalendarCreate
) -> Calendar:
    calendar = Calendar(workspace_id=principal.workspace_id, **data.model_dump())
    repo = CalendarRepository(session)
    return await events.add_created(repo, principal, "calendar.created", calendar, CALENDAR_FIELDS)


async def update(
    session: AsyncSession,
    principal: Principal,
    calendar_id: uuid.UUID,
    data: schemas.CalendarUpdate,
    if_match: str | None,
) -> Calendar:
    repo = CalendarRepository(session)
    calendar = check_if_match(if_match, await get(session, principal, calendar_id))
    changes = {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None}
    if changes.get("is_default") is False and calendar.is_default:
        raise Conflict("Make another calendar the default instead.", code="default_calendar")
    if changes.get("is_default") and not calendar.is_default:
        await repo.clear_default(principal.workspace_id)
    diff = await events.apply_change(
        session, principal, "calendar.updated", calendar, CALENDAR_FIELDS, changes
    )
    if {"working_weekdays", "is_default"} & set(diff):
        cause = (
            f"the working days of calendar {calendar.name} changed"
            if "working_weekdays" in diff
            else f"{calendar.name} became the default calendar"
        )
        await _reschedule_users(
            session, principal, calendar, cause, default_changed="is_default" in diff
        )
    return calendar


async def delete(
    session: AsyncSession, principal: Principal, calendar_id: uuid.UUID, if_match: str | None
) -> None:
    repo = CalendarRepository(session)
    calendar = check_if_match(if_match, await get(session, principal, calendar_id))
    if calendar.is_default:
        raise Conflict(
            "The workspace's default calendar cannot be deleted.", code="default_calendar"
        )
    projects, resources = await repo.users(principal.workspace_id, calendar.id)
    if projects or resources:
        raise Conflict(
            "Projects or resources still use this calendar.",
            code="calendar_in_use",
            projects=projects,
            resources=resources,
        )
    events.record_deleted(session, principal, "calendar.deleted", calendar, CALENDAR_FIELDS)
    await repo.delete(calendar)


async def users(
    session: AsyncSession, principal: Principal, calendar_id: uuid.UUID
) -> schemas.CalendarUsers:
    """The projects and resources that follow the calendar (for the default, those naming no
    calendar too)."""
    repo = CalendarRepository(session)
    calendar = await get(session, principal, calendar_id)
    project_count, projects = await repo.projects_following(calendar)
    resource_count, resources = await repo.resources_following(calendar)
    return schemas.CalendarUsers(
        project_count=project_count,
        resource_count=resource_count,
        projects=[schemas.CalendarUser(id=i, name=n, by_default=d) for i, n, d in projects],
        resources=[schemas.CalendarUser(id=i, name=n, by_default=d) for i, n, d in resources],
    )


async def page_exceptions(
    session: AsyncSession,
    principal: Principal,
    calendar_id: uuid.UUID,
    params: PageParams,
    first: date | None,
    last: date | None,
) -> tuple[list[CalendarException], str | None]:
    calendar = await get(session, principal, calendar_id)
    return await CalendarExceptionRepository(session).page(
        principal.workspace_id, calendar.id, params, first, last
    )


async def add_exception(
    session: AsyncSession,
    principal: Principal,
    calendar_id: uuid.UUID,
    data: schemas.CalendarExceptionCreate,
) -> CalendarException:
    repo = CalendarExceptionRepository(session)
    calendar = await get(session, principal, calendar_id)
    if await repo.on(principal.workspace_id, calendar.id, data.date) is not None:
        raise Conflict("This date already has an exception.", code="exception_exists")
    exception = await repo.add(
        CalendarException(
            workspace_id=principal.workspace_id, calendar_id=calendar.id, **data.model_dump()
        )
    )
    events.record_change(
        session,
        principal,
        "calendar.exception_added",
        calendar,
        {
            "exception": {
                "before": None,
                "after": {"date": data.date.isoformat(), "working": data.working},
            }
        },
    )
    kind = "a working day" if data.working else "a day off"
    cause = f"{schedules.day_phrase(data.date)} became {kind} in calendar {calendar.name}"
    await _reschedule_users(session, principal, calendar, cause)
    return exception


# The longest window an import reads (ten years): a repeat without an end adds no more.
IMPORT_MAX_DAYS = 3660
# Reading a file is CPU work of up to a second or so (app/calendars/ics.py): it runs beside the
# event loop, one file at a time.
_ICS_READER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ics")


def _import_window(data: schemas.CalendarImport) -> tuple[date, date]:
    first = data.from_date or date(utcnow().year, 1, 1)
    last = data.to_date or date(first.year + 2, 12, 31)
    if last < first:
        raise Unprocessable.at("/to_date", "must be on or after from_date")
    if (last - first).days > IMPORT_MAX_DAYS:
        raise Unprocessable.at("/to_date", "at most ten years after from_date")
    return first, last


async def import_exceptions(
    session: AsyncSession,
    principal: Principal,
    calendar_id: uuid.UUID,
    data: schemas.CalendarImport,
) -> schemas.CalendarImportResult:
    """Add an exception for each day of an .ics file's events in the window; days that have one
    already, or that the weekdays treat so already, are left as they are."""
    calendar = await get(session, principal, calendar_id)
    first, last = _import_window(data)
    days = await asyncio.get_running_loop().run_in_executor(
        _ICS_READER, ics.days_of, data.ics, first, last
    )
    repo = CalendarExceptionRepository(session)
    taken = await repo.dates_in(principal.workspace_id, calendar.id, first, last)
    weekdays = set(calendar.working_weekdays)
    new = {
        day: name
        for day, name in days.named.items()
        if day not in taken and (day.isoweekday() in weekdays) != data.working
    }
    await repo.add_all(
        CalendarException(
            workspace_id=principal.workspace_id,
            calendar_id=calendar.id,
            date=day,
            working=data.working,
            name=name,
        )
        for day, name in sorted(new.items())
    )
    if new:
        events.record_change(
            session,
            principal,
            "calendar.exceptions_imported",
            calendar,
            {
                "exceptions": {
                    "before": None,
                    "after": {
                        "dates": [day.isoformat() for day in sorted(new)],
                        "working": data.working,
                    },
                }
            },
        )
        kind = "working days" if data.working else "days off"
        cause = f"{len(new)} {kind} were imported into calendar {calendar.name}"
        await _reschedule_users(session, principal, calendar, cause)
    duplicates = len(days.named.keys() & taken)
    return schemas.CalendarImportResult(
        created=len(new),
        skipped=duplicates + days.repeated,
        unchanged=len(days.named) - len(new) - duplicates,
        outside=days.outside,
        from_date=first,
        to_date=last,
    )


async def remove_exception(
    session: AsyncSession, principal: Principal, calendar_id: uuid.UUID, exception_id: uuid.UUID
) -> CalendarException:
    calendar = await get(session, principal, calendar_id)
    exception = await CalendarExceptionRepository(session).remove(
        principal.workspace_id, calendar.id, exception_id
    )
    if exception is None:
        raise NotFound("No such exception on this calendar.", code="exception_not_found")
    events.record_change(
        session,
        principal,
        "calendar.exception_removed",
        calendar,
        {
            "exception": {
                "before": {"date": exception.date.isoformat(), "working": exception.working},
                "after": None,
            }
        },
    )
    day = schedules.day_phrase(exception.date)
    cause = f"the exception on {day} in calendar {calendar.name} was removed"
    await _reschedule_users(session, principal, calendar, cause)
    return exception


async def _reschedule_users(
    session: AsyncSession,
    principal: Principal,
    calendar: Calendar,
    cause: str,
    *,
    default_changed: bool = False,
) -> None:
    """Working days changed: auto-scheduled projects on this calendar (and, for the default,
    on no calendar of their own) move their tasks."""
    repo = CalendarRepository(session)
    for project in await repo.auto_projects_on(
        calendar, include_default_users=calendar.is_default or default_changed
    ):
        await schedules.reschedule(session, principal, project, cause=cause)
