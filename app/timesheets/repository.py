import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, in_range
from app.kit.sql import week_after
from app.models import Member, TimeEntry, Timesheet

LOCKED = ("submitted", "approved")


def locked_week_covers(workspace_id: Any, member_id: Any, day: Any) -> ColumnElement[bool]:
    """Whether a submitted or approved sheet of the member covers `day`, found by range so
    sheets stay valid if the workspace's week start changes later. The arguments are values,
    or the columns of the entry of an outer statement."""
    return exists().where(
        Timesheet.workspace_id == workspace_id,
        Timesheet.member_id == member_id,
        Timesheet.week_start <= day,
        week_after(Timesheet.week_start) > day,
        Timesheet.status.in_(LOCKED),
    )


class TimesheetRepository(TenantRepository[Timesheet]):
    model = Timesheet
    sorts = Sortable.by(Timesheet.week_start, Timesheet.submitted_at, default="-week_start")

    async def of_week(
        self, workspace_id: uuid.UUID, member_id: uuid.UUID, week_start: date
    ) -> Timesheet | None:
        return await self.find(
            workspace_id, Timesheet.member_id == member_id, Timesheet.week_start == week_start
        )

    async def lock_member(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> None:
        """Serialise one member's time writes (the daily limit and week locks read then write);
        SQLite already serialises writers with BEGIN IMMEDIATE."""
        await self.session.execute(
            select(Member.id)
            .where(Member.workspace_id == workspace_id, Member.id == member_id)
            .with_for_update()
        )

    async def member_exists(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> bool:
        return await self.session.get(Member, (workspace_id, member_id)) is not None

    async def timer_day(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> date | None:
        """The date of the member's running timer, if one runs."""
        return await self.session.scalar(
            select(TimeEntry.date).where(
                TimeEntry.workspace_id == workspace_id,
                TimeEntry.member_id == member_id,
                TimeEntry.running,
            )
        )

    async def logged_in_week_by(
        self,
        workspace_id: uuid.UUID,
        member_id: uuid.UUID,
        week_start: date,
        writer_id: uuid.UUID,
    ) -> bool:
        """Whether `writer_id` wrote an entry of the member in the week from `week_start`."""
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(
                TimeEntry.workspace_id == workspace_id,
                TimeEntry.member_id == member_id,
                *in_range(TimeEntry.date, week_start, week_start + timedelta(days=6)),
                TimeEntry.logged_by == writer_id,
            )
            .limit(1)
        )
        return found is not None

    async def is_locked(self, workspace_id: uuid.UUID, member_id: uuid.UUID, day: date) -> bool:
        return bool(
            await self.session.scalar(select(locked_week_covers(workspace_id, member_id, day)))
        )

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        member_id: uuid.UUID | None,
        status: str | None,
        week_from: date | None,
        week_to: date | None,
    ) -> tuple[list[Timesheet], str | None]:
        statement = self.matching(workspace_id, member_id=member_id, status=status).where(
            *in_range(Timesheet.week_start, week_from, week_to)
        )
        return await self.paged(statement, params)

    async def totals(
        self, workspace_id: uuid.UUID, sheets: list[Timesheet]
    ) -> dict[uuid.UUID, int]:
        """Logged minutes of each sheet's member in its week, from one grouped query."""
        if not sheets:
            return {}
        first = min(sheet.week_start for sheet in sheets)
        last = max(sheet.week_start for sheet in sheets) + timedelta(days=6)
        rows = await self.session.execute(
            select(TimeEntry.member_id, TimeEntry.date, func.sum(TimeEntry.minutes))
            .where(
                TimeEntry.workspace_id == workspace_id,
                TimeEntry.member_id.in_({sheet.member_id for sheet in sheets}),
                TimeEntry.date >= first,
                TimeEntry.date <= last,
            )
            .group_by(TimeEntry.member_id, TimeEntry.date)
        )
        daily = {(member_id, day): int(total or 0) for member_id, day, total in rows}
        return {
            sheet.id: sum(
                daily.get((sheet.member_id, sheet.week_start + timedelta(days=offset)), 0)
                for offset in range(7)
            )
            for sheet in sheets
        }
