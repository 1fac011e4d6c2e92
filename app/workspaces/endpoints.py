from fastapi import APIRouter, Response, status

from app.auth.access import CurrentCaller
from app.core.db import Session, UnitOfWorkRoute
from app.kit.errors import READ_PROBLEMS, PreconditionFailed, problem_responses
from app.kit.etag import IfMatch, set_etag
from app.kit.pagination import Page, PageQuery
from app.workspaces import service
from app.workspaces.auth import WorkspaceAdmin, WorkspaceOwner, WorkspaceRead
from app.workspaces.schemas import Workspace, WorkspaceCreate, WorkspaceUpdate

router = APIRouter(route_class=UnitOfWorkRoute, tags=["workspaces"])


@router.post(
    "/workspaces",
    operation_id="workspaces:create",
    status_code=status.HTTP_201_CREATED,
    responses=READ_PROBLEMS,
)
async def create_workspace(
    data: WorkspaceCreate, caller: CurrentCaller, session: Session
) -> Workspace:
    """Create a workspace; you become its owner."""
    return Workspace.of(await service.create(session, caller, data), "owner")


@router.get("/workspaces", operation_id="workspaces:list", responses=READ_PROBLEMS)
async def list_workspaces(
    caller: CurrentCaller, session: Session, page: PageQuery
) -> Page[Workspace]:
    """Workspaces you belong to."""
    rows, cursor = await service.page(session, caller, page)
    return Page(items=[Workspace.of(row, role) for row, role in rows], next_cursor=cursor)


@router.get("/workspaces/{workspace_id}", operation_id="workspaces:get", responses=READ_PROBLEMS)
async def get_workspace(ctx: WorkspaceRead, response: Response) -> Workspace:
    """One workspace and its settings."""
    workspace = await service.get(*ctx)
    set_etag(response, workspace)
    return Workspace.of(workspace, ctx.principal.role)


@router.patch(
    "/workspaces/{workspace_id}",
    operation_id="workspaces:update",
    responses={**READ_PROBLEMS, **problem_responses(PreconditionFailed)},
)
async def update_workspace(
    data: WorkspaceUpdate,
    ctx: WorkspaceAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Workspace:
    """Change the workspace's name, time zone, week start, timer rounding or token lifetime."""
    workspace = await service.update(*ctx, data, if_match)
    set_etag(response, workspace)
    return Workspace.of(workspace, ctx.principal.role)


@router.delete(
    "/workspaces/{workspace_id}",
    operation_id="workspaces:delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**READ_PROBLEMS, **problem_responses(PreconditionFailed)},
)
async def delete_workspace(ctx: WorkspaceOwner, if_match: IfMatch = None) -> None:
    """Delete the workspace and everything in it (owners only)."""
    await service.delete(*ctx, if_match)
