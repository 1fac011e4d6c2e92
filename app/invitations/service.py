"""Invitations (docs/design.md §4): an admin invites an email with a role; whoever signs in
with that email accepts, and becomes a member. The admin's answer is the same whether or not an
account uses the address, and nobody joins a workspace without saying yes.

There is no email transport yet: the accept link is answered to the inviting admin, who passes
it on. An email sender plugs in at `create`, after the row is written: it would send the link
to `data.email` instead of (or as well as) answering it.
"""

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Caller, Principal, Role
from app.auth.credentials import MemberRef
from app.core.clock import utcnow
from app.core.security import digest, random_secret
from app.events import service as events
from app.invitations import schemas
from app.invitations.repository import InvitationRepository
from app.kit.errors import Conflict, Forbidden, NotFound, found
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.members import service as members
from app.models import Invitation, Member

LIFETIME = timedelta(days=7)
TOKEN_PREFIX = "wl_inv_"
FIELDS = ("email", "role", "expires_at")
ACCEPT_PATH = "/invitations/accept#"


async def get(session: AsyncSession, principal: Principal, invitation_id: uuid.UUID) -> Invitation:
    row = await InvitationRepository(session).get(principal.workspace_id, invitation_id)
    return found(row, "No such invitation in this workspace.", code="invitation_not_found")


async def page(
    session: AsyncSession, principal: Principal, params: PageParams
) -> tuple[list[Invitation], str | None]:
    """The workspace's invitations, newest first unless the list's query sorts them."""
    return await InvitationRepository(session).page_matching(principal.workspace_id, params)


async def create(
    session: AsyncSession, principal: Principal, data: schemas.InvitationCreate
) -> tuple[Invitation, str]:
    """A new invitation and its accept link's secret; inviting an address again replaces its
    open invitation (the old link stops working)."""
    members.guard_owner_change(principal, data.role.value)
    repo, email = InvitationRepository(session), data.email.lower()
    # Members are listed to admins anyway: saying so tells nothing about other accounts.
    if await repo.has_member_with_email(principal.workspace_id, email):
        raise Conflict("This person is already a member.", code="already_member")
    previous = await repo.of_email(principal.workspace_id, email)
    if previous is not None:
        events.record_deleted(session, principal, "invitation.revoked", previous, FIELDS)
        await repo.delete(previous)
        await session.flush()
    secret = TOKEN_PREFIX + random_secret()
    row = Invitation(
        workspace_id=principal.workspace_id,
        email=email,
        role=data.role.value,
        digest=digest(secret),
        invited_by=principal.member_id,
        expires_at=utcnow() + LIFETIME,
    )
    return await events.add_created(repo, principal, "invitation.created", row, FIELDS), secret


def accept_path(secret: str) -> str:
    """The SPA's accept screen; the secret rides in the fragment, which browsers never send."""
    return ACCEPT_PATH + secret


async def revoke(
    session: AsyncSession, principal: Principal, invitation_id: uuid.UUID, if_match: str | None
) -> None:
    row = check_if_match(if_match, await get(session, principal, invitation_id))
    members.guard_owner_change(principal, row.role)
    events.record_deleted(session, principal, "invitation.revoked", row, FIELDS)
    await InvitationRepository(session).delete(row)


async def accept(session: AsyncSession, caller: Caller, secret: str) -> Member:
    """Join the invitation's workspace with its role, as the signed-in person with its email."""
    repo = InvitationRepository(session)
    row = await repo.by_digest(digest(secret))
    if row is None:
        raise NotFound(
            "No such invitation: it was revoked, replaced or already accepted.",
            code="invitation_not_found",
        )
    if row.expires_at <= utcnow():
        raise Conflict("This invitation has expired; ask for a new one.", code="invitation_expired")
    if row.email != caller.user.email.lower():
        raise Forbidden(
            "This invitation is for another email address; sign in with that one to accept it.",
            code="invitation_for_another_email",
        )
    if await repo.has_member(row.workspace_id, caller.user.id):
        raise Conflict("You are already a member of this workspace.", code="already_member")
    member = await members.join(
        session,
        caller.user,
        Member(workspace_id=row.workspace_id, user_id=caller.user.id, role=row.role),
    )
    joined = Principal(
        user=caller.user, member=MemberRef.of(member), role=Role(member.role), token=None
    )
    events.record_deleted(session, joined, "invitation.accepted", row, FIELDS)
    await repo.delete(row)
    return member
