import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned


class Event(TenantOwned, Base):
    """One change, appended in the transaction that made it (docs/design.md §6). Never updated."""

    __tablename__ = "event"
    __table_args__ = (
        Index("ix_event_entity", "workspace_id", "entity_type", "entity_id", "id"),
        Index("ix_event_project", "workspace_id", "project_id", "id"),
    )

    type: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[uuid.UUID]
    # The project the entity belongs to, so a project's activity includes its tasks'.
    project_id: Mapped[uuid.UUID | None]
    actor_id: Mapped[uuid.UUID | None]
    # {field: {"before": ..., "after": ...}}; a creation lists its fields with before = null.
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
