"""Effective-dated hourly rates: a member's cost and a project's bill rate.

A rate is in force from its `effective_from` until the next one of the same member or project.
Entries store the rates in force on their date when written; adding or removing a rate
re-resolves only the open entries it governs (one UPDATE), so history is never rewritten (time
before it, in submitted or approved weeks, or of closed or archived projects keeps its rates)
and reports need no join on rates.
"""

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.core.clock import today_in
from app.events import service as events
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Member, Rate, Resource
from app.projects.repository import ProjectRepository
from app.rates import schemas
from app.rates.repository import RateRepository
from app.workspaces import service as workspaces

FIELDS = (
    "kind",
    "member_id",
    "resource_id",
    "project_id",
    "hourly_rate",
    "currency",
    "effective_from",
)
# A member's first cost rate covers all their time so far.
EARLIEST = date(1970, 1, 1)


def _subject_of(rate: Rate) -> uuid.UUID:
    subject = (rate.member_id or rate.resource_id) if rate.kind == "cost" else rate.project_id
    assert subject is not None
    return subject


async def _recost(session: AsyncSession, rate: Rate) -> None:
    repo = RateRepository(session)
    subject = _subject_of(rate)
    until = await repo.next_start(rate.workspace_id, rate.kind, subject, rate.effective_from)
    await repo.recost(rate.workspace_id, rate.kind, subject, rate.effective_from, until)


async def in_force(
    session: AsyncSession,
    workspace_id: uuid.UUID,
    member_id: uuid.UUID,
    project_id: uuid.UUID,
    day: date,
) -> tuple[Decimal | None, Decimal | None]:
    """(cost rate of the member, bill rate of the project) on `day`."""
    repo = RateRepository(session)
    cost = await repo.effective(workspace_id, "cost", member_id, day)
    bill = await repo.effective(workspace_id, "bill", project_id, day)
    return cost, bill


async def get(session: AsyncSession, principal: Principal, rate_id: uuid.UUID) -> Rate:
    rate = await RateRepository(session).get(principal.workspace_id, rate_id)
    return found(rate, "No such rate.", code="rate_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, **filters: Any
) -> tuple[list[Rate], str | None]:
    """A page of the workspace's rates, filtered as the list's query says."""
    return await RateRepository(session).page_matching(principal.workspace_id, params, **filters)


async def _check_resource(
    session: AsyncSession, workspace_id: uuid.UUID, resource_id: uuid.UUID
) -> None:
    resource = await RateRepository(session).resource(workspace_id, resource_id)
    if resource is None:
        raise Unprocessable.at("/resource_id", "no such resource in this workspace")
    if resource.kind == "person":
        raise Unprocessable.at("/resource_id", "a person's cost rate is their member's")


async def _check_subject(
    session: AsyncSession, principal: Principal, data: schemas.RateCreate
) -> tuple[uuid.UUID, str | None]:
    """The member or project the rate is for, and the currency it defaults to."""
    wid = principal.workspace_id
    if data.kind == schemas.RateKind.cost:
        if data.project_id is not None:
            raise Unprocessable.at("/project_id", "a cost rate is a member's, not a project's")
        if data.member_id is not None and data.resource_id is not None:
            raise Unprocessable.at("/resource_id", "a cost rate is a member's or a resource's")
        if data.resource_id is not None:
            await _check_resource(session, wid, data.resource_id)
            return data.resource_id, data.currency
        if data.member_id is None:
            raise Unprocessable.at("/member_id", "a cost rate needs a member or a resource")
        if not await RateRepository(session).member_exists(wid, data.member_id):
            raise Unprocessable.at("/member_id", "no such member in this workspace")
        return data.member_id, data.currency
    if data.member_id is not None:
        raise Unprocessable.at("/member_id", "a bill rate is a project's, not a member's")
    if data.resource_id is not None:
        raise Unprocessable.at("/resource_id", "a bill rate is a project's, not a resource's")
    if data.project_id is None:
        raise Unprocessable.at("/project_id", "a bill rate needs a project")
    project = await ProjectRepository(session).get(wid, data.project_id)
    if project is None:
        raise Unprocessable.at("/project_id", "no such project in this workspace")
    if data.currency and project.currency and data.currency != project.currency:
        raise Unprocessable.at("/currency", f"the project is billed in {project.currency}")
    return data.project_id, data.currency or project.currency


async def create(session: AsyncSession, principal: Principal, data: schemas.RateCreate) -> Rate:
    subject, currency = await _check_subject(session, principal, data)
    repo = RateRepository(session)
    if await repo.on_day(principal.workspace_id, data.kind, subject, data.effective_from):
        raise Conflict("A rate already starts on this date; delete it first.", code="rate_exists")
    rate = Rate(
        workspace_id=principal.workspace_id,
        kind=data.kind.value,
        member_id=data.member_id,
        resource_id=data.resource_id,
        project_id=data.project_id,
        hourly_rate=data.hourly_rate,
        currency=currency,
        effective_from=data.effective_from,
    )
    await events.add_created(repo, principal, "rate.created", rate, FIELDS)
    await _recost(session, rate)
    return rate


async def delete(
    session: AsyncSession, principal: Principal, rate_id: uuid.UUID, if_match: str | None
) -> None:
    rate = check_if_match(if_match, await get(session, principal, rate_id))
    events.record_deleted(session, principal, "rate.deleted", rate, FIELDS)
    await RateRepository(session).delete(rate)
    await _recost(session, rate)


async def record_member_cost(
    session: AsyncSession, principal: Principal, member: Member, hourly_rate: Decimal
) -> None:
    """A cost rate set on the member: see `_record_cost`."""
    await _record_cost(session, principal, member.workspace_id, member.id, hourly_rate, "member_id")


async def record_resource_cost(
    session: AsyncSession, principal: Principal, resource: Resource, hourly_rate: Decimal
) -> None:
    """A cost rate set on a non-human resource: see `_record_cost`."""
    await _record_cost(
        session, principal, resource.workspace_id, resource.id, hourly_rate, "resource_id"
    )


async def _record_cost(
    session: AsyncSession,
    principal: Principal,
    workspace_id: uuid.UUID,
    subject_id: uuid.UUID,
    hourly_rate: Decimal,
    subject_field: str,
) -> None:
    """In force from today, or from the start if it is the subject's first; a second change on
    the same day replaces that day's rate."""
    repo = RateRepository(session)
    if await repo.has_any(workspace_id, "cost", subject_id):
        day = today_in((await workspaces.get(session, principal)).timezone)
    else:
        day = EARLIEST
    rate = await repo.on_day(workspace_id, "cost", subject_id, day)
    if rate is not None:
        rate.hourly_rate = hourly_rate
        await session.flush()
        events.record_change(session, principal, "rate.updated", rate, {})
    else:
        rate = await repo.add(
            Rate(
                workspace_id=workspace_id,
                kind="cost",
                hourly_rate=hourly_rate,
                effective_from=day,
                **{subject_field: subject_id},
            )
        )
        events.record_created(session, principal, "rate.created", rate, FIELDS)
    await _recost(session, rate)
