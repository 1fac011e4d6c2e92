import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, computed_field, model_validator

from app.kit.pagination import PageParams
from app.kit.schemas import (
    Day,
    DistinctIds,
    Hours,
    Input,
    Instant,
    Omittable,
    Output,
    Position,
    SortedIds,
    TaskReference,
)
from app.projects.schemas import StatusCategory
from app.schedules.schemas import DurationDays, SchedulingMode

Title = Annotated[str, Field(min_length=1, max_length=500)]
Description = Annotated[str, Field(max_length=100_000, description="Markdown.")]
EstimateHours = Annotated[Decimal, Field(ge=0, le=100_000, max_digits=8, decimal_places=2)]
LevelingDelayDays = Annotated[
    int,
    Field(
        ge=0,
        le=10_000,
        description="Working days added to an auto-scheduled task's early start after its links"
        " and constraint; set by leveling, 0 to clear.",
    ),
]


class Priority(enum.StrEnum):
    none = "none"
    low = "low"
    medium = "medium"
    high = "high"
    urgent = "urgent"


class ConstraintType(enum.StrEnum):
    snet = "snet"
    fnlt = "fnlt"


class _TaskFields(Input):
    @model_validator(mode="after")
    def _constraint_pair(self) -> Any:
        fields = self.model_fields_set
        if "constraint_type" in fields or "constraint_date" in fields:
            kind, day = (
                getattr(self, "constraint_type", None),
                getattr(self, "constraint_date", None),
            )
            if (kind is None) != (day is None):
                raise ValueError("constraint_type and constraint_date go together")
        return self


class TaskCreate(_TaskFields):
    project_id: uuid.UUID
    title: Title
    description: Description = ""
    status_id: uuid.UUID | None = Field(
        default=None, description="Defaults to the project's first to-do status."
    )
    priority: Priority = Priority.none
    assignee_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    label_ids: list[uuid.UUID] = Field(default_factory=list, max_length=50)
    parent_id: uuid.UUID | None = None
    start_date: Day | None = Field(
        default=None,
        description="An auto-scheduled task in an auto-scheduled project starts at the project"
        " start (today for a project without one) or its `snet` date, whichever is later, until"
        " links move it; a date given here pins it with `snet`. A manual task keeps this date.",
    )
    duration_days: DurationDays | None = Field(
        default=None, description="Working days; defaults to 1, or follows from `finish_date`."
    )
    finish_date: Day | None = Field(
        default=None, description="Instead of `duration_days`: the last working day."
    )
    due_date: Day | None = None
    estimate_hours: EstimateHours | None = None
    scheduling_mode: SchedulingMode = SchedulingMode.auto
    constraint_type: ConstraintType | None = None
    constraint_date: Day | None = None
    position: Position | None = Field(default=None, description="Board order; defaults to last.")


class TaskUpdate(_TaskFields):
    title: Omittable[Title] = None
    description: Omittable[Description] = None
    status_id: Omittable[uuid.UUID] = None
    priority: Omittable[Priority] = None
    assignee_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    label_ids: list[uuid.UUID] | None = Field(default=None, max_length=50)
    parent_id: uuid.UUID | None = None
    start_date: Day | None = None
    duration_days: Omittable[DurationDays] = None
    finish_date: Day | None = None
    due_date: Day | None = None
    estimate_hours: EstimateHours | None = None
    scheduling_mode: Omittable[SchedulingMode] = None
    constraint_type: ConstraintType | None = None
    constraint_date: Day | None = None
    leveling_delay_days: Omittable[LevelingDelayDays] = None
    position: Omittable[Position] = None


class Task(Output):
    id: uuid.UUID
    key: str = Field(description="Project key and number, e.g. `OPS-42`.")
    project_id: uuid.UUID
    parent_id: uuid.UUID | None
    title: str
    description: str
    status_id: uuid.UUID
    priority: Priority
    assignee_ids: SortedIds
    label_ids: SortedIds
    start_date: date | None
    duration_days: int
    finish_date: date | None
    due_date: date | None
    estimate_hours: Hours | None
    scheduling_mode: SchedulingMode
    constraint_type: ConstraintType | None
    constraint_date: date | None
    leveling_delay_days: int = Field(
        description="Working days leveling added to the early start (0: none)."
    )
    position: float
    completed_at: datetime | None
    version: int
    created_at: datetime
    updated_at: datetime

    @computed_field(  # type: ignore[prop-decorator]
        description="The scheduled finish passes the due date: the plan will miss it."
    )
    @property
    def finish_after_due(self) -> bool:
        return (
            self.finish_date is not None
            and self.due_date is not None
            and self.finish_date > self.due_date
        )


class TaskListQuery(PageParams):
    """The task list's page and filters (one model: read in one validation)."""

    project_id: uuid.UUID | None = None
    status_id: uuid.UUID | None = None
    status_category: StatusCategory | None = None
    assignee: str | None = Field(None, max_length=36, description="A member id, or `me`.")
    label_id: uuid.UUID | None = None
    priority: list[Priority] | None = Field(None, max_length=len(Priority))
    parent_id: uuid.UUID | None = None
    due_after: Day | None = Field(None, description="Due on or after (inclusive).")
    due_before: Day | None = Field(None, description="Due on or before (inclusive).")
    updated_since: Instant | None = Field(
        None, description="Changed at or after this moment (with its UTC offset)."
    )
    q: str | None = Field(None, max_length=200, description="Text in title or description.")


class BulkChanges(Input):
    status_id: uuid.UUID | None = None
    priority: Priority | None = None
    assignee_ids: DistinctIds | None = Field(default=None, description="Replace assignees.")
    add_assignee_ids: DistinctIds = Field(default_factory=list)
    remove_assignee_ids: DistinctIds = Field(default_factory=list)
    label_ids: DistinctIds | None = Field(default=None, description="Replace labels.")
    add_label_ids: DistinctIds = Field(default_factory=list)
    remove_label_ids: DistinctIds = Field(default_factory=list)


class BulkUpdate(Input):
    task_ids: list[TaskReference] = Field(
        min_length=1,
        max_length=500,
        description="Ids or keys; a task named twice is changed once. Up to 500, so that a "
        "board's whole selection changes in one request.",
    )
    changes: BulkChanges


class BulkResult(Output):
    items: list[Task]


class ChildrenOnDelete(enum.StrEnum):
    delete = "delete"
    detach = "detach"
