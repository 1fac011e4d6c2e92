"""Time entries and the running timer (docs/design.md §5).

A member's time writes are serialised (their member row is locked, SQLite serialises writers),
so the daily limit, a week being submitted and two concurrent timer starts cannot race; the
partial unique index on running timers is the last line, turned into 409 `timer_running`.
"""

import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.core.clock import local_date, utcnow
from app.events import service as events
from app.kit.errors import Conflict, Forbidden, NotFound, Unprocessable
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.members.repository import MemberRepository
from app.models import Project, Task, TimeEntry, Workspace
from app.projects import service as projects
from app.projects.schemas import Phase, ProjectStatus
from app.rates import service as rates
from app.tasks import service as tasks
from app.time_entries import schemas
from app.time_entries.repository import EntryFilters, TimeEntryRepository
from app.timesheets import service as timesheets
from app.timesheets.repository import TimesheetRepository
from app.work_types import service as work_types
from app.workspaces import service as workspaces

FIELDS = (
    "member_id",
    "project_id",
    "task_id",
    "date",
    "minutes",
    "started_at",
    "ended_at",
    "description",
    "billable",
    "work_type",
)
DAY_MINUTES = 24 * 60


def _removed(entry: TimeEntry) -> dict[str, Any]:
    """The changes of an entry that is going away: every field's value as `before`."""
    return {
        field: {"before": value, "after": None}
        for field, value in events.snapshot(entry, FIELDS).items()
    }


def _ensure_open(project: Project) -> None:
    if project.status == ProjectStatus.archived or project.phase == Phase.closed:
        raise Conflict(
            "The project is closed or archived; its time can no longer change.",
            code="project_closed",
        )


def _ensure_may_write(principal: Principal, member_id: uuid.UUID) -> None:
    if member_id != principal.member_id and not principal.at_least(Role.admin):
        raise Forbidden("You can only log and change your own time.", code="not_your_time")


async def _project_and_task(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID | None,
    task_reference: str | None,
) -> tuple[Project, Task | None]:
    """The entry's project and task: a task implies its project, and must belong to the one
    given."""
    task: Task | None = None
    if task_reference is not None:
        try:
            task = await tasks.resolve(session, principal, task_reference)
        except NotFound:
            raise Unprocessable.at("/task_id", "no such task in this workspace") from None
        if project_id is not None and task.project_id != project_id:
            raise Unprocessable.at("/task_id", "the task belongs to another project")
        project_id = task.project_id
    if project_id is None:
        raise Unprocessable.at("/project_id", "give a project or a task")
    try:
        project = await projects.get_project(session, principal, project_id)
    except NotFound:
        raise Unprocessable.at("/project_id", "no such project in this workspace") from None
    _ensure_open(project)
    return project, task


async def _check_day_limit(
    session: AsyncSession,
    entry_workspace: uuid.UUID,
    member_id: uuid.UUID,
    day: date,
    minutes: int,
    excluding: uuid.UUID | None = None,
) -> None:
    logged = await TimeEntryRepository(session).minutes_between(
        entry_workspace, member_id, day, day, excluding=excluding
    )
    if logged + minutes > DAY_MINUTES:
        raise Unprocessable.at(
            "/minutes",
            f"{day.isoformat()} already has {logged} minutes logged; "
            f"at most {DAY_MINUTES} fit in a day",
        )


def _minutes_between(started_at: datetime, ended_at: datetime) -> int:
    seconds = (ended_at - started_at).total_seconds()
    if seconds <= 0:
        raise Unprocessable.at("/ended_at", "must be after started_at")
    minutes = math.ceil(seconds / 60)
    if minutes > DAY_MINUTES:
        raise Unprocessable.at("/ended_at", "an entry is at most 24 hours long")
    return minutes


async def _set_rates(session: AsyncSession, entry: TimeEntry) -> None:
    entry.cost_rate, entry.bill_rate = await rates.in_force(
        session, entry.workspace_id, entry.member_id, entry.project_id, entry.date
    )


async def get(session: AsyncSession, principal: Principal, entry_id: uuid.UUID) -> TimeEntry:
    """A logged entry (a running timer is reached through `.../timer`)."""
    entry = await TimeEntryRepository(session).get(principal.workspace_id, entry_id)
    if entry is None or entry.running:
        raise NotFound("No such time entry.", code="time_entry_not_found")
    return entry


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, filters: EntryFilters
) -> tuple[list[TimeEntry], str | None]:
    return await TimeEntryRepository(session).page(principal.workspace_id, params, filters)


@dataclass
class _Span:
    """When and how long: minutes, or a start and an end they are computed from."""

    date: date
    minutes: int
    started_at: datetime | None
    ended_at: datetime | None


