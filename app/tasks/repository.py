import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ScalarSelect,
    Select,
    String,
    Table,
    bindparam,
    cast,
    delete,
    distinct,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import Exists

from app.core.clock import utcnow
from app.kit.pagination import PageParams, Sortable, paginate
from app.kit.repository import TenantRepository, same_workspace
from app.kit.sql import json_array_agg
from app.models import (
    Label,
    Member,
    Project,
    Task,
    TaskAssignee,
    TaskLabel,
    TimeEntry,
    WorkflowStatus,
)

TASK_SORTS = Sortable(
    fields={
        "created_at": Task.created_at,
        "updated_at": Task.updated_at,
        "due_date": Task.due_date,
        "start_date": Task.start_date,
        "finish_date": Task.finish_date,
        "title": Task.title,
        "position": Task.position,
        "number": Task.number,
        # none < low < medium < high < urgent: `-priority` puts urgent work first.
        "priority": Task.priority_rank,
    },
    default="created_at",
    tiebreak=Task.id,
)
OPEN_CATEGORIES = ("backlog", "todo", "in_progress")


@dataclass(frozen=True)
class TaskLinks:
    """What a task shows beside its own columns; ids as the database aggregated them."""

    key: str
    assignee_ids: list[Any]
    label_ids: list[Any]


@dataclass(frozen=True)
class TaskFilters:
    project_id: uuid.UUID | None = None
    status_id: uuid.UUID | None = None
    status_category: str | None = None
    assignee_id: uuid.UUID | None = None
    label_id: uuid.UUID | None = None
    priorities: tuple[str, ...] = ()
    parent_id: uuid.UUID | None = None
    due_after: date | None = None
    due_before: date | None = None
    updated_since: datetime | None = None
    text: str | None = None

    def bound(self) -> dict[str, Any]:
        """The filters given, by name (the bind parameters of `_matching`)."""
        given = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.text:
            given["text"] = _like_pattern(self.text)
        return {name: value for name, value in given.items() if value not in (None, (), "")}


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _task_key() -> ScalarSelect[Any]:
    # A subquery rather than a join: PostgreSQL evaluates it for the rows of the page only,
    # where a join would look the project up for every candidate row before the LIMIT.
    return (
        select(Project.key + "-" + cast(Task.number, String))
        .where(same_workspace(Project.id, Task.project_id))
        .scalar_subquery()
    )


def _linked_ids(column: InstrumentedAttribute[uuid.UUID]) -> ScalarSelect[Any]:
    """The task's ids in `column` of a link table (assignees, labels), as a JSON array."""
    link = column.class_
    return (
        select(json_array_agg(column))
        .where(same_workspace(link.task_id, Task.id))
        .scalar_subquery()
    )


def _linked_to(column: InstrumentedAttribute[uuid.UUID], parameter: str) -> Exists:
    """The task has a row in `column`'s link table whose id is the bound `parameter`."""
    link = column.class_
    return exists().where(
        link.workspace_id == bindparam("workspace_id"),
        link.task_id == Task.id,
        column == bindparam(parameter),
    )


def _listed() -> Select[Any]:
    """A task's columns with the rest of what it shows (key, assignees, labels) under the
    names of schemas.Task, so a page is one statement and its rows validate as they are."""
    task = Task.__table__
    assert isinstance(task, Table)
    return select(
        *task.columns,
        _task_key().label("key"),
        _linked_ids(TaskAssignee.member_id).label("assignee_ids"),
        _linked_ids(TaskLabel.label_id).label("label_ids"),
    )


# Built once: statements are immutable, and building this one cost more than running it.
LISTED = _listed()
TASK_KEY: tuple[Any, ...] = (Task.workspace_id, Task.id)


@lru_cache(maxsize=256)
def _matching(given: frozenset[str]) -> Select[Any]:
    """The keys of the tasks that pass the filters named in `given`, as bind parameters of the
    same names: one statement per combination of filters, built and compiled once. A page of
    them is chosen first and `LISTED` reads those tasks only: ix_task_project_status answers
    the project, status and default order without reading the tasks it passes over."""
    statement = select(*TASK_KEY).where(Task.workspace_id == bindparam("workspace_id"))
    if "project_id" in given:
        statement = statement.where(Task.project_id == bindparam("project_id"))
    if "status_id" in given:
        statement = statement.where(Task.status_id == bindparam("status_id"))
    if "status_category" in given:
        statuses = select(WorkflowStatus.id).where(
            WorkflowStatus.workspace_id == bindparam("workspace_id"),
            WorkflowStatus.category == bindparam("status_category"),
        )
        if "project_id" in given:
            statuses = statuses.where(WorkflowStatus.project_id == bindparam("project_id"))
        statement = statement.where(Task.status_id.in_(statuses))
    if "assignee_id" in given:
        statement = statement.where(_linked_to(TaskAssignee.member_id, "assignee_id"))
    if "label_id" in given:
        statement = statement.where(_linked_to(TaskLabel.label_id, "label_id"))
    if "priorities" in given:
        statement = statement.where(Task.priority.in_(bindparam("priorities", expanding=True)))
    if "parent_id" in given:
        statement = statement.where(Task.parent_id == bindparam("parent_id"))
    if "due_after" in given:
        statement = statement.where(Task.due_date >= bindparam("due_after"))
    if "due_before" in given:
        statement = statement.where(Task.due_date <= bindparam("due_before"))
    if "updated_since" in given:
        statement = statement.where(Task.updated_at >= bindparam("updated_since"))
    if "text" in given:
        statement = statement.where(
            or_(
                Task.title.ilike(bindparam("text"), escape="\\"),
                Task.description.ilike(bindparam("text"), escape="\\"),
            )
        )
    return statement


