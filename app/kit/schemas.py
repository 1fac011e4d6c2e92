"""Base classes for request and response bodies."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    PlainSerializer,
    StringConstraints,
    model_validator,
)

from app.kit.text import refuse_nul


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Input(BaseModel):
    """Request bodies refuse unknown fields, so a typo or a server-owned field is a 422."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        return refuse_nul(data)


class Timestamps(Output):
    created_at: datetime
    updated_at: datetime


# Hours travel as JSON numbers; money as a string with exactly two decimals (no float rounding).
Hours = Annotated[Decimal, PlainSerializer(float, return_type=float)]
Money = Annotated[Decimal, PlainSerializer(lambda amount: f"{amount:.2f}", return_type=str)]

# Ids in one stable order, whatever order the database aggregated them in.
SortedIds = Annotated[list[uuid.UUID], AfterValidator(sorted)]

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
