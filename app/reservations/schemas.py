import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Hours, Input, Omittable, Output

WeeklyHours = Annotated[Decimal, Field(gt=0, le=168, max_digits=6, decimal_places=2)]


class ReservationCreate(Input):
    member_id: uuid.UUID | None = Field(default=None, description="Give a member or a team.")
    team_id: uuid.UUID | None = None
    hours_per_week: WeeklyHours


class ReservationUpdate(Input):
    hours_per_week: Omittable[WeeklyHours] = None


class Reservation(Output):
    id: uuid.UUID
    project_id: uuid.UUID
    member_id: uuid.UUID | None
    team_id: uuid.UUID | None
    hours_per_week: Hours
    version: int
