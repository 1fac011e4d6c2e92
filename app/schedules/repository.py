"""Reads and writes of the scheduler: plain columns in bulk, never ORM rows one by one.

Rescheduling sits below every domain that changes dates (tasks, dependencies, projects,
calendars, leveling call it), so it reads what it needs of their tables here, itself."""

import uuid
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, bindparam, func, select, update

from app.core.clock import utcnow
from app.kit.repository import TenantRepository, same_workspace
from app.models import Allocation, Calendar, CalendarException, Dependency, Project, Task


@dataclass(frozen=True)
class TaskRow:
    id: uuid.UUID
    project_id: uuid.UUID
    key: str
    start_date: date | None
    finish_date: date | None
    duration_days: int
    scheduling_mode: str
    constraint_type: str | None
    constraint_date: date | None
    leveling_delay_days: int


@dataclass(frozen=True)
class LinkRow:
    id: uuid.UUID
    predecessor_id: uuid.UUID
    successor_id: uuid.UUID
    type: str
    lag_days: int


# A link as the engine reads it, in the order of LinkRow's fields.
LINK_COLUMNS = (
    Dependency.id,
    Dependency.predecessor_id,
    Dependency.successor_id,
    Dependency.type,
    Dependency.lag_days,
)


@dataclass(frozen=True)
class DateChange:
    task_id: uuid.UUID
    start_date: date
    finish_date: date


