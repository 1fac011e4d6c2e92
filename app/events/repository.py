import uuid

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import Event

# Newest first; UUIDv7 ids order events by when they were written.
EVENT_SORTS = Sortable.by(Event.id, default="-id")


class EventRepository(TenantRepository[Event]):
    model = Event

    def append(self, event: Event) -> None:
        """Without a flush: the event is written with the rest of the change it describes."""
        self.session.add(event)

    async def page_for_entity(
        self, workspace_id: uuid.UUID, entity_type: str, entity_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Event], str | None]:
        statement = self.statement(workspace_id).where(
            Event.entity_type == entity_type, Event.entity_id == entity_id
        )
        return await paginate(self.session, statement, params, EVENT_SORTS)

    async def page_for_project(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Event], str | None]:
        statement = self.statement(workspace_id).where(Event.project_id == project_id)
        return await paginate(self.session, statement, params, EVENT_SORTS)
