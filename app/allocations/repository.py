import uuid
from datetime import date

from sqlalchemy import select

from app.kit.pagination import PageParams, Sortable
from app.kit.repository import TenantRepository, overlapping
from app.models import Allocation, Resource


class AllocationRepository(TenantRepository[Allocation]):
    model = Allocation
    sorts = Sortable.by(Allocation.start_date, Allocation.end_date)

    async def page(
        self,
        workspace_id: uuid.UUID,
        params: PageParams,
        *,
        resource_id: uuid.UUID | None,
        team_id: uuid.UUID | None,
        project_id: uuid.UUID | None,
        task_id: uuid.UUID | None,
        first: date | None,
        last: date | None,
    ) -> tuple[list[Allocation], str | None]:
        statement = self.matching(
            workspace_id, resource_id=resource_id, project_id=project_id, task_id=task_id
        ).where(*overlapping(Allocation.start_date, Allocation.end_date, first, last))
        if team_id is not None:
            statement = statement.where(
                Allocation.resource_id.in_(
                    select(Resource.id).where(
                        Resource.workspace_id == workspace_id, Resource.team_id == team_id
                    )
                )
            )
        return await self.paged(statement, params)
