import uuid

from sqlalchemy import func

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import Label

LABEL_SORTS = Sortable(fields={"name": Label.name}, default="name", tiebreak=Label.id)


class LabelRepository(TenantRepository[Label]):
    model = Label

    async def named(self, workspace_id: uuid.UUID, name: str) -> Label | None:
        return await self.find(workspace_id, func.lower(Label.name) == name.lower())

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Label], str | None]:
        return await paginate(self.session, self.statement(workspace_id), params, LABEL_SORTS)
