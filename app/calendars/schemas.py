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


# A public-holiday file for a few countries and years is a few tens of kilobytes.
ICS_MAX_CHARS = 262_144


class CalendarImport(Input):
    ics: Annotated[
        str,
        Field(
            min_length=1,
            max_length=ICS_MAX_CHARS,
            description="The text of an iCalendar (.ics) file, up to 256 KiB. Each VEVENT's days "
            "(all-day or timed, multi-day, yearly RRULE repeats) become exceptions named by its "
            "SUMMARY.",
        ),
    ]
    working: bool = Field(
        default=False, description="false: the events are holidays; true: extra working days."
    )
    from_date: Day | None = Field(
        default=None, description="First day imported; default: 1 January of this year."
    )
    to_date: Day | None = Field(
        default=None,
        description="Last day imported (at most ten years after `from_date`); default: "
        "31 December two years after `from_date`'s.",
    )


class CalendarImportResult(Output):
    created: int = Field(description="Exceptions added.")
    skipped: int = Field(
        description="Days the calendar already had an exception on, or that the file names twice."
    )
    unchanged: int = Field(
        description="Days the working weekdays already treat so (a holiday on a weekend)."
    )
    outside: int = Field(description="Days of the file's events outside from_date..to_date.")
    from_date: date
    to_date: date


class CalendarUser(Output):
    id: uuid.UUID
    name: str
    by_default: bool = Field(
        description="Names no calendar of its own, so follows the workspace default."
    )


class CalendarUsers(Output):
    """Who follows a calendar: its projects and resources (up to 200 of each, by name), and how
    many there are."""

    project_count: int
    resource_count: int
    projects: list[CalendarUser]
    resources: list[CalendarUser]
