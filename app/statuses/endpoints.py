import uuid
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.projects.auth import ProjectsRead, ProjectsWrite
from app.statuses import service
from app.statuses.schemas import (
    WorkflowStatus,
    WorkflowStatusCreate,
    WorkflowStatusOrder,
    WorkflowStatusUpdate,
)

router = workspace_router("projects/{project_id}/statuses", tag="projects")


@router.get("", operation_id="project_statuses:list", responses=READ_PROBLEMS)
async def list_statuses(
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[WorkflowStatus]:
    """The project's workflow statuses in board order."""
    return Page.of(WorkflowStatus, await service.page(*ctx, project_id, page))


@router.post("", operation_id="project_statuses:create", **CREATES)
async def create_status(
    project_id: uuid.UUID,
    data: WorkflowStatusCreate,
    ctx: ProjectsWrite,
    response: Response,
) -> WorkflowStatus:
    """Add a workflow status, by default after the last one."""
    row = await service.create(*ctx, project_id, data)
    return tagged(response, WorkflowStatus, row)


@router.post("/reorder", operation_id="project_statuses:reorder", responses=WRITE_PROBLEMS)
async def reorder_statuses(
    project_id: uuid.UUID, data: WorkflowStatusOrder, ctx: ProjectsWrite
) -> list[WorkflowStatus]:
    """Put all of the project's statuses in a new order."""
    rows = await service.reorder(*ctx, project_id, data)
    return [WorkflowStatus.model_validate(row) for row in rows]


@router.get("/{status_id}", operation_id="project_statuses:get", responses=READ_PROBLEMS)
async def get_status(
    project_id: uuid.UUID,
    status_id: uuid.UUID,
    ctx: ProjectsRead,
    response: Response,
) -> WorkflowStatus:
    """One workflow status."""
    row = await service.get(*ctx, project_id, status_id)
    return tagged(response, WorkflowStatus, row)


@router.patch("/{status_id}", operation_id="project_statuses:update", responses=WRITE_PROBLEMS)
async def update_status(
    project_id: uuid.UUID,
    status_id: uuid.UUID,
    data: WorkflowStatusUpdate,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> WorkflowStatus:
    """Rename, recategorise or move a workflow status."""
    row = await service.update(*ctx, project_id, status_id, data, if_match)
    return tagged(response, WorkflowStatus, row)


@router.delete("/{status_id}", operation_id="project_statuses:delete", **DELETES)
async def delete_status(
    project_id: uuid.UUID,
    status_id: uuid.UUID,
    ctx: ProjectsWrite,
    move_to: Annotated[
        uuid.UUID | None,
        Query(description="Another status of the project to move its tasks to."),
    ] = None,
    if_match: IfMatch = None,
) -> None:
    """Delete a workflow status, moving its tasks to another."""
    await service.delete(*ctx, project_id, status_id, move_to, if_match)
