import enum
import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import MISSING, Field

from app.kit.schemas import Day, Hours, Input, Money, Name, Omittable, Output
from app.rates.auth import COST_ONLY_FOR_RATE_READERS

HoursPerDay = Annotated[Decimal, Field(ge=0, le=24, max_digits=4, decimal_places=2)]
CostRate = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Reason = Annotated[str, Field(max_length=500)]


class ResourceKind(enum.StrEnum):
    person = "person"
    equipment = "equipment"
    room = "room"
    pool = "pool"


class ResourceCreate(Input):
    kind: ResourceKind = Field(
        description="equipment, room or pool; person resources come with members."
    )
    name: Name
    capacity_hours_per_day: HoursPerDay = Field(
        description="Hours per working day, e.g. 24 for a contractor pool of 3 FTE."
    )
    cost_rate: CostRate | None = None
    team_id: uuid.UUID | None = None
    calendar_id: uuid.UUID | None = Field(default=None, description="Null: the workspace default.")


class ResourceUpdate(Input):
    """A person's name, capacity and cost rate are the member's: only team and calendar change."""

    name: Omittable[Name] = None
    capacity_hours_per_day: Omittable[HoursPerDay] = None
    cost_rate: CostRate | None = None
    team_id: uuid.UUID | None = None
    calendar_id: uuid.UUID | None = None


class Resource(Output):
    id: uuid.UUID
    kind: ResourceKind
    name: str
    member_id: uuid.UUID | None = Field(description="The member, for a person.")
    team_id: uuid.UUID | None
    capacity_hours_per_day: Hours | None = Field(description="Non-human resources.")
    weekly_capacity_hours: Hours | None = Field(description="Persons: the member's weekly hours.")
    cost_rate: Money | MISSING | None = Field(
        default=MISSING,
        description=f"Hourly cost (a person's is the member's); null: none. "
        f"{COST_ONLY_FOR_RATE_READERS}",
    )
    calendar_id: uuid.UUID | None = Field(description="Null: the workspace default calendar.")
    version: int


class TimeOffCreate(Input):
    resource_id: uuid.UUID
    start_date: Day
    end_date: Day
    hours_per_day: Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)] | None = (
        Field(default=None, description="Hours off each day; null: full days.")
    )
    reason: Reason = ""


class TimeOffUpdate(Input):
    start_date: Omittable[Day] = None
    end_date: Omittable[Day] = None
    hours_per_day: Annotated[Decimal, Field(gt=0, le=24, max_digits=4, decimal_places=2)] | None = (
        None
    )
    reason: Omittable[Reason] = None


class TimeOff(Output):
    id: uuid.UUID
    resource_id: uuid.UUID
    start_date: date
    end_date: date
    hours_per_day: Hours | None
    reason: str
    version: int
