"""Work types: the kinds of work a workspace logs time as, referred to by key."""

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events import service as events
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import WorkType
from app.work_types import schemas
from app.work_types.repository import WorkTypeRepository

FIELDS = ("key", "name")


async def check_key(session: AsyncSession, workspace_id: uuid.UUID, key: str, pointer: str) -> None:
    """422 at `pointer` unless `key` is one of the workspace's work types."""
    if await WorkTypeRepository(session).by_key(workspace_id, key) is None:
        raise Unprocessable.at(pointer, f"no work type '{key}' in this workspace")


async def get(session: AsyncSession, principal: Principal, work_type_id: uuid.UUID) -> WorkType:
    work_type = await WorkTypeRepository(session).get(principal.workspace_id, work_type_id)
    return found(work_type, "No such work type.", code="work_type_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[list[WorkType], str | None]:
    return await WorkTypeRepository(session).page_matching(principal.workspace_id, params)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.WorkTypeCreate
) -> WorkType:
    repo = WorkTypeRepository(session)
    if await repo.by_key(principal.workspace_id, data.key) is not None:
        raise Conflict(f"The work type '{data.key}' already exists.", code="work_type_exists")
    work_type = WorkType(workspace_id=principal.workspace_id, key=data.key, name=data.name)
    return await events.add_created(repo, principal, "work_type.created", work_type, FIELDS)


async def update(
    session: AsyncSession,
    principal: Principal,
    work_type_id: uuid.UUID,
    data: schemas.WorkTypeUpdate,
    if_match: str | None,
) -> WorkType:
    work_type = check_if_match(if_match, await get(session, principal, work_type_id))
    async with events.recording_change(session, principal, "work_type.updated", work_type, FIELDS):
        if data.name is not None:
            work_type.name = data.name
    return work_type


async def delete(
    session: AsyncSession, principal: Principal, work_type_id: uuid.UUID, if_match: str | None
) -> None:
    work_type = check_if_match(if_match, await get(session, principal, work_type_id))
    repo = WorkTypeRepository(session)
    if await repo.in_use(principal.workspace_id, work_type.key):
        raise Conflict(
            "Time is logged as this work type; it cannot be removed.", code="work_type_in_use"
        )
    events.record_deleted(session, principal, "work_type.deleted", work_type, FIELDS)
    await repo.delete(work_type)
