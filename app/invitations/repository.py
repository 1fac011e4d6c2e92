import uuid

from sqlalchemy import select

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import Invitation, Member, User


class InvitationRepository(TenantRepository[Invitation]):
    model = Invitation
    sorts = Sortable.by(Invitation.created_at, Invitation.expires_at, default="-created_at")

    async def of_email(self, workspace_id: uuid.UUID, email: str) -> Invitation | None:
        return await self.find(workspace_id, Invitation.email == email)

    async def by_digest(self, token_digest: str) -> Invitation | None:
        """Across workspaces: the accept link names no workspace, only its secret."""
        return await self.session.scalar(
            select(Invitation).where(Invitation.digest == token_digest)
        )

    async def has_member_with_email(self, workspace_id: uuid.UUID, email: str) -> bool:
        found = await self.session.scalar(
            select(Member.id)
            .join(User, User.id == Member.user_id)
            .where(Member.workspace_id == workspace_id, User.email == email)
        )
        return found is not None

    async def has_member(self, workspace_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        return (
            await self.session.scalar(
                select(Member.id).where(
                    Member.workspace_id == workspace_id, Member.user_id == user_id
                )
            )
            is not None
        )
