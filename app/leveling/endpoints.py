import uuid
from typing import Annotated

from fastapi import Query, Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS, problem_responses
from app.kit.etag import IfMatch, set_etag
from app.kit.routing import workspace_router
from app.leveling import service
from app.leveling.schemas import LevelingPlan, ScheduleShift
from app.projects.auth import ProjectsRead, ProjectsWrite

WithinSlack = Annotated[
    bool,
    Query(
        description="Move tasks only within their slack, so the project finish stays where it"
        " is; conflicts that would need more are reported as unresolved."
    ),
]

router = workspace_router("projects/{project_id}/leveling", tag="scheduling")


@router.post("/preview", operation_id="leveling:preview", responses=READ_PROBLEMS)
async def preview_leveling(
    project_id: uuid.UUID,
    ctx: ProjectsRead,
    within_slack: WithinSlack = False,
) -> LevelingPlan:
    """Propose leveling delays that clear over-allocations (lowest priority, most slack first).

    Delays leveling set before are cleared first, so tasks may also move earlier.
    A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422 `plan_too_large`."""
    return await service.preview(*ctx, project_id, within_slack)


@router.post(
    "/apply",
    operation_id="leveling:apply",
    responses={**WRITE_PROBLEMS, **problem_responses(service.PreconditionRequired)},
)
async def apply_leveling(
    project_id: uuid.UUID,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
    within_slack: WithinSlack = False,
) -> LevelingPlan:
    """Apply the leveling proposal in one transaction: tasks get leveling delays, their
    constraints stay. Needs If-Match with the project's ETag.
    A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422 `plan_too_large`."""
    plan, project = await service.apply(*ctx, project_id, if_match, within_slack)
    set_etag(response, project)
    return plan


@router.post(
    "/clear",
    operation_id="leveling:clear",
    responses={**WRITE_PROBLEMS, **problem_responses(service.PreconditionRequired)},
)
async def clear_leveling(
    project_id: uuid.UUID,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> ScheduleShift:
    """Set every leveling delay of the project back to 0 and reschedule; needs If-Match with the
    project's ETag.
    A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422 `plan_too_large`."""
    shift, project = await service.clear(*ctx, project_id, if_match)
    set_etag(response, project)
    return shift
