import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import TimeEntry, WorkType

WORK_TYPE_SORTS = Sortable(
    fields={"key": WorkType.key, "name": WorkType.name, "created_at": WorkType.created_at},
    default="key",
    tiebreak=WorkType.id,
)


class WorkTypeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, work_type: WorkType) -> WorkType:
        self.session.add(work_type)
        await self.session.flush()
        return work_type

    async def add_all(self, work_types: list[WorkType]) -> None:
        self.session.add_all(work_types)
        await self.session.flush()

    async def get(self, workspace_id: uuid.UUID, work_type_id: uuid.UUID) -> WorkType | None:
        return await self.session.get(WorkType, (workspace_id, work_type_id))

    async def by_key(self, workspace_id: uuid.UUID, key: str) -> WorkType | None:
        return await self.session.scalar(
            select(WorkType).where(WorkType.workspace_id == workspace_id, WorkType.key == key)
        )

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[WorkType], str | None]:
        statement = select(WorkType).where(WorkType.workspace_id == workspace_id)
        return await paginate(self.session, statement, params, WORK_TYPE_SORTS)

    async def in_use(self, workspace_id: uuid.UUID, key: str) -> bool:
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(TimeEntry.workspace_id == workspace_id, TimeEntry.work_type == key)
            .limit(1)
        )
        return found is not None

    async def delete(self, work_type: WorkType) -> None:
        await self.session.delete(work_type)
        await self.session.flush()
