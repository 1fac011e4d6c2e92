"""Links between tasks: FS/SS/FF/SF with a lag, never a cycle; every change reschedules."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.dependencies import schemas
from app.dependencies.repository import DependencyRepository
from app.events import service as events
from app.kit.errors import Conflict, NotFound, Unprocessable, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import Dependency, Task
from app.projects.repository import ProjectRepository
from app.schedules import service as schedules
from app.tasks import service as tasks

FIELDS = ("predecessor_id", "successor_id", "type", "lag_days")


async def _task(session: AsyncSession, principal: Principal, reference: str, pointer: str) -> Task:
    try:
        return await tasks.resolve(session, principal, reference)
    except NotFound:
        raise Unprocessable.at(pointer, "no such task in this workspace") from None


async def _cause(
    session: AsyncSession, principal: Principal, dependency: Dependency, happened: str
) -> str:
    return await schedules.link_cause(
        session,
        principal.workspace_id,
        dependency.predecessor_id,
        dependency.successor_id,
        dependency.type,
        dependency.lag_days,
        happened,
    )


async def _reschedule_from(
    session: AsyncSession, principal: Principal, successor: Task, cause: str
) -> None:
    """Reschedule from the link's successor; the moves name the link change as their cause."""
    project = await ProjectRepository(session).get(successor.workspace_id, successor.project_id)
    if project is not None:
        await schedules.reschedule(session, principal, project, {successor.id}, cause=cause)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.DependencyCreate
) -> Dependency:
    predecessor = await _task(session, principal, data.predecessor_id, "/predecessor_id")
    successor = await _task(session, principal, data.successor_id, "/successor_id")
    if predecessor.id == successor.id:
        raise Unprocessable.at("/successor_id", "a task cannot depend on itself")
    repo = DependencyRepository(session)
    if await repo.between(principal.workspace_id, predecessor.id, successor.id) is not None:
        raise Conflict("These tasks are already linked.", code="dependency_exists")
    await schedules.check_no_cycle(session, principal.workspace_id, predecessor.id, successor.id)
    dependency = Dependency(
        workspace_id=principal.workspace_id,
        predecessor_id=predecessor.id,
        successor_id=successor.id,
        type=data.type,
        lag_days=data.lag_days,
    )
    await events.add_created(repo, principal, "dependency.created", dependency, FIELDS)
    await _reschedule_from(
        session, principal, successor, await _cause(session, principal, dependency, "was added")
    )
    return dependency


async def get(session: AsyncSession, principal: Principal, dependency_id: uuid.UUID) -> Dependency:
    dependency = await DependencyRepository(session).get(principal.workspace_id, dependency_id)
    return found(dependency, "No such dependency.", code="dependency_not_found")


async def page(
    session: AsyncSession,
    principal: Principal,
    params: PageParams,
    task: str | None,
    **filters: Any,
) -> tuple[list[Dependency], str | None]:
    """A page of the workspace's dependencies, filtered as the list's query says; `task` is a
    task's id or key."""
    task_id = await tasks.id_of(session, principal, task)
    return await DependencyRepository(session).page(
        principal.workspace_id, params, task_id=task_id, **filters
    )


async def update(
    session: AsyncSession,
    principal: Principal,
    dependency_id: uuid.UUID,
    data: schemas.DependencyUpdate,
    if_match: str | None,
) -> Dependency:
    dependency = check_if_match(if_match, await get(session, principal, dependency_id))
    async with events.recording_change(
        session, principal, "dependency.updated", dependency, FIELDS
    ) as changed:
        if data.type is not None:
            dependency.type = data.type
        if data.lag_days is not None:
            dependency.lag_days = data.lag_days
    if changed:
        await _reschedule_from(
            session,
            principal,
            await tasks.resolve(session, principal, str(dependency.successor_id)),
            await _cause(session, principal, dependency, "was changed to this"),
        )
    return dependency


async def delete(
    session: AsyncSession, principal: Principal, dependency_id: uuid.UUID, if_match: str | None
) -> None:
    dependency = check_if_match(if_match, await get(session, principal, dependency_id))
    successor = await tasks.resolve(session, principal, str(dependency.successor_id))
    cause = await _cause(session, principal, dependency, "was removed")
    events.record_deleted(session, principal, "dependency.deleted", dependency, FIELDS)
    await DependencyRepository(session).delete(dependency)
    await _reschedule_from(session, principal, successor, cause)
