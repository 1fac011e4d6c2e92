import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func, literal, select, update

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository
from app.models import Task, WorkflowStatus


class StatusRepository(TenantRepository[WorkflowStatus]):
    """A project's workflow statuses, and the tasks filed under them."""

    model = WorkflowStatus
    sorts = Sortable.by(WorkflowStatus.position)

    async def of_project(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID
    ) -> list[WorkflowStatus]:
        """The project's statuses in board order."""
        rows = await self.session.scalars(
            self.statement(workspace_id)
            .where(WorkflowStatus.project_id == project_id)
            .order_by(WorkflowStatus.position, WorkflowStatus.id)
        )
        return list(rows)

    async def last_position(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> float | None:
        return await self.session.scalar(
            self.columns(workspace_id, func.max(WorkflowStatus.position)).where(
                WorkflowStatus.project_id == project_id
            )
        )

    async def name_taken(
        self,
        workspace_id: uuid.UUID,
        project_id: uuid.UUID,
        name: str,
        *,
        exclude: uuid.UUID | None = None,
    ) -> bool:
        """Whether another status of the project has this name, ignoring case."""
        same_name = [
            WorkflowStatus.project_id == project_id,
            func.lower(WorkflowStatus.name) == name.lower(),
        ]
        if exclude is not None:
            same_name.append(WorkflowStatus.id != exclude)
        return await self.exists(workspace_id, *same_name)

    async def tasks_in_status(
        self, workspace_id: uuid.UUID, status_id: uuid.UUID
    ) -> list[tuple[uuid.UUID, datetime | None]]:
        """`(task id, completed_at)` of the status's tasks, locked until the transaction ends."""
        rows = await self.session.execute(
            select(Task.id, Task.completed_at)
            .where(Task.workspace_id == workspace_id, Task.status_id == status_id)
            .order_by(Task.id)
            .with_for_update()
        )
        return [(task_id, completed_at) for task_id, completed_at in rows]

    async def move_tasks(
        self,
        workspace_id: uuid.UUID,
        status_id: uuid.UUID,
        *,
        to_status_id: uuid.UUID,
        done: bool,
        now: datetime,
    ) -> None:
        """Put every task of `status_id` into `to_status_id` in one UPDATE, keeping
        `completed_at` true to the category: stamped on entering done, cleared on leaving it.

        With `to_status_id == status_id` (the status changed category) only the tasks whose
        `completed_at` is now wrong are touched."""
        completed_at: Any = (
            func.coalesce(Task.completed_at, literal(now, Task.completed_at.type)) if done else None
        )
        statement = update(Task).where(
            Task.workspace_id == workspace_id, Task.status_id == status_id
        )
        if to_status_id == status_id:
            statement = statement.where(
                Task.completed_at.is_(None) if done else Task.completed_at.is_not(None)
            )
        await self.session.execute(
            statement.values(
                status_id=to_status_id,
                completed_at=completed_at,
                version=Task.version + 1,
                updated_at=now,
            ).execution_options(synchronize_session=False)
        )
