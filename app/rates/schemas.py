import enum
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Day, Input, Money, Output

HourlyRate = Annotated[
    Decimal, Field(ge=0, max_digits=12, decimal_places=2, description="Per hour, e.g. `85.00`.")
]
Currency = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. `EUR`.")]


class RateKind(enum.StrEnum):
    cost = "cost"
    bill = "bill"


class RateCreate(Input):
    kind: RateKind
    member_id: uuid.UUID | None = Field(
        default=None, description="Whose cost this is (`kind: cost`): a member..."
    )
    resource_id: uuid.UUID | None = Field(
        default=None,
        description="...or a non-human resource (`kind: cost`); a person's cost is their member's.",
    )
    project_id: uuid.UUID | None = Field(
        default=None, description="The project billed at this rate (`kind: bill`)."
    )
    hourly_rate: HourlyRate
    currency: Currency | None = Field(
        default=None, description="Defaults to the project's currency for a bill rate."
    )
    effective_from: Day = Field(description="In force from this date until the next rate.")


class Rate(Output):
    id: uuid.UUID
    kind: RateKind
    member_id: uuid.UUID | None
    resource_id: uuid.UUID | None
    project_id: uuid.UUID | None
    hourly_rate: Money
    currency: str | None
    effective_from: date
    version: int
    created_at: datetime
