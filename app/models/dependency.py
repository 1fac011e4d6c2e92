import uuid

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned, Versioned
from app.models.keys import task_fk


class Dependency(TenantOwned, Versioned, Base):
    """Predecessor → successor with a link type and a lag in working days (docs/design.md §7)."""

    __tablename__ = "dependency"
    __table_args__ = (
        task_fk("predecessor_id"),
        task_fk("successor_id"),
        UniqueConstraint("workspace_id", "predecessor_id", "successor_id"),
        CheckConstraint("predecessor_id <> successor_id", name="not_self"),
        CheckConstraint("type IN ('FS', 'SS', 'FF', 'SF')", name="type_known"),
        Index("ix_dependency_successor", "workspace_id", "successor_id"),
    )

    predecessor_id: Mapped[uuid.UUID]
    successor_id: Mapped[uuid.UUID]
    type: Mapped[str] = mapped_column(String(2), default="FS")
    lag_days: Mapped[int] = mapped_column(default=0)
