import enum
import uuid
from datetime import date, datetime

from pydantic import Field

from app.kit.schemas import Day, Input, Output


class TimesheetStatus(enum.StrEnum):
    draft = "draft"
    submitted = "submitted"
    approved = "approved"
    rejected = "rejected"


class TimesheetSubmit(Input):
    week_start: Day = Field(description="The first day of the week (the workspace's week start).")
    member_id: uuid.UUID | None = Field(
        default=None, description="Whose week; defaults to yours (admins may submit for others)."
    )


class TimesheetDecision(Input):
    comment: str | None = Field(default=None, max_length=5000)


class TimesheetRejection(Input):
    comment: str = Field(min_length=1, max_length=5000, description="Why, for the member.")


class Timesheet(Output):
    id: uuid.UUID
    member_id: uuid.UUID
    week_start: date
    status: TimesheetStatus
    submitted_at: datetime | None
    decided_by: uuid.UUID | None
    decided_at: datetime | None
    comment: str | None
    total_minutes: int = Field(description="Minutes the member logged in this week.")
    version: int
