"""NUL characters, which PostgreSQL text cannot store, are invalid input wherever they arrive."""

from tests.support.http import ClientFactory


async def test_a_nul_in_a_body_string_is_a_422_at_that_field_and_nothing_is_written(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    labels = f"/api/v1/workspaces/{wid}/labels"

    answer = await owner.client.post(labels, json={"name": "ops\u0000"})

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"pointer": "/name", "detail": "must not contain NUL (U+0000) characters"}
    ]
    assert (await owner.client.get(labels)).json()["items"] == []


async def test_a_nul_deep_in_a_body_points_at_its_place(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    answer = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={"task_ids": ["OPS-1", "OPS-\u00002"], "changes": {"priority": "high"}},
    )

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/task_ids/1"


async def test_a_nul_in_a_query_parameter_is_a_422_at_that_parameter(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    answer = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params={"q": "a\u0000"})

    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"] == "/query/q"
