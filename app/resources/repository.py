import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, overlapping
from app.models import Calendar, Member, Resource, Team, TimeOff, User


class ResourceRepository(TenantRepository[Resource]):
    model = Resource
    sorts = Sortable.by(Resource.created_at, Resource.kind)

    async def of_member(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> Resource | None:
        return await self.find(workspace_id, Resource.member_id == member_id)

    async def people(
        self, workspace_id: uuid.UUID, member_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[str, Decimal, Decimal | None]]:
        """(display name, weekly capacity, cost rate) of these members, in one query."""
        if not member_ids:
            return {}
        rows = await self.session.execute(
            select(Member.id, User.name, Member.weekly_capacity_hours, Member.cost_rate)
            .join(User, User.id == Member.user_id)
            .where(Member.workspace_id == workspace_id, Member.id.in_(set(member_ids)))
        )
        return {member_id: (name, weekly, rate) for member_id, name, weekly, rate in rows}

    async def team_exists(self, workspace_id: uuid.UUID, team_id: uuid.UUID) -> bool:
        return await self.session.get(Team, (workspace_id, team_id)) is not None

    async def calendar_exists(self, workspace_id: uuid.UUID, calendar_id: uuid.UUID) -> bool:
        return await self.session.get(Calendar, (workspace_id, calendar_id)) is not None


class TimeOffRepository(TenantRepository[TimeOff]):
    """The days a resource is away."""

    model = TimeOff
    sorts = Sortable.by(TimeOff.start_date)

    async def overlapping(
        self,
        workspace_id: uuid.UUID,
        resource_id: uuid.UUID,
        start: date,
        end: date,
        *,
        exclude: uuid.UUID | None = None,
    ) -> TimeOff | None:
        statement = self.statement(workspace_id).where(
            TimeOff.resource_id == resource_id,
            TimeOff.start_date <= end,
            TimeOff.end_date >= start,
        )
        if exclude is not None:
            statement = statement.where(TimeOff.id != exclude)
        return await self.session.scalar(statement.order_by(TimeOff.start_date).limit(1))

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        resource_id: uuid.UUID | None,
        first: date | None,
        last: date | None,
    ) -> tuple[list[TimeOff], str | None]:
        statement = self.matching(workspace_id, resource_id=resource_id).where(
            *overlapping(TimeOff.start_date, TimeOff.end_date, first, last)
        )
        return await self.paged(statement, params)
