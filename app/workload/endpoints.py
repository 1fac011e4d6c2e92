import uuid
from typing import Annotated

from fastapi import Query

from app.capacity.model import Granularity
from app.kit.errors import READ_PROBLEMS
from app.kit.routing import workspace_router
from app.kit.schemas import Day
from app.resources.auth import ResourcesRead
from app.workload import service
from app.workload.schemas import Conflicts, Workload

router = workspace_router("workload", tag="workload")

From = Annotated[Day, Query(alias="from", description="First day (inclusive).")]
To = Annotated[
    Day,
    Query(
        description="Last day (inclusive): at most 1,100 days from `from`, and by day at most "
        "366 (`WORKLANE_WORKLOAD_MAX_DAILY_DAYS`)."
    ),
]
TeamFilter = Annotated[uuid.UUID | None, Query(description="Only this team's resources.")]
ResourceFilter = Annotated[uuid.UUID | None, Query(description="Only this resource.")]


@router.get("", operation_id="workload:get", responses=READ_PROBLEMS)
async def get_workload(
    ctx: ResourcesRead,
    from_: From,
    to: To,
    granularity: Annotated[Granularity, Query()] = "week",
    team_id: TeamFilter = None,
    resource_id: ResourceFilter = None,
) -> Workload:
    """Capacity, reserved, allocated and available hours per resource and period; team totals."""
    return await service.report(
        *ctx, from_, to, granularity, team_id=team_id, resource_id=resource_id
    )


@router.get("/conflicts", operation_id="workload:conflicts", responses=READ_PROBLEMS)
async def get_conflicts(
    ctx: ResourcesRead,
    from_: From,
    to: To,
    team_id: TeamFilter = None,
    resource_id: ResourceFilter = None,
) -> Conflicts:
    """Every over-allocated resource-day, with the allocations and tasks that load it."""
    return await service.conflicts_report(*ctx, from_, to, team_id=team_id, resource_id=resource_id)
