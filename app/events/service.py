"""The event log (docs/design.md §6): every mutation appends one row describing it.

Events are added to the caller's (the request's) session, so they are written in the same
transaction as the change they describe, and are rolled back with it."""

import uuid
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.core.clock import utcnow
from app.events.repository import EventRepository
from app.kit.repository import TenantRepository
from app.models import Event, Project, Workspace
from app.models.base import TenantOwned

Created = TypeVar("Created", bound=TenantOwned)


def _plain(value: Any) -> Any:
    """JSON-ready form of a column value."""
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    return value


def snapshot(row: object, fields: Iterable[str]) -> dict[str, Any]:
    return {field: _plain(getattr(row, field)) for field in fields}


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """`{field: {before, after}}` for the fields whose value differs."""
    return {
        field: {"before": before.get(field), "after": value}
        for field, value in after.items()
        if before.get(field) != value
    }


def created(after: Mapping[str, Any]) -> dict[str, Any]:
    """`{field: {before: None, after}}` for a row that did not exist before."""
    return {field: {"before": None, "after": value} for field, value in after.items()}


def deleted(before: Mapping[str, Any]) -> dict[str, Any]:
    """`{field: {before, after: None}}` for a row about to be deleted (snapshot it first)."""
    return {field: {"before": value, "after": None} for field, value in before.items()}


def record(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    *,
    entity_type: str,
    entity_id: uuid.UUID,
    workspace_id: uuid.UUID,
    project_id: uuid.UUID | None = None,
    changes: Mapping[str, Any] | None = None,
) -> Event:
    event = Event(
        workspace_id=workspace_id,
        type=type_,
        entity_type=entity_type,
        entity_id=entity_id,
        project_id=project_id,
        actor_id=principal.member_id if principal else None,
        changes=dict(changes or {}),
        created_at=utcnow(),
    )
    EventRepository(session).append(event)
    return event


def record_change(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    row: TenantOwned | Workspace,
    changes: Mapping[str, Any],
    *,
    entity_type: str | None = None,
    entity_id: uuid.UUID | None = None,
) -> Event:
    """Record `type_` for `row`. An event type names its entity first (`status.updated` is
    about a status), so that is the entity type. A project's own events and those of the rows
    that belong to a project are filed under that project, so its activity feed shows them; a
    workspace's own events are filed in it.

    The entity is the row itself unless the event says otherwise: `entity_type` for events
    about the row that name another kind of change (a comment's events are the task's history),
    `entity_id` for an entity the row only files (a stakeholder, which has no id of its own, is
    its member, filed under its project; a sub-team moved up by its parent's deletion)."""
    if isinstance(row, Workspace):
        workspace_id, project_id = row.id, None
    else:
        workspace_id = row.workspace_id
        project_id = row.id if isinstance(row, Project) else getattr(row, "project_id", None)
    return record(
        session,
        principal,
        type_,
        entity_type=entity_type or type_.partition(".")[0],
        entity_id=entity_id or row.id,
        workspace_id=workspace_id,
        project_id=project_id,
        changes=changes,
    )


def record_created(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    row: TenantOwned | Workspace,
    fields: Iterable[str],
) -> Event:
    """Record `type_` for a new row: each of its public `fields` from nothing to its value."""
    return record_change(session, principal, type_, row, created(snapshot(row, fields)))


async def add_created(
    rows: TenantRepository[Any],
    principal: Principal | None,
    type_: str,
    row: Created,
    fields: Iterable[str],
) -> Created:
    """Add `row` through its repository and record `type_` for it, each of its public `fields`
    from nothing to its value: how a service creates a row."""
    await rows.add(row)
    record_created(rows.session, principal, type_, row, fields)
    return row


def record_deleted(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    row: TenantOwned,
    fields: Iterable[str],
) -> Event:
    """Record `type_` for a deleted row: each of its public `fields` from its value to nothing
    (a deleted row keeps the values it had)."""
    return record_change(session, principal, type_, row, deleted(snapshot(row, fields)))


@asynccontextmanager
async def recording_change(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    row: TenantOwned | Workspace,
    fields: Iterable[str],
) -> AsyncIterator[dict[str, Any]]:
    """Record `type_` for what the block changes of `row`'s public `fields`: how a service
    updates a row. After the block the row is flushed (so its version moves on, and a stale
    one fails there), and the event lists each field whose value changed; nothing is recorded
    when none did. The dict yielded holds those changes once the block is over, for what the
    caller does next (a reschedule when dates moved)."""
    fields = tuple(fields)
    before = snapshot(row, fields)
    changed: dict[str, Any] = {}
    yield changed
    await session.flush()
    changed.update(changes_between(before, snapshot(row, fields)))
    if changed:
        record_change(session, principal, type_, row, changed)


async def apply_change(
    session: AsyncSession,
    principal: Principal | None,
    type_: str,
    row: TenantOwned | Workspace,
    fields: Iterable[str],
    values: Mapping[str, Any],
) -> dict[str, Any]:
    """Set `values` (column name to value, as an input's `model_dump(exclude_unset=True)`
    gives them) on `row` and record `type_` with the fields that changed, which it returns."""
    async with recording_change(session, principal, type_, row, fields) as changed:
        for field, value in values.items():
            setattr(row, field, value)
    return changed
