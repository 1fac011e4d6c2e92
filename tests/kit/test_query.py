"""Query models: one validation per request, the answers and the documentation FastAPI gives."""

from typing import Any

from tests.support.http import ClientFactory


async def _tasks(clients: ClientFactory, **params: Any) -> tuple[int, Any]:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]
    project = await owner.project(workspace_id)
    for title in ("One", "Two", "Three"):
        await owner.task(workspace_id, project["id"], title=title)
    response = await owner.client.get(f"/api/v1/workspaces/{workspace_id}/tasks", params=params)
    return response.status_code, response.json()


async def test_a_bad_value_is_a_problem_pointing_at_the_parameter(
    clients: ClientFactory,
) -> None:
    status, body = await _tasks(clients, project_id="not-an-id", priority=["high", "soonish"])

    assert status == 422
    assert [error["pointer"] for error in body["errors"]] == [
        "/query/project_id",
        "/query/priority/1",
    ]


async def test_unknown_parameters_are_ignored(clients: ClientFactory) -> None:
    status, body = await _tasks(clients, colour="blue")

    assert status == 200
    assert len(body["items"]) == 3


async def test_a_page_size_out_of_range_is_clamped(clients: ClientFactory) -> None:
    status, body = await _tasks(clients, limit=0)

    assert status == 200
    assert len(body["items"]) == 1
    assert body["next_cursor"] is not None


async def test_query_models_are_documented_as_query_parameters(app: Any) -> None:
    operation = app.openapi()["paths"]["/api/v1/workspaces/{workspace_id}/tasks"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}

    assert parameters["limit"]["schema"]["default"] == 50
    assert parameters["q"]["schema"]["anyOf"][0] == {"type": "string", "maxLength": 200}
    assert parameters["q"]["description"] == "Text in title or description."
    assert parameters["priority"]["schema"]["anyOf"][0]["type"] == "array"
    assert not any(p["required"] for p in parameters.values())
