import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, StringConstraints

from app.kit.schemas import Day, Hours, Input, Money, Name, Omittable, Output, Timestamps
from app.schedules.schemas import SchedulingMode


class ProjectKind(enum.StrEnum):
    project = "project"
    ongoing = "ongoing"


class Phase(enum.StrEnum):
    """The lifecycle of a `kind: project`, in order."""

    initiation = "initiation"
    planning = "planning"
    execution = "execution"
    closing = "closing"
    closed = "closed"


class ProjectStatus(enum.StrEnum):
    active = "active"
    on_hold = "on_hold"
    archived = "archived"


class EditableStatus(enum.StrEnum):
    """The statuses a PATCH may set; archiving has its own route."""

    active = "active"
    on_hold = "on_hold"


class StatusCategory(enum.StrEnum):
    backlog = "backlog"
    todo = "todo"
    in_progress = "in_progress"
    done = "done"
    cancelled = "cancelled"


class StakeholderRole(enum.StrEnum):
    owner = "owner"
    contributor = "contributor"
    stakeholder = "stakeholder"
    informed = "informed"


ProjectKey = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2,10}$"),
    Field(description="2-10 uppercase letters; prefixes task keys (`OPS-42`). Fixed once set."),
]
Description = Annotated[str, Field(max_length=20_000, description="Markdown.")]
BudgetHours = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
BudgetAmount = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Currency = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 4217 code; required with `budget_amount`."),
]
Note = Annotated[str, Field(max_length=2000)]


class ProjectCreate(Input):
    key: ProjectKey
    name: Name
    description: Description = ""
    kind: ProjectKind
    start_date: Day | None = Field(
        default=None, description="Required for a project; ongoing work defaults to today."
    )
    target_date: Day | None = Field(
        default=None, description="Required for a project, on or after start; none for ongoing."
    )
    owner_id: uuid.UUID | None = Field(default=None, description="A member; defaults to you.")
    team_id: uuid.UUID | None = None
    calendar_id: uuid.UUID | None = Field(default=None, description="Null: the workspace calendar.")
    scheduling_mode: SchedulingMode = Field(
        default=SchedulingMode.auto,
        description="auto: changes reschedule the tasks they reach; manual: dates stay as typed.",
    )
    budget_hours: BudgetHours | None = None
    budget_amount: BudgetAmount | None = None
    currency: Currency | None = None


class ProjectUpdate(Input):
    """Every field optional; `null` clears an optional field. Key and kind are fixed."""

    name: Omittable[Name] = None
    description: Omittable[Description] = None
    status: Omittable[EditableStatus] = None
    start_date: Day | None = None
    target_date: Day | None = None
    owner_id: uuid.UUID | None = None
    team_id: uuid.UUID | None = None
    calendar_id: uuid.UUID | None = None
    scheduling_mode: Omittable[SchedulingMode] = None
    budget_hours: BudgetHours | None = None
    budget_amount: BudgetAmount | None = None
    currency: Currency | None = None


class TaskCounts(Output):
    """How many of the project's tasks are open (backlog, to do, in progress), done or
    cancelled."""

    total: int
    open: int
    done: int
    cancelled: int


class Project(Timestamps):
    id: uuid.UUID
    key: str
    name: str
    description: str
    kind: ProjectKind
    phase: Phase | None = Field(description="Lifecycle phase; null for ongoing work.")
    status: ProjectStatus
    start_date: date | None
    target_date: date | None
    owner_id: uuid.UUID | None
    team_id: uuid.UUID | None
    calendar_id: uuid.UUID | None = Field(description="Null: the workspace calendar.")
    scheduling_mode: SchedulingMode
    budget_hours: Hours | None
    budget_amount: Money | None
    currency: str | None
    task_counts: TaskCounts
    version: int


class TransitionCreate(Input):
    to_phase: Phase
    force: bool = Field(
        default=False, description="Move to closing or closed even though tasks are open."
    )
    note: Note = ""


class Transition(Output):
    id: uuid.UUID
    project_id: uuid.UUID
    from_phase: Phase
    to_phase: Phase
    actor_id: uuid.UUID | None = Field(description="The member who moved the project.")
    note: str
    at: datetime
