import uuid

from fastapi import Response

from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.labels import service
from app.labels.schemas import Label, LabelCreate, LabelUpdate
from app.tasks.auth import TasksRead, TasksWrite

router = workspace_router("labels", tag="labels")


@router.get("", operation_id="labels:list", responses=READ_PROBLEMS)
async def list_labels(ctx: TasksRead, page: PageQuery) -> Page[Label]:
    """The workspace's labels."""
    return Page.of(Label, await service.page(*ctx, page))


@router.post("", operation_id="labels:create", **CREATES)
async def create_label(data: LabelCreate, ctx: TasksWrite) -> Label:
    """Create a label."""
    return Label.model_validate(await service.create(*ctx, data))


@router.get("/{label_id}", operation_id="labels:get", responses=READ_PROBLEMS)
async def get_label(label_id: uuid.UUID, ctx: TasksRead, response: Response) -> Label:
    """One label."""
    label = await service.get(*ctx, label_id)
    return tagged(response, Label, label)


@router.patch("/{label_id}", operation_id="labels:update", responses=WRITE_PROBLEMS)
async def update_label(
    label_id: uuid.UUID,
    data: LabelUpdate,
    ctx: TasksWrite,
    response: Response,
    if_match: IfMatch = None,
) -> Label:
    """Rename or recolour a label."""
    label = await service.update(*ctx, label_id, data, if_match)
    return tagged(response, Label, label)


@router.delete("/{label_id}", operation_id="labels:delete", **DELETES)
async def delete_label(label_id: uuid.UUID, ctx: TasksWrite, if_match: IfMatch = None) -> None:
    """Delete a label (it disappears from its tasks)."""
    await service.delete(*ctx, label_id, if_match)
