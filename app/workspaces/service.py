from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Caller, Principal, Role
from app.events import service as events
from app.kit.errors import Forbidden, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Calendar, Member, Resource, Workspace, WorkType
from app.workspaces.repository import WorkspaceRepository
from app.workspaces.schemas import WorkspaceCreate, WorkspaceUpdate

# The public fields of a workspace, as events record them.
WORKSPACE_FIELDS = (
    "name",
    "timezone",
    "week_start",
    "timer_rounding_minutes",
    "max_token_lifetime_days",
)
# Settings where null means something ("no maximum"): a null in an update clears them, where
# for the others it changes nothing.
CLEARABLE_FIELDS = frozenset({"max_token_lifetime_days"})
# Every workspace starts with these work types (the time tracking migration backfilled the same
# list into the workspaces made before it), and with a Standard calendar.
DEFAULT_WORK_TYPES = (
    ("development", "Development"),
    ("meeting", "Meeting"),
    ("support", "Support"),
)


async def create(session: AsyncSession, caller: Caller, data: WorkspaceCreate) -> Workspace:
    if caller.token is not None:
        # A token is bound to one workspace; new workspaces are made by people, signed in.
        raise Forbidden("API tokens cannot create workspaces.", code="token_not_allowed")
    repo = WorkspaceRepository(session)
    workspace = await repo.add(Workspace(**data.model_dump()))
    owner = await add_member(
        session, Member(workspace_id=workspace.id, user_id=caller.user.id, role=Role.owner.value)
    )
    # Monday to Friday, 8 hours a day.
    standard = Calendar(
        workspace_id=workspace.id,
        name="Standard",
        working_weekdays=[1, 2, 3, 4, 5],
        is_default=True,
    )
    await repo.add_rows([standard])
    await repo.add_rows(
        [
            WorkType(workspace_id=workspace.id, key=key, name=name)
            for key, name in DEFAULT_WORK_TYPES
        ]
    )
    event = events.record_created(session, None, "workspace.created", workspace, WORKSPACE_FIELDS)
    # The creator has no principal in the workspace yet: the actor is the owner they became.
    event.actor_id = owner.id
    return workspace


async def add_member(session: AsyncSession, member: Member) -> Member:
    """A new member of the workspace, with the person resource every member is (it leaves with
    them: the foreign key cascades)."""
    repo = WorkspaceRepository(session)
    await repo.add_rows([member])
    await repo.add_rows(
        [Resource(workspace_id=member.workspace_id, kind="person", member_id=member.id)]
    )
    return member


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
    return found(workspace, "No such workspace.", code="workspace_not_found")


async def update(
    session: AsyncSession, principal: Principal, data: WorkspaceUpdate, if_match: str | None
) -> Workspace:
    workspace = check_if_match(if_match, await get(session, principal))
    changes = {
        field: value
        for field, value in data.model_dump(exclude_unset=True).items()
        if value is not None or field in CLEARABLE_FIELDS
    }
    await events.apply_change(
        session, principal, "workspace.updated", workspace, WORKSPACE_FIELDS, changes
    )
    return workspace


async def delete(session: AsyncSession, principal: Principal, if_match: str | None) -> None:
    workspace = check_if_match(if_match, await get(session, principal))
    # No `workspace.deleted` event: events belong to the workspace (their foreign key cascades)
    # and would be deleted with it in the same statement.
    await WorkspaceRepository(session).delete(workspace)
