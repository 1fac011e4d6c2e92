from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.core.db import Session, UnitOfWorkRoute
from app.events.schemas import Event
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, presented, set_etag
from app.kit.pagination import Page, PageQuery
from app.kit.query import query
from app.kit.routing import CREATES, DELETES
from app.schedules.schemas import TaskSchedule
from app.tasks import bulk, service
from app.tasks.auth import MyTasksRead, TasksRead, TasksWrite
from app.tasks.schemas import (
    BulkResult,
    BulkUpdate,
    ChildrenOnDelete,
    Task,
    TaskCreate,
    TaskListQuery,
    TaskUpdate,
)

router = APIRouter(route_class=UnitOfWorkRoute, tags=["tasks"])
BASE = "/workspaces/{workspace_id}/tasks"
TaskRef = Annotated[str, Path(description="Task id or key, e.g. `OPS-42`.", max_length=64)]


@router.get(BASE, operation_id="tasks:list", responses=READ_PROBLEMS)
async def list_tasks(
    ctx: TasksRead,
    given: Annotated[TaskListQuery, query(TaskListQuery)],
) -> Page[Task]:
    """Tasks of the workspace, filtered and keyset-paginated."""
    rows, cursor = await service.page(*ctx, given)
    return Page(items=service.present_listed(rows), next_cursor=cursor)


@router.post(BASE, operation_id="tasks:create", **CREATES)
async def create_task(data: TaskCreate, ctx: TasksWrite, response: Response) -> Task:
    """Create a task (send an Idempotency-Key to retry safely)."""
    task = await service.create(*ctx, data)
    return await presented(response, service.present, ctx.session, task)


@router.post(f"{BASE}/bulk", operation_id="tasks:bulk_update", responses=WRITE_PROBLEMS)
async def bulk_update_tasks(data: BulkUpdate, ctx: TasksWrite) -> BulkResult:
    """Change status, priority, assignees or labels of up to 500 tasks at once, atomically."""
    tasks = await bulk.bulk_update(*ctx, data)
    return BulkResult(items=await service.present(ctx.session, tasks))


@router.get(f"{BASE}/{{task_id}}", operation_id="tasks:get", responses=READ_PROBLEMS)
async def get_task(task_id: TaskRef, ctx: TasksRead, response: Response) -> Task:
    """One task, by id or key."""
    task = await service.resolve(*ctx, task_id)
    return await presented(response, service.present, ctx.session, task)


@router.patch(f"{BASE}/{{task_id}}", operation_id="tasks:update", responses=WRITE_PROBLEMS)
async def update_task(
    task_id: TaskRef,
    data: TaskUpdate,
    ctx: TasksWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Task:
    """Change a task; send If-Match with its ETag."""
    task = await service.update(*ctx, task_id, data, if_match)
    set_etag(response, task)
    return task


@router.delete(f"{BASE}/{{task_id}}", operation_id="tasks:delete", **DELETES)
async def delete_task(
    task_id: TaskRef,
    ctx: TasksWrite,
    if_match: IfMatch = None,
    children: Annotated[
        ChildrenOnDelete | None,
        Query(description="What happens to subtasks: `delete` them too or `detach` them."),
    ] = None,
) -> None:
    """Delete a task; a task with subtasks needs `children`."""
    await service.delete(*ctx, task_id, if_match, children)


@router.get(f"{BASE}/{{task_id}}/activity", operation_id="tasks:activity", responses=READ_PROBLEMS)
async def task_activity(task_id: TaskRef, ctx: TasksRead, page: PageQuery) -> Page[Event]:
    """What changed on the task, newest first."""
    return Page.of(Event, await service.activity(*ctx, task_id, page))


@router.get(f"{BASE}/{{task_id}}/schedule", operation_id="tasks:schedule", responses=READ_PROBLEMS)
async def task_schedule(task_id: TaskRef, ctx: TasksRead) -> TaskSchedule:
    """The task's computed early and late dates and slack, and what drives its start: the
    links that bind it, its constraint, the project start, a leveling delay, or manual
    scheduling. A project of more than 20,000 tasks (`WORKLANE_PLAN_MAX_TASKS`) is 422
    `plan_too_large`."""
    return await service.schedule_of(*ctx, task_id)


@router.get("/me/tasks", operation_id="me:tasks", responses=READ_PROBLEMS)
async def my_tasks(caller: MyTasksRead, session: Session, page: PageQuery) -> Page[Task]:
    """Open tasks assigned to me in every workspace I belong to, soonest due first."""
    rows, cursor = await service.page_mine(session, caller, page)
    return Page(items=service.present_listed(rows), next_cursor=cursor)
