import uuid

from sqlalchemy import func

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import Label


class LabelRepository(TenantRepository[Label]):
    model = Label
    sorts = Sortable.by(Label.name)

    async def named(self, workspace_id: uuid.UUID, name: str) -> Label | None:
        return await self.find(workspace_id, func.lower(Label.name) == name.lower())
