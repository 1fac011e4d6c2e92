import json
import uuid
from typing import Annotated

from fastapi import Query, Request, Response
from fastapi.responses import StreamingResponse

from app.kit.errors import READ_PROBLEMS
from app.kit.routing import workspace_router
from app.kit.schemas import Day
from app.reports import service
from app.reports.repository import DIMENSIONS, TimeFilters
from app.reports.schemas import EstimatesReport, TimeReport
from app.time_entries.auth import TimeRead
from app.work_types.schemas import WorkTypeQuery

router = workspace_router("reports", tag="reports")
CSV = "text/csv"


def _json(body: object) -> Response:
    return Response(
        json.dumps(body, separators=(",", ":"), ensure_ascii=False), media_type="application/json"
    )


@router.get(
    "/time",
    operation_id="reports:time",
    response_model=TimeReport,
    responses={
        **READ_PROBLEMS,
        200: {
            "description": "JSON, or CSV for `Accept: text/csv` (columns = the row keys).",
            "content": {CSV: {"schema": {"type": "string"}}},
        },
    },
)
async def time_report(
    ctx: TimeRead,
    request: Request,
    work_type: WorkTypeQuery,
    date_from: Annotated[Day | None, Query(alias="from", description="On or after.")] = None,
    date_to: Annotated[
        Day | None,
        Query(
            alias="to",
            description="On or before; at most 366 days from `from` "
            "(`WORKLANE_REPORT_MAX_DAYS`). A report has at most 100,000 rows "
            "(`WORKLANE_REPORT_MAX_ROWS`).",
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Comma-separated, in order, each at most once: "
            + ", ".join(DIMENSIONS)
            + " (`activity`, the old name of `work_type`, is read as it for one release)",
            examples=["project,month"],
        ),
    ] = None,
    project_id: uuid.UUID | None = None,
    task_id: uuid.UUID | None = None,
    member_id: uuid.UUID | None = None,
    team_id: Annotated[
        uuid.UUID | None, Query(description="Time of the team's members (now).")
    ] = None,
    billable: bool | None = None,
) -> Response:
    """Logged time, cost and billable amount, grouped by any dimensions, with totals.

    Each entry stores the hourly rates in force on its date (cost: its member's; bill: its
    project's, counted for billable entries only). A row's amount is the sum over its entries of
    minutes * rate / 60, rounded half-up to cents once per row (and once for the totals), so the
    rows may add up to a cent or two off the totals. A member in several teams counts once in
    each team's row and once in the totals. Costs (and the CSV's cost column) are left out
    unless the caller may read rates.
    """
    report = await service.time_report(
        *ctx,
        group_by=service.parse_group_by(group_by),
        only=TimeFilters(
            start=date_from,
            end=date_to,
            project_id=project_id,
            task_id=task_id,
            member_id=member_id,
            team_id=team_id,
            work_type=work_type,
            billable=billable,
        ),
    )
    if CSV in request.headers.get("accept", ""):
        return StreamingResponse(
            report.csv_lines(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="time-report.csv"'},
        )
    return _json({"rows": report.rows, "totals": report.totals})


@router.get(
    "/estimates",
    operation_id="reports:estimates",
    response_model=EstimatesReport,
    responses=READ_PROBLEMS,
)
async def estimates_report(ctx: TimeRead, project_id: uuid.UUID) -> Response:
    """Estimates against logged time per task, the budget against actuals, and the weekly burn.

    Hours are minutes / 60 rounded half-up to 0.01; remaining = max(estimate - logged, 0) and
    variance = logged - estimate, for tasks with an estimate. Costs follow the time report's
    rule: the sum of minutes * the rate stored on each entry / 60, rounded half-up to cents,
    and are left out (with what remains of the budget) unless the caller may read rates.
    """
    return _json(await service.estimates_report(*ctx, project_id))
