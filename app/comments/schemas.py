import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

from app.kit.schemas import Input, Output

Body = Annotated[
    str,
    Field(
        min_length=1,
        max_length=50_000,
        description="Markdown. Mention people as `<@member-id>` or `@their@email`.",
    ),
]


class CommentCreate(Input):
    body: Body


class CommentUpdate(Input):
    body: Body


class Comment(Output):
    id: uuid.UUID
    task_id: uuid.UUID
    author_id: uuid.UUID
    body: str
    mentioned_member_ids: list[uuid.UUID]
    version: int
    created_at: datetime
    updated_at: datetime


class Watcher(Output):
    member_id: uuid.UUID
