import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Activity, TimeEntry

ACTIVITY_SORTS = Sortable(
    fields={"key": Activity.key, "name": Activity.name, "created_at": Activity.created_at},
    default="key",
    tiebreak=Activity.id,
)


class ActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, activity: Activity) -> Activity:
        self.session.add(activity)
        await self.session.flush()
        return activity

    async def add_all(self, activities: list[Activity]) -> None:
        self.session.add_all(activities)
        await self.session.flush()

    async def get(self, workspace_id: uuid.UUID, activity_id: uuid.UUID) -> Activity | None:
        return await self.session.get(Activity, (workspace_id, activity_id))

    async def by_key(self, workspace_id: uuid.UUID, key: str) -> Activity | None:
        return await self.session.scalar(
            select(Activity).where(Activity.workspace_id == workspace_id, Activity.key == key)
        )

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Activity], str | None]:
        statement = select(Activity).where(Activity.workspace_id == workspace_id)
        return await paginate(self.session, statement, params, ACTIVITY_SORTS)

    async def in_use(self, workspace_id: uuid.UUID, key: str) -> bool:
        found = await self.session.scalar(
            select(TimeEntry.id)
            .where(TimeEntry.workspace_id == workspace_id, TimeEntry.activity == key)
            .limit(1)
        )
        return found is not None

    async def delete(self, activity: Activity) -> None:
        await self.session.delete(activity)
        await self.session.flush()
