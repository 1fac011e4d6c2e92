import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, select

from app.kit.repository import TenantRepository, same_workspace
from app.models import Task, TaskAssignee, WorkflowStatus


@dataclass(frozen=True)
class TaskLoad:
    priority: str
    estimate_hours: Decimal | None
    category: str
    member_ids: tuple[uuid.UUID, ...]


class LevelingRepository(TenantRepository[Task]):
    """The tasks of a project as leveling weighs them."""

    model = Task

    async def task_loads(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID
    ) -> dict[uuid.UUID, TaskLoad]:
        """Priority, estimate, status category and assignees of the project's tasks."""
        rows = await self.session.execute(
            self.columns(
                workspace_id, Task.id, Task.priority, Task.estimate_hours, WorkflowStatus.category
            )
            .join(WorkflowStatus, same_workspace(WorkflowStatus.id, Task.status_id))
            .where(Task.project_id == project_id)
        )
        assignees = await self.session.execute(
            select(TaskAssignee.task_id, TaskAssignee.member_id)
            .join(Task, and_(Task.workspace_id == workspace_id, Task.id == TaskAssignee.task_id))
            .where(TaskAssignee.workspace_id == workspace_id, Task.project_id == project_id)
            .order_by(TaskAssignee.task_id, TaskAssignee.member_id)
        )
        members: dict[uuid.UUID, list[uuid.UUID]] = {}
        for task_id, member_id in assignees:
            members.setdefault(task_id, []).append(member_id)
        return {
            task_id: TaskLoad(priority, estimate, category, tuple(members.get(task_id, ())))
            for task_id, priority, estimate, category in rows
        }

    async def tasks(self, workspace_id: uuid.UUID, task_ids: Iterable[uuid.UUID]) -> Sequence[Task]:
        ids = set(task_ids)
        if not ids:
            return []
        found = await self.session.scalars(self.statement(workspace_id).where(Task.id.in_(ids)))
        return found.all()
