import uuid
from datetime import datetime

from app.kit.schemas import Output


class Notification(Output):
    id: uuid.UUID
    workspace_id: uuid.UUID
    kind: str
    task_id: uuid.UUID | None
    comment_id: uuid.UUID | None
    actor_id: uuid.UUID | None
    summary: str
    read_at: datetime | None
    created_at: datetime


class MarkedRead(Output):
    marked: int
