"""Activities: the kinds of work a workspace logs time as, referred to by key."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.activities import schemas
from app.activities.repository import ActivityRepository
from app.core.access import Principal
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Unprocessable
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Activity

# The migration backfills the same list into workspaces created before time tracking.
DEFAULT_ACTIVITIES = (
    ("development", "Development"),
    ("meeting", "Meeting"),
    ("support", "Support"),
)
FIELDS = ("key", "name")


async def create_defaults(session: AsyncSession, workspace_id: uuid.UUID) -> None:
    await ActivityRepository(session).add_all(
        [
            Activity(workspace_id=workspace_id, key=key, name=name)
            for key, name in DEFAULT_ACTIVITIES
        ]
    )


async def check_key(session: AsyncSession, workspace_id: uuid.UUID, key: str, pointer: str) -> None:
    """422 at `pointer` unless `key` is one of the workspace's activities."""
    if await ActivityRepository(session).by_key(workspace_id, key) is None:
        raise Unprocessable.at(pointer, f"no activity '{key}' in this workspace")


def _record(
    session: AsyncSession,
    principal: Principal,
    type_: str,
    activity: Activity,
    changes: dict[str, Any],
) -> None:
    events.record(
        session,
        principal,
        type_,
        entity_type="activity",
        entity_id=activity.id,
        workspace_id=activity.workspace_id,
        changes=changes,
    )


async def get(session: AsyncSession, principal: Principal, activity_id: uuid.UUID) -> Activity:
    activity = await ActivityRepository(session).get(principal.workspace_id, activity_id)
    if activity is None:
        raise NotFound("No such activity.", code="activity_not_found")
    return activity


async def page(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[list[Activity], str | None]:
    return await ActivityRepository(session).page(principal.workspace_id, params)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.ActivityCreate
) -> Activity:
    repo = ActivityRepository(session)
    if await repo.by_key(principal.workspace_id, data.key) is not None:
        raise Conflict(f"The activity '{data.key}' already exists.", code="activity_exists")
    activity = await repo.add(
        Activity(workspace_id=principal.workspace_id, key=data.key, name=data.name)
    )
    _record(
        session,
        principal,
        "activity.created",
        activity,
        events.created(events.snapshot(activity, FIELDS)),
    )
    return activity


async def update(
    session: AsyncSession,
    principal: Principal,
    activity_id: uuid.UUID,
    data: schemas.ActivityUpdate,
    if_match: str | None,
) -> Activity:
    activity = await get(session, principal, activity_id)
    check_if_match(if_match, activity)
    before = events.snapshot(activity, FIELDS)
    if data.name is not None:
        activity.name = data.name
    diff = events.changes_between(before, events.snapshot(activity, FIELDS))
    if diff:
        await session.flush()
        _record(session, principal, "activity.updated", activity, diff)
    return activity


async def delete(
    session: AsyncSession, principal: Principal, activity_id: uuid.UUID, if_match: str | None
) -> None:
    activity = await get(session, principal, activity_id)
    check_if_match(if_match, activity)
    repo = ActivityRepository(session)
    if await repo.in_use(principal.workspace_id, activity.key):
        raise Conflict(
            "Time is logged as this activity; it cannot be removed.", code="activity_in_use"
        )
    _record(
        session,
        principal,
        "activity.deleted",
        activity,
        events.deleted(events.snapshot(activity, FIELDS)),
    )
    await repo.delete(activity)
