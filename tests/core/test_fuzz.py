"""Generated requests (schemathesis) against every operation of the committed OpenAPI document,
valid and invalid ones: whatever arrives, the answer is never a 5xx, and an error is always
problem+json. Path ids are those of a real workspace with one of everything, so the requests
get past the lookups and reach the rules."""

import json
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.support.http import ClientFactory
from tests.support.world import Tenant, tenant

OPENAPI = Path(__file__).parents[2] / "openapi" / "openapi.json"
SCHEMA = schemathesis.openapi.from_dict(json.loads(OPENAPI.read_text()))
# These would end the session or the workspace the cases after them run in.
SKIPPED = {
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/logout-everywhere",
    "DELETE /api/v1/workspaces/{workspace_id}",
}
OPERATIONS = [
    operation
    for operation in (result.ok() for result in SCHEMA.get_all_operations())
    if f"{operation.method.upper()} {operation.path}" not in SKIPPED
]
EXAMPLES = 10


def _label(operation: Any) -> str:
    return f"{operation.method.upper()} {operation.path}"


def _has_input(operation: Any) -> bool:
    """Only an operation that takes something can be sent something invalid."""
    return any(
        part.items
        for part in (operation.path_parameters, operation.query, operation.headers, operation.body)
    )


CASES = [
    pytest.param(operation, mode, id=f"{_label(operation)} {mode.value}")
    for operation in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode == GenerationMode.POSITIVE or _has_input(operation)
]


@pytest.fixture(scope="module")
async def world(app: Any) -> Tenant:
    return await tenant(ClientFactory(app))


def _sendable(headers: dict[str, str]) -> dict[str, str]:
    """The generated headers an HTTP client can send (the session is the world's owner's)."""
    kept = {}
    for name, value in headers.items():
        assume(value.isascii() and value.isprintable())
        if name.lower() not in {"cookie", "authorization", "x-csrf-token"}:
            kept[name] = value
    return kept


@pytest.mark.parametrize(("operation", "mode"), CASES)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
async def test_no_request_gets_a_server_error(
    world: Tenant, operation: Any, mode: GenerationMode, data: st.DataObject
) -> None:
    case = data.draw(operation.as_strategy(generation_mode=mode))
    for name in list(case.path_parameters or {}):
        if name in world.ids:
            case.path_parameters[name] = world.ids[name]
    sent = case.as_transport_kwargs(base_url="http://testserver")
    body = sent.get("data")
    response = await world.owner.client.request(
        sent["method"],
        sent["url"],
        params=sent.get("params"),
        headers=_sendable(sent.get("headers") or {}),
        json=sent.get("json"),
        content=body.encode() if isinstance(body, str) else body,
    )

    request = f"{sent['method']} {response.request.url} {str(sent.get('json'))[:300]}"
    assert response.status_code < 500, f"{request}\n{response.text[:500]}"
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), request
