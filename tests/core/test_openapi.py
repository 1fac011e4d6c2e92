import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from app.auth.access import api_routes

ROOT = Path(__file__).resolve().parents[2]


def test_committed_openapi_schema_is_current(app) -> None:
    committed = json.loads((ROOT / "openapi" / "openapi.json").read_text())

    assert committed == app.openapi(), "openapi/openapi.json is stale: run `worklane openapi`"


def test_every_operation_has_a_readable_id_and_summary(app) -> None:
    schema = app.openapi()
    operations = [op for path in schema["paths"].values() for op in path.values()]

    assert all(":" in op["operationId"] for op in operations)
    assert all(op.get("summary") or op.get("description") for op in operations)


def test_every_workspace_route_declares_its_access(app) -> None:
    schema = app.openapi()

    for route in api_routes(app):
        if "{workspace_id}" not in route.path_format:
            continue
        for method in route.methods:
            operation = schema["paths"][route.path_format][method.lower()]
            assert "x-required-role" in operation
            assert "x-required-scope" in operation


def _unbounded_inputs(schema: dict[str, Any], where: str, seen: frozenset[str]) -> Iterator[str]:
    """Where an input schema takes a list without maxItems or a free string without maxLength.
    A string beside a number is a decimal given as text (`"85.00"`): its digits are bounded by
    the number's own limits (max_digits), and its text by the body limit."""
    components = _OPENAPI["components"]["schemas"]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in seen:
            yield from _unbounded_inputs(components[name], name, seen | {name})
        return
    branches = schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", [])
    decimal = any(branch.get("type") == "number" for branch in branches)
    for branch in branches:
        if not (decimal and branch == {"type": "string"}):
            yield from _unbounded_inputs(branch, where, seen)
    if schema.get("type") == "array":
        if "maxItems" not in schema:
            yield f"{where}: array without maxItems"
        yield from _unbounded_inputs(schema.get("items", {}), f"{where}[]", seen)
    bounded_string = {"maxLength", "enum", "const", "format"}
    if (
        schema.get("type") == "string"
        and not bounded_string & schema.keys()
        and not _bounded_pattern(schema.get("pattern"))
    ):
        yield f"{where}: string without maxLength"
    for name, field in schema.get("properties", {}).items():
        yield from _unbounded_inputs(field, f"{where}.{name}", seen)


def _bounded_pattern(pattern: str | None) -> bool:
    """An anchored pattern without an open repetition (`*`, `+`, `{n,}`) bounds the length."""
    if pattern is None or not (pattern.startswith("^") and pattern.endswith("$")):
        return False
    return re.search(r"[*+]|\{\d+,\}", pattern) is None


_OPENAPI: dict[str, Any] = json.loads((ROOT / "openapi" / "openapi.json").read_text())


def test_every_input_list_and_string_is_bounded() -> None:
    unbounded = []
    for path, operations in _OPENAPI["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                named = f"{where} {parameter['name']}"
                unbounded += _unbounded_inputs(parameter["schema"], named, frozenset())
            for content in operation.get("requestBody", {}).get("content", {}).values():
                unbounded += _unbounded_inputs(content["schema"], f"{where} body", frozenset())

    assert unbounded == []
