import uuid

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import ApiToken

TOKEN_SORTS = Sortable(
    fields={"created_at": ApiToken.created_at, "name": ApiToken.name},
    default="-created_at",
    tiebreak=ApiToken.id,
)


class ApiTokenRepository(TenantRepository[ApiToken]):
    model = ApiToken

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams, *, member_id: uuid.UUID | None
    ) -> tuple[list[ApiToken], str | None]:
        statement = self.matching(workspace_id, member_id=member_id)
        return await paginate(self.session, statement, params, TOKEN_SORTS)
