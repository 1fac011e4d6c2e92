import uuid

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.pagination import Page, PageQuery
from app.kit.routing import DELETES, workspace_router
from app.projects.auth import ProjectsRead, ProjectsWrite
from app.stakeholders import service
from app.stakeholders.schemas import Stakeholder, StakeholderSet

router = workspace_router("projects/{project_id}/stakeholders", tag="projects")


@router.get("", operation_id="project_stakeholders:list", responses=READ_PROBLEMS)
async def list_stakeholders(
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[Stakeholder]:
    """Members with a stake in the project and their roles."""
    return Page.of(Stakeholder, await service.page(*ctx, project_id, page))


@router.put("/{member_id}", operation_id="project_stakeholders:set", responses=WRITE_PROBLEMS)
async def set_stakeholder(
    project_id: uuid.UUID,
    member_id: uuid.UUID,
    data: StakeholderSet,
    ctx: ProjectsWrite,
) -> Stakeholder:
    """Make a member a stakeholder, or change their role."""
    row = await service.set_role(*ctx, project_id, member_id, data)
    return Stakeholder.model_validate(row)


@router.delete("/{member_id}", operation_id="project_stakeholders:delete", **DELETES)
async def remove_stakeholder(
    project_id: uuid.UUID, member_id: uuid.UUID, ctx: ProjectsWrite
) -> None:
    """Remove a member from the project's stakeholders."""
    await service.remove(*ctx, project_id, member_id)
