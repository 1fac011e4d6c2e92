"""Base classes for request and response bodies."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
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

# An order among siblings (board cards, statuses); a finite number, so it always sorts.
Position = Annotated[float, Field(allow_inf_nan=False)]

# The dates a request may carry: far wider than any plan, and far enough from date.min and
# date.max that arithmetic on them (10,000 working days on, a week around) cannot overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]


def _within_days(moment: datetime) -> datetime:
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise ValueError(f"must fall between {FIRST_DAY} and {LAST_DAY}")
    return moment


# A point in time a request may carry: with its UTC offset (a bare time would be ambiguous),
# within the days above.
Instant = Annotated[AwareDatetime, AfterValidator(_within_days)]
