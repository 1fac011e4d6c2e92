import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import MISSING, Field

from app.auth.access import Role
from app.kit.schemas import Hours, Input, Money, Timestamps
from app.rates.auth import COST_ONLY_FOR_RATE_READERS

CapacityHours = Annotated[Decimal, Field(ge=0, le=168, max_digits=6, decimal_places=2)]
CostRate = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]


class MemberUpdate(Input):
    role: Role | None = None
    weekly_capacity_hours: CapacityHours | None = None
    cost_rate: CostRate | None = None


class Member(Timestamps):
    id: uuid.UUID
    user_id: uuid.UUID
    email: str
    name: str
    role: Role
    weekly_capacity_hours: Hours
    cost_rate: Money | MISSING | None = Field(
        default=MISSING, description=f"Hourly cost; null: none. {COST_ONLY_FOR_RATE_READERS}"
    )
    team_ids: list[uuid.UUID]
    version: int
