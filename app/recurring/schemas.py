import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field

from app.kit.schemas import Day, Hours, Input, Output
from app.schedules.schemas import DurationDays
from app.tasks.schemas import Description, EstimateHours, Priority, Title

RRule = Annotated[
    str,
    Field(
        min_length=6,
        max_length=1000,
        description="RFC 5545 recurrence rule, e.g. `FREQ=WEEKLY;BYDAY=MO` (daily or coarser).",
        examples=["FREQ=WEEKLY;BYDAY=MO", "FREQ=MONTHLY;BYMONTHDAY=1"],
    ),
]


class RecurringRuleCreate(Input):
    title: Title
    rrule: RRule
    description: Description = ""
    starts_on: Day | None = Field(
        default=None, description="First possible occurrence; today by default."
    )
    priority: Priority = Priority.none
    assignee_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    duration_days: DurationDays = 1
    estimate_hours: EstimateHours | None = None


class RecurringRuleUpdate(Input):
    title: Title | None = None
    rrule: RRule | None = None
    description: Description | None = None
    priority: Priority | None = None
    assignee_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    duration_days: DurationDays | None = None
    estimate_hours: EstimateHours | None = None
    active: bool | None = None


class RecurringRule(Output):
    id: uuid.UUID
    project_id: uuid.UUID
    title: str
    rrule: str
    description: str
    starts_on: date
    priority: Priority
    assignee_ids: list[uuid.UUID]
    duration_days: int
    estimate_hours: Hours | None
    active: bool
    state: Literal["active", "paused", "failed"] = Field(
        description="`failed`: its tasks could not be created several hours in a row (see "
        "`last_error`); it makes none until it is edited."
    )
    last_error: str | None = Field(description="Why the last top-up of its tasks failed.")
    failed_at: datetime | None = Field(description="When the rule was marked failed.")
    materialized_until: date | None
    version: int
