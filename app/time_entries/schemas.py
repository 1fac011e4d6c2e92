import datetime as dt
import uuid
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator

from app.kit.schemas import (
    Day,
    Input,
    Instant,
    Omittable,
    Output,
    TaskReference,
    Timestamps,
    refuse_null,
)

Minutes = Annotated[int, Field(ge=1, le=1440, description="Whole minutes, 1 to 1440.")]
Description = Annotated[str, Field(max_length=10_000)]
WorkTypeKey = Annotated[
    str, Field(max_length=40, description="A key from `GET .../work-types`, e.g. `meeting`.")
]
# `work_type` was called `activity` (docs/design.md §3).
RENAMED = {"activity": "work_type"}


class TimeEntryCreate(Input):
    """Give `minutes` (with `date`), or `started_at` and `ended_at` (the date is the start's
    date in the workspace's time zone; another `date` is refused), not both."""

    renamed_fields = RENAMED

    member_id: uuid.UUID | None = Field(
        default=None, description="Whose time; defaults to yours (admins may log for others)."
    )
    project_id: uuid.UUID | None = Field(
        default=None, description="Required unless `task_id` is given (it implies its project)."
    )
    task_id: TaskReference | None = None
    date: Day | None = None
    minutes: Minutes | None = None
    started_at: Instant | None = None
    ended_at: Instant | None = None
    description: Description = ""
    billable: bool = False
    work_type: WorkTypeKey | None = None


class TimeEntryUpdate(Input):
    """Every field optional; `minutes` replaces a start and end, and the other way round. An
    entry with a start and end takes its date from them: move the times to move it."""

    renamed_fields = RENAMED

    project_id: Omittable[uuid.UUID] = None
    task_id: TaskReference | None = Field(default=None, description="null detaches the task.")
    date: Omittable[Day] = None
    minutes: Omittable[Minutes] = None
    started_at: Instant | None = Field(default=None, description="null only with `minutes`.")
    ended_at: Instant | None = Field(default=None, description="null only with `minutes`.")
    description: Omittable[Description] = None
    billable: Omittable[bool] = None
    work_type: WorkTypeKey | None = Field(default=None, description="null clears it.")

    @field_validator("started_at", "ended_at")
    @classmethod
    def _times_cleared_only_by_minutes(
        cls, value: dt.datetime | None, info: ValidationInfo
    ) -> dt.datetime | None:
        # `minutes` is declared above the times, so it is validated (or defaulted) first.
        return value if info.data.get("minutes") is not None else refuse_null(value)


class TimeEntry(Timestamps):
    id: uuid.UUID
    member_id: uuid.UUID
    project_id: uuid.UUID
    task_id: uuid.UUID | None
    date: dt.date
    minutes: int
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    description: str
    billable: bool
    work_type: str | None
    version: int


class TimerStart(Input):
    renamed_fields = RENAMED

    project_id: uuid.UUID | None = Field(
        default=None, description="Required unless `task_id` is given."
    )
    task_id: TaskReference | None = None
    description: Description = ""
    billable: bool = False
    work_type: WorkTypeKey | None = None


class Timer(Output):
    """A running timer: an entry with a start and no end yet."""

    id: uuid.UUID
    member_id: uuid.UUID
    project_id: uuid.UUID
    task_id: uuid.UUID | None
    date: dt.date
    started_at: dt.datetime
    description: str
    billable: bool
    work_type: str | None
    version: int


class TimerState(Output):
    timer: Timer | None = Field(description="Your running timer, or null when none runs.")


class TimerStarted(Output):
    timer: Timer
    stopped: TimeEntry | None = Field(
        description="The entry the timer that was running became, if one was."
    )
