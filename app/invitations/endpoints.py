import uuid

from fastapi import APIRouter, Response, status

from app.auth.access import Role, SessionCaller
from app.core.db import Session, UnitOfWorkRoute
from app.invitations import service
from app.invitations.schemas import (
    Invitation,
    InvitationAccept,
    InvitationAccepted,
    InvitationCreate,
    InvitationCreated,
)
from app.kit.errors import (
    READ_PROBLEMS,
    WRITE_PROBLEMS,
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    Unprocessable,
    problem_responses,
)
from app.kit.etag import IfMatch, set_etag, tagged
from app.kit.pagination import Page, PageQuery
from app.workspaces.auth import WorkspaceAdmin

router = APIRouter(route_class=UnitOfWorkRoute, tags=["invitations"])
BASE = "/workspaces/{workspace_id}/invitations"


@router.get(BASE, operation_id="invitations:list", responses=READ_PROBLEMS)
async def list_invitations(
    principal: WorkspaceAdmin, session: Session, page: PageQuery
) -> Page[Invitation]:
    """Open invitations, newest first (expired ones too, until revoked or replaced)."""
    rows, cursor = await service.page(session, principal, page)
    return Page(items=[Invitation.model_validate(row) for row in rows], next_cursor=cursor)


@router.post(
    BASE,
    operation_id="invitations:create",
    status_code=status.HTTP_201_CREATED,
    responses=WRITE_PROBLEMS,
)
async def create_invitation(
    data: InvitationCreate, principal: WorkspaceAdmin, session: Session, response: Response
) -> InvitationCreated:
    """Invite an email with a role, for seven days; answers the accept link to pass on.

    The answer is the same whether or not an account uses the address. Its secret is shown
    only this once: the answer is `Cache-Control: no-store` and is not kept for Idempotency-Key
    retries. Inviting an address again replaces its open invitation; only an owner invites an
    owner."""
    row, secret = await service.create(session, principal, data)
    set_etag(response, row)
    response.headers["Cache-Control"] = "no-store"
    return InvitationCreated.model_validate(
        {
            **Invitation.model_validate(row).model_dump(),
            "token": secret,
            "accept_path": service.accept_path(secret),
        }
    )


@router.get(f"{BASE}/{{invitation_id}}", operation_id="invitations:get", responses=READ_PROBLEMS)
async def get_invitation(
    invitation_id: uuid.UUID, principal: WorkspaceAdmin, session: Session, response: Response
) -> Invitation:
    """One invitation."""
    return tagged(response, Invitation, await service.get(session, principal, invitation_id))


@router.delete(
    f"{BASE}/{{invitation_id}}",
    operation_id="invitations:revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_PROBLEMS,
)
async def revoke_invitation(
    invitation_id: uuid.UUID, principal: WorkspaceAdmin, session: Session, if_match: IfMatch = None
) -> None:
    """Revoke an invitation: its link stops working."""
    await service.revoke(session, principal, invitation_id, if_match)


@router.post(
    "/invitations/accept",
    operation_id="invitations:accept",
    responses=problem_responses(Unauthorized, Forbidden, NotFound, Conflict, Unprocessable),
)
async def accept_invitation(
    data: InvitationAccept, caller: SessionCaller, session: Session
) -> InvitationAccepted:
    """Accept an invitation and join its workspace with its role.

    Needs a session of the person with the invited email (403 `invitation_for_another_email`);
    an expired invitation is 409 `invitation_expired`, a revoked, replaced or used one 404."""
    member = await service.accept(session, caller, data.token)
    return InvitationAccepted(
        workspace_id=member.workspace_id, member_id=member.id, role=Role(member.role)
    )
