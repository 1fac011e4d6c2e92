"""The report aggregates: one GROUP BY over time entries, on either engine.

Amounts are summed in "minute units" (minutes * hourly rate) so that no rounding happens in SQL:
PostgreSQL sums exact numerics; SQLite, which stores numerics as floats, sums integers
(minutes * rate in cents, scale 100). The service divides by 60 and rounds once per row.
"""

import typing
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    Text,
    Uuid,
    case,
    cast,
    exists,
    extract,
    func,
    literal_column,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.kit.repository import TenantRepository, same_workspace
from app.models import Task, TeamMember, TimeEntry

# Dimension → the key it adds to each row.
DIMENSIONS = {
    "project": "project_id",
    "task": "task_id",
    "member": "member_id",
    "team": "team_id",
    "work_type": "work_type",
    "billable": "billable",
    "day": "day",
    "week": "week",
    "month": "month",
}
TIME_MEASURES = ("minutes", "billable_minutes", "cost", "billable_amount")


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Measures:
    minutes: int
    billable_minutes: int
    # minutes * hourly rate (currency * minutes / hour); divide by 60 for money.
    cost_units: Decimal
    bill_units: Decimal

    def __add__(self, other: "Measures") -> "Measures":
        return Measures(
            self.minutes + other.minutes,
            self.billable_minutes + other.billable_minutes,
            self.cost_units + other.cost_units,
            self.bill_units + other.bill_units,
        )


ZERO = Measures(0, 0, Decimal(0), Decimal(0))


@dataclass(frozen=True)
class TimeFilters:
    """Which finished entries a report counts; None: no condition."""

    start: date | None = None
    end: date | None = None
    project_id: uuid.UUID | None = None
    task_id: uuid.UUID | None = None
    member_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    work_type: str | None = None
    billable: bool | None = None


