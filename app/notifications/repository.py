import uuid
from datetime import datetime

from sqlalchemy import select, update

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import Repository
from app.models import Notification

NOTIFICATION_SORTS = Sortable.by(Notification.created_at, default="-created_at")


class NotificationRepository(Repository):
    """A user's notifications. Read by user, across workspaces: a person's inbox gathers what
    happens in every workspace they belong to (`workspace_id` narrows it to one)."""

    def append(self, notification: Notification) -> None:
        """Without a flush: written with the rest of the change it tells of."""
        self.session.add(notification)

    async def page_for_user(
        self,
        user_id: uuid.UUID,
        params: PageParams,
        *,
        unread_only: bool,
        workspace_id: uuid.UUID | None,
    ) -> tuple[list[Notification], str | None]:
        statement = select(Notification).where(Notification.user_id == user_id)
        if unread_only:
            statement = statement.where(Notification.read_at.is_(None))
        if workspace_id is not None:
            statement = statement.where(Notification.workspace_id == workspace_id)
        return await paginate(self.session, statement, params, NOTIFICATION_SORTS)

    async def mark_read(
        self,
        user_id: uuid.UUID,
        now: datetime,
        *,
        notification_id: uuid.UUID | None,
        workspace_id: uuid.UUID | None,
    ) -> int:
        statement = update(Notification).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
        if notification_id is not None:
            statement = statement.where(Notification.id == notification_id)
        if workspace_id is not None:
            statement = statement.where(Notification.workspace_id == workspace_id)
        result = await self.session.execute(
            statement.values(read_at=now).execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0))

    async def owned(self, user_id: uuid.UUID, notification_id: uuid.UUID) -> Notification | None:
        return await self.session.scalar(
            select(Notification).where(
                Notification.user_id == user_id, Notification.id == notification_id
            )
        )
