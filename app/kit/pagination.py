"""Keyset pagination and sorting, shared by every list endpoint.

`?limit=` (clamped to 1..200), `?cursor=` (opaque) and `?sort=-due_date,title`. The cursor
carries the sort it was made for and the last row's sort values plus its id, so the next page
starts strictly after that row whatever was inserted meanwhile, and deep pages cost what the
first one does.
"""

import base64
import binascii
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, false, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.kit.errors import BadRequest, Unprocessable

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None
    sort: str | None


async def page_params(
    limit: Annotated[
        int, Query(description=f"Page size, 1-{MAX_LIMIT} (larger values are clamped).")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="Opaque cursor from `next_cursor`.")] = None,
    sort: Annotated[
        str | None,
        Query(description="Comma-separated fields; a leading `-` sorts descending."),
    ] = None,
) -> PageParams:
    return PageParams(limit=min(max(limit, 1), MAX_LIMIT), cursor=cursor, sort=sort)


PageQuery = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True)
class Sortable:
    """The fields a list may be sorted by, and its default order."""

    fields: Mapping[str, InstrumentedAttribute[Any]]
    default: str
    tiebreak: InstrumentedAttribute[Any]


@dataclass(frozen=True)
class _Key:
    column: InstrumentedAttribute[Any]
    descending: bool


def _sort_keys(sortable: Sortable, sort: str | None) -> list[_Key]:
    keys: list[_Key] = []
    for raw in (sort or sortable.default).split(","):
        name = raw.strip()
        descending = name.startswith("-")
        name = name.lstrip("-")
        if name not in sortable.fields:
            allowed = ", ".join(sorted(sortable.fields))
            raise Unprocessable.at("/query/sort", f"cannot sort by '{name}'; allowed: {allowed}")
        keys.append(_Key(sortable.fields[name], descending))
    keys.append(_Key(sortable.tiebreak, keys[-1].descending if keys else False))
    return keys


def _encode_value(value: Any) -> Any:
    if isinstance(value, uuid.UUID | date | datetime | Decimal):
        return value.isoformat() if isinstance(value, date | datetime) else str(value)
    return value


def _decode_value(column: InstrumentedAttribute[Any], raw: Any) -> Any:
    if raw is None:
        return None
    python_type = column.type.python_type
    if python_type is datetime:
        return datetime.fromisoformat(raw)
    if python_type is date:
        return date.fromisoformat(raw)
    if python_type in (uuid.UUID, Decimal):
        return python_type(raw)
    return raw


def _encode_cursor(sort: str, values: Sequence[Any]) -> str:
    payload = json.dumps(
        {"s": sort, "v": [_encode_value(v) for v in values]}, separators=(",", ":")
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, sort: str, keys: Sequence[_Key]) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded))
        if payload["s"] != sort or len(payload["v"]) != len(keys):
            raise ValueError("cursor made for another sort")
        return [_decode_value(k.column, v) for k, v in zip(keys, payload["v"], strict=True)]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise BadRequest(
            "The cursor is invalid or was made for another sort order.", code="invalid_cursor"
        ) from exc


def _after(keys: Sequence[_Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after `values` in the order of `keys` (NULLs sort last)."""
    clauses: list[ColumnElement[bool]] = []
    for i, (key, value) in enumerate(zip(keys, values, strict=True)):
        equal_before = [
            k.column.is_not_distinct_from(v) for k, v in zip(keys[:i], values[:i], strict=True)
        ]
        if value is None:
            # Only NULLs follow a NULL, and they are equal on this key.
            continue
        beyond = key.column < value if key.descending else key.column > value
        if _nullable(key.column):
            beyond = or_(beyond, key.column.is_(None))
        clauses.append(and_(*equal_before, beyond))
    return or_(*clauses) if clauses else false()


def _nullable(column: InstrumentedAttribute[Any]) -> bool:
    return bool(getattr(column.expression, "nullable", False))


def _order_by(keys: Sequence[_Key]) -> list[Any]:
    ordered = []
    for key in keys:
        clause = key.column.desc() if key.descending else key.column.asc()
        ordered.append(clause.nulls_last() if _nullable(key.column) else clause)
    return ordered


async def paginate(
    session: AsyncSession, statement: Select[Any], params: PageParams, sortable: Sortable
) -> tuple[list[Any], str | None]:
    """Run `statement` for one page; answer its rows (entities when it selects one entity,
    rows with the sort columns by name otherwise) and the next cursor."""
    sort = params.sort or sortable.default
    keys = _sort_keys(sortable, sort)
    if params.cursor:
        statement = statement.where(_after(keys, _decode_cursor(params.cursor, sort, keys)))
    statement = statement.order_by(*_order_by(keys)).limit(params.limit + 1)
    result = await session.execute(statement)
    rows = list(result.scalars() if len(statement.column_descriptions) == 1 else result)
    if len(rows) <= params.limit:
        return rows, None
    rows = rows[: params.limit]
    last = rows[-1]
    return rows, _encode_cursor(sort, [getattr(last, k.column.key) for k in keys])
