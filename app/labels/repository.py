import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Label

LABEL_SORTS = Sortable(fields={"name": Label.name}, default="name", tiebreak=Label.id)


class LabelRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, label: Label) -> Label:
        self.session.add(label)
        await self.session.flush()
        return label

    async def get(self, workspace_id: uuid.UUID, label_id: uuid.UUID) -> Label | None:
        return await self.session.get(Label, (workspace_id, label_id))

    async def named(self, workspace_id: uuid.UUID, name: str) -> Label | None:
        return await self.session.scalar(
            select(Label).where(
                Label.workspace_id == workspace_id, func.lower(Label.name) == name.lower()
            )
        )

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Label], str | None]:
        return await paginate(
            self.session,
            select(Label).where(Label.workspace_id == workspace_id),
            params,
            LABEL_SORTS,
        )

    async def delete(self, label: Label) -> None:
        await self.session.delete(label)
        await self.session.flush()
