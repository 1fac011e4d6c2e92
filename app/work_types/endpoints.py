import uuid

from fastapi import APIRouter, Response, status

from app.activities import service
from app.activities.schemas import Activity, ActivityCreate, ActivityUpdate
from app.core.db import Session, UnitOfWorkRoute
from app.kit.errors import READ_PROBLEMS, WRITE_PROBLEMS
from app.kit.etag import IfMatch, set_etag
from app.kit.pagination import Page, PageQuery
from app.time_entries.auth import TimeRead
from app.workspaces.auth import WorkspaceAdmin

router = APIRouter(
    route_class=UnitOfWorkRoute, prefix="/workspaces/{workspace_id}/activities", tags=["activities"]
)


@router.get(
    "", operation_id="activities:list", response_model=Page[Activity], responses=READ_PROBLEMS
)
async def list_activities(principal: TimeRead, session: Session, page: PageQuery) -> Page[Activity]:
    """The activities time can be logged as (`activity` on an entry is one of their keys)."""
    rows, cursor = await service.page(session, principal, page)
    return Page(items=[Activity.model_validate(row) for row in rows], next_cursor=cursor)


@router.post(
    "",
    operation_id="activities:create",
    status_code=status.HTTP_201_CREATED,
    response_model=Activity,
    responses=WRITE_PROBLEMS,
)
async def create_activity(
    data: ActivityCreate, principal: WorkspaceAdmin, session: Session
) -> Activity:
    """Add an activity; its key is fixed once set."""
    return Activity.model_validate(await service.create(session, principal, data))


@router.get(
    "/{activity_id}",
    operation_id="activities:get",
    response_model=Activity,
    responses=READ_PROBLEMS,
)
async def get_activity(
    activity_id: uuid.UUID, principal: TimeRead, session: Session, response: Response
) -> Activity:
    """One activity."""
    activity = await service.get(session, principal, activity_id)
    set_etag(response, activity)
    return Activity.model_validate(activity)


@router.patch(
    "/{activity_id}",
    operation_id="activities:update",
    response_model=Activity,
    responses=WRITE_PROBLEMS,
)
async def update_activity(
    activity_id: uuid.UUID,
    data: ActivityUpdate,
    principal: WorkspaceAdmin,
    session: Session,
    response: Response,
    if_match: IfMatch = None,
) -> Activity:
    """Rename an activity."""
    activity = await service.update(session, principal, activity_id, data, if_match)
    set_etag(response, activity)
    return Activity.model_validate(activity)


@router.delete(
    "/{activity_id}",
    operation_id="activities:delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_PROBLEMS,
)
async def delete_activity(
    activity_id: uuid.UUID, principal: WorkspaceAdmin, session: Session, if_match: IfMatch = None
) -> None:
    """Remove an activity no time is logged as (409 `activity_in_use` otherwise)."""
    await service.delete(session, principal, activity_id, if_match)
