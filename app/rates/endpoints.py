import uuid
from typing import Annotated

from fastapi import Query

from app.kit.errors import READ_PROBLEMS
from app.kit.etag import IfMatch
from app.kit.pagination import Page, PageQuery
from app.kit.routing import CREATES, DELETES, workspace_router
from app.rates import service
from app.rates.auth import RatesRead, RatesWrite
from app.rates.schemas import Rate, RateCreate, RateKind

router = workspace_router("rates", tag="rates")


@router.get("", operation_id="rates:list", responses=READ_PROBLEMS)
async def list_rates(
    ctx: RatesRead,
    page: PageQuery,
    kind: RateKind | None = None,
    member_id: Annotated[uuid.UUID | None, Query(description="One member's cost rates.")] = None,
    resource_id: Annotated[
        uuid.UUID | None, Query(description="One non-human resource's cost rates.")
    ] = None,
    project_id: Annotated[uuid.UUID | None, Query(description="One project's bill rates.")] = None,
) -> Page[Rate]:
    """Cost and bill rates with the dates they take effect (admins only: rates are private)."""
    return Page.of(
        Rate,
        await service.page(
            *ctx,
            page,
            kind=kind,
            member_id=member_id,
            resource_id=resource_id,
            project_id=project_id,
        ),
    )


@router.post("", operation_id="rates:create", **CREATES)
async def create_rate(data: RateCreate, ctx: RatesWrite) -> Rate:
    """Add a rate from a date; entries from that date until the next rate are costed with it.

    A cost rate belongs to a member or a non-human resource, a bill rate to a project. The rate
    of an entry is the one with the latest `effective_from` on or before the entry's date.
    """
    return Rate.model_validate(await service.create(*ctx, data))


@router.delete("/{rate_id}", operation_id="rates:delete", **DELETES)
async def delete_rate(rate_id: uuid.UUID, ctx: RatesWrite, if_match: IfMatch = None) -> None:
    """Remove a rate; the entries it governed fall back to the rate before it."""
    await service.delete(*ctx, rate_id, if_match)
