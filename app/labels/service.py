import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events import service as events
from app.kit.errors import Conflict, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.labels.repository import LabelRepository
from app.labels.schemas import LabelCreate, LabelUpdate
from app.models import Label
from app.tasks import bulk

# The public fields of a label, as events record them.
LABEL_FIELDS = ("name", "color")


async def get(session: AsyncSession, principal: Principal, label_id: uuid.UUID) -> Label:
    label = await LabelRepository(session).get(principal.workspace_id, label_id)
    return found(label, "No such label.", code="label_not_found")


async def _ensure_name_free(
    repo: LabelRepository, principal: Principal, name: str, label_id: uuid.UUID | None
) -> None:
    existing = await repo.named(principal.workspace_id, name)
    if existing is not None and existing.id != label_id:
        raise Conflict("A label with this name already exists.", code="label_name_taken")


async def create(session: AsyncSession, principal: Principal, data: LabelCreate) -> Label:
    repo = LabelRepository(session)
    await _ensure_name_free(repo, principal, data.name, None)
    label = Label(workspace_id=principal.workspace_id, name=data.name, color=data.color)
    return await events.add_created(repo, principal, "label.created", label, LABEL_FIELDS)


async def update(
    session: AsyncSession,
    principal: Principal,
    label_id: uuid.UUID,
    data: LabelUpdate,
    if_match: str | None,
) -> Label:
    label = check_if_match(if_match, await get(session, principal, label_id))
    async with events.recording_change(session, principal, "label.updated", label, LABEL_FIELDS):
        if data.name is not None:
            await _ensure_name_free(LabelRepository(session), principal, data.name, label.id)
            label.name = data.name
        if data.color is not None:
            label.color = data.color
    return label


async def delete(
    session: AsyncSession, principal: Principal, label_id: uuid.UUID, if_match: str | None
) -> None:
    label = check_if_match(if_match, await get(session, principal, label_id))
    await bulk.unlink_everywhere(session, principal, label_id=label.id)
    events.record_deleted(session, principal, "label.deleted", label, LABEL_FIELDS)
    await LabelRepository(session).delete(label)


async def page(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[list[Label], str | None]:
    return await LabelRepository(session).page_matching(principal.workspace_id, params)
