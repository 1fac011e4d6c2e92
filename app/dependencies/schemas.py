import uuid
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Input, Output
from app.schedules.schemas import LagDays, LinkType

TaskReference = Annotated[str, Field(max_length=64, description="Task id or key, e.g. `OPS-42`.")]


class DependencyCreate(Input):
    predecessor_id: TaskReference
    successor_id: TaskReference
    type: LinkType = "FS"
    lag_days: LagDays = 0


class DependencyUpdate(Input):
    type: LinkType | None = None
    lag_days: LagDays | None = None


class Dependency(Output):
    id: uuid.UUID
    predecessor_id: uuid.UUID
    successor_id: uuid.UUID
    type: str
    lag_days: int
    version: int
