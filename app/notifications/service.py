import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Caller
from app.core.clock import utcnow
from app.kit.errors import NotFound
from app.kit.pagination import PageParams
from app.models import Notification
from app.notifications.repository import NotificationRepository


def _workspace_of(caller: Caller) -> uuid.UUID | None:
    """A token sees only its own workspace's notifications."""
    return caller.token.workspace_id if caller.token else None


async def page(
    session: AsyncSession, caller: Caller, params: PageParams, unread_only: bool
) -> tuple[list[Notification], str | None]:
    return await NotificationRepository(session).page_for_user(
        caller.user.id, params, unread_only=unread_only, workspace_id=_workspace_of(caller)
    )


async def mark_read(
    session: AsyncSession, caller: Caller, notification_id: uuid.UUID
) -> Notification:
    repo = NotificationRepository(session)
    notification = await repo.owned(caller.user.id, notification_id)
    workspace_id = _workspace_of(caller)
    if notification is None or (
        workspace_id is not None and notification.workspace_id != workspace_id
    ):
        raise NotFound("No such notification.", code="notification_not_found")
    if notification.read_at is None:
        notification.read_at = utcnow()
        await session.flush()
    return notification


async def mark_all_read(session: AsyncSession, caller: Caller) -> int:
    return await NotificationRepository(session).mark_read(
        caller.user.id, utcnow(), notification_id=None, workspace_id=_workspace_of(caller)
    )
