"""Resources (people with their members, and equipment, rooms and pools) and their time off."""

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import MISSING
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal, Role
from app.events import service as events
from app.kit.errors import Conflict, Forbidden, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Resource, TimeOff
from app.rates import service as rates
from app.rates.auth import may_see_costs
from app.resources import schemas
from app.resources.repository import ResourceRepository, TimeOffRepository
from app.teams import service as teams

RESOURCE_FIELDS = ("kind", "name", "team_id", "calendar_id", "capacity_hours_per_day", "cost_rate")
TIME_OFF_FIELDS = ("resource_id", "start_date", "end_date", "hours_per_day", "reason")
# What a person resource takes from its member rather than from the request.
MEMBER_OWNED = ("name", "capacity_hours_per_day", "cost_rate")


async def present(
    session: AsyncSession, principal: Principal, rows: Sequence[Resource]
) -> list[schemas.Resource]:
    """Resources as the API shows them; a person's name, capacity and rate are its member's,
    and the rate is shown to whoever may see costs."""
    if not rows:
        return []
    costs = may_see_costs(principal)
    people = await ResourceRepository(session).people(
        rows[0].workspace_id, [r.member_id for r in rows if r.member_id is not None]
    )
    shown = []
    for row in rows:
        person = people.get(row.member_id) if row.member_id is not None else None
        shown.append(
            schemas.Resource(
                id=row.id,
                kind=schemas.ResourceKind(row.kind),
                name=person[0] if person else row.name or "",
                member_id=row.member_id,
                team_id=row.team_id,
                capacity_hours_per_day=row.capacity_hours_per_day,
                weekly_capacity_hours=person[1] if person else None,
                cost_rate=(person[2] if person else row.cost_rate) if costs else MISSING,
                calendar_id=row.calendar_id,
                version=row.version,
            )
        )
    return shown


async def get(session: AsyncSession, principal: Principal, resource_id: uuid.UUID) -> Resource:
    resource = await ResourceRepository(session).get(principal.workspace_id, resource_id)
    return found(resource, "No such resource in this workspace.", code="resource_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, **filters: Any
) -> tuple[list[Resource], str | None]:
    """A page of the workspace's resources, filtered as the list's query says."""
    return await ResourceRepository(session).page_matching(
        principal.workspace_id, params, **filters
    )


async def _check_references(
    repo: ResourceRepository, workspace_id: uuid.UUID, changes: dict[str, Any]
) -> None:
    team_id = changes.get("team_id")
    if team_id is not None and not await repo.team_exists(workspace_id, team_id):
        raise Unprocessable.at("/team_id", "no such team in this workspace")
    calendar_id = changes.get("calendar_id")
    if calendar_id is not None and not await repo.calendar_exists(workspace_id, calendar_id):
        raise Unprocessable.at("/calendar_id", "no such calendar in this workspace")


async def create(
    session: AsyncSession, principal: Principal, data: schemas.ResourceCreate
) -> Resource:
    if data.kind == schemas.ResourceKind.person:
        raise Unprocessable.at(
            "/kind", "person resources come with members; add a member to the workspace instead"
        )
    repo = ResourceRepository(session)
    fields = data.model_dump()
    await _check_references(repo, principal.workspace_id, fields)
    resource = Resource(workspace_id=principal.workspace_id, **{**fields, "kind": data.kind.value})
    await repo.add(resource)
    if resource.cost_rate is not None:
        await rates.record_resource_cost(session, principal, resource, resource.cost_rate)
    events.record_created(session, principal, "resource.created", resource, RESOURCE_FIELDS)
    return resource


async def update(
    session: AsyncSession,
    principal: Principal,
    resource_id: uuid.UUID,
    data: schemas.ResourceUpdate,
    if_match: str | None,
) -> Resource:
    repo = ResourceRepository(session)
    resource = check_if_match(if_match, await get(session, principal, resource_id))
    changes = data.model_dump(exclude_unset=True)
    if resource.kind == schemas.ResourceKind.person:
        for field in MEMBER_OWNED:
            if field in changes:
                raise Unprocessable.at(
                    f"/{field}", "a person's name, capacity and cost rate are the member's"
                )
    await _check_references(repo, principal.workspace_id, changes)
    new_rate = changes.get("cost_rate")
    # Like a member's: a new figure is recorded from today; clearing it records nothing.
    if new_rate is not None and new_rate != resource.cost_rate:
        await rates.record_resource_cost(session, principal, resource, new_rate)
    await events.apply_change(
        session, principal, "resource.updated", resource, RESOURCE_FIELDS, changes
    )
    return resource


