import uuid

from fastapi import Response

from app.comments import service
from app.comments.schemas import Comment, CommentCreate, CommentUpdate, Watcher
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.tasks.auth import TasksRead, TasksWrite
from app.tasks.endpoints import TaskRef

router = workspace_router("tasks/{task_id}", tag="comments")


def _out(comment: object) -> Comment:
    return Comment.model_validate(comment)


@router.get("/comments", operation_id="comments:list", responses=READ_PROBLEMS)
async def list_comments(task_id: TaskRef, ctx: TasksRead, page: PageQuery) -> Page[Comment]:
    """The task's comments, oldest first."""
    rows, cursor = await service.page(*ctx, task_id, page)
    return Page(items=[_out(row) for row in rows], next_cursor=cursor)


@router.post("/comments", operation_id="comments:create", **CREATES)
async def create_comment(task_id: TaskRef, data: CommentCreate, ctx: TasksWrite) -> Comment:
    """Comment on a task; mentioned members and watchers are notified."""
    return _out(await service.create(*ctx, task_id, data.body))


@router.patch("/comments/{comment_id}", operation_id="comments:update", responses=WRITE_PROBLEMS)
async def update_comment(
    task_id: TaskRef,
    comment_id: uuid.UUID,
    data: CommentUpdate,
    ctx: TasksWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Comment:
    """Edit your comment."""
    comment = await service.update(*ctx, task_id, comment_id, data.body, if_match)
    set_etag(response, comment)
    return _out(comment)


@router.delete("/comments/{comment_id}", operation_id="comments:delete", **DELETES)
async def delete_comment(
    task_id: TaskRef,
    comment_id: uuid.UUID,
    ctx: TasksWrite,
    if_match: IfMatch = None,
) -> None:
    """Delete your comment (admins may delete any)."""
    await service.delete(*ctx, task_id, comment_id, if_match)


@router.get("/watchers", operation_id="watchers:list", responses=READ_PROBLEMS)
async def list_watchers(task_id: TaskRef, ctx: TasksRead) -> list[Watcher]:
    """Members who follow the task."""
    return [Watcher(member_id=m) for m in await service.watchers(*ctx, task_id)]


@router.put("/watchers/{member_id}", operation_id="watchers:add", responses=WRITE_PROBLEMS)
async def add_watcher(task_id: TaskRef, member_id: uuid.UUID, ctx: TasksWrite) -> list[Watcher]:
    """Make a member follow the task."""
    return [Watcher(member_id=m) for m in await service.watch(*ctx, task_id, member_id)]


@router.delete("/watchers/{member_id}", operation_id="watchers:remove", **DELETES)
async def remove_watcher(task_id: TaskRef, member_id: uuid.UUID, ctx: TasksWrite) -> None:
    """Stop a member following the task."""
    await service.unwatch(*ctx, task_id, member_id)
