import uuid
from collections.abc import Sequence

from sqlalchemy import func, select, update

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository, same_workspace
from app.models import Member, Resource, Team, TeamMember


class TeamRepository(TenantRepository[Team]):
    model = Team
    sorts = Sortable.by(Team.name, Team.created_at)

    async def sibling_named(
        self,
        workspace_id: uuid.UUID,
        parent_id: uuid.UUID | None,
        name: str,
        *,
        exclude: uuid.UUID | None,
    ) -> bool:
        same_name = [
            Team.parent_id.is_not_distinct_from(parent_id),
            func.lower(Team.name) == name.lower(),
        ]
        if exclude is not None:
            same_name.append(Team.id != exclude)
        return await self.exists(workspace_id, *same_name)

    async def parents(self, workspace_id: uuid.UUID) -> dict[uuid.UUID, uuid.UUID | None]:
        rows = await self.session.execute(self.columns(workspace_id, Team.id, Team.parent_id))
        return dict(rows.all())

    async def existing_member_ids(
        self, workspace_id: uuid.UUID, member_ids: Sequence[uuid.UUID]
    ) -> set[uuid.UUID]:
        return await self.known_ids(workspace_id, Member.id, member_ids)

    async def member_ids(
        self, workspace_id: uuid.UUID, team_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        return await self.grouped_ids(
            workspace_id, TeamMember.team_id, TeamMember.member_id, team_ids
        )

    async def add_members(
        self, workspace_id: uuid.UUID, team_id: uuid.UUID, member_ids: Sequence[uuid.UUID]
    ) -> None:
        current = set((await self.member_ids(workspace_id, [team_id])).get(team_id, []))
        for member_id in dict.fromkeys(member_ids):
            if member_id not in current:
                self.session.add(
                    TeamMember(workspace_id=workspace_id, team_id=team_id, member_id=member_id)
                )
        await self.session.flush()

    async def remove_member(
        self, workspace_id: uuid.UUID, team_id: uuid.UUID, member_id: uuid.UUID
    ) -> bool:
        return await self.remove_link(
            TeamMember, workspace_id, team_id=team_id, member_id=member_id
        )

    async def reparent_children(
        self, workspace_id: uuid.UUID, team_id: uuid.UUID, new_parent_id: uuid.UUID | None
    ) -> None:
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Team.parent_id == team_id)
            .values(parent_id=new_parent_id, version=Team.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def release_resources(self, workspace_id: uuid.UUID, team_id: uuid.UUID) -> None:
        """Resources of the team stay, without a team."""
        await self.session.execute(
            update(Resource)
            .where(Resource.workspace_id == workspace_id, Resource.team_id == team_id)
            .values(team_id=None, version=Resource.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def clear_lead(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> None:
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Team.lead_member_id == member_id)
            .values(lead_member_id=None, version=Team.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def leads_team_of(
        self, workspace_id: uuid.UUID, lead_id: uuid.UUID, member_id: uuid.UUID
    ) -> bool:
        """Whether `lead_id` leads a team `member_id` belongs to."""
        found = await self.session.scalar(
            select(Team.id)
            .join(TeamMember, same_workspace(TeamMember.team_id, Team.id))
            .where(
                Team.workspace_id == workspace_id,
                Team.lead_member_id == lead_id,
                TeamMember.member_id == member_id,
            )
            .limit(1)
        )
        return found is not None