class TaskRepository(TenantRepository[Task]):
    model = Task

    async def tasks_with_time(self, workspace_id: uuid.UUID, task_ids: Sequence[uuid.UUID]) -> int:
        """How many of the tasks have time logged on them (or a timer running)."""
        count = await self.session.scalar(
            select(func.count(distinct(TimeEntry.task_id))).where(
                TimeEntry.workspace_id == workspace_id, TimeEntry.task_id.in_(task_ids)
            )
        )
        return count or 0

    async def by_key(self, workspace_id: uuid.UUID, project_key: str, number: int) -> Task | None:
        return await self.session.scalar(
            self.statement(workspace_id)
            .join(Project, same_workspace(Project.id, Task.project_id))
            .where(Project.key == project_key, Task.number == number)
        )

    async def many(
        self, workspace_id: uuid.UUID, task_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, Task]:
        rows = await self.session.scalars(
            self.statement(workspace_id).where(Task.id.in_(set(task_ids)))
        )
        return {task.id: task for task in rows}

    async def many_by_key(
        self, workspace_id: uuid.UUID, keys: Iterable[tuple[str, int]]
    ) -> dict[tuple[str, int], Task]:
        wanted = set(keys)
        if not wanted:
            return {}
        rows = await self.session.execute(
            self.columns(workspace_id, Project.key, Task)
            .join(Project, same_workspace(Project.id, Task.project_id))
            .where(
                Project.key.in_({key for key, _ in wanted}),
                Task.number.in_({number for _, number in wanted}),
            )
        )
        found = {(key, task.number): task for key, task in rows}
        return {k: v for k, v in found.items() if k in wanted}

    async def page(
        self, workspace_id: uuid.UUID, filters: TaskFilters, params: PageParams
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of listed rows (see `listed`)."""
        bound = filters.bound() | {"workspace_id": workspace_id}
        statement = _matching(frozenset(bound))
        return await paginate(self.session, statement, params, TASK_SORTS, bound, LISTED)

    async def page_open_for_user(
        self, user_id: uuid.UUID, params: PageParams, *, only_workspace: uuid.UUID | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Open tasks assigned to the user in any workspace they belong to, as listed rows:
        across workspaces, as "my tasks" gathers a person's work from all of theirs."""
        mine = (
            select(TaskAssignee.task_id)
            .join(Member, same_workspace(Member.id, TaskAssignee.member_id))
            .where(Member.user_id == user_id)
        )
        open_statuses = select(WorkflowStatus.id).where(
            WorkflowStatus.category.in_(OPEN_CATEGORIES)
        )
        statement = LISTED.where(Task.id.in_(mine), Task.status_id.in_(open_statuses))
        if only_workspace is not None:
            statement = statement.where(Task.workspace_id == only_workspace)
        return await paginate(self.session, statement, params, MY_TASK_SORTS)

    async def links(self, tasks: Sequence[Task]) -> dict[uuid.UUID, TaskLinks]:
        """Each task's key, assignees and labels, in one round trip."""
        if not tasks:
            return {}
        rows = await self.session.execute(
            select(
                Task.id,
                _task_key(),
                _linked_ids(TaskAssignee.member_id),
                _linked_ids(TaskLabel.label_id),
            ).where(
                Task.workspace_id.in_({t.workspace_id for t in tasks}),
                Task.id.in_({t.id for t in tasks}),
            )
        )
        return {
            task_id: TaskLinks(key, assignee_ids, label_ids)
            for task_id, key, assignee_ids, label_ids in rows
        }

    async def assignees(
        self, workspace_id: uuid.UUID, task_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        return await self.grouped_ids(
            workspace_id, TaskAssignee.task_id, TaskAssignee.member_id, task_ids
        )

    async def labels(
        self, workspace_id: uuid.UUID, task_ids: Sequence[uuid.UUID]
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        return await self.grouped_ids(workspace_id, TaskLabel.task_id, TaskLabel.label_id, task_ids)

    async def tasks_linked_to(
        self,
        workspace_id: uuid.UUID,
        *,
        label_id: uuid.UUID | None = None,
        member_id: uuid.UUID | None = None,
    ) -> list[tuple[uuid.UUID, uuid.UUID]]:
        """(task id, project id) of the tasks carrying a label or assigned to a member."""
        link = (
            select(TaskLabel.task_id).where(
                TaskLabel.workspace_id == workspace_id, TaskLabel.label_id == label_id
            )
            if label_id is not None
            else select(TaskAssignee.task_id).where(
                TaskAssignee.workspace_id == workspace_id, TaskAssignee.member_id == member_id
            )
        )
        rows = await self.session.execute(
            self.columns(workspace_id, Task.id, Task.project_id).where(
                Task.id.in_(link.scalar_subquery())
            )
        )
        return [(task_id, project_id) for task_id, project_id in rows]

    async def touch(self, workspace_id: uuid.UUID, task_ids: Sequence[uuid.UUID]) -> None:
        """A new version for tasks changed through their links, not their own row."""
        if not task_ids:
            return
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Task.id.in_(set(task_ids)))
            .values(version=Task.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )

    async def replace_assignees(
        self, workspace_id: uuid.UUID, task_id: uuid.UUID, member_ids: Sequence[uuid.UUID]
    ) -> None:
        await self.replace_links(
            workspace_id, TaskAssignee.task_id, task_id, TaskAssignee.member_id, member_ids
        )

    async def replace_labels(
        self, workspace_id: uuid.UUID, task_id: uuid.UUID, label_ids: Sequence[uuid.UUID]
    ) -> None:
        await self.replace_links(
            workspace_id, TaskLabel.task_id, task_id, TaskLabel.label_id, label_ids
        )

    async def known_members(
        self, workspace_id: uuid.UUID, ids: Iterable[uuid.UUID]
    ) -> set[uuid.UUID]:
        return await self.known_ids(workspace_id, Member.id, ids)

    async def known_labels(
        self, workspace_id: uuid.UUID, ids: Iterable[uuid.UUID]
    ) -> set[uuid.UUID]:
        return await self.known_ids(workspace_id, Label.id, ids)

    async def status_categories(
        self, workspace_id: uuid.UUID, status_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, tuple[uuid.UUID, str]]:
        """status id → (its project id, its category)."""
        rows = await self.session.execute(
            select(WorkflowStatus.id, WorkflowStatus.project_id, WorkflowStatus.category).where(
                WorkflowStatus.workspace_id == workspace_id, WorkflowStatus.id.in_(set(status_ids))
            )
        )
        return {status_id: (project_id, category) for status_id, project_id, category in rows}

    async def default_status(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID
    ) -> WorkflowStatus | None:
        statuses = list(
            await self.session.scalars(
                select(WorkflowStatus)
                .where(
                    WorkflowStatus.workspace_id == workspace_id,
                    WorkflowStatus.project_id == project_id,
                )
                .order_by(WorkflowStatus.position)
            )
        )
        return next(
            (s for s in statuses if s.category == "todo"), statuses[0] if statuses else None
        )

    async def last_position(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> float:
        value = await self.session.scalar(
            self.columns(workspace_id, func.max(Task.position)).where(Task.project_id == project_id)
        )
        return float(value or 0.0)

    async def parents(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID
    ) -> dict[uuid.UUID, uuid.UUID | None]:
        rows = await self.session.execute(
            self.columns(workspace_id, Task.id, Task.parent_id).where(Task.project_id == project_id)
        )
        return {task_id: parent_id for task_id, parent_id in rows}

    async def child_ids(self, workspace_id: uuid.UUID, parent_id: uuid.UUID) -> list[uuid.UUID]:
        return list(
            await self.session.scalars(
                self.columns(workspace_id, Task.id).where(Task.parent_id == parent_id)
            )
        )

    async def detach_children(self, workspace_id: uuid.UUID, parent_id: uuid.UUID) -> None:
        await self.session.execute(
            self.update_statement(workspace_id)
            .where(Task.parent_id == parent_id)
            .values(parent_id=None, version=Task.version + 1)
            .execution_options(synchronize_session=False)
        )

    async def delete_many(self, workspace_id: uuid.UUID, task_ids: Sequence[uuid.UUID]) -> None:
        await self.session.execute(
            delete(Task)
            .where(Task.workspace_id == workspace_id, Task.id.in_(set(task_ids)))
            .execution_options(synchronize_session=False)
        )


MY_TASK_SORTS = Sortable(
    fields={
        "due_date": Task.due_date,
        "created_at": Task.created_at,
        "updated_at": Task.updated_at,
    },
    default="due_date",
    tiebreak=Task.id,
)
