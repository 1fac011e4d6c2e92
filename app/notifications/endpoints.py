import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.core.db import Session, UnitOfWorkRoute
from app.kit.errors import READ_PROBLEMS
from app.kit.pagination import Page, PageQuery
from app.notifications import service
from app.notifications.auth import NotificationReader, NotificationWriter
from app.notifications.schemas import MarkedRead, Notification

router = APIRouter(route_class=UnitOfWorkRoute, prefix="/me/notifications", tags=["notifications"])
# Across workspaces, but the same problems as any workspace read (422 included).
ERRORS = READ_PROBLEMS


@router.get("", operation_id="notifications:list", responses=ERRORS)
async def list_notifications(
    caller: NotificationReader,
    session: Session,
    page: PageQuery,
    unread: Annotated[bool, Query(description="Only unread ones.")] = False,
) -> Page[Notification]:
    """My notifications across workspaces, newest first."""
    return Page.of(Notification, await service.page(session, caller, page, unread))


@router.post("/{notification_id}/read", operation_id="notifications:mark_read", responses=ERRORS)
async def mark_read(
    notification_id: uuid.UUID, caller: NotificationWriter, session: Session
) -> Notification:
    """Mark one notification read."""
    return Notification.model_validate(await service.mark_read(session, caller, notification_id))


@router.post("/read-all", operation_id="notifications:mark_all_read", responses=ERRORS)
async def mark_all_read(caller: NotificationWriter, session: Session) -> MarkedRead:
    """Mark all my notifications read."""
    return MarkedRead(marked=await service.mark_all_read(session, caller))
