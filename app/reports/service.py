"""Time and estimates reports: SQL aggregates (app.reports.repository) shaped into rows.

Rows are plain JSON-ready dicts: a report can hold a hundred thousand of them, and validating
each through a model would cost more than the aggregate itself.
"""

import csv
import io
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.kit.errors import Unprocessable
from app.kit.limits import limits
from app.projects import service as projects
from app.rates.auth import may_see_costs
from app.reports.repository import DIMENSIONS, ZERO, Measures, ReportRepository, TimeFilters
from app.workspaces import service as workspaces

CENTS = Decimal("0.01")
MEASURE_KEYS = ("minutes", "billable_minutes", "cost", "billable_amount")
# `work_type` was called `activity`: the old name is read for one release (docs/design.md §3).
RENAMED_DIMENSIONS = {"activity": "work_type"}


def parse_group_by(raw: str | None) -> list[str]:
    """`project,month` → ["project", "month"]; unknown or repeated dimensions are a 422."""
    if raw is None or not raw.strip():
        return []
    names = [RENAMED_DIMENSIONS.get(name.strip(), name.strip()) for name in raw.split(",")]
    for name in names:
        if name not in DIMENSIONS:
            allowed = ", ".join(DIMENSIONS)
            raise Unprocessable.at(
                "/query/group_by", f"unknown dimension '{name}'; allowed: {allowed}"
            )
    if len(set(names)) != len(names):
        raise Unprocessable.at("/query/group_by", "a dimension appears twice")
    return names


def money(units: Decimal) -> str:
    """minutes * hourly rate → currency, rounded half-up to cents."""
    return f"{(units / 60).quantize(CENTS, ROUND_HALF_UP):.2f}"


def hours(minutes: int | Decimal) -> float:
    return float((Decimal(minutes) / 60).quantize(CENTS, ROUND_HALF_UP))


def _measures(measures: Measures, *, costs: bool) -> dict[str, Any]:
    shown = {
        "minutes": measures.minutes,
        "billable_minutes": measures.billable_minutes,
        "cost": money(measures.cost_units),
        "billable_amount": money(measures.bill_units),
    }
    if not costs:
        del shown["cost"]
    return shown


