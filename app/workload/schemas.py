import uuid
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer

from app.capacity.model import Granularity
from app.kit.schemas import Output
from app.resources.schemas import ResourceKind

# Figures from non-terminating divisions (an estimate over 3 days) carry a residue in their last
# of 28 digits, so an exact tie such as 91.625 can arrive as 91.62500000000000000000000001.
# Rounding to 1e-12 first removes it (no true figure of these inputs lies that close to a tie
# without being one), then half-even rounding sees the figure itself.
_RESIDUE = Decimal("1e-12")


def _rounded(figure: Decimal, step: Decimal) -> float:
    return float(figure.quantize(_RESIDUE, ROUND_HALF_EVEN).quantize(step, ROUND_HALF_EVEN))


def _two_decimals(hours: Decimal) -> float:
    return _rounded(hours, Decimal("0.01"))


def _four_decimals(ratio: Decimal) -> float:
    return _rounded(ratio, Decimal("0.0001"))


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
