import uuid

from sqlalchemy import or_, select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository
from app.models import Dependency, Task


class DependencyRepository(TenantRepository[Dependency]):
    model = Dependency
    sorts = Sortable.by(Dependency.created_at)

    async def between(
        self, workspace_id: uuid.UUID, predecessor_id: uuid.UUID, successor_id: uuid.UUID
    ) -> Dependency | None:
        return await self.find(
            workspace_id,
            Dependency.predecessor_id == predecessor_id,
            Dependency.successor_id == successor_id,
        )

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        task_id: uuid.UUID | None,
        project_id: uuid.UUID | None,
    ) -> tuple[list[Dependency], str | None]:
        statement = self.statement(workspace_id)
        if task_id is not None:
            statement = statement.where(
                or_(Dependency.predecessor_id == task_id, Dependency.successor_id == task_id)
            )
        if project_id is not None:
            in_project = select(Task.id).where(
                Task.workspace_id == workspace_id, Task.project_id == project_id
            )
            statement = statement.where(
                or_(
                    Dependency.predecessor_id.in_(in_project),
                    Dependency.successor_id.in_(in_project),
                )
            )
        return await self.paged(statement, params)
