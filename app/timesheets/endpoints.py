import uuid
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, presented
from app.kit.pagination import Page, PageQuery
from app.kit.routing import workspace_router
from app.kit.schemas import Day
from app.timesheets import service
from app.timesheets.auth import TimesheetsAdmin, TimesheetsRead, TimesheetsWrite
from app.timesheets.schemas import (
    Timesheet,
    TimesheetDecision,
    TimesheetRejection,
    TimesheetStatus,
    TimesheetSubmit,
)

router = workspace_router("timesheets", tag="timesheets")


@router.get("", operation_id="timesheets:list", responses=READ_PROBLEMS)
async def list_timesheets(
    ctx: TimesheetsRead,
    page: PageQuery,
    member_id: uuid.UUID | None = None,
    status: TimesheetStatus | None = None,
    week_from: Annotated[Day | None, Query(description="Weeks starting on or after.")] = None,
    week_to: Annotated[Day | None, Query(description="Weeks starting on or before.")] = None,
) -> Page[Timesheet]:
    """Submitted, approved, rejected and reopened weeks, with the minutes each holds."""
    rows, cursor = await service.page(
        *ctx,
        page,
        member_id=member_id,
        status=status,
        week_from=week_from,
        week_to=week_to,
    )
    return Page(items=await service.present(ctx.session, rows), next_cursor=cursor)


@router.post("/submit", operation_id="timesheets:submit", responses=WRITE_PROBLEMS)
async def submit_timesheet(
    data: TimesheetSubmit, ctx: TimesheetsWrite, response: Response
) -> Timesheet:
    """Submit a week for approval; its entries are locked until it is rejected or reopened."""
    return await presented(response, service.present, ctx.session, await service.submit(*ctx, data))


@router.get("/{timesheet_id}", operation_id="timesheets:get", responses=READ_PROBLEMS)
async def get_timesheet(
    timesheet_id: uuid.UUID, ctx: TimesheetsRead, response: Response
) -> Timesheet:
    """One timesheet."""
    return await presented(
        response, service.present, ctx.session, await service.get(*ctx, timesheet_id)
    )


@router.post("/{timesheet_id}/approve", operation_id="timesheets:approve", responses=WRITE_PROBLEMS)
async def approve_timesheet(
    timesheet_id: uuid.UUID,
    data: TimesheetDecision,
    ctx: TimesheetsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Timesheet:
    """Approve a submitted week (admins, or the member's team lead); it stays locked."""
    sheet = await service.decide(*ctx, timesheet_id, service.APPROVAL, data.comment, if_match)
    return await presented(response, service.present, ctx.session, sheet)


@router.post("/{timesheet_id}/reject", operation_id="timesheets:reject", responses=WRITE_PROBLEMS)
async def reject_timesheet(
    timesheet_id: uuid.UUID,
    data: TimesheetRejection,
    ctx: TimesheetsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Timesheet:
    """Reject a submitted week with a comment; its entries can be changed again."""
    sheet = await service.decide(*ctx, timesheet_id, service.REJECTION, data.comment, if_match)
    return await presented(response, service.present, ctx.session, sheet)


@router.post("/{timesheet_id}/reopen", operation_id="timesheets:reopen", responses=WRITE_PROBLEMS)
async def reopen_timesheet(
    timesheet_id: uuid.UUID,
    data: TimesheetDecision,
    ctx: TimesheetsAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Timesheet:
    """Unlock a submitted or approved week (admins); it becomes a draft again."""
    sheet = await service.decide(*ctx, timesheet_id, service.REOPENING, data.comment, if_match)
    return await presented(response, service.present, ctx.session, sheet)
