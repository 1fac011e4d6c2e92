import datetime as dt
import uuid
from typing import TypeAlias

from pydantic import MISSING, BaseModel, Field

from app.kit.schemas import Hours, Money
from app.rates.auth import COST_ONLY_FOR_RATE_READERS

Cost: TypeAlias = Money | MISSING


class TimeMeasures(BaseModel):
    minutes: int
    billable_minutes: int
    cost: Cost = Field(
        default=MISSING,
        description=f"Minutes at each member's cost rate. {COST_ONLY_FOR_RATE_READERS}",
    )
    billable_amount: Money


class TimeReportRow(TimeMeasures):
    """One group: only the keys of the requested dimensions appear, in `group_by` order."""

    project_id: uuid.UUID | None = None
    task_id: uuid.UUID | None = Field(default=None, description="null: time without a task.")
    member_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = Field(
        default=None,
        description="A member in several teams counts once in each; null: in no team.",
    )
    work_type: str | None = None
    billable: bool | None = None
    day: dt.date | None = None
    week: dt.date | None = Field(default=None, description="The date the week starts.")
    month: str | None = Field(default=None, description="`YYYY-MM`.")


class TimeReport(BaseModel):
    rows: list[TimeReportRow]
    totals: TimeMeasures = Field(description="Over all entries, each counted once.")


class TaskEstimate(BaseModel):
    task_id: uuid.UUID
    key: str
    title: str
    estimate_hours: Hours | None
    logged_hours: Hours
    remaining_hours: Hours | None = Field(description="max(estimate - logged, 0).")
    variance_hours: Hours | None = Field(description="logged - estimate (over is positive).")


class BurnPoint(BaseModel):
    week_start: dt.date
    hours: Hours
    cost: Cost = Field(default=MISSING, description=COST_ONLY_FOR_RATE_READERS)
    cumulative_hours: Hours
    cumulative_cost: Cost = Field(default=MISSING, description=COST_ONLY_FOR_RATE_READERS)


class EstimatesReport(BaseModel):
    project_id: uuid.UUID
    estimate_hours: Hours = Field(description="Sum of the tasks' estimates.")
    logged_hours: Hours = Field(description="All time on the project, with or without a task.")
    logged_on_tasks_hours: Hours
    remaining_hours: Hours = Field(description="Sum of the tasks' remaining hours.")
    variance_hours: Hours = Field(description="Logged on estimated tasks - their estimates.")
    budget_hours: Hours | None
    budget_amount: Money | None
    currency: str | None
    actual_hours: Hours
    actual_cost: Cost = Field(default=MISSING, description=COST_ONLY_FOR_RATE_READERS)
    billable_amount: Money
    budget_hours_remaining: Hours | None
    budget_amount_remaining: Money | MISSING | None = Field(
        default=MISSING,
        description=f"The budget less the actual cost. {COST_ONLY_FOR_RATE_READERS}",
    )
    tasks: list[TaskEstimate]
    burn: list[BurnPoint] = Field(description="Weekly, from the first week with time to the last.")
