import uuid

from pydantic import Field

from app.kit.schemas import Input, Name, Timestamps


class TeamCreate(Input):
    name: Name
    parent_id: uuid.UUID | None = Field(default=None, description="Parent team (departments nest).")
    lead_member_id: uuid.UUID | None = None
    member_ids: list[uuid.UUID] = Field(default_factory=list, max_length=1000)


class TeamUpdate(Input):
    name: Name | None = None
    parent_id: uuid.UUID | None = None
    lead_member_id: uuid.UUID | None = None


class TeamMembership(Input):
    member_id: uuid.UUID


class Team(Timestamps):
    id: uuid.UUID
    name: str
    parent_id: uuid.UUID | None
    lead_member_id: uuid.UUID | None
    member_ids: list[uuid.UUID]
    version: int
