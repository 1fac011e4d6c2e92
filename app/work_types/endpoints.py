import uuid

from fastapi import Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, deprecated_alias, workspace_router
from app.work_types import service
from app.work_types.auth import WorkTypesRead
from app.work_types.schemas import WorkType, WorkTypeCreate, WorkTypeUpdate
from app.workspaces.auth import WorkspaceAdmin

router = workspace_router("work-types", tag="work types")


@router.get("", operation_id="work_types:list", responses=READ_PROBLEMS)
async def list_work_types(ctx: WorkTypesRead, page: PageQuery) -> Page[WorkType]:
    """The kinds of work time can be logged as (`work_type` on an entry is one of their keys)."""
    return Page.of(WorkType, await service.page(*ctx, page))


@router.post("", operation_id="work_types:create", **CREATES)
async def create_work_type(data: WorkTypeCreate, ctx: WorkspaceAdmin) -> WorkType:
    """Add a work type; its key is fixed once set."""
    return WorkType.model_validate(await service.create(*ctx, data))


@router.get("/{work_type_id}", operation_id="work_types:get", responses=READ_PROBLEMS)
async def get_work_type(
    work_type_id: uuid.UUID, ctx: WorkTypesRead, response: Response
) -> WorkType:
    """One work type."""
    work_type = await service.get(*ctx, work_type_id)
    return tagged(response, WorkType, work_type)


@router.patch("/{work_type_id}", operation_id="work_types:update", responses=WRITE_PROBLEMS)
async def update_work_type(
    work_type_id: uuid.UUID,
    data: WorkTypeUpdate,
    ctx: WorkspaceAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> WorkType:
    """Rename a work type."""
    work_type = await service.update(*ctx, work_type_id, data, if_match)
    return tagged(response, WorkType, work_type)


@router.delete("/{work_type_id}", operation_id="work_types:delete", **DELETES)
async def delete_work_type(
    work_type_id: uuid.UUID, ctx: WorkspaceAdmin, if_match: IfMatch = None
) -> None:
    """Remove a work type no time is logged as (409 `work_type_in_use` otherwise)."""
    await service.delete(*ctx, work_type_id, if_match)


# Work types were called activities: the old path stays for one release (docs/design.md §3).
activities_router = deprecated_alias(
    router, old_prefix="/workspaces/{workspace_id}/activities", old_name="activities"
)
