import uuid
from typing import Annotated

from fastapi import Depends, Query
from pydantic import Field

from app.kit.errors import Unprocessable
from app.kit.schemas import Input, Name, Output

WorkTypeKey = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]{0,39}$",
        description="Lowercase letters, digits and `_`, e.g. `development`. Fixed once set.",
    ),
]


class WorkTypeCreate(Input):
    key: WorkTypeKey
    name: Name


class WorkTypeUpdate(Input):
    name: Name | None = None


class WorkType(Output):
    id: uuid.UUID
    key: str
    name: str
    version: int


def _work_type_query(
    work_type: Annotated[
        str | None, Query(max_length=40, description="Only time logged as this work type (key).")
    ] = None,
    activity: Annotated[
        str | None,
        Query(
            max_length=40,
            deprecated=True,
            description="The old name of `work_type`, read as it for one release.",
        ),
    ] = None,
) -> str | None:
    if work_type is not None and activity is not None:
        raise Unprocessable.at("/query/activity", "the old name of work_type: give one of them")
    return work_type if work_type is not None else activity


# A list's or report's filter by work type, under its new name or (deprecated) its old one.
WorkTypeQuery = Annotated[str | None, Depends(_work_type_query)]
