import uuid

from fastapi import Response

from app.core.db import Session
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.projects.auth import ProjectsRead, ProjectsWrite
from app.reservations import service
from app.reservations.schemas import Reservation, ReservationCreate, ReservationUpdate

router = workspace_router("projects/{project_id}/reservations", tag="projects")


@router.get("", operation_id="project_reservations:list", responses=READ_PROBLEMS)
async def list_reservations(
    project_id: uuid.UUID, principal: ProjectsRead, session: Session, page: PageQuery
) -> Page[Reservation]:
    """Weekly capacity the ongoing work holds back."""
    return Page.of(Reservation, await service.page(session, principal, project_id, page))


@router.post("", operation_id="project_reservations:create", **CREATES)
async def create_reservation(
    project_id: uuid.UUID,
    data: ReservationCreate,
    principal: ProjectsWrite,
    session: Session,
    response: Response,
) -> Reservation:
    """Reserve weekly hours of a member or a team for ongoing work."""
    row = await service.create(session, principal, project_id, data)
    return tagged(response, Reservation, row)


@router.get("/{reservation_id}", operation_id="project_reservations:get", responses=READ_PROBLEMS)
async def get_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    principal: ProjectsRead,
    session: Session,
    response: Response,
) -> Reservation:
    """One capacity reservation."""
    row = await service.get(session, principal, project_id, reservation_id)
    return tagged(response, Reservation, row)


@router.patch(
    "/{reservation_id}", operation_id="project_reservations:update", responses=WRITE_PROBLEMS
)
async def update_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    data: ReservationUpdate,
    principal: ProjectsWrite,
    session: Session,
    response: Response,
    if_match: IfMatch = None,
) -> Reservation:
    """Change the hours a week a reservation holds."""
    row = await service.update(session, principal, project_id, reservation_id, data, if_match)
    return tagged(response, Reservation, row)


@router.delete("/{reservation_id}", operation_id="project_reservations:delete", **DELETES)
async def delete_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    principal: ProjectsWrite,
    session: Session,
    if_match: IfMatch = None,
) -> None:
    """Release a capacity reservation."""
    await service.delete(session, principal, project_id, reservation_id, if_match)
