"""Sorting and cursors are bounded: a few distinct sort keys, a capped parameter, and cursors
that work only for the list, sort and filters they were made for."""

import base64
import json
from typing import Any

import httpx
import pytest

from tests.support.http import ClientFactory, Person


async def _tasks(owner: Person, count: int) -> tuple[str, str]:
    workspace = await owner.workspace()
    wid = workspace["id"]
    project = await owner.project(wid)
    for i in range(count):
        await owner.task(wid, project["id"], title=f"T{i}")
    return wid, project["id"]


def _problem(response: httpx.Response) -> tuple[int, str, str]:
    body = response.json()
    return response.status_code, body["code"], body["errors"][0]["pointer"]


async def _first_cursor(owner: Person, wid: str, **params: Any) -> str:
    page = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params={"limit": 1, **params})
    assert page.status_code == 200, page.text
    cursor: str = page.json()["next_cursor"]
    return cursor


@pytest.mark.parametrize(
    "sort",
    [
        pytest.param("title,-due_date,priority,created_at", id="more than three keys"),
        pytest.param("title,-title", id="a key twice"),
        pytest.param("title" + "," * 200, id="longer than 100 characters"),
    ],
)
async def test_a_sort_past_its_bounds_is_422_at_sort(clients: ClientFactory, sort: str) -> None:
    owner = await clients.user()
    wid, _ = await _tasks(owner, 0)

    response = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params={"sort": sort})

    assert _problem(response)[::2] == (422, "/query/sort")


@pytest.mark.parametrize(
    "used_with",
    [
        pytest.param({"sort": "-title"}, id="another sort"),
        pytest.param({"sort": "title", "q": "T"}, id="other filters"),
    ],
)
async def test_cursor_used_with_another_sort_or_filters_is_422(
    clients: ClientFactory, used_with: dict[str, str]
) -> None:
    owner = await clients.user()
    wid, _ = await _tasks(owner, 2)
    cursor = await _first_cursor(owner, wid, sort="title")

    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks", params={**used_with, "cursor": cursor}
    )

    assert _problem(response) == (422, "invalid_cursor", "/query/cursor")


async def test_tampered_cursor_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, _ = await _tasks(owner, 2)
    cursor = await _first_cursor(owner, wid, sort="title")
    encoded, mac = cursor.split(".")
    values = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    values[0] = "A"
    forged = base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")

    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks", params={"cursor": f"{forged}.{mac}", "sort": "title"}
    )

    assert _problem(response) == (422, "invalid_cursor", "/query/cursor")


async def test_cursor_pages_on_with_the_same_sort_and_filters(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project_id = await _tasks(owner, 2)
    params = {"sort": "-title", "project_id": project_id}
    cursor = await _first_cursor(owner, wid, **params)

    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks", params={**params, "cursor": cursor, "limit": 1}
    )

    assert [t["title"] for t in response.json()["items"]] == ["T0"]