async def delete(
    session: AsyncSession, principal: Principal, resource_id: uuid.UUID, if_match: str | None
) -> None:
    resource = check_if_match(if_match, await get(session, principal, resource_id))
    if resource.kind == schemas.ResourceKind.person:
        raise Conflict(
            "A person resource goes when its member leaves the workspace.",
            code="person_resource",
        )
    events.record_deleted(session, principal, "resource.deleted", resource, RESOURCE_FIELDS)
    await ResourceRepository(session).delete(resource)


# Time off


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise Unprocessable.at("/end_date", "must be on or after start_date")


async def _check_no_overlap(
    repo: TimeOffRepository, row: TimeOff, exclude: uuid.UUID | None = None
) -> None:
    clash = await repo.overlapping(
        row.workspace_id, row.resource_id, row.start_date, row.end_date, exclude=exclude
    )
    if clash is not None:
        raise Conflict(
            "This resource already has time off on some of these days.",
            code="time_off_overlap",
            time_off_id=str(clash.id),
        )


async def get_time_off(
    session: AsyncSession, principal: Principal, time_off_id: uuid.UUID
) -> TimeOff:
    row = await TimeOffRepository(session).get(principal.workspace_id, time_off_id)
    return found(row, "No such time off in this workspace.", code="time_off_not_found")


async def page_time_off(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    *,
    resource_id: uuid.UUID | None,
    first: date | None,
    last: date | None,
) -> tuple[list[TimeOff], str | None]:
    return await TimeOffRepository(session).page(
        principal.workspace_id, params, resource_id=resource_id, first=first, last=last
    )


async def _check_time_off_writer(
    session: AsyncSession, principal: Principal, resource_id: uuid.UUID
) -> None:
    """A person's absences are theirs to record: their own, their team lead's or an admin's
    to write. A non-human resource's downtime is an admin's, like the resource itself."""
    resource = await ResourceRepository(session).get(principal.workspace_id, resource_id)
    if resource is None:
        raise Unprocessable.at("/resource_id", "no such resource in this workspace")
    if resource.member_id is not None:
        allowed = await teams.speaks_for(session, principal, resource.member_id)
    else:
        allowed = principal.at_least(Role.admin)
    if not allowed:
        raise Forbidden(
            "Only the person, their team lead or an admin records their time off.",
            code="not_your_time_off",
        )


async def create_time_off(
    session: AsyncSession, principal: Principal, data: schemas.TimeOffCreate
) -> TimeOff:
    await _check_time_off_writer(session, principal, data.resource_id)
    _check_range(data.start_date, data.end_date)
    row = TimeOff(workspace_id=principal.workspace_id, **data.model_dump())
    repo = TimeOffRepository(session)
    await _check_no_overlap(repo, row)
    return await events.add_created(repo, principal, "time_off.created", row, TIME_OFF_FIELDS)


async def update_time_off(
    session: AsyncSession,
    principal: Principal,
    time_off_id: uuid.UUID,
    data: schemas.TimeOffUpdate,
    if_match: str | None,
) -> TimeOff:
    repo = TimeOffRepository(session)
    row = await get_time_off(session, principal, time_off_id)
    await _check_time_off_writer(session, principal, row.resource_id)
    check_if_match(if_match, row)
    changes = data.model_dump(exclude_unset=True)
    _check_range(changes.get("start_date", row.start_date), changes.get("end_date", row.end_date))
    async with events.recording_change(
        session, principal, "time_off.updated", row, TIME_OFF_FIELDS
    ):
        for field, value in changes.items():
            setattr(row, field, value)
        await _check_no_overlap(repo, row, exclude=row.id)
    return row


async def delete_time_off(
    session: AsyncSession, principal: Principal, time_off_id: uuid.UUID, if_match: str | None
) -> None:
    row = await get_time_off(session, principal, time_off_id)
    await _check_time_off_writer(session, principal, row.resource_id)
    check_if_match(if_match, row)
    events.record_deleted(session, principal, "time_off.deleted", row, TIME_OFF_FIELDS)
    await TimeOffRepository(session).delete(row)
