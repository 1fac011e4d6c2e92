"""Query parameters read into a model with one validation.

FastAPI reads each declared query parameter on its own, inspecting its annotation again on every
request: about 10 µs a parameter, which on a list with a dozen filters cost more than running
its SQL (docs/performance.md, "Task list"). A `QueryModel` read with `query()` is validated by
pydantic in one call instead, with the same answers: a bad value is the same 422 at
`/query/<name>`, unknown parameters are ignored, and a list field takes every value of a
repeated parameter. The published OpenAPI document lists its fields as query parameters,
exactly as FastAPI would have (`query_parameters`, used by app/openapi.py).
"""

import types
import typing
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, ValidationError

Model = TypeVar("Model", bound="QueryModel")


class QueryModel(BaseModel):
    """The query parameters of a route, as one model (read with `query()`)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    def read_from(self, request: Request) -> None:
        """Take what else the model needs from the request it was read from (nothing here)."""


class QueryReader:
    """Dependency: the request's query parameters as `model`."""

    def __init__(self, model: type[QueryModel]) -> None:
        self.model = model
        self.lists = frozenset(
            name for name, field in model.model_fields.items() if _is_list(field.annotation)
        )

    async def __call__(self, request: Request) -> QueryModel:
        params = request.query_params
        given = {
            name: params.getlist(name) if name in self.lists else params[name] for name in params
        }
        try:
            model = self.model.model_validate(given)
        except ValidationError as invalid:
            raise RequestValidationError(
                [{**error, "loc": ("query", *error["loc"])} for error in invalid.errors()]
            ) from None
        model.read_from(request)
        return model


def query(model: type[Model]) -> Any:
    """`Annotated[Filters, query(Filters)]`: the route's query parameters, read as `Filters`."""
    return Depends(QueryReader(model))


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin in (list, tuple, set, frozenset)


def query_parameters(model: type[QueryModel]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The OpenAPI parameters of `model`'s fields, as FastAPI writes them, and the component
    schemas they refer to."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    parameters = []
    for name, field_schema in schema["properties"].items():
        if field_schema.get("default", ...) is None:
            del field_schema["default"]
        field_schema.setdefault("title", name.replace("_", " ").title())
        parameter: dict[str, Any] = {
            "name": name,
            "in": "query",
            "required": name in schema.get("required", ()),
            "schema": field_schema,
        }
        if "description" in field_schema:
            parameter["description"] = field_schema["description"]
        parameters.append(parameter)
    return parameters, schema.get("$defs", {})