class ScheduleRepository(TenantRepository[Task]):
    """A workspace's tasks and links as the scheduler reads and moves them."""

    model = Task

    async def project(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> Project | None:
        return await self.session.get(Project, (workspace_id, project_id))

    async def calendar(
        self, workspace_id: uuid.UUID, calendar_id: uuid.UUID | None
    ) -> Calendar | None:
        """The calendar, or the workspace's default one (None)."""
        if calendar_id is not None:
            return await self.session.get(Calendar, (workspace_id, calendar_id))
        return await self.session.scalar(
            select(Calendar).where(Calendar.workspace_id == workspace_id, Calendar.is_default)
        )

    async def exceptions(self, workspace_id: uuid.UUID, calendar_id: uuid.UUID) -> dict[date, bool]:
        rows = await self.session.execute(
            select(CalendarException.date, CalendarException.working).where(
                CalendarException.workspace_id == workspace_id,
                CalendarException.calendar_id == calendar_id,
            )
        )
        return {day: working for day, working in rows}

    async def task_id_by_key(
        self, workspace_id: uuid.UUID, project_key: str, number: int
    ) -> uuid.UUID | None:
        return await self.session.scalar(
            self.columns(workspace_id, Task.id)
            .join(Project, same_workspace(Project.id, Task.project_id))
            .where(Project.key == project_key, Task.number == number)
        )

    async def link(self, workspace_id: uuid.UUID, dependency_id: uuid.UUID) -> LinkRow | None:
        dependency = await self.session.get(Dependency, (workspace_id, dependency_id))
        if dependency is None:
            return None
        return LinkRow(
            dependency.id,
            dependency.predecessor_id,
            dependency.successor_id,
            dependency.type,
            dependency.lag_days,
        )

    async def pairs(self, workspace_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """Every (predecessor, successor) of the workspace: links may cross projects."""
        rows = await self.session.execute(
            select(Dependency.predecessor_id, Dependency.successor_id).where(
                Dependency.workspace_id == workspace_id
            )
        )
        return [(p, s) for p, s in rows]

    async def allocations_of(
        self, workspace_id: uuid.UUID, task_ids: Iterable[uuid.UUID]
    ) -> Sequence[Allocation]:
        ids = set(task_ids)
        if not ids:
            return []
        found = await self.session.scalars(
            select(Allocation).where(
                Allocation.workspace_id == workspace_id, Allocation.task_id.in_(ids)
            )
        )
        return found.all()

    async def tasks(
        self,
        workspace_id: uuid.UUID,
        task_ids: Iterable[uuid.UUID] | None = None,
        *,
        project_id: uuid.UUID | None = None,
    ) -> list[TaskRow]:
        statement = self.columns(
            workspace_id,
            Task.id,
            Task.project_id,
            Project.key,
            Task.number,
            Task.start_date,
            Task.finish_date,
            Task.duration_days,
            Task.scheduling_mode,
            Task.constraint_type,
            Task.constraint_date,
            Task.leveling_delay_days,
        ).join(Project, same_workspace(Project.id, Task.project_id))
        if project_id is not None:
            statement = statement.where(Task.project_id == project_id)
        if task_ids is not None:
            statement = statement.where(Task.id.in_(set(task_ids)))
        rows = await self.session.execute(statement)
        return [
            TaskRow(task_id, pid, f"{key}-{number}", *dates_and_rules)
            for task_id, pid, key, number, *dates_and_rules in rows
        ]

    async def count_tasks(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, at_most: int
    ) -> int:
        """The project's tasks, counted up to `at_most` (so a huge project costs no more)."""
        some = (
            self.columns(workspace_id, Task.id)
            .where(Task.project_id == project_id)
            .limit(at_most)
            .subquery()
        )
        return await self.session.scalar(select(func.count()).select_from(some)) or 0

    async def descendants(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, task_ids: Iterable[uuid.UUID]
    ) -> set[uuid.UUID]:
        """The tasks, and every task of the project they reach through links."""
        seeds = set(task_ids)
        if not seeds:
            return set()
        reached = (
            select(Dependency.successor_id.label("id"))
            .where(Dependency.workspace_id == workspace_id, Dependency.predecessor_id.in_(seeds))
            .cte("reached", recursive=True)
        )
        # The step reads only the link index, so each level is an index lookup per task.
        step = select(Dependency.successor_id).where(
            Dependency.workspace_id == workspace_id, Dependency.predecessor_id == reached.c.id
        )
        reached = reached.union(step)
        # Driven from the (small) reached set into the task key: an IN over the project's
        # tasks would read all of them when the planner misjudges the set's size.
        in_project = await self.session.scalars(
            select(Task.id)
            .select_from(reached)
            .join(Task, (Task.workspace_id == workspace_id) & (Task.id == reached.c.id))
            .where(Task.project_id == project_id)
        )
        return seeds | set(in_project)

    async def links_into_tasks(
        self, workspace_id: uuid.UUID, task_ids: Iterable[uuid.UUID]
    ) -> list[LinkRow]:
        rows = await self.session.execute(
            select(*LINK_COLUMNS).where(
                Dependency.workspace_id == workspace_id, Dependency.successor_id.in_(set(task_ids))
            )
        )
        return [LinkRow(*row) for row in rows]

    async def links_into(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> list[LinkRow]:
        """Links whose successor is a task of the project (their predecessors may be elsewhere)."""
        rows = await self.session.execute(
            select(*LINK_COLUMNS)
            .join(Task, same_workspace(Task.id, Dependency.successor_id))
            .where(Dependency.workspace_id == workspace_id, Task.project_id == project_id)
        )
        return [LinkRow(*row) for row in rows]

    async def successors(
        self,
        workspace_id: uuid.UUID,
        task_ids: Iterable[uuid.UUID],
        *,
        outside: uuid.UUID | None = None,
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(successor id, its project id) for links from these tasks, optionally only those
        into projects other than `outside`."""
        wanted = set(task_ids)
        if not wanted:
            return []
        statement = (
            select(Dependency.successor_id, Task.project_id)
            .join(Task, same_workspace(Task.id, Dependency.successor_id))
            .where(Dependency.workspace_id == workspace_id, Dependency.predecessor_id.in_(wanted))
        )
        if outside is not None:
            statement = statement.where(Task.project_id != outside)
        return [(successor, pid) for successor, pid in await self.session.execute(statement)]

    async def write_dates(
        self,
        workspace_id: uuid.UUID,
        changes: Sequence[DateChange],
        already_versioned: Collection[uuid.UUID] = (),
    ) -> None:
        """One executemany UPDATE for every moved task; each gets a new version once."""
        if not changes:
            return
        table = Task.__table__
        assert isinstance(table, Table)
        statement = (
            update(table)
            .where(table.c.workspace_id == bindparam("w"), table.c.id == bindparam("t"))
            .values(
                start_date=bindparam("s"),
                finish_date=bindparam("f"),
                version=table.c.version + bindparam("bump"),
                updated_at=bindparam("u"),
            )
        )
        now = utcnow()
        await self.session.execute(
            statement,
            [
                {
                    "w": workspace_id,
                    "t": c.task_id,
                    "s": c.start_date,
                    "f": c.finish_date,
                    "u": now,
                    "bump": 0 if c.task_id in already_versioned else 1,
                }
                for c in changes
            ],
        )
