import uuid

from sqlalchemy import select

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository
from app.models import Invitation, Member, User

INVITATION_SORTS = Sortable(
    fields={"created_at": Invitation.created_at, "expires_at": Invitation.expires_at},
    default="-created_at",
    tiebreak=Invitation.id,
)


class InvitationRepository(TenantRepository[Invitation]):
    model = Invitation

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams
    ) -> tuple[list[Invitation], str | None]:
        return await paginate(self.session, self.statement(workspace_id), params, INVITATION_SORTS)

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
