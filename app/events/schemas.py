import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from app.kit.schemas import Output


class Event(Output):
    id: uuid.UUID
    type: str = Field(description="What happened, e.g. `task.updated`.")
    entity_type: str
    entity_id: uuid.UUID
    project_id: uuid.UUID | None
    actor_id: uuid.UUID | None = Field(description="The member who made the change.")
    changes: dict[str, Any] = Field(description="`{field: {before, after}}`.")
    created_at: datetime
