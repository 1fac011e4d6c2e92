from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Caller, Principal, Role
from app.calendars import service as calendars
from app.events import service as events
from app.kit.errors import Forbidden, NotFound
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.members.repository import MemberRepository
from app.models import Event, Member, Workspace
from app.resources import service as resources
from app.work_types import service as work_types
from app.workspaces.repository import WorkspaceRepository
from app.workspaces.schemas import WorkspaceCreate, WorkspaceUpdate

# The public fields of a workspace, as events record them.
WORKSPACE_FIELDS = ("name", "timezone", "week_start", "timer_rounding_minutes")


def _record(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    workspace: Workspace,
    changes: dict[str, Any],
) -> Event:
    return events.record(
        session,
        principal,
        type_,
        entity_type="workspace",
        entity_id=workspace.id,
        workspace_id=workspace.id,
        changes=changes,
    )


async def create(session: AsyncSession, caller: Caller, data: WorkspaceCreate) -> Workspace:
    if caller.token is not None:
        # A token is bound to one workspace; new workspaces are made by people, signed in.
        raise Forbidden("API tokens cannot create workspaces.", code="token_not_allowed")
    workspace = await WorkspaceRepository(session).add(Workspace(**data.model_dump()))
    owner = await MemberRepository(session).add(
        Member(workspace_id=workspace.id, user_id=caller.user.id, role=Role.owner.value)
    )
    await calendars.create_default(session, workspace.id)
    await resources.add_person(session, owner)
    await work_types.create_defaults(session, workspace.id)
    event = _record(
        session,
        None,
        "workspace.created",
        workspace,
        events.created(events.snapshot(workspace, WORKSPACE_FIELDS)),
    )
    # The creator has no principal in the workspace yet: the actor is the owner they became.
    event.actor_id = owner.id
    return workspace


async def page(
    session: AsyncSession, caller: Caller, params: PageParams
) -> tuple[list[tuple[Workspace, str]], str | None]:
    repo = WorkspaceRepository(session)
    only = caller.token.workspace_id if caller.token else None
    rows, cursor = await repo.page_for_user(caller.user.id, params, only=only)
    roles = await repo.roles_of(caller.user.id, [row.id for row in rows])
    return [(row, roles[row.id]) for row in rows], cursor


async def get(session: AsyncSession, principal: Principal) -> Workspace:
    workspace = await WorkspaceRepository(session).get(principal.workspace_id)
    if workspace is None:
        raise NotFound("No such workspace.", code="workspace_not_found")
    return workspace


async def update(
    session: AsyncSession, principal: Principal, data: WorkspaceUpdate, if_match: str | None
) -> Workspace:
    workspace = await get(session, principal)
    check_if_match(if_match, workspace)
    before = events.snapshot(workspace, WORKSPACE_FIELDS)
    for field, value in data.model_dump(exclude_unset=True).items():
        if value is None:
            continue
        setattr(workspace, field, value)
    await session.flush()
    difference = events.changes_between(before, events.snapshot(workspace, WORKSPACE_FIELDS))
    if difference:
        _record(session, principal, "workspace.updated", workspace, difference)
    return workspace


async def delete(session: AsyncSession, principal: Principal, if_match: str | None) -> None:
    workspace = await get(session, principal)
    check_if_match(if_match, workspace)
    # No `workspace.deleted` event: events belong to the workspace (their foreign key cascades)
    # and would be deleted with it in the same statement.
    await WorkspaceRepository(session).delete(workspace)
