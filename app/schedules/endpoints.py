import uuid

from app.kit.errors import READ_PROBLEMS, Conflict, problem_responses
from app.kit.routing import workspace_router
from app.schedules import service
from app.schedules.auth import ScheduleRead
from app.schedules.schemas import Schedule, SchedulePreview, ScheduleProposal

router = workspace_router("projects/{project_id}/schedule", tag="scheduling")


@router.get("", operation_id="schedules:get", responses=READ_PROBLEMS)
async def get_schedule(project_id: uuid.UUID, ctx: ScheduleRead) -> Schedule:
    """Early and late dates, slack, the critical path and constraint violations.

    A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422 `plan_too_large`."""
    return await service.for_project(*ctx, project_id)


@router.post(
    "/preview",
    operation_id="schedules:preview",
    responses={**READ_PROBLEMS, **problem_responses(Conflict)},
)
async def preview_schedule(
    project_id: uuid.UUID, data: ScheduleProposal, ctx: ScheduleRead
) -> SchedulePreview:
    """What-if: the schedule that proposed changes would give, and the tasks they would move.
    Nothing is written.
    A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422 `plan_too_large`."""
    return await service.preview_for_project(*ctx, project_id, data)
