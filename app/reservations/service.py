"""Capacity reservations: weekly hours of a member or a team that ongoing work holds back, so
workload counts them as booked (docs/design.md §5)."""

import uuid
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events.service import add_created, record_deleted, recording_change
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import CapacityReservation, Project
from app.projects import service as projects
from app.projects.schemas import ProjectKind
from app.reservations import schemas
from app.reservations.repository import ReservationRepository

# The public fields of a reservation, as events record them.
RESERVATION_FIELDS = ("member_id", "team_id", "hours_per_week")
CENTS = Decimal("0.01")


async def _find(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, reservation_id: uuid.UUID
) -> tuple[Project, CapacityReservation]:
    """The project and its reservation (404 for either)."""
    project = await projects.get_project(session, principal, project_id)
    repo = ReservationRepository(session)
    reservation = await repo.get_under(project.workspace_id, reservation_id, project_id=project.id)
    return project, found(
        reservation, "No such reservation in this project.", code="reservation_not_found"
    )


async def get(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, reservation_id: uuid.UUID
) -> CapacityReservation:
    _, reservation = await _find(session, principal, project_id, reservation_id)
    return reservation


async def page(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[CapacityReservation], str | None]:
    project = await projects.get_project(session, principal, project_id)
    return await ReservationRepository(session).page_matching(
        project.workspace_id, params, project_id=project.id
    )


async def create(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.ReservationCreate,
) -> CapacityReservation:
    """Hold back weekly hours of a member or a team for ongoing work."""
    repo = ReservationRepository(session)
    project = await projects.writable_project(session, principal, project_id)
    if project.kind != ProjectKind.ongoing:
        raise Conflict("Capacity reservations are for ongoing work only.", code="not_ongoing_work")
    if (data.member_id is None) == (data.team_id is None):
        pointer = "/member_id" if data.member_id is None else "/team_id"
        raise Unprocessable.at(pointer, "give exactly one of member_id and team_id")
    await projects.check_member(session, project.workspace_id, "/member_id", data.member_id)
    await projects.check_team(session, project.workspace_id, "/team_id", data.team_id)
    existing = await repo.of_holder(
        project.workspace_id, project.id, member_id=data.member_id, team_id=data.team_id
    )
    if existing is not None:
        raise Conflict(
            "This project already reserves their capacity; change that reservation instead.",
            code="reservation_exists",
            reservation_id=str(existing.id),
        )
    reservation = CapacityReservation(
        workspace_id=project.workspace_id,
        project_id=project.id,
        member_id=data.member_id,
        team_id=data.team_id,
        hours_per_week=data.hours_per_week.quantize(CENTS),
    )
    return await add_created(
        repo, principal, "reservation.created", reservation, RESERVATION_FIELDS
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    data: schemas.ReservationUpdate,
    if_match: str | None,
) -> CapacityReservation:
    project, reservation = await _find(session, principal, project_id, reservation_id)
    check_if_match(if_match, reservation)
    projects.ensure_writable(project)
    changes = data.model_dump(exclude_unset=True)
    async with recording_change(
        session, principal, "reservation.updated", reservation, RESERVATION_FIELDS
    ):
        if "hours_per_week" in changes:
            reservation.hours_per_week = changes["hours_per_week"].quantize(CENTS)
    return reservation


async def delete(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    if_match: str | None,
) -> None:
    project, reservation = await _find(session, principal, project_id, reservation_id)
    check_if_match(if_match, reservation)
    projects.ensure_writable(project)
    record_deleted(session, principal, "reservation.deleted", reservation, RESERVATION_FIELDS)
    await ReservationRepository(session).delete(reservation)
