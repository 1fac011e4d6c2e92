"""A project's workflow statuses: the columns of its board, each in a category. Moving a status
into or out of `done` (or deleting it) re-files its tasks, each with its own event."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.core.clock import utcnow
from app.events.service import (
    add_created,
    changes_between,
    record,
    record_change,
    record_deleted,
    snapshot,
)
from app.kit.errors import Conflict, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Project, WorkflowStatus
from app.projects import service as projects
from app.projects.schemas import StatusCategory
from app.statuses import schemas
from app.statuses.repository import StatusRepository

# The public fields of a status, as events record them.
STATUS_FIELDS = ("name", "category", "position")


async def _find(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, status_id: uuid.UUID
) -> tuple[Project, WorkflowStatus]:
    """The project and its status (404 for either)."""
    project = await projects.get_project(session, principal, project_id)
    status = await StatusRepository(session).get_under(
        project.workspace_id, status_id, project_id=project.id
    )
    return project, found(status, "No such status in this project.", code="status_not_found")


async def get(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, status_id: uuid.UUID
) -> WorkflowStatus:
    _, status = await _find(session, principal, project_id, status_id)
    return status


async def page(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID, params: PageParams
) -> tuple[list[WorkflowStatus], str | None]:
    project = await projects.get_project(session, principal, project_id)
    return await StatusRepository(session).page_matching(
        project.workspace_id, params, project_id=project.id
    )


async def _check_name_free(
    repo: StatusRepository, project: Project, name: str, exclude: uuid.UUID | None = None
) -> None:
    if await repo.name_taken(project.workspace_id, project.id, name, exclude=exclude):
        raise Conflict("The project already has a status with this name.", code="status_name_taken")


async def create(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.WorkflowStatusCreate,
) -> WorkflowStatus:
    repo = StatusRepository(session)
    project = await projects.writable_project(session, principal, project_id)
    await _check_name_free(repo, project, data.name)
    position = data.position
    if position is None:
        last = await repo.last_position(project.workspace_id, project.id)
        position = (last or 0.0) + 1.0
    status = WorkflowStatus(
        workspace_id=project.workspace_id,
        project_id=project.id,
        name=data.name,
        category=data.category.value,
        position=position,
    )
    return await add_created(repo, principal, "status.created", status, STATUS_FIELDS)


async def _move_tasks(
    session: AsyncSession,
    principal: Principal,
    status: WorkflowStatus,
    to_status: WorkflowStatus,
    to_category: str,
) -> int:
    """Move every task of `status` into `to_status` (or re-file them after `status` changed
    category) in one UPDATE; entering `done` stamps completed_at, leaving it clears it.
    Each task gets its own `task.updated` event, so integrations following tasks see it."""
    repo = StatusRepository(session)
    tasks = await repo.tasks_in_status(status.workspace_id, status.id)
    if not tasks:
        return 0
    now = utcnow()
    done = to_category == StatusCategory.done
    await repo.move_tasks(
        status.workspace_id, status.id, to_status_id=to_status.id, done=done, now=now
    )
    for task_id, completed_at in tasks:
        changes: dict[str, Any] = {}
        if to_status.id != status.id:
            changes["status_id"] = {"before": str(status.id), "after": str(to_status.id)}
        completed_after = (completed_at or now) if done else None
        if completed_after != completed_at:
            changes["completed_at"] = {
                "before": completed_at.isoformat() if completed_at else None,
                "after": completed_after.isoformat() if completed_after else None,
            }
        if changes:
            record(
                session,
                principal,
                "task.updated",
                entity_type="task",
                entity_id=task_id,
                workspace_id=status.workspace_id,
                project_id=status.project_id,
                changes=changes,
            )
    return len(tasks)


async def update(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    status_id: uuid.UUID,
    data: schemas.WorkflowStatusUpdate,
    if_match: str | None,
) -> WorkflowStatus:
    """Rename, recategorise or move a status; its tasks follow a change into or out of done."""
    repo = StatusRepository(session)
    project, status = await _find(session, principal, project_id, status_id)
    check_if_match(if_match, status)
    projects.ensure_writable(project)
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes:
        await _check_name_free(repo, project, changes["name"], exclude=status.id)
    if "category" in changes:
        changes["category"] = changes["category"].value
    before = snapshot(status, STATUS_FIELDS)
    for field, value in changes.items():
        setattr(status, field, value)
    difference = changes_between(before, snapshot(status, STATUS_FIELDS))
    if not difference:
        return status
    await session.flush()
    if "category" in difference and StatusCategory.done in (
        difference["category"]["before"],
        difference["category"]["after"],
    ):
        await _move_tasks(session, principal, status, status, status.category)
    record_change(session, principal, "status.updated", status, difference)
    return status


async def reorder(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    data: schemas.WorkflowStatusOrder,
) -> list[WorkflowStatus]:
    """Put the project's statuses in the given order, at positions 1..n."""
    repo = StatusRepository(session)
    project = await projects.writable_project(session, principal, project_id)
    statuses = {s.id: s for s in await repo.of_project(project.workspace_id, project.id)}
    if len(set(data.status_ids)) != len(data.status_ids) or set(data.status_ids) != set(statuses):
        raise Unprocessable.at("/status_ids", "must list every status of the project exactly once")
    ordered = [statuses[status_id] for status_id in data.status_ids]
    moved = []
    for position, status in enumerate(ordered, start=1):
        if status.position != position:
            moved.append((status, status.position))
            status.position = float(position)
    await session.flush()
    for status, before in moved:
        record_change(
            session,
            principal,
            "status.updated",
            status,
            {"position": {"before": before, "after": status.position}},
        )
    return ordered


async def delete(
    session: AsyncSession,
    principal: Principal,
    project_id: uuid.UUID,
    status_id: uuid.UUID,
    move_to: uuid.UUID | None,
    if_match: str | None,
) -> None:
    """Delete a status; its tasks move to `move_to` (required when it has any)."""
    repo = StatusRepository(session)
    project, status = await _find(session, principal, project_id, status_id)
    check_if_match(if_match, status)
    projects.ensure_writable(project)
    statuses = {s.id: s for s in await repo.of_project(project.workspace_id, project.id)}
    if len(statuses) == 1:
        raise Conflict("A project needs at least one status.", code="last_status")
    target = None
    if move_to is not None:
        target = statuses.get(move_to)
        if target is None or target.id == status.id:
            raise Unprocessable.at("/query/move_to", "must be another status of this project")
    if target is None:
        in_use = len(await repo.tasks_in_status(status.workspace_id, status.id))
        if in_use:
            raise Conflict(
                f"{in_use} task(s) use this status; say where they go with move_to.",
                code="status_in_use",
                tasks=in_use,
            )
    else:
        await _move_tasks(session, principal, status, target, target.category)
    record_deleted(session, principal, "status.deleted", status, STATUS_FIELDS)
    await repo.delete(status)
