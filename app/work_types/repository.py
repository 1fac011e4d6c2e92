import uuid

from sqlalchemy import select

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import TimeEntry, WorkType


class WorkTypeRepository(TenantRepository[WorkType]):
    model = WorkType
    sorts = Sortable.by(WorkType.key, WorkType.name, WorkType.created_at)

    async def by_key(self, workspace_id: uuid.UUID, key: str) -> WorkType | None:
        return await self.find(workspace_id, WorkType.key == key)

    async def in_use(self, workspace_id: uuid.UUID, key: str) -> bool:
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(TimeEntry.workspace_id == workspace_id, TimeEntry.work_type == key)
            .limit(1)
        )
        return found is not None
