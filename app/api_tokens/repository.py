import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import ApiToken

TOKEN_SORTS = Sortable(
    fields={"created_at": ApiToken.created_at, "name": ApiToken.name},
    default="-created_at",
    tiebreak=ApiToken.id,
)


class ApiTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, token: ApiToken) -> ApiToken:
        self.session.add(token)
        await self.session.flush()
        return token

    async def get(self, workspace_id: uuid.UUID, token_id: uuid.UUID) -> ApiToken | None:
        return await self.session.get(ApiToken, (workspace_id, token_id))

    async def page(
        self, workspace_id: uuid.UUID, params: PageParams, *, member_id: uuid.UUID | None
    ) -> tuple[list[ApiToken], str | None]:
        statement = select(ApiToken).where(ApiToken.workspace_id == workspace_id)
        if member_id is not None:
            statement = statement.where(ApiToken.member_id == member_id)
        return await paginate(self.session, statement, params, TOKEN_SORTS)
