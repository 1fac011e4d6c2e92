import uuid
from collections.abc import Sequence

from sqlalchemy import func, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository
from app.models import Member, TeamMember, TimeEntry, User


class MemberRepository(TenantRepository[Member]):
    model = Member
    sorts = Sortable.by(Member.created_at, Member.role)

    async def by_user(self, workspace_id: uuid.UUID, user_id: uuid.UUID) -> Member | None:
        return await self.find(workspace_id, Member.user_id == user_id)

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        role: str | None = None,
        team_id: uuid.UUID | None = None,
        text: str | None = None,
    ) -> tuple[list[Member], str | None]:
        statement = self.matching(workspace_id, role=role)
        if text:
            pattern = f"%{text.lower()}%"
            statement = statement.where(
                Member.user_id.in_(
                    select(User.id).where(
                        func.lower(User.name).like(pattern) | func.lower(User.email).like(pattern)
                    )
                )
            )
        if team_id is not None:
            statement = statement.where(
                Member.id.in_(
                    select(TeamMember.member_id).where(
                        TeamMember.workspace_id == workspace_id, TeamMember.team_id == team_id
                    )
                )
            )
        return await self.paged(statement, params)

    async def users(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, User]:
        """The users behind members: people are not rows of a workspace."""
        rows = await self.session.scalars(select(User).where(User.id.in_(set(user_ids))))
        return {user.id: user for user in rows}

    async def team_ids(
        self, workspace_id: uuid.UUID, member_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        return await self.grouped_ids(
            workspace_id, TeamMember.member_id, TeamMember.team_id, member_ids
        )

    async def lock_owner_ids(self, workspace_id: uuid.UUID) -> list[uuid.UUID]:
        """The owners, locked so that two concurrent demotions cannot leave none."""
        rows = await self.session.scalars(
            self.columns(workspace_id, Member.id).where(Member.role == "owner").with_for_update()
        )
        return list(rows)

    async def has_logged_time(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> bool:
        """Whether the member has any time entry (a running timer included)."""
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(TimeEntry.workspace_id == workspace_id, TimeEntry.member_id == member_id)
            .limit(1)
        )
        return found is not None
