import uuid

from app.kit.schemas import Input, Output, TaskReference
from app.schedules.schemas import LagDays, LinkType


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
