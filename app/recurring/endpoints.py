import uuid

from fastapi import Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.projects.auth import ProjectsRead, ProjectsWrite
from app.recurring import service
from app.recurring.schemas import RecurringRule, RecurringRuleCreate, RecurringRuleUpdate

router = workspace_router("projects/{project_id}/recurring-rules", tag="recurring rules")


@router.get("", operation_id="recurring_rules:list", responses=READ_PROBLEMS)
async def list_rules(
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[RecurringRule]:
    """The ongoing work's recurring task rules."""
    return Page.of(RecurringRule, await service.page(*ctx, project_id, page))


@router.post("", operation_id="recurring_rules:create", **CREATES)
async def create_rule(
    project_id: uuid.UUID, data: RecurringRuleCreate, ctx: ProjectsWrite
) -> RecurringRule:
    """Add a recurring task; its occurrences for the next 30 days are created at once."""
    return RecurringRule.model_validate(await service.create(*ctx, project_id, data))


@router.get("/{rule_id}", operation_id="recurring_rules:get", responses=READ_PROBLEMS)
async def get_rule(
    project_id: uuid.UUID,
    rule_id: uuid.UUID,
    ctx: ProjectsRead,
    response: Response,
) -> RecurringRule:
    """One recurring rule."""
    rule = await service.get(*ctx, project_id, rule_id)
    return tagged(response, RecurringRule, rule)


@router.patch("/{rule_id}", operation_id="recurring_rules:update", responses=WRITE_PROBLEMS)
async def update_rule(
    project_id: uuid.UUID,
    rule_id: uuid.UUID,
    data: RecurringRuleUpdate,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> RecurringRule:
    """Change a rule; tasks already created stay as they are."""
    rule = await service.update(*ctx, project_id, rule_id, data, if_match)
    return tagged(response, RecurringRule, rule)


@router.delete("/{rule_id}", operation_id="recurring_rules:delete", **DELETES)
async def delete_rule(
    project_id: uuid.UUID,
    rule_id: uuid.UUID,
    ctx: ProjectsWrite,
    if_match: IfMatch = None,
) -> None:
    """Stop a recurring task; the tasks it created stay."""
    await service.delete(*ctx, project_id, rule_id, if_match)
