import uuid

from sqlalchemy import select

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import TimeEntry, WorkType

WORK_TYPE_SORTS = Sortable(
    fields={"key": WorkType.key, "name": WorkType.name, "created_at": WorkType.created_at},
    default="key",
    tiebreak=WorkType.id,
)


class WorkTypeRepository(TenantRepository[WorkType]):
    model = WorkType

    async def by_key(self, workspace_id: uuid.UUID, key: str) -> WorkType | None:
        return await self.find(workspace_id, WorkType.key == key)

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[WorkType], str | None]:
        return await paginate(self.session, self.statement(workspace_id), params, WORK_TYPE_SORTS)

    async def in_use(self, workspace_id: uuid.UUID, key: str) -> bool:
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(TimeEntry.workspace_id == workspace_id, TimeEntry.work_type == key)
            .limit(1)
        )
        return found is not None
