import enum
import uuid
from datetime import date
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Day, Input, Output, TaskReference

DurationDays = Annotated[int, Field(ge=0, le=10_000, description="Working days; 0 = milestone.")]
LinkType = Annotated[str, Field(pattern="^(FS|SS|FF|SF)$", description="FS, SS, FF or SF.")]
LagDays = Annotated[int, Field(ge=-10_000, le=10_000, description="Working days; may be negative.")]


class SchedulingMode(enum.StrEnum):
    auto = "auto"
    manual = "manual"


class ScheduledTask(Output):
    task_id: uuid.UUID
    key: str
    start_date: date
    finish_date: date
    early_start: date
    early_finish: date
    late_start: date
    late_finish: date
    total_slack_days: int
    free_slack_days: int
    critical: bool


class ConstraintViolation(Output):
    task_id: uuid.UUID
    key: str
    constraint_date: date = Field(description="The finish-no-later-than date.")
    early_finish: date
    total_slack_days: int


class Schedule(Output):
    project_id: uuid.UUID
    start_date: date
    finish_date: date = Field(description="The latest finish date of the project's tasks.")
    critical_path: list[uuid.UUID] = Field(description="One critical chain, in link order.")
    violations: list[ConstraintViolation]
    tasks: list[ScheduledTask]


class TaskProposal(Input):
    task_id: TaskReference
    start_date: Day | None = None
    duration_days: DurationDays | None = None
    scheduling_mode: SchedulingMode | None = None


class DependencyProposal(Input):
    predecessor_id: TaskReference
    successor_id: TaskReference
    type: LinkType = "FS"
    lag_days: LagDays = 0


class DependencyChange(Input):
    dependency_id: uuid.UUID
    type: LinkType | None = None
    lag_days: LagDays | None = None


_DRAFT_EDITS = "Up to 1,000: a draft may move a whole phase of a large plan."


class ScheduleProposal(Input):
    start_date: Day | None = Field(
        default=None, description="The project's start, as if moved to this day."
    )
    calendar_id: uuid.UUID | None = Field(
        default=None, description="The project's calendar, as if changed to this one."
    )
    tasks: list[TaskProposal] = Field(
        default_factory=list, max_length=1000, description=_DRAFT_EDITS
    )
    add_dependencies: list[DependencyProposal] = Field(
        default_factory=list, max_length=1000, description=_DRAFT_EDITS
    )
    change_dependencies: list[DependencyChange] = Field(
        default_factory=list, max_length=1000, description=_DRAFT_EDITS
    )
    remove_dependency_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=1000, description=_DRAFT_EDITS
    )


class SchedulePreview(Schedule):
    moved_task_ids: list[uuid.UUID] = Field(
        description="Tasks whose start or finish date would change: in this project, and in the"
        " projects whose tasks depend on the ones that move."
    )


class DriverKind(enum.StrEnum):
    predecessor = "predecessor"
    constraint = "constraint"
    project_start = "project_start"
    leveling_delay = "leveling_delay"
    manual_task = "manual_task"
    manual_project = "manual_project"


DAYS_OFF_SHOWN = 31
# `StartDriver.date` hides the type inside that class.
CalendarDay = date


class StartDriver(Output):
    """One reason the task starts when it does, as a desktop scheduler's task inspector lists
    them."""

    kind: DriverKind = Field(
        description="`predecessor`: a link holds the start; `constraint`: its start-no-earlier-"
        "than date; `project_start`: the project start; `leveling_delay`: leveling pushed it "
        "`days` later; `manual_task` / `manual_project`: the task (or its whole project) is "
        "scheduled by hand and keeps the start it was given."
    )
    dependency_id: uuid.UUID | None = None
    predecessor_id: uuid.UUID | None = None
    predecessor_key: str | None = None
    type: str | None = Field(default=None, description="The link's type: FS, SS, FF or SF.")
    lag_days: int | None = None
    date: CalendarDay | None = Field(
        default=None,
        description="The constraint date, the project start, or the predecessor's date the "
        "link reads (its finish for FS/FF, its start for SS/SF).",
    )
    days: int | None = Field(default=None, description="The leveling delay, working days.")
    days_off: list[CalendarDay] = Field(
        default_factory=list,
        description="Non-working days (weekends, holidays) between that date and the task's "
        f"start that the calendar skipped; the first {DAYS_OFF_SHOWN}.",
    )


class TaskSchedule(Output):
    task_id: uuid.UUID
    key: str
    scheduled: ScheduledTask | None = Field(
        description="The task's computed dates and slack; null for a manual task without a start."
    )
    drivers: list[StartDriver] = Field(description="What sets the start, strongest first.")
