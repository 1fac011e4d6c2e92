"""Keyset pagination and sorting, shared by every list endpoint.

`?limit=` (clamped to 1..200), `?cursor=` (opaque) and `?sort=-due_date,title` (at most
`MAX_SORT_KEYS` distinct fields). The cursor carries the last row's sort values plus its id, so
the next page starts strictly after that row whatever was inserted meanwhile, and deep pages
cost what the first one does. It is signed (HMAC-SHA256 with `WORKLANE_SECRET_KEY`) over those
values and the list it was made for: the path, the sort and every other query parameter. A
cursor used with another sort or other filters, or changed, is 422 `invalid_cursor`, so the
keyset condition is only ever built for a sort the server itself paginated.
"""

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache, partial
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Request
from pydantic import BaseModel, Field, PrivateAttr, field_validator
from sqlalchemy import BindParameter, ColumnElement, Integer, Select, and_, bindparam, false, or_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from app.kit.errors import Unprocessable
from app.kit.query import QueryModel, query
from app.kit.sql import plain_rows

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Three keys order any list usefully; each more one grows the keyset condition (a key's
# condition repeats every key before it) and the statement cache with each spelling.
MAX_SORT_KEYS = 3
MAX_SORT_LENGTH = 100
MAX_CURSOR_LENGTH = 1000

T = TypeVar("T")
Shown = TypeVar("Shown", bound=BaseModel)


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )

    @classmethod
    def of(cls, schema: type[Shown], found: tuple[Sequence[object], str | None]) -> "Page[Shown]":
        """The page a service found (its rows and the cursor after them), each row as `schema`
        shows it: how a list endpoint answers."""
        rows, cursor = found
        return Page(items=[schema.model_validate(row) for row in rows], next_cursor=cursor)


class PageParams(QueryModel):
    limit: int = Field(
        DEFAULT_LIMIT, description=f"Page size, 1-{MAX_LIMIT} (larger values are clamped)."
    )
    cursor: str | None = Field(
        None,
        max_length=MAX_CURSOR_LENGTH,
        description="Opaque cursor from `next_cursor`, valid for the same list, sort and filters.",
    )
    sort: str | None = Field(
        None,
        max_length=MAX_SORT_LENGTH,
        description=f"Comma-separated fields, at most {MAX_SORT_KEYS}, each once; a leading `-` "
        "sorts descending.",
    )
    # What the cursor is bound to besides the sort: the path and the other query parameters.
    _listing: str = PrivateAttr("")

    @field_validator("limit")
    @classmethod
    def _clamp(cls, limit: int) -> int:
        return min(max(limit, 1), MAX_LIMIT)

    def read_from(self, request: Request) -> None:
        filters = sorted(
            (name, value)
            for name, value in request.query_params.multi_items()
            if name not in _NOT_LISTING
        )
        self._listing = json.dumps([request.url.path, filters], separators=(",", ":"))


_NOT_LISTING = frozenset({"cursor", "limit", "sort"})


PageQuery = Annotated[PageParams, query(PageParams)]


class _CursorKey:
    """The key cursors are signed with; random per process until configured (every process
    serving one database must share it, or a cursor fails on the next process)."""

    def __init__(self) -> None:
        self.key = secrets.token_bytes(32)

    def configure(self, secret: str) -> None:
        if secret:
            self.key = hashlib.sha256(b"worklane cursor\0" + secret.encode()).digest()


_cursor_key = _CursorKey()


def configure_cursor_signing(secret: str) -> None:
    _cursor_key.configure(secret)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: a key of the page memo
