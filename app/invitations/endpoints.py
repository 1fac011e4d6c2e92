import uuid

from fastapi import APIRouter, Response

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
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    Unprocessable,
    problem_responses,
)
from app.kit.etag import IfMatch, set_etag, tagged
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, WORKSPACE_PATH
from app.workspaces.auth import WorkspaceAdmin

# The workspace's invitations, and accepting one, which names no workspace: only its secret.
router = APIRouter(route_class=UnitOfWorkRoute, tags=["invitations"])
BASE = f"{WORKSPACE_PATH}/invitations"


@router.get(BASE, operation_id="invitations:list", responses=READ_PROBLEMS)
async def list_invitations(ctx: WorkspaceAdmin, page: PageQuery) -> Page[Invitation]:
    """Open invitations, newest first (expired ones too, until revoked or replaced)."""
    return Page.of(Invitation, await service.page(*ctx, page))


@router.post(BASE, operation_id="invitations:create", **CREATES)
async def create_invitation(
    data: InvitationCreate, ctx: WorkspaceAdmin, response: Response
) -> InvitationCreated:
    """Invite an email with a role, for seven days; answers the accept link to pass on.

    The answer is the same whether or not an account uses the address. Its secret is shown
    only this once: the answer is `Cache-Control: no-store` and is not kept for Idempotency-Key
    retries. Inviting an address again replaces its open invitation; only an owner invites an
    owner."""
    row, secret = await service.create(*ctx, data)
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
    invitation_id: uuid.UUID, ctx: WorkspaceAdmin, response: Response
) -> Invitation:
    """One invitation."""
    return tagged(response, Invitation, await service.get(*ctx, invitation_id))


@router.delete(f"{BASE}/{{invitation_id}}", operation_id="invitations:revoke", **DELETES)
async def revoke_invitation(
    invitation_id: uuid.UUID, ctx: WorkspaceAdmin, if_match: IfMatch = None
) -> None:
    """Revoke an invitation: its link stops working."""
    await service.revoke(*ctx, invitation_id, if_match)


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
