import uuid
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer

from app.capacity.model import Granularity
from app.kit.schemas import Output
from app.resources.schemas import ResourceKind


def _two_decimals(hours: Decimal) -> float:
    return float(hours.quantize(Decimal("0.01"), ROUND_HALF_EVEN))


def _four_decimals(ratio: Decimal) -> float:
    return float(ratio.quantize(Decimal("0.0001"), ROUND_HALF_EVEN))


# Computed exactly, rounded only here, on the way out.
RoundedHours = Annotated[Decimal, PlainSerializer(_two_decimals, return_type=float)]
Ratio = Annotated[Decimal, PlainSerializer(_four_decimals, return_type=float)]


class Period(Output):
    start: date
    end: date
    capacity_hours: RoundedHours
    reserved_hours: RoundedHours = Field(description="Held back by ongoing work.")
    allocated_hours: RoundedHours = Field(description="Explicit allocations and task-driven load.")
    available_hours: RoundedHours = Field(description="capacity - reserved - allocated.")
    utilization: Ratio | None = Field(
        description="(reserved + allocated) / capacity; null without capacity."
    )
    overallocated: bool = Field(description="Some day booked beyond its capacity.")


class ResourceWorkload(Output):
    resource_id: uuid.UUID
    name: str
    kind: ResourceKind
    team_id: uuid.UUID | None
    periods: list[Period]


class TeamWorkload(Output):
    team_id: uuid.UUID
    periods: list[Period]


class Workload(Output):
    from_: date = Field(alias="from")
    to: date
    granularity: Granularity
    resources: list[ResourceWorkload]
    teams: list[TeamWorkload] = Field(description="Totals of each team's resources.")


class Overallocation(Output):
    """One over-allocated resource-day; `allocated_hours` includes reserved hours."""

    resource_id: uuid.UUID
    date: date
    capacity_hours: RoundedHours
    allocated_hours: RoundedHours
    excess_hours: RoundedHours


class WorkloadConflict(Overallocation):
    allocation_ids: list[uuid.UUID]
    task_ids: list[uuid.UUID]


class Conflicts(Output):
    items: list[WorkloadConflict]
