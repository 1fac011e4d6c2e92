import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Event

# Newest first; UUIDv7 ids order events by when they were written.
EVENT_SORTS = Sortable(fields={"id": Event.id}, default="-id", tiebreak=Event.id)


class EventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, event: Event) -> None:
        self.session.add(event)

    async def page_for_entity(
        self, workspace_id: uuid.UUID, entity_type: str, entity_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Event], str | None]:
        statement = select(Event).where(
            Event.workspace_id == workspace_id,
            Event.entity_type == entity_type,
            Event.entity_id == entity_id,
        )
        return await paginate(self.session, statement, params, EVENT_SORTS)

    async def page_for_project(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Event], str | None]:
        statement = select(Event).where(
            Event.workspace_id == workspace_id, Event.project_id == project_id
        )
        return await paginate(self.session, statement, params, EVENT_SORTS)
