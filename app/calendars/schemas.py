import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from app.kit.schemas import Day, Hours, Input, Name, Output


def _weekdays(days: list[int]) -> list[int]:
    if not days:
        raise ValueError("at least one working weekday")
    return sorted(set(days))


Weekdays = Annotated[
    list[Annotated[int, Field(ge=1, le=7)]],
    Field(max_length=7, description="ISO weekdays worked, 1 = Monday."),
    AfterValidator(_weekdays),
]
HoursPerDay = Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)]


class CalendarCreate(Input):
    name: Name
    working_weekdays: Weekdays = Field(default_factory=lambda: [1, 2, 3, 4, 5])
    hours_per_day: HoursPerDay = Decimal(8)


class CalendarUpdate(Input):
    name: Name | None = None
    working_weekdays: Weekdays | None = None
    hours_per_day: HoursPerDay | None = None
    is_default: bool | None = Field(
        default=None, description="Make this the workspace default (the old one stops being it)."
    )


class Calendar(Output):
    id: uuid.UUID
    name: str
    working_weekdays: list[int]
    hours_per_day: Hours
    is_default: bool
    version: int


class CalendarExceptionCreate(Input):
    date: Day
    working: bool = Field(description="false: a holiday; true: an extra working day.")
    name: Annotated[str, Field(max_length=200)] = ""


class CalendarException(Output):
    id: uuid.UUID
    calendar_id: uuid.UUID
    date: date
    working: bool
    name: str
