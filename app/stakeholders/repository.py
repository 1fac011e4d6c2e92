import uuid

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import Stakeholder

STAKEHOLDER_SORTS = Sortable(
    fields={"member_id": Stakeholder.member_id, "role": Stakeholder.role},
    default="member_id",
    tiebreak=Stakeholder.member_id,
)


class StakeholderRepository(TenantRepository[Stakeholder]):
    """The members with a stake in a project, one role each: `get(workspace_id, project_id,
    member_id)` finds one."""

    model = Stakeholder

    async def page(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Stakeholder], str | None]:
        statement = self.statement(workspace_id).where(Stakeholder.project_id == project_id)
        return await paginate(self.session, statement, params, STAKEHOLDER_SORTS)
