import uuid
from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, TenantOwned
from app.models.keys import member_fk, task_fk


class Notification(TenantOwned, Base):
    """Something a member should see, e.g. an @mention; listed across workspaces at /me."""

    __tablename__ = "notification"
    __table_args__ = (
        member_fk("recipient_id", ondelete="CASCADE"),
        task_fk(ondelete="CASCADE"),
        Index("ix_notification_user", "user_id", "read_at", "id"),
    )

    user_id: Mapped[uuid.UUID]
    recipient_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(32))
    task_id: Mapped[uuid.UUID | None]
    comment_id: Mapped[uuid.UUID | None]
    actor_id: Mapped[uuid.UUID | None]
    summary: Mapped[str] = mapped_column(String(500))
    read_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
