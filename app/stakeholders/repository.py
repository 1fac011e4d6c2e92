from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import Stakeholder


class StakeholderRepository(TenantRepository[Stakeholder]):
    """The members with a stake in a project, one role each: `get(workspace_id, project_id,
    member_id)` finds one."""

    model = Stakeholder
    sorts = Sortable.by(Stakeholder.member_id, Stakeholder.role, tiebreak=Stakeholder.member_id)
