import uuid
from typing import Annotated

from fastapi import Query, Response

from app.auth.access import Role
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag
from app.kit.pagination import Page, PageQuery
from app.kit.routing import DELETES, workspace_router
from app.members import service
from app.members.schemas import Member, MemberUpdate
from app.workspaces.auth import WorkspaceAdmin, WorkspaceRead

router = workspace_router("members", tag="members")


@router.get("", operation_id="members:list", responses=READ_PROBLEMS)
async def list_members(
    ctx: WorkspaceRead,
    page: PageQuery,
    role: Annotated[Role | None, Query()] = None,
    team_id: Annotated[uuid.UUID | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200, description="Text in name or email.")] = None,
) -> Page[Member]:
    """Members of the workspace, optionally of one role or team, or matching a search."""
    rows, cursor = await service.page(*ctx, page, role=role, team_id=team_id, text=q)
    return Page(items=await service.present(*ctx, rows), next_cursor=cursor)


@router.get("/{member_id}", operation_id="members:get", responses=READ_PROBLEMS)
async def get_member(member_id: uuid.UUID, ctx: WorkspaceRead, response: Response) -> Member:
    """One member."""
    member = await service.get(*ctx, member_id)
    set_etag(response, member)
    return (await service.present(*ctx, [member]))[0]


@router.patch("/{member_id}", operation_id="members:update", responses=WRITE_PROBLEMS)
async def update_member(
    member_id: uuid.UUID,
    data: MemberUpdate,
    ctx: WorkspaceAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Member:
    """Change a member's role, weekly capacity or cost rate."""
    member = await service.update(*ctx, member_id, data, if_match)
    set_etag(response, member)
    return (await service.present(*ctx, [member]))[0]


@router.delete("/{member_id}", operation_id="members:delete", **DELETES)
async def remove_member(
    member_id: uuid.UUID, ctx: WorkspaceAdmin, if_match: IfMatch = None
) -> None:
    """Remove a member from the workspace (the last owner cannot be removed)."""
    await service.remove(*ctx, member_id, if_match)
