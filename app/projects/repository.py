import uuid
from collections.abc import Sequence

from sqlalchemy import func, select

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository, same_workspace
from app.models import (
    Member,
    PhaseTransition,
    Project,
    Task,
    Team,
    WorkflowStatus,
    Workspace,
)

# Categories in which a task is finished; every other category counts as open work.
CLOSED_CATEGORIES = ("done", "cancelled")


class ProjectRepository(TenantRepository[Project]):
    model = Project
    sorts = Sortable.by(
        Project.name, Project.key, Project.created_at, Project.start_date, Project.target_date
    )

    async def task_counts(
        self, workspace_id: uuid.UUID, project_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, int]]:
        """Per project, how many of its tasks are in each status category (one statement)."""
        rows = await self.session.execute(
            select(Task.project_id, WorkflowStatus.category, func.count())
            .join(WorkflowStatus, same_workspace(WorkflowStatus.id, Task.status_id))
            .where(Task.workspace_id == workspace_id, Task.project_id.in_(set(project_ids)))
            .group_by(Task.project_id, WorkflowStatus.category)
        )
        counts: dict[uuid.UUID, dict[str, int]] = {}
        for project_id, category, count in rows:
            counts.setdefault(project_id, {})[category] = count
        return counts

    async def key_taken(self, workspace_id: uuid.UUID, key: str) -> bool:
        return await self.exists(workspace_id, Project.key == key)

    async def clear_owner(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> None:
        """Projects owned by a member who leaves keep going without an owner."""
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Project.owner_id == member_id)
            .values(owner_id=None, version=Project.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def take_task_numbers(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, count: int
    ) -> int:
        """Reserve `count` consecutive task numbers of an existing project; answer the first.

        One UPDATE ... RETURNING, so concurrent callers never share a number. The counter is
        bookkeeping, not an edit of the project: its version and updated_at stay as they are.
        """
        next_number = await self.session.scalar(
            self.update_statement(workspace_id)
            .where(Project.id == project_id)
            .values(
                next_task_number=Project.next_task_number + count,
                updated_at=Project.updated_at,
            )
            .returning(Project.next_task_number)
            .execution_options(synchronize_session=False)
        )
        if next_number is None:
            raise LookupError(f"project {project_id} not found")
        return int(next_number) - count

    async def workspace_timezone(self, workspace_id: uuid.UUID) -> str:
        timezone = await self.session.scalar(
            select(Workspace.timezone).where(Workspace.id == workspace_id)
        )
        return timezone or "UTC"

    async def member_exists(self, workspace_id: uuid.UUID, member_id: uuid.UUID) -> bool:
        return await self.session.get(Member, (workspace_id, member_id)) is not None

    async def team_exists(self, workspace_id: uuid.UUID, team_id: uuid.UUID) -> bool:
        return await self.session.get(Team, (workspace_id, team_id)) is not None

    async def open_task_count(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(Task)
            .join(WorkflowStatus, same_workspace(WorkflowStatus.id, Task.status_id))
            .where(
                Task.workspace_id == workspace_id,
                Task.project_id == project_id,
                WorkflowStatus.category.not_in(CLOSED_CATEGORIES),
            )
        )
        return int(count or 0)


class PhaseTransitionRepository(TenantRepository[PhaseTransition]):
    """A project's phase history."""

    model = PhaseTransition
    # UUIDv7 ids are time-ordered: sorting by id lists transitions as they came.
    sorts = Sortable.by(PhaseTransition.id)