def _span(
    workspace: Workspace,
    day: date | None,
    minutes: int | None,
    started_at: datetime | None,
    ended_at: datetime | None,
) -> _Span:
    if minutes is not None and (started_at is not None or ended_at is not None):
        raise Unprocessable.at("/minutes", "give minutes, or started_at and ended_at, not both")
    if minutes is not None:
        if day is None:
            raise Unprocessable.at("/date", "required with minutes")
        return _Span(day, minutes, None, None)
    if started_at is None:
        raise Unprocessable.at("/started_at", "give minutes, or started_at and ended_at")
    if ended_at is None:
        raise Unprocessable.at("/ended_at", "required with started_at")
    minutes = _minutes_between(started_at, ended_at)
    # The day limit and the week lock go by the date, so it cannot contradict the times.
    started_on = local_date(started_at, workspace.timezone)
    if day is not None and day != started_on:
        raise Unprocessable.at(
            "/date",
            f"the entry starts on {started_on.isoformat()} in the workspace's time zone; "
            "leave out date or give that one",
        )
    return _Span(started_on, minutes, started_at, ended_at)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.TimeEntryCreate
) -> TimeEntry:
    wid = principal.workspace_id
    member_id = data.member_id or principal.member_id
    _ensure_may_write(principal, member_id)
    if (
        member_id != principal.member_id
        and await MemberRepository(session).get(wid, member_id) is None
    ):
        raise Unprocessable.at("/member_id", "no such member in this workspace")
    workspace = await workspaces.get(session, principal)
    span = _span(workspace, data.date, data.minutes, data.started_at, data.ended_at)
    project, task = await _project_and_task(session, principal, data.project_id, data.task_id)
    if data.work_type is not None:
        await work_types.check_key(session, wid, data.work_type, "/work_type")
    repo = TimeEntryRepository(session)
    await TimesheetRepository(session).lock_member(wid, member_id)
    await timesheets.ensure_unlocked(session, wid, member_id, span.date)
    await _check_day_limit(session, wid, member_id, span.date, span.minutes)
    entry = TimeEntry(
        workspace_id=wid,
        member_id=member_id,
        project_id=project.id,
        task_id=task.id if task else None,
        date=span.date,
        minutes=span.minutes,
        started_at=span.started_at,
        ended_at=span.ended_at,
        description=data.description,
        billable=data.billable,
        work_type=data.work_type,
        logged_by=principal.member_id,
    )
    await _set_rates(session, entry)
    return await events.add_created(repo, principal, "time_entry.created", entry, FIELDS)


async def update(
    session: AsyncSession,
    principal: Principal,
    entry_id: uuid.UUID,
    data: schemas.TimeEntryUpdate,
    if_match: str | None,
) -> TimeEntry:
    wid = principal.workspace_id
    entry = check_if_match(if_match, await get(session, principal, entry_id))
    _ensure_may_write(principal, entry.member_id)
    given = data.model_fields_set
    current_project = await projects.get_project(session, principal, entry.project_id)
    _ensure_open(current_project)
    if "task_id" in given:
        task_reference = data.task_id
    else:
        task_reference = str(entry.task_id) if entry.task_id else None
    if "project_id" in given:
        project_id: uuid.UUID | None = data.project_id
    elif "task_id" in given and data.task_id is not None:
        project_id = None  # the new task implies its project
    else:
        project_id = entry.project_id
    project, task = await _project_and_task(session, principal, project_id, task_reference)
    if "work_type" in given and data.work_type is not None:
        await work_types.check_key(session, wid, data.work_type, "/work_type")

    workspace = await workspaces.get(session, principal)
    if "minutes" in given:
        span = _span(
            workspace, data.date or entry.date, data.minutes, data.started_at, data.ended_at
        )
    elif given & {"started_at", "ended_at"}:
        span = _span(
            workspace,
            data.date,
            None,
            data.started_at or entry.started_at,
            data.ended_at or entry.ended_at,
        )
    else:
        if data.date is not None and data.date != entry.date and entry.started_at is not None:
            raise Unprocessable.at(
                "/date", "the entry has start and end times; move its times instead"
            )
        span = _Span(data.date or entry.date, entry.minutes or 0, entry.started_at, entry.ended_at)

    await TimesheetRepository(session).lock_member(wid, entry.member_id)
    await timesheets.ensure_unlocked(session, wid, entry.member_id, entry.date)
    if span.date != entry.date:
        await timesheets.ensure_unlocked(session, wid, entry.member_id, span.date)
    await _check_day_limit(session, wid, entry.member_id, span.date, span.minutes, entry.id)

    rated = (entry.date, entry.project_id)
    async with events.recording_change(session, principal, "time_entry.updated", entry, FIELDS):
        entry.project_id = project.id
        entry.task_id = task.id if task else None
        entry.date, entry.minutes = span.date, span.minutes
        entry.started_at, entry.ended_at = span.started_at, span.ended_at
        if data.description is not None:
            entry.description = data.description
        if data.billable is not None:
            entry.billable = data.billable
        if "work_type" in given:
            entry.work_type = data.work_type
        # The rates in force are those of the entry's date and project.
        if (entry.date, entry.project_id) != rated:
            await _set_rates(session, entry)
        if principal.member_id != entry.member_id and session.is_modified(entry):
            # Changed for the member: theirs no longer, for who may approve the week.
            entry.logged_by = principal.member_id
    return entry


