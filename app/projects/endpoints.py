import uuid
from typing import Annotated

from fastapi import Query, Response

from app.events.schemas import Event
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, presented
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, workspace_router
from app.projects import service
from app.projects.auth import ProjectsAdmin, ProjectsRead, ProjectsWrite
from app.projects.schemas import (
    Phase,
    Project,
    ProjectCreate,
    ProjectKind,
    ProjectStatus,
    ProjectUpdate,
    Transition,
    TransitionCreate,
)

router = workspace_router("projects", tag="projects")


# Projects


@router.get("", operation_id="projects:list", responses=READ_PROBLEMS)
async def list_projects(
    ctx: ProjectsRead,
    page: PageQuery,
    kind: Annotated[ProjectKind | None, Query()] = None,
    phase: Annotated[Phase | None, Query()] = None,
    status: Annotated[ProjectStatus | None, Query()] = None,
    team_id: Annotated[uuid.UUID | None, Query()] = None,
    owner_id: Annotated[uuid.UUID | None, Query()] = None,
) -> Page[Project]:
    """Projects and ongoing work, filtered by kind, phase, status, team or owner."""
    rows, cursor = await service.page(
        *ctx,
        page,
        kind=kind,
        phase=phase,
        status=status,
        team_id=team_id,
        owner_id=owner_id,
    )
    return Page(items=await service.present(ctx.session, rows), next_cursor=cursor)


@router.post("", operation_id="projects:create", **CREATES)
async def create_project(data: ProjectCreate, ctx: ProjectsWrite, response: Response) -> Project:
    """Create a project or ongoing work, with the default workflow statuses."""
    project = await service.create(*ctx, data)
    return await presented(response, service.present, ctx.session, project)


@router.get("/{project_id}", operation_id="projects:get", responses=READ_PROBLEMS)
async def get_project(project_id: uuid.UUID, ctx: ProjectsRead, response: Response) -> Project:
    """One project."""
    project = await service.get_project(*ctx, project_id)
    return await presented(response, service.present, ctx.session, project)


@router.patch("/{project_id}", operation_id="projects:update", responses=WRITE_PROBLEMS)
async def update_project(
    project_id: uuid.UUID,
    data: ProjectUpdate,
    ctx: ProjectsWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Project:
    """Change a project's name, dates, owner, team, budget or status."""
    project = await service.update(*ctx, project_id, data, if_match)
    return await presented(response, service.present, ctx.session, project)


@router.post("/{project_id}/archive", operation_id="projects:archive", responses=WRITE_PROBLEMS)
async def archive_project(
    project_id: uuid.UUID,
    ctx: ProjectsAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Project:
    """Archive a project: it stays readable but can no longer be changed."""
    project = await service.set_archived(*ctx, project_id, archived=True, if_match=if_match)
    return await presented(response, service.present, ctx.session, project)


@router.post("/{project_id}/unarchive", operation_id="projects:unarchive", responses=WRITE_PROBLEMS)
async def unarchive_project(
    project_id: uuid.UUID,
    ctx: ProjectsAdmin,
    response: Response,
    if_match: IfMatch = None,
) -> Project:
    """Bring an archived project back as active."""
    project = await service.set_archived(*ctx, project_id, archived=False, if_match=if_match)
    return await presented(response, service.present, ctx.session, project)


@router.get("/{project_id}/activity", operation_id="project_activity:list", responses=READ_PROBLEMS)
async def list_project_activity(
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[Event]:
    """What happened to the project and its tasks, newest first."""
    return Page.of(Event, await service.page_activity(*ctx, project_id, page))


# Phase transitions


@router.get(
    "/{project_id}/transitions", operation_id="project_transitions:list", responses=READ_PROBLEMS
)
async def list_transitions(
    project_id: uuid.UUID, ctx: ProjectsRead, page: PageQuery
) -> Page[Transition]:
    """The project's phase history, oldest first."""
    return Page.of(Transition, await service.page_transitions(*ctx, project_id, page))


@router.post("/{project_id}/transitions", operation_id="project_transitions:create", **CREATES)
async def create_transition(
    project_id: uuid.UUID,
    data: TransitionCreate,
    ctx: ProjectsWrite,
    if_match: IfMatch = None,
) -> Transition:
    """Move a project to another lifecycle phase."""
    row = await service.transition(*ctx, project_id, data, if_match)
    return Transition.model_validate(row)
