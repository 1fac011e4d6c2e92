"""Weekly timesheets: a member submits a week, an admin or their team lead approves (the week is
locked) or rejects it with a comment (editable again); an admin may reopen a locked week.

Locking is enforced where time is written: `ensure_unlocked` refuses any entry change dated in
a submitted or approved week with 409 `timesheet_locked`.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.core.clock import utcnow
from app.events import service as events
from app.kit.errors import Conflict, Forbidden, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Timesheet
from app.teams import service as teams
from app.timesheets import schemas
from app.timesheets.repository import LOCKED, TimesheetRepository
from app.timesheets.schemas import TimesheetStatus
from app.workspaces import service as workspaces

FIELDS = ("status", "comment", "decided_by")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def week_start_of(day: date, iso_week_start: int) -> date:
    """The first day of the week holding `day`, weeks starting on ISO weekday `iso_week_start`."""
    return day - timedelta(days=(day.isoweekday() - iso_week_start) % 7)


async def ensure_unlocked(
    session: AsyncSession, workspace_id: uuid.UUID, member_id: uuid.UUID, day: date
) -> None:
    if await TimesheetRepository(session).is_locked(workspace_id, member_id, day):
        raise Conflict(
            f"The week of {day.isoformat()} is submitted or approved; "
            "it must be rejected or reopened before its time changes.",
            code="timesheet_locked",
        )


async def present(session: AsyncSession, sheets: Sequence[Timesheet]) -> list[schemas.Timesheet]:
    if not sheets:
        return []
    totals = await TimesheetRepository(session).totals(sheets[0].workspace_id, list(sheets))
    return [
        schemas.Timesheet(
            id=sheet.id,
            member_id=sheet.member_id,
            week_start=sheet.week_start,
            status=TimesheetStatus(sheet.status),
            submitted_at=sheet.submitted_at,
            decided_by=sheet.decided_by,
            decided_at=sheet.decided_at,
            comment=sheet.comment,
            total_minutes=totals[sheet.id],
            version=sheet.version,
        )
        for sheet in sheets
    ]


async def get(session: AsyncSession, principal: Principal, sheet_id: uuid.UUID) -> Timesheet:
    sheet = await TimesheetRepository(session).get(principal.workspace_id, sheet_id)
    return found(sheet, "No such timesheet.", code="timesheet_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, **filters: Any
) -> tuple[list[Timesheet], str | None]:
    """A page of the workspace's timesheets, filtered as the list's query says."""
    return await TimesheetRepository(session).page(principal.workspace_id, params, **filters)


async def submit(
    session: AsyncSession, principal: Principal, data: schemas.TimesheetSubmit
) -> Timesheet:
    repo = TimesheetRepository(session)
    member_id = data.member_id or principal.member_id
    if member_id != principal.member_id:
        if not principal.at_least(Role.admin):
            raise Forbidden("Only admins submit other members' weeks.", code="not_your_time")
        if not await repo.member_exists(principal.workspace_id, member_id):
            raise Unprocessable.at("/member_id", "no such member in this workspace")
    workspace = await workspaces.get(session, principal)
    if week_start_of(data.week_start, workspace.week_start) != data.week_start:
        raise Unprocessable.at(
            "/week_start", f"weeks start on {WEEKDAYS[workspace.week_start - 1]} here"
        )
    # Serialised with the member's entry writes: no entry slips into a week being submitted.
    await repo.lock_member(principal.workspace_id, member_id)
    timer_day = await repo.timer_day(principal.workspace_id, member_id)
    if timer_day is not None and data.week_start <= timer_day < data.week_start + timedelta(days=7):
        # Locked, the week could not take the timer's time when it stops.
        raise Conflict(
            f"A timer started on {timer_day.isoformat()} is still running; "
            "stop it before submitting its week.",
            code="timer_running",
        )
    sheet = await repo.of_week(principal.workspace_id, member_id, data.week_start)
    if sheet is not None and sheet.status in LOCKED:
        raise Conflict(f"This week is already {sheet.status}.", code="timesheet_already_submitted")
    if sheet is None:
        sheet = await repo.add(
            Timesheet(
                workspace_id=principal.workspace_id,
                member_id=member_id,
                week_start=data.week_start,
                status=TimesheetStatus.draft.value,
            )
        )
    before = events.snapshot(sheet, FIELDS)
    sheet.status = TimesheetStatus.submitted.value
    sheet.submitted_at = utcnow()
    sheet.submitted_by = principal.member_id
    sheet.decided_by = sheet.decided_at = sheet.comment = None
    await session.flush()
    events.record_change(
        session,
        principal,
        "timesheet.submitted",
        sheet,
        events.changes_between(before, events.snapshot(sheet, FIELDS))
        | {"week_start": data.week_start.isoformat(), "member_id": str(member_id)},
    )
    return sheet


async def _check_approver(session: AsyncSession, principal: Principal, sheet: Timesheet) -> None:
    """Nobody approves or rejects their own week, admins included (a decision is someone
    else's look at the time); admins decide any other week, a team lead the weeks of their
    teams' members."""
    if sheet.member_id == principal.member_id:
        raise Forbidden("You cannot decide your own timesheet.", code="own_timesheet")
    if principal.at_least(Role.admin):
        return
    if not await teams.leads_team_of(session, principal, sheet.member_id):
        raise Forbidden(
            "Only an admin or the member's team lead decides this timesheet.", code="not_approver"
        )


async def _check_independent(session: AsyncSession, principal: Principal, sheet: Timesheet) -> None:
    """Whoever submitted the week or logged (or changed) time in it for the member does not
    also approve it: an approval is someone else's look at what the member was credited with."""
    acted = sheet.submitted_by == principal.member_id or await TimesheetRepository(
        session
    ).logged_in_week_by(sheet.workspace_id, sheet.member_id, sheet.week_start, principal.member_id)
    if acted:
        raise Forbidden(
            "You submitted this week or logged time in it for the member; "
            "someone else approves it.",
            code="acted_for_member",
        )


def _check_reopener(principal: Principal) -> None:
    """Reopening unlocks a week for corrections, not a verdict on it: any admin may, their
    own week included."""
    if not principal.at_least(Role.admin):
        raise Forbidden("Only admins reopen a timesheet.", code="not_approver")


@dataclass(frozen=True)
class Decision:
    """A decision on a submitted week: the statuses it may be taken from, the status it leaves
    the timesheet in, and how it is named (its past tense, its event)."""

    allowed_from: tuple[str, ...]
    to: TimesheetStatus
    done: str
    refused_code: str

    @property
    def event(self) -> str:
        return f"timesheet.{self.done}"


APPROVAL = Decision(("submitted",), TimesheetStatus.approved, "approved", "timesheet_not_submitted")
REJECTION = Decision(
    ("submitted",), TimesheetStatus.rejected, "rejected", "timesheet_not_submitted"
)
REOPENING = Decision(LOCKED, TimesheetStatus.draft, "reopened", "timesheet_not_locked")


async def decide(
    session: AsyncSession,
    principal: Principal,
    sheet_id: uuid.UUID,
    decision: Decision,
    comment: str | None,
    if_match: str | None,
) -> Timesheet:
    """Approve, reject or reopen a week, as `decision` says, with the decider's comment."""
    sheet = check_if_match(if_match, await get(session, principal, sheet_id))
    if decision is REOPENING:
        _check_reopener(principal)
    else:
        await _check_approver(session, principal, sheet)
    if decision is APPROVAL:
        await _check_independent(session, principal, sheet)
    if sheet.status not in decision.allowed_from:
        raise Conflict(
            f"The timesheet is {sheet.status}; only a {' or '.join(decision.allowed_from)} one "
            f"can be {decision.done}.",
            code=decision.refused_code,
        )
    async with events.recording_change(session, principal, decision.event, sheet, FIELDS):
        sheet.status = decision.to.value
        sheet.decided_by = principal.member_id
        sheet.decided_at = utcnow()
        sheet.comment = comment
    return sheet
