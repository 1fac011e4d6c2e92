import uuid
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Input, Output

LabelName = Annotated[str, Field(min_length=1, max_length=100)]
Color = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="Hex colour, `#rrggbb`.")]


class LabelCreate(Input):
    name: LabelName
    color: Color = "#6b7280"


class LabelUpdate(Input):
    name: LabelName | None = None
    color: Color | None = None


class Label(Output):
    id: uuid.UUID
    name: str
    color: str
    version: int
