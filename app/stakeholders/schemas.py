import uuid

from app.kit.schemas import Input, Output
from app.projects.schemas import StakeholderRole


class StakeholderSet(Input):
    role: StakeholderRole


class Stakeholder(Output):
    member_id: uuid.UUID
    role: StakeholderRole
