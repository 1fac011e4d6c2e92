import uuid
from datetime import date
from typing import Annotated

from fastapi import Query, Response

from app.allocations import service
from app.allocations.schemas import (
    Allocation,
    AllocationCreate,
    AllocationUpdate,
    AllocationWithWarnings,
)
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.kit.schemas import Day
from app.resources.auth import ResourcesRead, ResourcesWrite

router = workspace_router("allocations", tag="allocations")

Strict = Annotated[
    bool,
    Query(
        description="Refuse (409 `overallocated`) a change that over-allocates a day, or"
        " over-allocates it more than it already was, instead of warning."
    ),
]


def _with(allocation: object, warnings: list[object]) -> AllocationWithWarnings:
    return AllocationWithWarnings.model_validate(
        {**Allocation.model_validate(allocation).model_dump(), "warnings": warnings}
    )


@router.get("", operation_id="allocations:list", responses=READ_PROBLEMS)
async def list_allocations(
    ctx: ResourcesRead,
    page: PageQuery,
    resource_id: Annotated[uuid.UUID | None, Query()] = None,
    team_id: Annotated[
        uuid.UUID | None, Query(description="Allocations of the team's resources.")
    ] = None,
    project_id: Annotated[uuid.UUID | None, Query()] = None,
    task_id: Annotated[str | None, Query(max_length=64, description="Task id or key.")] = None,
    from_: Annotated[
        date | None, Query(alias="from", description="Ending on or after (inclusive).")
    ] = None,
    to: Annotated[Day | None, Query(description="Starting on or before (inclusive).")] = None,
) -> Page[Allocation]:
    """Allocations, filtered by resource, team, project, task or date range."""
    return Page.of(
        Allocation,
        await service.page(
            *ctx,
            page,
            resource_id=resource_id,
            team_id=team_id,
            project_id=project_id,
            task=task_id,
            first=from_,
            last=to,
        ),
    )


@router.post("", operation_id="allocations:create", **CREATES)
async def create_allocation(
    data: AllocationCreate, ctx: ResourcesWrite, strict: Strict = False
) -> AllocationWithWarnings:
    """Book a resource on a project or task; over-allocated days come back as warnings."""
    allocation, warnings = await service.create(*ctx, data, strict=strict)
    return _with(allocation, list(warnings))


@router.get("/{allocation_id}", operation_id="allocations:get", responses=READ_PROBLEMS)
async def get_allocation(
    allocation_id: uuid.UUID, ctx: ResourcesRead, response: Response
) -> Allocation:
    """One allocation."""
    allocation = await service.get(*ctx, allocation_id)
    return tagged(response, Allocation, allocation)


@router.patch("/{allocation_id}", operation_id="allocations:update", responses=WRITE_PROBLEMS)
async def update_allocation(
    allocation_id: uuid.UUID,
    data: AllocationUpdate,
    ctx: ResourcesWrite,
    response: Response,
    if_match: IfMatch = None,
    strict: Strict = False,
) -> AllocationWithWarnings:
    """Change an allocation's dates, hours or note; over-allocated days come back as warnings."""
    allocation, warnings = await service.update(*ctx, allocation_id, data, if_match, strict=strict)
    set_etag(response, allocation)
    return _with(allocation, list(warnings))


@router.delete("/{allocation_id}", operation_id="allocations:delete", **DELETES)
async def delete_allocation(
    allocation_id: uuid.UUID, ctx: ResourcesWrite, if_match: IfMatch = None
) -> None:
    """Remove an allocation."""
    await service.delete(*ctx, allocation_id, if_match)
