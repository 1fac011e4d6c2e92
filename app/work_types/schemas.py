import uuid
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Input, Name, Output

ActivityKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description="Lowercase letters, digits and `_`, e.g. `development`. Fixed once set.",
    ),
]


class ActivityCreate(Input):
    key: ActivityKey
    name: Name


class ActivityUpdate(Input):
    name: Name | None = None


class Activity(Output):
    id: uuid.UUID
    key: str
    name: str
    version: int
