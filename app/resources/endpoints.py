import uuid
from datetime import date
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.kit.schemas import Day
from app.resources import service
from app.resources.auth import ResourcesAdmin, ResourcesRead, ResourcesWrite
from app.resources.schemas import (
    Resource,
    ResourceCreate,
    ResourceKind,
    ResourceUpdate,
    TimeOff,
    TimeOffCreate,
    TimeOffUpdate,
)

router = workspace_router("", tag="resources")


@router.get("/resources", operation_id="resources:list", responses=READ_PROBLEMS)
async def list_resources(
    ctx: ResourcesRead,
    page: PageQuery,
    kind: Annotated[ResourceKind | None, Query()] = None,
    team_id: Annotated[uuid.UUID | None, Query()] = None,
    member_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[Resource]:
    """People, equipment, rooms and pools, optionally of one kind, team or member."""
    rows, cursor = await service.page(*ctx, page, kind=kind, team_id=team_id, member_id=member_id)
    return Page(items=await service.present(*ctx, rows), next_cursor=cursor)


@router.post("/resources", operation_id="resources:create", **CREATES)
async def create_resource(data: ResourceCreate, ctx: ResourcesAdmin) -> Resource:
    """Add equipment, a room or a pool with its hours per working day (people come with members)."""
    resource = await service.create(*ctx, data)
    return (await service.present(*ctx, [resource]))[0]


@router.get("/resources/{resource_id}", operation_id="resources:get", responses=READ_PROBLEMS)
async def get_resource(resource_id: uuid.UUID, ctx: ResourcesRead, response: Response) -> Resource:
    """One resource."""
    resource = await service.get(*ctx, resource_id)
    set_etag(response, resource)
    return (await service.present(*ctx, [resource]))[0]


@router.patch("/resources/{resource_id}", operation_id="resources:update", responses=WRITE_PROBLEMS)
async def update_resource(
    resource_id: uuid.UUID,
    data: ResourceUpdate,
    ctx: ResourcesAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Resource:
    """Change a resource; for a person only its team and calendar."""
    resource = await service.update(*ctx, resource_id, data, if_match)
    set_etag(response, resource)
    return (await service.present(*ctx, [resource]))[0]


@router.delete("/resources/{resource_id}", operation_id="resources:delete", **DELETES)
async def delete_resource(
    resource_id: uuid.UUID, ctx: ResourcesAdmin, if_match: IfMatch = None
) -> None:
    """Remove a non-human resource with its allocations and time off."""
    await service.delete(*ctx, resource_id, if_match)


@router.get("/time-off", operation_id="time_off:list", responses=READ_PROBLEMS)
async def list_time_off(
    ctx: ResourcesRead,
    page: PageQuery,
    resource_id: Annotated[uuid.UUID | None, Query()] = None,
    from_: Annotated[
        date | None, Query(alias="from", description="Ending on or after (inclusive).")
    ] = None,
    to: Annotated[Day | None, Query(description="Starting on or before (inclusive).")] = None,
) -> Page[TimeOff]:
    """Absences, optionally of one resource or touching a date range."""
    rows, cursor = await service.page_time_off(
        *ctx, page, resource_id=resource_id, first=from_, last=to
    )
    return Page(items=[TimeOff.model_validate(row) for row in rows], next_cursor=cursor)


@router.post("/time-off", operation_id="time_off:create", **CREATES)
async def create_time_off(data: TimeOffCreate, ctx: ResourcesWrite) -> TimeOff:
    """Record an absence: full days, or some hours a day; never overlapping another one.

    A person's absences are written by the person, their team lead or an admin (403
    `not_your_time_off` otherwise); a non-human resource's by an admin."""
    return TimeOff.model_validate(await service.create_time_off(*ctx, data))


@router.get("/time-off/{time_off_id}", operation_id="time_off:get", responses=READ_PROBLEMS)
async def get_time_off(time_off_id: uuid.UUID, ctx: ResourcesRead, response: Response) -> TimeOff:
    """One absence."""
    row = await service.get_time_off(*ctx, time_off_id)
    return tagged(response, TimeOff, row)


@router.patch("/time-off/{time_off_id}", operation_id="time_off:update", responses=WRITE_PROBLEMS)
async def update_time_off(
    time_off_id: uuid.UUID,
    data: TimeOffUpdate,
    ctx: ResourcesWrite,
    response: Response,
    if_match: IfMatch = None,
) -> TimeOff:
    """Change an absence's dates, hours or reason (who may: as for creating it)."""
    row = await service.update_time_off(*ctx, time_off_id, data, if_match)
    return tagged(response, TimeOff, row)


@router.delete("/time-off/{time_off_id}", operation_id="time_off:delete", **DELETES)
async def delete_time_off(
    time_off_id: uuid.UUID, ctx: ResourcesWrite, if_match: IfMatch = None
) -> None:
    """Remove an absence (who may: as for creating it)."""
    await service.delete_time_off(*ctx, time_off_id, if_match)
