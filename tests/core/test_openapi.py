import json
from pathlib import Path

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
