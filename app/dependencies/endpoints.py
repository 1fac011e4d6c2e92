import uuid
from typing import Annotated

from fastapi import Query, Response

from app.dependencies import service
from app.dependencies.schemas import Dependency, DependencyCreate, DependencyUpdate
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.tasks.auth import TasksRead, TasksWrite

router = workspace_router("dependencies", tag="dependencies")


@router.get("", operation_id="dependencies:list", responses=READ_PROBLEMS)
async def list_dependencies(
    ctx: TasksRead,
    page: PageQuery,
    task_id: Annotated[
        str | None, Query(max_length=64, description="Links into or out of this task (id or key).")
    ] = None,
    project_id: Annotated[
        uuid.UUID | None, Query(description="Links touching this project's tasks.")
    ] = None,
) -> Page[Dependency]:
    """Dependencies, optionally of one task or project."""
    return Page.of(
        Dependency,
        await service.page(*ctx, page, task=task_id, project_id=project_id),
    )


@router.post("", operation_id="dependencies:create", **CREATES)
async def create_dependency(data: DependencyCreate, ctx: TasksWrite) -> Dependency:
    """Link two tasks; auto-scheduled successors move at once. A cycle is refused with 409."""
    return Dependency.model_validate(await service.create(*ctx, data))


@router.get("/{dependency_id}", operation_id="dependencies:get", responses=READ_PROBLEMS)
async def get_dependency(
    dependency_id: uuid.UUID, ctx: TasksRead, response: Response
) -> Dependency:
    """One dependency."""
    dependency = await service.get(*ctx, dependency_id)
    return tagged(response, Dependency, dependency)


@router.patch("/{dependency_id}", operation_id="dependencies:update", responses=WRITE_PROBLEMS)
async def update_dependency(
    dependency_id: uuid.UUID,
    data: DependencyUpdate,
    ctx: TasksWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Dependency:
    """Change a dependency's type or lag."""
    dependency = await service.update(*ctx, dependency_id, data, if_match)
    return tagged(response, Dependency, dependency)


@router.delete("/{dependency_id}", operation_id="dependencies:delete", **DELETES)
async def delete_dependency(
    dependency_id: uuid.UUID, ctx: TasksWrite, if_match: IfMatch = None
) -> None:
    """Remove a dependency."""
    await service.delete(*ctx, dependency_id, if_match)
