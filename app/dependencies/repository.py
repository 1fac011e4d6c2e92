import uuid

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.pagination import PageParams, Sortable, paginate
from app.models import Dependency, Task

DEPENDENCY_SORTS = Sortable(
    fields={"created_at": Dependency.created_at}, default="created_at", tiebreak=Dependency.id
)


class DependencyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, dependency: Dependency) -> Dependency:
        self.session.add(dependency)
        await self.session.flush()
        return dependency

    async def get(self, workspace_id: uuid.UUID, dependency_id: uuid.UUID) -> Dependency | None:
        return await self.session.get(Dependency, (workspace_id, dependency_id))

    async def between(
        self, workspace_id: uuid.UUID, predecessor_id: uuid.UUID, successor_id: uuid.UUID
    ) -> Dependency | None:
        return await self.session.scalar(
            select(Dependency).where(
                Dependency.workspace_id == workspace_id,
                Dependency.predecessor_id == predecessor_id,
                Dependency.successor_id == successor_id,
            )
        )

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        task_id: uuid.UUID | None,
        project_id: uuid.UUID | None,
    ) -> tuple[list[Dependency], str | None]:
        statement = select(Dependency).where(Dependency.workspace_id == workspace_id)
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
        return await paginate(self.session, statement, params, DEPENDENCY_SORTS)

    async def delete(self, dependency: Dependency) -> None:
        await self.session.delete(dependency)
        await self.session.flush()
