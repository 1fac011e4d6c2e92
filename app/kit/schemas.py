"""Base classes for request and response bodies."""

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    StringConstraints,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from app.kit.text import refuse_nul


class Output(BaseModel):
    model_config = ConfigDict(from_attributes=True)


def refuse_null(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("not_null", "cannot be null")
    return value


class _NeverNull:
    """The marker behind `Omittable`: refuses an explicit null, and leaves null out of the
    field's JSON schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_before_validator_function(refuse_null, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        branches = [b for b in json_schema.pop("anyOf", []) if b != {"type": "null"}]
        if len(branches) == 1:
            json_schema.update(branches[0])
        elif branches:
            json_schema["anyOf"] = branches
        return json_schema


NEVER_NULL = _NeverNull()
Value = TypeVar("Value")
# A field a request may leave out (it then reads None: unchanged) but not send as null, e.g. a
# task's title in a PATCH: `title: Omittable[Title] = None`. Null is a 422 at the field.
Omittable = Annotated[Value | None, NEVER_NULL]


class Input(BaseModel):
    """Request bodies refuse unknown fields, so a typo or a server-owned field is a 422.

    `renamed_fields` maps the old names of renamed fields to their new ones: for one release an
    old name is read as the new one (both at once: the old one is an unknown field), and the
    schema lists it as deprecated (docs/design.md §3).
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    renamed_fields: ClassVar[Mapping[str, str]] = {}

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        return refuse_nul(data)

    @model_validator(mode="before")
    @classmethod
    def _old_names(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not cls.renamed_fields.keys() & data.keys():
            return data
        renamed = dict(data)
        for old, new in cls.renamed_fields.items():
            if old in renamed and new not in renamed:
                renamed[new] = renamed.pop(old)
        return renamed

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        properties = handler.resolve_ref_schema(json_schema).get("properties", {})
        for name, field in cls.model_fields.items():
            # An omittable field has no default to document: left out, it is left unchanged.
            if NEVER_NULL in field.metadata:
                properties[name].pop("default", None)
        for old, new in cls.renamed_fields.items():
            properties[old] = {
                **properties[new],
                "title": old.replace("_", " ").title(),
                "description": f"The old name of `{new}`, read as it for one release.",
                "deprecated": True,
            }
        return json_schema


class Timestamps(Output):
    created_at: datetime
    updated_at: datetime


# Hours travel as JSON numbers; money as a string with exactly two decimals (no float rounding).
Hours = Annotated[Decimal, PlainSerializer(float, return_type=float)]
Money = Annotated[Decimal, PlainSerializer(lambda amount: f"{amount:.2f}", return_type=str)]

# Ids in one stable order, whatever order the database aggregated them in.
SortedIds = Annotated[list[uuid.UUID], AfterValidator(sorted)]

# Ids a request lists, each once (a repeat is dropped), at most 100 unless the field says why.
MAX_IDS = 100


def _each_once(ids: list[Any]) -> list[Any]:
    return list(dict.fromkeys(ids))


DistinctIds = Annotated[list[uuid.UUID], Field(max_length=MAX_IDS), AfterValidator(_each_once)]

# A task by its id or its key (`OPS-42`), as paths and bodies accept it.
TaskReference = Annotated[str, Field(max_length=64, description="Task id or key, e.g. `OPS-42`.")]

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]

# An order among siblings (board cards, statuses); a finite number, so it always sorts.
Position = Annotated[float, Field(allow_inf_nan=False)]

# The dates a request may carry: far wider than any plan, and far enough from date.min and
# date.max that arithmetic on them (10,000 working days on, a week around) cannot overflow.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
Day = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY)]


def _within_days(moment: datetime) -> datetime:
    if not FIRST_DAY <= moment.date() <= LAST_DAY:
        raise ValueError(f"must fall between {FIRST_DAY} and {LAST_DAY}")
    return moment


# A point in time a request may carry: with its UTC offset (a bare time would be ambiguous),
# within the days above.
Instant = Annotated[AwareDatetime, AfterValidator(_within_days)]