class ReportRepository(TenantRepository[TimeEntry]):
    """The workspace's finished time entries, aggregated."""

    model = TimeEntry

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.postgresql = session.get_bind().dialect.name == "postgresql"

    # Engine-specific expressions

    def week_of(self, day: Any, week_start: int) -> ColumnElement[date]:
        """The date its week starts, weeks starting on ISO weekday `week_start`."""
        if self.postgresql:
            offset = (extract("isodow", day) - literal_column(str(week_start)) + 7) % 7
            return type_coerce(day - cast(offset, Integer), Date)
        iso_weekday = (cast(func.strftime("%w", day), Integer) + 6) % 7 + 1
        offset = (iso_weekday - literal_column(str(week_start)) + 7) % 7
        return type_coerce(func.date(day, func.printf("-%d days", offset)), Date)

    def month_of(self, day: Any) -> ColumnElement[str]:
        if self.postgresql:
            return func.to_char(day, "YYYY-MM")
        return func.strftime("%Y-%m", day)

    def _rate_units(self, rate: Any) -> ColumnElement[Any]:
        if self.postgresql:
            units: ColumnElement[Any] = TimeEntry.minutes * rate
            return units
        return TimeEntry.minutes * cast(func.round(rate * 100), Integer)

    @property
    def scale(self) -> int:
        """What the summed units are multiplied by (cents on SQLite)."""
        return 1 if self.postgresql else 100

    def _money(self, units: ColumnElement[Any]) -> ColumnElement[str]:
        """Summed units as money text: / 60, rounded half-up to cents (exact on both engines)."""
        if self.postgresql:
            return cast(func.round(func.coalesce(units, 0) / 60, 2), Text)
        cents = (func.coalesce(units, 0) + 30) // 60
        return func.printf("%d.%02d", cents // 100, cents % 100)

    def _measures(self, *, money: bool = False) -> list[Any]:
        billable_minutes = case((TimeEntry.billable, TimeEntry.minutes), else_=0)
        bill_units = case((TimeEntry.billable, self._rate_units(TimeEntry.bill_rate)), else_=None)
        cost = func.sum(self._rate_units(TimeEntry.cost_rate))
        bill = func.sum(bill_units)
        return [
            func.coalesce(func.sum(TimeEntry.minutes), 0).label("minutes"),
            func.coalesce(func.sum(billable_minutes), 0).label("billable_minutes"),
            *([self._money(cost).label("cost"), self._money(bill).label("billable_amount")]
              if money else []),
            cost.label("cost_units"),
            bill.label("bill_units"),
        ]  # fmt: skip

    def _measures_of(self, row: Any) -> Measures:
        return Measures(
            int(row.minutes),
            int(row.billable_minutes),
            Decimal(row.cost_units or 0) / self.scale,
            Decimal(row.bill_units or 0) / self.scale,
        )

    # Time report

    def _entries(self, workspace_id: uuid.UUID, only: TimeFilters) -> list[ColumnElement[bool]]:
        where = [self.in_workspace(workspace_id), TimeEntry.running.is_(False)]
        if only.start is not None:
            where.append(TimeEntry.date >= only.start)
        if only.end is not None:
            where.append(TimeEntry.date <= only.end)
        if only.project_id is not None:
            where.append(TimeEntry.project_id == only.project_id)
        if only.task_id is not None:
            where.append(TimeEntry.task_id == only.task_id)
        if only.member_id is not None:
            where.append(TimeEntry.member_id == only.member_id)
        if only.team_id is not None:
            where.append(
                exists().where(
                    TeamMember.workspace_id == workspace_id,
                    TeamMember.team_id == only.team_id,
                    TeamMember.member_id == TimeEntry.member_id,
                )
            )
        if only.work_type is not None:
            where.append(TimeEntry.work_type == only.work_type)
        if only.billable is not None:
            where.append(TimeEntry.billable.is_(only.billable))
        return where

    def time_statement(
        self,
        workspace_id: uuid.UUID,
        dimensions: Sequence[str],
        week_start: int,
        only: TimeFilters,
    ) -> Select[Any]:
        """Measures grouped by `dimensions`, in order; a member in two teams counts in both."""
        columns = {
            "project": TimeEntry.project_id,
            "task": TimeEntry.task_id,
            "member": TimeEntry.member_id,
            "team": TeamMember.team_id,
            "work_type": TimeEntry.work_type,
            "billable": TimeEntry.billable,
            "day": TimeEntry.date,
            "week": self.week_of(TimeEntry.date, week_start),
            "month": self.month_of(TimeEntry.date),
        }
        keys: list[Any] = [columns[name] for name in dimensions]
        shown = [
            self._as_text(key).label(DIMENSIONS[name])
            for name, key in zip(dimensions, keys, strict=True)
        ]
        statement = select(*shown, *self._measures(money=True)).where(
            *self._entries(workspace_id, only)
        )
        if "team" in dimensions:
            statement = statement.select_from(TimeEntry).outerjoin(
                TeamMember, same_workspace(TeamMember.member_id, TimeEntry.member_id)
            )
        if keys:
            statement = statement.group_by(*keys).order_by(
                *(key.asc().nulls_last() for key in keys)
            )
        return statement

    def _as_text(self, key: Any) -> Any:
        """Ids and dates leave PostgreSQL as text, ready for JSON (no per-row Python)."""
        if self.postgresql and isinstance(key.type, Uuid | Date):
            return cast(key, Text)
        return key

    async def time_rows(
        self, statement: Select[Any], keys: Sequence[str]
    ) -> tuple[list[dict[str, Any]], Measures]:
        """Each group as a JSON-ready dict (keys, minutes, billable_minutes, cost,
        billable_amount), and the measures of them all (each group counted once)."""
        # Core, not ORM, execution: these are plain rows and the ORM's row loading would cost
        # as much as the aggregate.
        connection = await self.session.connection()
        result = (await connection.execute(statement)).all()
        names = [*keys, *TIME_MEASURES]
        width = len(names)
        if self.postgresql:
            rows = [dict(zip(names, row, strict=False)) for row in result]
        else:
            rows = [
                dict(zip(names, (*map(_plain, row[: len(keys)]), *row[len(keys) : width])))  # noqa: B905
                for row in result
            ]
        totals = Measures(
            sum(row[width - 4] for row in result),
            sum(row[width - 3] for row in result),
            Decimal(sum(row[width] or 0 for row in result)) / self.scale,
            Decimal(sum(row[width + 1] or 0 for row in result)) / self.scale,
        )
        return rows, totals

    # Estimates report

    def task_totals_statement(self, workspace_id: uuid.UUID, project_id: uuid.UUID) -> Select[Any]:
        """Every task of the project with its estimate and logged minutes, in number order."""
        logged = (
            self.columns(
                workspace_id, TimeEntry.task_id, func.sum(TimeEntry.minutes).label("minutes")
            )
            .where(
                TimeEntry.project_id == project_id,
                TimeEntry.task_id.is_not(None),
                TimeEntry.running.is_(False),
            )
            .group_by(TimeEntry.task_id)
            .subquery()
        )
        statement = (
            select(
                Task.id,
                Task.number,
                Task.title,
                Task.estimate_hours,
                func.coalesce(logged.c.minutes, 0),
            )
            .outerjoin(logged, logged.c.task_id == Task.id)
            .where(Task.workspace_id == workspace_id, Task.project_id == project_id)
            .order_by(Task.number)
        )
        return typing.cast(Select[Any], statement)

    async def task_totals(
        self, statement: Select[Any]
    ) -> list[tuple[uuid.UUID, int, str, Decimal | None, int]]:
        rows = await self.session.execute(statement)
        return [(r[0], r[1], r[2], r[3], int(r[4])) for r in rows]

    def burn_statement(
        self, workspace_id: uuid.UUID, project_id: uuid.UUID, week_start: int
    ) -> Select[Any]:
        week = self.week_of(TimeEntry.date, week_start).label("week")
        return (
            select(week, *self._measures())
            .where(*self._entries(workspace_id, TimeFilters(project_id=project_id)))
            .group_by(week)
            .order_by(week)
        )

    async def burn(self, statement: Select[Any]) -> list[tuple[date, Measures]]:
        return [(row.week, self._measures_of(row)) for row in await self.session.execute(statement)]