async def delete(
    session: AsyncSession, principal: Principal, entry_id: uuid.UUID, if_match: str | None
) -> None:
    entry = check_if_match(if_match, await get(session, principal, entry_id))
    _ensure_may_write(principal, entry.member_id)
    _ensure_open(await projects.get_project(session, principal, entry.project_id))
    repo = TimeEntryRepository(session)
    await TimesheetRepository(session).lock_member(principal.workspace_id, entry.member_id)
    await timesheets.ensure_unlocked(session, principal.workspace_id, entry.member_id, entry.date)
    events.record_change(session, principal, "time_entry.deleted", entry, _removed(entry))
    await repo.delete(entry)


# The timer


def rounded_minutes(elapsed_seconds: float, step: int) -> int:
    """Elapsed time rounded up to a multiple of `step` minutes, never less than one step."""
    return max(1, math.ceil(max(elapsed_seconds, 0) / (step * 60))) * step


async def current_timer(session: AsyncSession, principal: Principal) -> TimeEntry | None:
    return await TimeEntryRepository(session).running(principal.workspace_id, principal.member_id)


async def _stop(
    session: AsyncSession, principal: Principal, workspace: Workspace, timer: TimeEntry
) -> TimeEntry:
    assert timer.started_at is not None
    now = utcnow()
    minutes = rounded_minutes(
        (now - timer.started_at).total_seconds(), workspace.timer_rounding_minutes
    )
    # A timer always stops and keeps its time: it finishes an entry that was allowed when it
    # started, and refusing would leave only discarding it. So a project closed or archived
    # since then still gets the time worked on it, and `timesheets.submit` refuses a week while
    # a timer runs in it (this check only catches weeks submitted before that rule; reopening
    # the week lets the timer stop).
    await timesheets.ensure_unlocked(session, timer.workspace_id, timer.member_id, timer.date)
    if minutes > DAY_MINUTES:
        raise Unprocessable.at(
            "/minutes", "the timer ran longer than a day; discard it and log the time as entries"
        )
    await _check_day_limit(
        session, timer.workspace_id, timer.member_id, timer.date, minutes, timer.id
    )
    timer.running = False
    timer.minutes = minutes
    timer.ended_at = now
    await _set_rates(session, timer)
    await session.flush()
    events.record_change(
        session,
        principal,
        "time_entry.timer_stopped",
        timer,
        {
            "minutes": {"before": None, "after": minutes},
            "ended_at": {"before": None, "after": now.isoformat()},
        },
    )
    return timer


async def start_timer(
    session: AsyncSession, principal: Principal, data: schemas.TimerStart
) -> tuple[TimeEntry, TimeEntry | None]:
    """Start the caller's timer, stopping the running one first; answers (timer, stopped)."""
    wid, member_id = principal.workspace_id, principal.member_id
    project, task = await _project_and_task(session, principal, data.project_id, data.task_id)
    if data.work_type is not None:
        await work_types.check_key(session, wid, data.work_type, "/work_type")
    workspace = await workspaces.get(session, principal)
    repo = TimeEntryRepository(session)
    await TimesheetRepository(session).lock_member(wid, member_id)
    running = await repo.running(wid, member_id)
    stopped = await _stop(session, principal, workspace, running) if running else None
    now = utcnow()
    day = local_date(now, workspace.timezone)
    await timesheets.ensure_unlocked(session, wid, member_id, day)
    timer = TimeEntry(
        workspace_id=wid,
        member_id=member_id,
        project_id=project.id,
        task_id=task.id if task else None,
        date=day,
        started_at=now,
        running=True,
        description=data.description,
        billable=data.billable,
        work_type=data.work_type,
        logged_by=member_id,
    )
    try:
        async with session.begin_nested():
            session.add(timer)
            await session.flush()
    except IntegrityError:
        # Another start won the race for the one running timer (the partial unique index).
        raise Conflict(
            "Another timer was started at the same moment; fetch it and try again.",
            code="timer_running",
        ) from None
    events.record_created(session, principal, "time_entry.timer_started", timer, FIELDS)
    return timer, stopped


async def _running_or_409(session: AsyncSession, principal: Principal) -> TimeEntry:
    repo = TimeEntryRepository(session)
    await TimesheetRepository(session).lock_member(principal.workspace_id, principal.member_id)
    timer = await repo.running(principal.workspace_id, principal.member_id)
    if timer is None:
        raise Conflict("No timer is running.", code="timer_not_running")
    return timer


async def stop_timer(session: AsyncSession, principal: Principal) -> TimeEntry:
    """Stop the caller's timer: it becomes an entry of the elapsed minutes, rounded up per the
    workspace's `timer_rounding_minutes`."""
    timer = await _running_or_409(session, principal)
    return await _stop(session, principal, await workspaces.get(session, principal), timer)


async def discard_timer(
    session: AsyncSession, principal: Principal, if_match: str | None = None
) -> None:
    timer = check_if_match(if_match, await _running_or_409(session, principal))
    events.record_change(session, principal, "time_entry.timer_discarded", timer, _removed(timer))
    await TimeEntryRepository(session).delete(timer)