@dataclass(frozen=True)
class TimeReport:
    keys: list[str]
    measures: tuple[str, ...]
    rows: list[dict[str, Any]]
    totals: dict[str, Any]

    def csv_lines(self) -> Iterator[str]:
        """The rows as CSV, header first; columns are the row keys (no totals row)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        columns = [*self.keys, *self.measures]
        writer.writerow(columns)
        for start in range(0, len(self.rows), 1000):
            for row in self.rows[start : start + 1000]:
                writer.writerow([_csv_value(row[column]) for column in columns])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


async def time_report(
    session: AsyncSession,
    principal: Principal,
    *,
    group_by: Sequence[str],
    only: TimeFilters,
) -> TimeReport:
    if only.start is not None and only.end is not None:
        if only.end < only.start:
            raise Unprocessable.at("/query/to", "before from")
        if (only.end - only.start).days + 1 > limits.report_max_days:
            most = limits.report_max_days
            raise Unprocessable.at(
                "/query/to", f"a report spans at most {most} days, from included"
            )
    workspace = await workspaces.get(session, principal)
    repo = ReportRepository(session)

    def statement(dimensions: Sequence[str]) -> Any:
        return repo.time_statement(
            principal.workspace_id,
            dimensions,
            workspace.week_start,
            only,
        )

    keys = [DIMENSIONS[name] for name in group_by]
    most = limits.report_max_rows
    rows, total = await repo.time_rows(statement(group_by).limit(most + 1), keys)
    if len(rows) > most:
        raise Unprocessable.at(
            "/query/group_by",
            f"the report would have more than {most} rows: group by less, or over fewer days",
            code="report_too_large",
        )
    if "team" in group_by:
        # A member in several teams is in several rows; the totals count each entry once.
        _, total = await repo.time_rows(statement([]), [])
    costs = may_see_costs(principal)
    if not costs:
        for row in rows:
            del row["cost"]
    return TimeReport(
        keys=keys,
        measures=MEASURE_KEYS if costs else tuple(k for k in MEASURE_KEYS if k != "cost"),
        rows=rows,
        totals=_measures(total, costs=costs),
    )


def _weeks(first: date, last: date) -> Iterator[date]:
    week = first
    while week <= last:
        yield week
        week += timedelta(days=7)


async def estimates_report(
    session: AsyncSession, principal: Principal, project_id: uuid.UUID
) -> dict[str, Any]:
    project = await projects.get_project(session, principal, project_id)
    workspace = await workspaces.get(session, principal)
    repo = ReportRepository(session)
    task_rows = await repo.task_totals(
        repo.task_totals_statement(principal.workspace_id, project.id)
    )
    burn_rows = await repo.burn(
        repo.burn_statement(principal.workspace_id, project.id, workspace.week_start)
    )

    # Hours from whole minutes never fall on a half hundredth (minutes / 60 is a multiple of
    # 1/6000 off any x.xx5), so float rounding here equals rounding half-up.
    tasks = []
    estimate_total = remaining_total = variance_total = 0.0
    on_tasks = 0
    for task_id, number, title, estimate, minutes in task_rows:
        logged = minutes / 60
        on_tasks += minutes
        remaining = variance = None
        if estimate is not None:
            planned = float(estimate)
            remaining = round(max(planned - logged, 0.0), 2) + 0.0
            variance = round(logged - planned, 2) + 0.0
            estimate_total += planned
            remaining_total += max(planned - logged, 0.0)
            variance_total += logged - planned
        tasks.append(
            {
                "task_id": str(task_id),
                "key": f"{project.key}-{number}",
                "title": title,
                "estimate_hours": float(estimate) if estimate is not None else None,
                "logged_hours": round(logged, 2),
                "remaining_hours": remaining,
                "variance_hours": variance,
            }
        )

    burn = []
    by_week = dict(burn_rows)
    actual = ZERO
    if burn_rows:
        for week in _weeks(burn_rows[0][0], burn_rows[-1][0]):
            measures = by_week.get(week, ZERO)
            actual = actual + measures
            burn.append(
                {
                    "week_start": week.isoformat(),
                    "hours": hours(measures.minutes),
                    "cost": money(measures.cost_units),
                    "cumulative_hours": hours(actual.minutes),
                    "cumulative_cost": money(actual.cost_units),
                }
            )
    actual_cost = Decimal(money(actual.cost_units))
    report = {
        "project_id": str(project.id),
        "estimate_hours": round(estimate_total, 2),
        "logged_hours": hours(actual.minutes),
        "logged_on_tasks_hours": hours(on_tasks),
        "remaining_hours": round(remaining_total, 2) + 0.0,
        "variance_hours": round(variance_total, 2) + 0.0,
        "budget_hours": float(project.budget_hours) if project.budget_hours is not None else None,
        "budget_amount": f"{project.budget_amount:.2f}"
        if project.budget_amount is not None
        else None,
        "currency": project.currency,
        "actual_hours": hours(actual.minutes),
        "actual_cost": f"{actual_cost:.2f}",
        "billable_amount": money(actual.bill_units),
        "budget_hours_remaining": hours(project.budget_hours * 60 - actual.minutes)
        if project.budget_hours is not None
        else None,
        "budget_amount_remaining": f"{project.budget_amount - actual_cost:.2f}"
        if project.budget_amount is not None
        else None,
        "tasks": tasks,
        "burn": burn,
    }
    if not may_see_costs(principal):
        # What is left of the budget is the budget less the cost: it would tell the cost.
        for key in ("actual_cost", "budget_amount_remaining"):
            del report[key]
        for point in burn:
            del point["cost"], point["cumulative_cost"]
    return report
