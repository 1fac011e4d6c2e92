import uuid
from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import Select, exists, select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.kit.pagination import Sortable
from app.kit.repository import TenantRepository, same_workspace
from app.models import Project, RecurringRule, Task, TimeEntry, WorkflowStatus, Workspace


class RecurringRuleRepository(TenantRepository[RecurringRule]):
    model = RecurringRule
    sorts = Sortable.by(RecurringRule.title)

    async def release_tasks(self, rule: RecurringRule) -> None:
        """The tasks the rule made stay, as ordinary tasks, when it is deleted."""
        await self.session.execute(
            update(Task)
            .where(Task.workspace_id == rule.workspace_id, Task.recurring_rule_id == rule.id)
            .values(recurring_rule_id=None, occurrence_date=None)
            .execution_options(synchronize_session=False)
        )

    async def mark_materialized(self, rule: RecurringRule, until: date) -> None:
        """Bookkeeping, not an edit: the rule keeps its version, so clients' ETags stay valid."""
        await self.session.execute(
            self.update_statement(rule.workspace_id)
            .where(RecurringRule.id == rule.id)
            .values(materialized_until=until)
            .execution_options(synchronize_session=False)
        )
        set_committed_value(rule, "materialized_until", until)

    async def record_failures(
        self,
        workspace_id: uuid.UUID,
        rule_id: uuid.UUID,
        failures: int,
        last_error: str | None,
        failed_at: datetime | None = None,
    ) -> None:
        """Bookkeeping of top-ups, like `mark_materialized`: the rule keeps its version."""
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(RecurringRule.id == rule_id)
            .values(failures=failures, last_error=last_error, failed_at=failed_at)
            .execution_options(synchronize_session=False)
        )

    async def materialized_dates(
        self, workspace_id: uuid.UUID, rule_id: uuid.UUID, dates: Sequence[date]
    ) -> set[date]:
        if not dates:
            return set()
        rows = await self.session.scalars(
            select(Task.occurrence_date).where(
                Task.workspace_id == workspace_id,
                Task.recurring_rule_id == rule_id,
                Task.occurrence_date.in_(dates),
            )
        )
        return {d for d in rows if d is not None}

    def _due_for_top_up(self, horizon_floor: date) -> Select[RecurringRule, Project, str]:
        return (
            select(RecurringRule, Project, Workspace.timezone)
            .join(Project, same_workspace(Project.id, RecurringRule.project_id))
            .join(Workspace, Workspace.id == RecurringRule.workspace_id)
            .where(
                RecurringRule.active.is_(True),
                Project.status == "active",
                (RecurringRule.materialized_until.is_(None))
                | (RecurringRule.materialized_until < horizon_floor),
            )
        )

    async def claim_for_top_up(
        self, horizon_floor: date, batch: int, *, skip: Collection[uuid.UUID] = ()
    ) -> list[tuple[RecurringRule, Project, str]]:
        """Rules whose horizon ends before `horizon_floor`, except those in `skip` and those
        given up on, locked so that concurrent workers (several API replicas on PostgreSQL)
        take different rules. Across every workspace: the upkeep job serves all tenants at
        once, and each rule carries its own workspace."""
        statement = self._due_for_top_up(horizon_floor).where(RecurringRule.failed_at.is_(None))
        if skip:
            statement = statement.where(RecurringRule.id.not_in(skip))
        statement = statement.limit(batch).with_for_update(of=RecurringRule, skip_locked=True)
        result = await self.session.execute(statement)
        return [(row[0], row[1], row[2]) for row in result.all()]

    async def unstarted_occurrences(
        self, workspace_id: uuid.UUID, rule_id: uuid.UUID, since: date
    ) -> list[tuple[uuid.UUID, date]]:
        """The rule's tasks from `since` on that nobody has started: still in a backlog or to-do
        status, with no time logged and no subtasks."""
        child = Task.__table__.alias("child")
        rows = await self.session.execute(
            select(Task.id, Task.occurrence_date)
            .join(WorkflowStatus, same_workspace(WorkflowStatus.id, Task.status_id))
            .where(
                Task.workspace_id == workspace_id,
                Task.recurring_rule_id == rule_id,
                Task.occurrence_date >= since,
                WorkflowStatus.category.in_(("backlog", "todo")),
                ~exists().where(
                    TimeEntry.workspace_id == workspace_id, TimeEntry.task_id == Task.id
                ),
                ~exists().where(child.c.workspace_id == workspace_id, child.c.parent_id == Task.id),
            )
        )
        return [(task_id, day) for task_id, day in rows if day is not None]
