import uuid

from fastapi import Response

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
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[Reservation]:
    """Weekly capacity the ongoing work holds back."""
    return Page.of(Reservation, await service.page(*ctx, project_id, page))


@router.post("", operation_id="project_reservations:create", **CREATES)
async def create_reservation(
    project_id: uuid.UUID,
    data: ReservationCreate,
    ctx: ProjectsWrite,
    response: Response,
) -> Reservation:
    """Reserve weekly hours of a member or a team for ongoing work."""
    row = await service.create(*ctx, project_id, data)
    return tagged(response, Reservation, row)


@router.get("/{reservation_id}", operation_id="project_reservations:get", responses=READ_PROBLEMS)
async def get_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    ctx: ProjectsRead,
    response: Response,
) -> Reservation:
    """One capacity reservation."""
    row = await service.get(*ctx, project_id, reservation_id)
    return tagged(response, Reservation, row)


@router.patch(
    "/{reservation_id}", operation_id="project_reservations:update", responses=WRITE_PROBLEMS
)
async def update_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    data: ReservationUpdate,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Reservation:
    """Change the hours a week a reservation holds."""
    row = await service.update(*ctx, project_id, reservation_id, data, if_match)
    return tagged(response, Reservation, row)


@router.delete("/{reservation_id}", operation_id="project_reservations:delete", **DELETES)
async def delete_reservation(
    project_id: uuid.UUID,
    reservation_id: uuid.UUID,
    ctx: ProjectsWrite,
    if_match: IfMatch = None,
) -> None:
    """Release a capacity reservation."""
    await service.delete(*ctx, project_id, reservation_id, if_match)