class Sortable:
    """The fields a list may be sorted by, and its default order."""

    fields: Mapping[str, InstrumentedAttribute[Any]]
    default: str
    tiebreak: InstrumentedAttribute[Any]

    @classmethod
    def by(
        cls,
        *columns: InstrumentedAttribute[Any],
        default: str | None = None,
        tiebreak: InstrumentedAttribute[Any] | None = None,
    ) -> "Sortable":
        """Sorting by `columns`, each under its attribute's name: by default by the first,
        ascending, and rows that tie by the table's `id` (or by `tiebreak`)."""
        first = columns[0]
        return cls(
            fields={column.key: column for column in columns},
            default=default or first.key,
            tiebreak=tiebreak if tiebreak is not None else first.class_.id,
        )


@dataclass(frozen=True)
class _Key:
    column: InstrumentedAttribute[Any]
    descending: bool


@lru_cache(maxsize=1024)
def _sort_keys(sortable: Sortable, sort: str) -> tuple[_Key, ...]:
    names = [raw.strip() for raw in sort.split(",")]
    if len(names) > MAX_SORT_KEYS:
        raise Unprocessable.at("/query/sort", f"sort by at most {MAX_SORT_KEYS} fields")
    keys: list[_Key] = []
    seen: set[str] = set()
    for raw in names:
        descending = raw.startswith("-")
        name = raw.removeprefix("-")
        if name not in sortable.fields:
            allowed = ", ".join(sorted(sortable.fields))
            raise Unprocessable.at("/query/sort", f"cannot sort by '{name}'; allowed: {allowed}")
        if name in seen:
            raise Unprocessable.at("/query/sort", f"'{name}' is given more than once")
        seen.add(name)
        keys.append(_Key(sortable.fields[name], descending))
    keys.append(_Key(sortable.tiebreak, keys[-1].descending if keys else False))
    return tuple(keys)


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


def _signature(listing: str, sort: str, payload: bytes) -> bytes:
    signed = b"\0".join((listing.encode(), sort.encode(), payload))
    # 16 bytes of the MAC keep cursors short and forgery out of reach.
    return hmac.new(_cursor_key.key, signed, hashlib.sha256).digest()[:16]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _encode_cursor(listing: str, sort: str, values: Sequence[Any]) -> str:
    payload = json.dumps([_encode_value(v) for v in values], separators=(",", ":")).encode()
    return f"{_b64(payload)}.{_b64(_signature(listing, sort, payload))}"


