"""The one shape of a repository: every query of a tenant table starts from one workspace.

`TenantRepository[M]` holds what every repository repeated: the session, the row by its key
within the workspace, add, delete, and `statement(workspace_id)`, the workspace's rows of M
that a query narrows further. The workspace is an argument of every method, as the caller
always has it (`principal.workspace_id`, `row.workspace_id`), so a query cannot leave it out
by accident. A repository that must read across workspaces (credentials found by their digest
before any workspace is known, a user's own inbox, upkeep over every tenant) derives from
`Repository` alone, or keeps that query apart, and says why.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from enum import Enum
from typing import Any, ClassVar, Generic, Protocol, TypeVar, overload

from sqlalchemy import (
    ColumnElement,
    Select,
    SQLColumnExpression,
    Update,
    and_,
    delete,
    exists,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, declared_attr

from app.kit.pagination import PageParams, Sortable, paginate


class _TenantOwned(Protocol):
    @declared_attr
    def workspace_id(cls) -> Mapped[uuid.UUID]: ...


class _KeyedByWorkspace(Protocol):
    workspace_id: Mapped[uuid.UUID]


# A row of one workspace: a `TenantOwned` model, or a table whose key starts with the workspace.
M = TypeVar("M", bound=_TenantOwned | _KeyedByWorkspace)
R = TypeVar("R")
T = TypeVar("T")


class Repository:
    """The session a repository's queries run on; it flushes, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session


