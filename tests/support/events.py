"""Reading back the events a request recorded (docs/design.md §6), for entities without an activity
endpoint or after they are gone."""

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event


async def event_changes(
    sessionmaker: async_sessionmaker[AsyncSession], type_: str, entity_id: str
) -> dict[str, Any]:
    """The `changes` of the one event of this type about this entity."""
    async with sessionmaker() as session:
        return (
            await session.scalars(
                select(Event.changes).where(
                    Event.type == type_, Event.entity_id == uuid.UUID(entity_id)
                )
            )
        ).one()


def without(changes: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: change for field, change in changes.items() if field not in fields}


def number(value: str | None) -> Decimal | None:
    """Amounts compared by value: created events keep them as sent ("6"), stored ones "6.00"."""
    return None if value is None else Decimal(value)
