"""ETag / If-Match for optimistic concurrency on single resources.

The ETag is the row's `version`. A write with a stale If-Match answers 412 and changes nothing;
two writers racing with the same ETag cannot both win because the UPDATE itself also checks
the version (SQLAlchemy's `version_id_col`, see app.models.base.Versioned).
"""

from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Protocol, TypeVar

from fastapi import Header, Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.kit.errors import PreconditionFailed


class HasVersion(Protocol):
    version: int


Shown = TypeVar("Shown", bound=BaseModel)
Row = TypeVar("Row", bound=HasVersion)


def etag_of(row: HasVersion) -> str:
    return f'"{row.version}"'


def set_etag(response: Response, row: HasVersion) -> None:
    response.headers["ETag"] = etag_of(row)


def tagged(response: Response, schema: type[Shown], row: HasVersion) -> Shown:
    """`row` as `schema` shows it, its version the response's ETag: how an endpoint that
    answers with one resource answers."""
    set_etag(response, row)
    return schema.model_validate(row)


async def presented(
    response: Response,
    present: Callable[[AsyncSession, Sequence[Row]], Awaitable[Sequence[Shown]]],
    session: AsyncSession,
    row: Row,
) -> Shown:
    """`row` as its domain's `present` shows it (with what it reads besides the row, which a
    list reads for all its rows at once), its version the response's ETag: how an endpoint
    answers with one such resource."""
    set_etag(response, row)
    (shown,) = await present(session, [row])
    return shown


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=1000,
        description="The ETag you last read; the change is refused with 412 if it is stale.",
    ),
]


def check_if_match(if_match: str | None, row: Row) -> Row:
    """`row`, if `If-Match` was not sent or names its version: how a change loads the row it
    changes (`label = check_if_match(if_match, await get(...))`); 412 otherwise."""
    if if_match is None or if_match.strip() == "*":
        return row
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if etag_of(row) not in candidates:
        raise PreconditionFailed(
            "The resource was changed by someone else; fetch it again and retry.",
            code="stale_version",
            current_version=row.version,
        )
    return row