class TenantRepository(Repository, Generic[M]):
    """The queries of `model`, each within one workspace."""

    model: type[M]
    # The orders a list of the rows may take (`?sort=`), for a repository that lists them.
    sorts: ClassVar[Sortable]

    def in_workspace(self, workspace_id: uuid.UUID) -> ColumnElement[bool]:
        """The condition every statement of the repository starts with."""
        return self.model.workspace_id == workspace_id

    def statement(self, workspace_id: uuid.UUID) -> Select[M]:
        """The workspace's rows of the model: where every query of them starts."""
        return select(self.model).where(self.in_workspace(workspace_id))

    def matching(self, workspace_id: uuid.UUID, **equal: Any) -> Select[M]:
        """The workspace's rows whose columns equal the values given, by column name: a list's
        optional filters, where None is a filter not given (not a match for NULL) and an enum
        stands for its stored value."""
        given = {
            name: value.value if isinstance(value, Enum) else value
            for name, value in equal.items()
            if value is not None
        }
        return self.statement(workspace_id).filter_by(**given)

    def update_statement(self, workspace_id: uuid.UUID) -> Update:
        """An UPDATE of the workspace's rows of the model, for changes made in bulk."""
        return update(self.model).where(self.in_workspace(workspace_id))

    @overload
    def columns(self, workspace_id: uuid.UUID, column: SQLColumnExpression[T], /) -> Select[T]: ...
    @overload
    def columns(self, workspace_id: uuid.UUID, *columns: Any) -> Select[Any]: ...
    def columns(self, workspace_id: uuid.UUID, *columns: Any) -> Select[Any]:
        """`columns` (of the model, or expressions over them) of the workspace's rows."""
        return select(*columns).where(self.in_workspace(workspace_id))

    async def paged(
        self, statement: Select[Any], params: PageParams
    ) -> tuple[list[Any], str | None]:
        """One page of `statement` (the workspace's rows, narrowed) in an order of `sorts`, and
        the cursor of the next page."""
        return await paginate(self.session, statement, params, self.sorts)

    async def page_matching(
        self, workspace_id: uuid.UUID, params: PageParams, **equal: Any
    ) -> tuple[list[M], str | None]:
        """One page of the workspace's rows whose columns equal the values given (None: a
        filter not given), as `matching` selects them: a list with no filter of its own."""
        return await self.paged(self.matching(workspace_id, **equal), params)

    async def add(self, row: R) -> R:
        self.session.add(row)
        await self.session.flush()
        return row

    async def add_all(self, rows: Iterable[object]) -> None:
        self.session.add_all(rows)
        await self.session.flush()

    async def delete(self, row: object) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def replace_links(
        self,
        workspace_id: uuid.UUID,
        key: InstrumentedAttribute[uuid.UUID],
        key_id: uuid.UUID,
        value: InstrumentedAttribute[uuid.UUID],
        value_ids: Iterable[uuid.UUID],
    ) -> None:
        """Make `value_ids` (each once) all the links of `key_id` in a link table of the
        workspace: a task's assignees, `replace_links(wid, TaskAssignee.task_id, task_id,
        TaskAssignee.member_id, member_ids)`."""
        link: Any = key.class_
        await self.session.execute(
            delete(link).where(link.workspace_id == workspace_id, key == key_id)
        )
        self.session.add_all(
            link(workspace_id=workspace_id, **{key.key: key_id, value.key: value_id})
            for value_id in dict.fromkeys(value_ids)
        )

    async def remove_link(self, link: type, workspace_id: uuid.UUID, **key: uuid.UUID) -> bool:
        """Delete the workspace's row of a link table with this key (`task_id=task_id,
        member_id=member_id`); whether there was one."""
        result = await self.session.execute(
            delete(link).filter_by(workspace_id=workspace_id, **key)
        )
        return bool(getattr(result, "rowcount", 0))

    async def grouped_ids(
        self,
        workspace_id: uuid.UUID,
        key: InstrumentedAttribute[uuid.UUID],
        value: InstrumentedAttribute[uuid.UUID],
        keys: Iterable[uuid.UUID],
    ) -> dict[uuid.UUID, list[uuid.UUID]]:
        """The `value` ids of each of `keys` in a link table of the workspace (a task's
        assignees, a team's members), in `value` order; none for a key without links."""
        wanted = set(keys)
        grouped: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        if not wanted:
            return grouped
        link = key.class_
        rows = await self.session.execute(
            select(key, value)
            .where(link.workspace_id == workspace_id, key.in_(wanted))
            .order_by(value)
        )
        for key_id, value_id in rows:
            grouped[key_id].append(value_id)
        return grouped

    async def known_ids(
        self,
        workspace_id: uuid.UUID,
        id_column: InstrumentedAttribute[uuid.UUID],
        ids: Iterable[uuid.UUID],
    ) -> set[uuid.UUID]:
        """Which of `ids` are rows of `id_column`'s table in the workspace (references to check)."""
        wanted = set(ids)
        if not wanted:
            return set()
        table = id_column.class_
        rows = await self.session.scalars(
            select(id_column).where(table.workspace_id == workspace_id, id_column.in_(wanted))
        )
        return set(rows)

    async def get(self, workspace_id: uuid.UUID, *key: uuid.UUID) -> M | None:
        """The row whose primary key is `(workspace_id, *key)` (the identity map first)."""
        return await self.session.get(self.model, (workspace_id, *key))

    async def get_under(
        self, workspace_id: uuid.UUID, row_id: uuid.UUID, **parent: uuid.UUID
    ) -> M | None:
        """The row `row_id` if it belongs to the parent given (`project_id=project.id`): a row
        reached by its parent's path, which no other parent's path finds."""
        row = await self.get(workspace_id, row_id)
        if row is None or any(getattr(row, key) != value for key, value in parent.items()):
            return None
        return row

    async def find(
        self, workspace_id: uuid.UUID, *conditions: SQLColumnExpression[bool]
    ) -> M | None:
        """The workspace's row that meets `conditions` (a unique key), or None."""
        return await self.session.scalar(self.statement(workspace_id).where(*conditions))

    async def exists(self, workspace_id: uuid.UUID, *conditions: SQLColumnExpression[bool]) -> bool:
        """Whether any of the workspace's rows meets `conditions`."""
        found = exists().where(self.in_workspace(workspace_id), *conditions)
        return bool(await self.session.scalar(select(found)))


def overlapping(start: Any, end: Any, first: Any, last: Any) -> list[ColumnElement[bool]]:
    """Spans from `start` to `end` that share a day with `first` to `last`; a bound that is None
    is not applied."""
    conditions = []
    if first is not None:
        conditions.append(end >= first)
    if last is not None:
        conditions.append(start <= last)
    return conditions


def in_range(column: Any, first: Any, last: Any) -> list[ColumnElement[bool]]:
    """`first <= column <= last`; a bound that is None is not applied."""
    return overlapping(column, column, first, last)


def same_workspace(column: Any, other: Any) -> ColumnElement[bool]:
    """`column = other` for rows of one workspace: the condition of a composite tenant key
    (`same_workspace(Project.id, Task.project_id)`), in a join or a correlated subquery."""
    return and_(
        column.table.c.workspace_id == other.table.c.workspace_id,
        column == other,
    )
