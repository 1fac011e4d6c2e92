import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Day, Hours, Input, Omittable, Output, TaskReference
from app.workload.schemas import Overallocation

HoursPerDay = Annotated[Decimal, Field(ge=0, le=24, max_digits=4, decimal_places=2)]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Note = Annotated[str, Field(max_length=2000)]


class AllocationCreate(Input):
    resource_id: uuid.UUID
    project_id: uuid.UUID | None = Field(
        default=None, description="Required unless task_id is given (then it is the task's)."
    )
    task_id: TaskReference | None = None
    start_date: Day
    end_date: Day
    hours_per_day: HoursPerDay | None = Field(
        default=None, description="Hours on each working day; give this or percent."
    )
    percent: Percent | None = Field(default=None, description="Percent of each day's capacity.")
    note: Note = ""


class AllocationUpdate(Input):
    """Setting hours_per_day clears percent and the other way round."""

    start_date: Omittable[Day] = None
    end_date: Omittable[Day] = None
    hours_per_day: HoursPerDay | None = None
    percent: Percent | None = None
    note: Omittable[Note] = None


class Allocation(Output):
    id: uuid.UUID
    resource_id: uuid.UUID
    project_id: uuid.UUID
    task_id: uuid.UUID | None
    start_date: date
    end_date: date
    hours_per_day: Hours | None
    percent: Hours | None
    note: str
    version: int


class AllocationWithWarnings(Allocation):
    warnings: list[Overallocation] = Field(
        description="Each day this allocation puts hours on while its resource is booked beyond"
        " its capacity; empty when none."
    )
