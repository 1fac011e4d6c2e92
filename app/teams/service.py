import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Team
from app.teams import schemas
from app.teams.repository import TeamRepository

# The public fields of a team, as events record them (its members apart: see `_state`).
TEAM_FIELDS = ("name", "parent_id", "lead_member_id")


async def speaks_for(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> bool:
    """Whether the caller may act for the member in their own matters (their absences): the
    member themselves, an admin, or the lead of a team the member belongs to."""
    if member_id == principal.member_id or principal.at_least(Role.admin):
        return True
    return await leads_team_of(session, principal, member_id)


async def leads_team_of(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> bool:
    """Whether the caller leads a team the member belongs to."""
    return await TeamRepository(session).leads_team_of(
        principal.workspace_id, principal.member_id, member_id
    )


def _state(team: Team, member_ids: Sequence[uuid.UUID]) -> dict[str, Any]:
    return {**events.snapshot(team, TEAM_FIELDS), "member_ids": sorted(map(str, set(member_ids)))}


async def _member_ids(repo: TeamRepository, team: Team) -> list[uuid.UUID]:
    return (await repo.member_ids(team.workspace_id, [team.id])).get(team.id, [])


async def present(session: AsyncSession, teams: Sequence[Team]) -> list[schemas.Team]:
    if not teams:
        return []
    members = await TeamRepository(session).member_ids(teams[0].workspace_id, [t.id for t in teams])
    return [
        schemas.Team(
            id=t.id,
            name=t.name,
            parent_id=t.parent_id,
            lead_member_id=t.lead_member_id,
            member_ids=members.get(t.id, []),
            version=t.version,
            created_at=t.created_at,
            updated_at=t.updated_at,
        )
        for t in teams
    ]


async def get(session: AsyncSession, principal: Principal, team_id: uuid.UUID) -> Team:
    team = await TeamRepository(session).get(principal.workspace_id, team_id)
    return found(team, "No such team in this workspace.", code="team_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, parent_id: uuid.UUID | None
) -> tuple[list[Team], str | None]:
    return await TeamRepository(session).page_matching(
        principal.workspace_id, params, parent_id=parent_id
    )


async def _check_members(
    repo: TeamRepository, workspace_id: uuid.UUID, pointer: str, member_ids: Sequence[uuid.UUID]
) -> None:
    known = await repo.existing_member_ids(workspace_id, member_ids)
    for index, member_id in enumerate(member_ids):
        if member_id not in known:
            suffix = f"/{index}" if pointer.endswith("_ids") else ""
            raise Unprocessable.at(pointer + suffix, "not a member of this workspace")


async def _check_parent(
    repo: TeamRepository, workspace_id: uuid.UUID, team_id: uuid.UUID | None, parent_id: uuid.UUID
) -> None:
    parents = await repo.parents(workspace_id)
    if parent_id not in parents:
        raise Unprocessable.at("/parent_id", "no such team in this workspace")
    seen: set[uuid.UUID] = set()
    cursor: uuid.UUID | None = parent_id
    while cursor is not None and cursor not in seen:
        if cursor == team_id:
            raise Conflict("A team cannot be nested inside itself.", code="team_cycle")
        seen.add(cursor)
        cursor = parents.get(cursor)


async def _check_name_free(
    repo: TeamRepository,
    workspace_id: uuid.UUID,
    parent_id: uuid.UUID | None,
    name: str,
    team_id: uuid.UUID | None,
) -> None:
    if await repo.sibling_named(workspace_id, parent_id, name, exclude=team_id):
        raise Conflict(
            "A team with this name already exists at this level.", code="team_name_taken"
        )


async def create(session: AsyncSession, principal: Principal, data: schemas.TeamCreate) -> Team:
    repo = TeamRepository(session)
    if data.parent_id is not None:
        await _check_parent(repo, principal.workspace_id, None, data.parent_id)
    if data.lead_member_id is not None:
        await _check_members(repo, principal.workspace_id, "/lead_member_id", [data.lead_member_id])
    await _check_members(repo, principal.workspace_id, "/member_ids", data.member_ids)
    await _check_name_free(repo, principal.workspace_id, data.parent_id, data.name, None)
    team = await repo.add(
        Team(
            workspace_id=principal.workspace_id,
            name=data.name,
            parent_id=data.parent_id,
            lead_member_id=data.lead_member_id,
        )
    )
    await repo.add_members(principal.workspace_id, team.id, data.member_ids)
    events.record_change(
        session,
        principal,
        "team.created",
        team,
        events.created(_state(team, data.member_ids)),
    )
    return team


async def update(
    session: AsyncSession,
    principal: Principal,
    team_id: uuid.UUID,
    data: schemas.TeamUpdate,
    if_match: str | None,
) -> Team:
    repo = TeamRepository(session)
    team = check_if_match(if_match, await get(session, principal, team_id))
    changes = data.model_dump(exclude_unset=True)
    if "parent_id" in changes and changes["parent_id"] is not None:
        await _check_parent(repo, principal.workspace_id, team.id, changes["parent_id"])
    if changes.get("lead_member_id") is not None:
        await _check_members(
            repo, principal.workspace_id, "/lead_member_id", [changes["lead_member_id"]]
        )
    if changes.get("name") is None:
        changes.pop("name", None)
    if "name" in changes or "parent_id" in changes:
        parent_id = changes.get("parent_id", team.parent_id)
        await _check_name_free(
            repo, principal.workspace_id, parent_id, changes.get("name", team.name), team.id
        )
    await events.apply_change(session, principal, "team.updated", team, TEAM_FIELDS, changes)
    return team


async def delete(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, if_match: str | None
) -> None:
    repo = TeamRepository(session)
    team = check_if_match(if_match, await get(session, principal, team_id))
    # Sub-teams move up a level rather than disappear with their parent.
    parents = await repo.parents(principal.workspace_id)
    await repo.reparent_children(principal.workspace_id, team.id, team.parent_id)
    new_parent = str(team.parent_id) if team.parent_id is not None else None
    moved = {"before": str(team.id), "after": new_parent}
    for child_id in sorted(child for child, parent in parents.items() if parent == team.id):
        events.record_change(
            session, principal, "team.updated", team, {"parent_id": moved}, entity_id=child_id
        )
    await repo.release_resources(principal.workspace_id, team.id)
    events.record_change(
        session,
        principal,
        "team.deleted",
        team,
        events.deleted(_state(team, await _member_ids(repo, team))),
    )
    await repo.delete(team)


async def add_member(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, member_id: uuid.UUID
) -> Team:
    repo = TeamRepository(session)
    team = await get(session, principal, team_id)
    await _check_members(repo, principal.workspace_id, "/member_id", [member_id])
    if member_id not in await _member_ids(repo, team):
        await repo.add_members(principal.workspace_id, team.id, [member_id])
        events.record_change(
            session,
            principal,
            "team.member_added",
            team,
            {"member_id": {"before": None, "after": str(member_id)}},
        )
    return team


async def remove_member(
    session: AsyncSession, principal: Principal, team_id: uuid.UUID, member_id: uuid.UUID
) -> None:
    team = await get(session, principal, team_id)
    if not await TeamRepository(session).remove_member(principal.workspace_id, team.id, member_id):
        raise NotFound("This member is not in the team.", code="team_member_not_found")
    events.record_change(
        session,
        principal,
        "team.member_removed",
        team,
        {"member_id": {"before": str(member_id), "after": None}},
    )