def _decode_cursor(cursor: str, listing: str, sort: str, keys: Sequence[_Key]) -> list[Any]:
    try:
        encoded, _, mac = cursor.partition(".")
        payload = _unb64(encoded)
        if not hmac.compare_digest(_unb64(mac), _signature(listing, sort, payload)):
            raise ValueError("cursor not made for this list, sort and filters")
        values = json.loads(payload)
        return [_decode_value(k.column, v) for k, v in zip(keys, values, strict=True)]
    except (ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise Unprocessable.at(
            "/query/cursor",
            "The cursor is invalid, or was made for another list, sort or filters.",
            code="invalid_cursor",
        ) from exc


def _after(keys: Sequence[_Key], nulls: Sequence[bool]) -> ColumnElement[bool]:
    """Rows strictly after the cursor's values in the order of `keys` (NULLs sort last). The
    values are bound as `cursor_0`, `cursor_1`...; `nulls` tells which of them are NULL,
    since that changes the condition's shape."""
    clauses: list[ColumnElement[bool]] = []
    for i, (key, is_null) in enumerate(zip(keys, nulls, strict=True)):
        equal_before = [
            k.column.is_(None) if k_null else k.column == _cursor_param(j, k)
            for j, (k, k_null) in enumerate(zip(keys[:i], nulls[:i], strict=True))
        ]
        if is_null:
            # Only NULLs follow a NULL, and they are equal on this key.
            continue
        value = _cursor_param(i, key)
        beyond = key.column < value if key.descending else key.column > value
        if _nullable(key.column):
            beyond = or_(beyond, key.column.is_(None))
        clauses.append(and_(*equal_before, beyond))
    return or_(*clauses) if clauses else false()


def _cursor_param(index: int, key: _Key) -> BindParameter[Any]:
    return bindparam(f"cursor_{index}", type_=key.column.type)


def _nullable(column: InstrumentedAttribute[Any]) -> bool:
    return bool(getattr(column.expression, "nullable", False))


def _order_by(keys: Sequence[_Key]) -> list[Any]:
    ordered = []
    for key in keys:
        clause = key.column.desc() if key.descending else key.column.asc()
        ordered.append(clause.nulls_last() if _nullable(key.column) else clause)
    return ordered


@dataclass(frozen=True)
class _PageStatement:
    statement: Select[Any]
    single_entity: bool
    # Plain columns need no ORM loading: the session's connection runs them directly.
    columns_only: bool


@lru_cache(maxsize=1024)
def _page_statement(
    statement: Select[Any],
    sortable: Sortable,
    sort: str,
    nulls: tuple[bool, ...] | None,
    rows_of: Select[Any] | None,
) -> _PageStatement:
    """`statement` ordered, limited and (with a cursor) started after the cursor's row, and
    joined to `rows_of` if given. Built once per statement, sort and cursor shape: a statement
    built once with bound parameters (see the task list) then costs no building and no
    compiling per request."""
    keys = _sort_keys(sortable, sort)
    if nulls is not None:
        statement = statement.where(_after(keys, nulls))
    statement = statement.order_by(*_order_by(keys)).limit(bindparam(_LIMIT_PARAM, type_=Integer))
    if rows_of is not None:
        statement = _rows_of_page(rows_of, statement, keys)
    selected = statement.column_descriptions
    columns_only = not any(isinstance(column["type"], type) for column in selected)
    return _PageStatement(statement, len(selected) == 1 and not columns_only, columns_only)


def _rows_of_page(rows_of: Select[Any], page: Select[Any], keys: Sequence[_Key]) -> Select[Any]:
    """`rows_of`'s rows whose key columns (those `page` selects) are a row of `page`, in
    order."""
    chosen = page.subquery("page")
    same_key = [column == chosen.c[str(column.key)] for column in page.selected_columns]
    return rows_of.join(chosen, and_(*same_key)).order_by(*_order_by(keys))


_LIMIT_PARAM = "page_limit"


async def paginate(
    session: AsyncSession,
    statement: Select[Any],
    params: PageParams,
    sortable: Sortable,
    bound: Mapping[str, Any] | None = None,
    rows_of: Select[Any] | None = None,
) -> tuple[list[Any], str | None]:
    """Run `statement` for one page; answer its rows (entities when it selects one entity,
    dicts by column key when it selects plain columns, rows otherwise) and the next cursor.
    `bound` gives the values of the statement's own bind parameters, if it has any.

    With `rows_of`, `statement` selects only the rows' key columns (under their filters) and
    chooses the page; `rows_of` then reads the whole rows of that page only. A filter that an
    index answers then passes over rows without reading them from the table: on a table far
    larger than the database's cache, those reads are most of a list's cost."""
    sort = params.sort or sortable.default
    keys = _sort_keys(sortable, sort)
    values = dict(bound or {})
    values[_LIMIT_PARAM] = params.limit + 1
    nulls: tuple[bool, ...] | None = None
    if params.cursor:
        after = _decode_cursor(params.cursor, params._listing, sort, keys)
        nulls = tuple(value is None for value in after)
        values.update({f"cursor_{i}": v for i, v in enumerate(after) if v is not None})
    page = _page_statement(statement, sortable, sort, nulls, rows_of)
    if page.columns_only:
        found: list[Any] = await plain_rows(session, page.statement, values)
    else:
        result = await session.execute(page.statement, values)
        found = list(result.scalars() if page.single_entity else result)
    if len(found) <= params.limit:
        return found, None
    rows = found[: params.limit]
    last = rows[-1]
    values_of = last.__getitem__ if page.columns_only else partial(getattr, last)
    return rows, _encode_cursor(params._listing, sort, [values_of(k.column.key) for k in keys])
