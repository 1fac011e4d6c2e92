import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Stakeholder

STAKEHOLDER_SORTS = Sortable(
    fields={"member_id": Stakeholder.member_id, "role": Stakeholder.role},
    default="member_id",
    tiebreak=Stakeholder.member_id,
)


class StakeholderRepository:
    """The members with a stake in a project, one role each."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, stakeholder: Stakeholder) -> Stakeholder:
        self.session.add(stakeholder)
        await self.session.flush()
        return stakeholder

    async def delete(self, stakeholder: Stakeholder) -> None:
        await self.session.delete(stakeholder)
        await self.session.flush()

    async def get(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, member_id: uuid.UUID
    ) -> Stakeholder | None:
        return await self.session.get(Stakeholder, (workspace_id, project_id, member_id))

    async def page(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Stakeholder], str | None]:
        statement = select(Stakeholder).where(
            Stakeholder.workspace_id == workspace_id, Stakeholder.project_id == project_id
        )
        return await paginate(self.session, statement, params, STAKEHOLDER_SORTS)
