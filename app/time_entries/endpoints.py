import uuid
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.kit.schemas import Day
from app.time_entries import service
from app.time_entries.auth import TimeRead, TimeWrite
from app.time_entries.repository import EntryFilters
from app.time_entries.schemas import (
    TimeEntry,
    TimeEntryCreate,
    TimeEntryUpdate,
    Timer,
    TimerStart,
    TimerStarted,
    TimerState,
)
from app.work_types.schemas import WorkTypeQuery

router = workspace_router("", tag="time")
ENTRIES = "/time-entries"


@router.get(ENTRIES, operation_id="time_entries:list", responses=READ_PROBLEMS)
async def list_time_entries(
    ctx: TimeRead,
    page: PageQuery,
    work_type: WorkTypeQuery,
    member_id: uuid.UUID | None = None,
    team_id: Annotated[
        uuid.UUID | None, Query(description="Entries of this team's members.")
    ] = None,
    project_id: uuid.UUID | None = None,
    task_id: uuid.UUID | None = None,
    billable: bool | None = None,
    date_from: Annotated[Day | None, Query(alias="from", description="On or after.")] = None,
    date_to: Annotated[Day | None, Query(alias="to", description="On or before.")] = None,
) -> Page[TimeEntry]:
    """Logged time of the workspace (everyone's: a team view), filtered; newest first."""
    filters = EntryFilters(
        member_id=member_id,
        team_id=team_id,
        project_id=project_id,
        task_id=task_id,
        work_type=work_type,
        billable=billable,
        date_from=date_from,
        date_to=date_to,
    )
    return Page.of(TimeEntry, await service.page(*ctx, page, filters))


@router.post(ENTRIES, operation_id="time_entries:create", **CREATES)
async def create_time_entry(data: TimeEntryCreate, ctx: TimeWrite, response: Response) -> TimeEntry:
    """Log time: at most 24 h per member and day, never into a submitted or approved week."""
    entry = await service.create(*ctx, data)
    return tagged(response, TimeEntry, entry)


@router.get(ENTRIES + "/{entry_id}", operation_id="time_entries:get", responses=READ_PROBLEMS)
async def get_time_entry(entry_id: uuid.UUID, ctx: TimeRead, response: Response) -> TimeEntry:
    """One time entry."""
    entry = await service.get(*ctx, entry_id)
    return tagged(response, TimeEntry, entry)


@router.patch(ENTRIES + "/{entry_id}", operation_id="time_entries:update", responses=WRITE_PROBLEMS)
async def update_time_entry(
    entry_id: uuid.UUID,
    data: TimeEntryUpdate,
    ctx: TimeWrite,
    response: Response,
    if_match: IfMatch = None,
) -> TimeEntry:
    """Change an entry (yours, or anyone's as an admin); moving it into a locked week is 409."""
    entry = await service.update(*ctx, entry_id, data, if_match)
    return tagged(response, TimeEntry, entry)


@router.delete(ENTRIES + "/{entry_id}", operation_id="time_entries:delete", **DELETES)
async def delete_time_entry(entry_id: uuid.UUID, ctx: TimeWrite, if_match: IfMatch = None) -> None:
    """Delete an entry (not in a submitted or approved week)."""
    await service.delete(*ctx, entry_id, if_match)


@router.get("/timer", operation_id="timer:get", responses=READ_PROBLEMS)
async def get_timer(ctx: TimeRead, response: Response) -> TimerState:
    """Your running timer: `{"timer": {...}}` with its `ETag`, or `{"timer": null}` when none
    runs."""
    timer = await service.current_timer(*ctx)
    if timer is not None:
        set_etag(response, timer)
    return TimerState(timer=Timer.model_validate(timer) if timer else None)


@router.post("/timer/start", operation_id="timer:start", **CREATES)
async def start_timer(data: TimerStart, ctx: TimeWrite, response: Response) -> TimerStarted:
    """Start your timer on a task or project; a running one is stopped first (one per member).

    The `ETag` is the new timer's.
    """
    timer, stopped = await service.start_timer(*ctx, data)
    set_etag(response, timer)
    return TimerStarted(
        timer=Timer.model_validate(timer),
        stopped=TimeEntry.model_validate(stopped) if stopped else None,
    )


@router.post("/timer/stop", operation_id="timer:stop", responses=WRITE_PROBLEMS)
async def stop_timer(ctx: TimeWrite, response: Response) -> TimeEntry:
    """Stop your timer; it becomes an entry of the elapsed time, rounded up per the workspace.

    Minutes = elapsed time rounded up to a multiple of the workspace's `timer_rounding_minutes`,
    at least one multiple (so never under a minute).
    """
    entry = await service.stop_timer(*ctx)
    return tagged(response, TimeEntry, entry)


@router.delete("/timer", operation_id="timer:discard", **DELETES)
async def discard_timer(ctx: TimeWrite, if_match: IfMatch = None) -> None:
    """Discard your running timer without logging anything; a stale `If-Match` is 412."""
    await service.discard_timer(*ctx, if_match)
