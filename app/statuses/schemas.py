import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from app.kit.schemas import Input, Omittable, Output, Position
from app.projects.schemas import StatusCategory

StatusName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class WorkflowStatusCreate(Input):
    name: StatusName
    category: StatusCategory
    position: Position | None = Field(
        default=None, description="Board order; defaults to after the last status."
    )


class WorkflowStatusUpdate(Input):
    name: Omittable[StatusName] = None
    category: Omittable[StatusCategory] = None
    position: Omittable[Position] = None


class WorkflowStatusOrder(Input):
    status_ids: list[uuid.UUID] = Field(
        max_length=200,
        description="Every status of the project, in the new order (200 at most: far more than "
        "a workflow has).",
    )


class WorkflowStatus(Output):
    id: uuid.UUID
    project_id: uuid.UUID
    name: str
    category: StatusCategory
    position: float
    version: int
