import uuid
from collections.abc import Sequence

from sqlalchemy import Select, delete, select

from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import Repository
from app.models import Base, Member, Workspace

WORKSPACE_SORTS = Sortable.by(Workspace.name, Workspace.created_at)


class WorkspaceRepository(Repository):
    """Workspaces themselves: the tenants, not rows of one."""

    async def add(self, workspace: Workspace) -> Workspace:
        self.session.add(workspace)
        await self.session.flush()
        return workspace

    async def add_rows(self, rows: Sequence[Base]) -> None:
        """Rows a workspace starts with or gains: its members, their person resources, its
        first calendar and work types."""
        self.session.add_all(rows)
        await self.session.flush()

    async def get(self, workspace_id: uuid.UUID) -> Workspace | None:
        return await self.session.get(Workspace, workspace_id)

    def _visible_to(self, user_id: uuid.UUID, only: uuid.UUID | None) -> Select[Workspace]:
        statement = select(Workspace).join(
            Member, (Member.workspace_id == Workspace.id) & (Member.user_id == user_id)
        )
        return statement.where(Workspace.id == only) if only else statement

    async def page_for_user(
        self, user_id: uuid.UUID, page: PageParams, *, only: uuid.UUID | None = None
    ) -> tuple[list[Workspace], str | None]:
        return await paginate(self.session, self._visible_to(user_id, only), page, WORKSPACE_SORTS)

    async def roles_of(
        self, user_id: uuid.UUID, workspace_ids: list[uuid.UUID]
    ) -> dict[uuid.UUID, str]:
        rows = await self.session.execute(
            select(Member.workspace_id, Member.role).where(
                Member.user_id == user_id, Member.workspace_id.in_(workspace_ids)
            )
        )
        return dict(rows.all())

    async def delete(self, workspace: Workspace) -> None:
        await self.session.execute(delete(Workspace).where(Workspace.id == workspace.id))
