import uuid
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, presented
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.teams import service
from app.teams.schemas import Team, TeamCreate, TeamMembership, TeamUpdate
from app.workspaces.auth import WorkspaceAdmin, WorkspaceRead

router = workspace_router("teams", tag="teams")


@router.get("", operation_id="teams:list", responses=READ_PROBLEMS)
async def list_teams(
    ctx: WorkspaceRead,
    page: PageQuery,
    parent_id: Annotated[
        uuid.UUID | None, Query(description="Only sub-teams of this team.")
    ] = None,
) -> Page[Team]:
    """Teams and departments."""
    rows, cursor = await service.page(*ctx, page, parent_id)
    return Page(items=await service.present(ctx.session, rows), next_cursor=cursor)


@router.post("", operation_id="teams:create", **CREATES)
async def create_team(data: TeamCreate, ctx: WorkspaceAdmin) -> Team:
    """Create a team, optionally inside another and with members."""
    team = await service.create(*ctx, data)
    return (await service.present(ctx.session, [team]))[0]


@router.get("/{team_id}", operation_id="teams:get", responses=READ_PROBLEMS)
async def get_team(team_id: uuid.UUID, ctx: WorkspaceRead, response: Response) -> Team:
    """One team with its members."""
    team = await service.get(*ctx, team_id)
    return await presented(response, service.present, ctx.session, team)


@router.patch("/{team_id}", operation_id="teams:update", responses=WRITE_PROBLEMS)
async def update_team(
    team_id: uuid.UUID,
    data: TeamUpdate,
    ctx: WorkspaceAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Team:
    """Rename a team, move it under another, or change its lead."""
    team = await service.update(*ctx, team_id, data, if_match)
    return await presented(response, service.present, ctx.session, team)


@router.delete("/{team_id}", operation_id="teams:delete", **DELETES)
async def delete_team(team_id: uuid.UUID, ctx: WorkspaceAdmin, if_match: IfMatch = None) -> None:
    """Delete a team; its sub-teams move up to its parent."""
    await service.delete(*ctx, team_id, if_match)


@router.post("/{team_id}/members", operation_id="teams:add_member", **CREATES)
async def add_team_member(team_id: uuid.UUID, data: TeamMembership, ctx: WorkspaceAdmin) -> Team:
    """Put a member in the team."""
    team = await service.add_member(*ctx, team_id, data.member_id)
    return (await service.present(ctx.session, [team]))[0]


@router.delete("/{team_id}/members/{member_id}", operation_id="teams:remove_member", **DELETES)
async def remove_team_member(team_id: uuid.UUID, member_id: uuid.UUID, ctx: WorkspaceAdmin) -> None:
    """Take a member out of the team."""
    await service.remove_member(*ctx, team_id, member_id)
