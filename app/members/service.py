import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from pydantic import MISSING
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.auth.credentials import MemberRef, UserRef
from app.events import service as events
from app.kit.errors import Conflict, Forbidden, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.members import schemas
from app.members.repository import MemberRepository
from app.models import Member
from app.projects.repository import ProjectRepository
from app.rates import service as rates
from app.rates.auth import may_see_costs
from app.tasks import bulk
from app.teams.repository import TeamRepository
from app.workspaces import service as workspaces

# The public fields of a member, as events record them.
MEMBER_FIELDS = ("user_id", "role", "weekly_capacity_hours", "cost_rate")
CENTS = Decimal("0.01")


def _state(member: Member) -> dict[str, Any]:
    state = events.snapshot(member, MEMBER_FIELDS)
    # Stored with two decimals; normalising keeps "40" and "40.00" one value.
    for field in ("weekly_capacity_hours", "cost_rate"):
        value = getattr(member, field)
        state[field] = None if value is None else str(Decimal(value).quantize(CENTS))
    return state


async def present(
    session: AsyncSession, principal: Principal, members: Sequence[Member]
) -> list[schemas.Member]:
    """Members as the API shows them: with the user's email and name and their teams, and
    their cost rate to whoever may see costs."""
    if not members:
        return []
    costs = may_see_costs(principal)
    repo = MemberRepository(session)
    users = await repo.users([m.user_id for m in members])
    teams = await repo.team_ids(members[0].workspace_id, [m.id for m in members])
    return [
        schemas.Member(
            id=m.id,
            user_id=m.user_id,
            email=users[m.user_id].email,
            name=users[m.user_id].name,
            role=Role(m.role),
            weekly_capacity_hours=m.weekly_capacity_hours,
            cost_rate=m.cost_rate if costs else MISSING,
            team_ids=teams.get(m.id, []),
            version=m.version,
            created_at=m.created_at,
            updated_at=m.updated_at,
        )
        for m in members
    ]


async def get(session: AsyncSession, principal: Principal, member_id: uuid.UUID) -> Member:
    member = await MemberRepository(session).get(principal.workspace_id, member_id)
    return found(member, "No such member in this workspace.", code="member_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, **filters: Any
) -> tuple[list[Member], str | None]:
    """A page of the workspace's members, filtered as the list's query says."""
    return await MemberRepository(session).page(principal.workspace_id, params, **filters)


def guard_owner_change(principal: Principal, *roles: str) -> None:
    if Role.owner.value in roles and not principal.at_least(Role.owner):
        raise Forbidden("Only an owner can grant or take away the owner role.", code="owner_only")


async def join(session: AsyncSession, user: UserRef, member: Member) -> Member:
    """A person joins (accepting an invitation), with their person resource; the event is
    theirs."""
    await workspaces.add_member(session, member)
    principal = Principal(
        user=user, member=MemberRef.of(member), role=Role(member.role), token=None
    )
    events.record_change(
        session, principal, "member.created", member, events.created(_state(member))
    )
    return member


async def _guard_last_owner(session: AsyncSession, member: Member) -> None:
    if member.role != Role.owner.value:
        return
    owners = await MemberRepository(session).lock_owner_ids(member.workspace_id)
    if owners == [member.id]:
        raise Conflict("A workspace needs at least one owner.", code="last_owner")


async def update(
    session: AsyncSession,
    principal: Principal,
    member_id: uuid.UUID,
    data: schemas.MemberUpdate,
    if_match: str | None,
) -> Member:
    member = check_if_match(if_match, await get(session, principal, member_id))
    changes = data.model_dump(exclude_unset=True)
    before = _state(member)
    if "role" in changes and changes["role"] is not None and changes["role"] != member.role:
        guard_owner_change(principal, member.role, changes["role"])
        await _guard_last_owner(session, member)
        member.role = Role(changes["role"]).value
    if changes.get("weekly_capacity_hours") is not None:
        member.weekly_capacity_hours = changes["weekly_capacity_hours"]
    if "cost_rate" in changes:
        new_rate = changes["cost_rate"]
        # Clearing the field records nothing: a rate of 0 (POST .../rates) stops costing.
        if new_rate is not None and new_rate != member.cost_rate:
            await rates.record_member_cost(session, principal, member, new_rate)
        member.cost_rate = new_rate
    await session.flush()
    difference = events.changes_between(before, _state(member))
    if difference:
        events.record_change(session, principal, "member.updated", member, difference)
    return member


async def remove(
    session: AsyncSession, principal: Principal, member_id: uuid.UUID, if_match: str | None
) -> None:
    member = check_if_match(if_match, await get(session, principal, member_id))
    guard_owner_change(principal, member.role)
    await _guard_last_owner(session, member)
    if await MemberRepository(session).has_logged_time(principal.workspace_id, member.id):
        raise Conflict(
            "This member has logged time; it stays with them, so they cannot be removed.",
            code="member_has_time",
        )
    await bulk.unlink_everywhere(session, principal, member_id=member.id)
    await TeamRepository(session).clear_lead(principal.workspace_id, member.id)
    await ProjectRepository(session).clear_owner(principal.workspace_id, member.id)
    events.record_change(
        session, principal, "member.removed", member, events.deleted(_state(member))
    )
    await MemberRepository(session).delete(member)
