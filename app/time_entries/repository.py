import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, in_range
from app.models import TeamMember, TimeEntry


@dataclass(frozen=True)
class EntryFilters:
    member_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None
    task_id: uuid.UUID | None = None
    work_type: str | None = None
    billable: bool | None = None
    date_from: date | None = None
    date_to: date | None = None


class TimeEntryRepository(TenantRepository[TimeEntry]):
    model = TimeEntry
    sorts = Sortable.by(TimeEntry.date, TimeEntry.minutes, TimeEntry.created_at, default="-date")

    async def running(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> TimeEntry | None:
        return await self.find(workspace_id, TimeEntry.member_id == member_id, TimeEntry.running)

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams, filters: EntryFilters
    ) -> tuple[list[TimeEntry], str | None]:
        statement = self.matching(
            workspace_id,
            member_id=filters.member_id,
            project_id=filters.project_id,
            task_id=filters.task_id,
            work_type=filters.work_type,
        ).where(
            TimeEntry.running.is_(False),
            *in_range(TimeEntry.date, filters.date_from, filters.date_to),
        )
        if filters.team_id is not None:
            statement = statement.where(
                TimeEntry.member_id.in_(
                    select(TeamMember.member_id).where(
                        TeamMember.workspace_id == workspace_id,
                        TeamMember.team_id == filters.team_id,
                    )
                )
            )
        if filters.billable is not None:
            statement = statement.where(TimeEntry.billable.is_(filters.billable))
        return await self.paged(statement, params)

    async def minutes_between(
        self,
        workspace_id: uuid.UUID,
        member_id: uuid.UUID,
        start: date,
        end: date,
        *,
        excluding: uuid.UUID | None = None,
    ) -> int:
        """A member's logged minutes dated in [start, end] (running timers count nothing)."""
        statement = self.columns(workspace_id, func.coalesce(func.sum(TimeEntry.minutes), 0)).where(
            TimeEntry.member_id == member_id,
            TimeEntry.date >= start,
            TimeEntry.date <= end,
        )
        if excluding is not None:
            statement = statement.where(TimeEntry.id != excluding)
        return int(await self.session.scalar(statement) or 0)
