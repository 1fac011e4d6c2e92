import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event
from tests.support.http import ClientFactory


async def test_label_names_are_unique_whatever_the_case(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    url = f"/api/v1/workspaces/{wid}/labels"
    await owner.client.post(url, json={"name": "Bug", "color": "#ff0000"})

    response = await owner.client.post(url, json={"name": "bug"})

    assert response.status_code == 409
    assert response.json()["code"] == "label_name_taken"


async def test_colour_must_be_hex(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/labels", json={"name": "x", "color": "red"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/color"


async def test_deleting_a_label_removes_it_from_tasks(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    label = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/labels", json={"name": "gone"})
    ).json()
    task = await owner.task(wid, project["id"], label_ids=[label["id"]])

    deleted = await owner.client.delete(f"/api/v1/workspaces/{wid}/labels/{label['id']}")

    assert deleted.status_code == 204
    shown = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")
    assert shown.json()["label_ids"] == []


async def test_a_task_losing_a_deleted_label_gets_a_new_version_and_an_event(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    label = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/labels", json={"name": "gone"})
    ).json()
    task = await owner.task(wid, project["id"], label_ids=[label["id"]])

    await owner.client.delete(f"/api/v1/workspaces/{wid}/labels/{label['id']}")
    shown = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")
    stale = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{task['id']}",
        json={"title": "x"},
        headers={"If-Match": f'"{task["version"]}"'},
    )
    activity = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}/activity")

    assert shown.json()["version"] == task["version"] + 1
    assert shown.json()["updated_at"] > task["updated_at"]
    assert stale.status_code == 412
    assert activity.json()["items"][0]["changes"] == {
        "label_ids": {"before": [label["id"]], "after": []}
    }


async def _events(
    sessionmaker: async_sessionmaker[AsyncSession], entity_id: str
) -> list[tuple[str, dict[str, Any]]]:
    async with sessionmaker() as session:
        rows = await session.execute(
            select(Event.type, Event.changes)
            .where(Event.entity_type == "label", Event.entity_id == uuid.UUID(entity_id))
            .order_by(Event.created_at, Event.id)
        )
    return [(type_, changes) for type_, changes in rows]


async def test_creating_changing_and_deleting_a_label_are_events(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    url = f"/api/v1/workspaces/{wid}/labels"
    label = (await owner.client.post(url, json={"name": "Bug", "color": "#ff0000"})).json()

    changed = await owner.client.patch(f"{url}/{label['id']}", json={"color": "#00ff00"})
    same = await owner.client.patch(f"{url}/{label['id']}", json={"name": "Bug"})
    deleted = await owner.client.delete(f"{url}/{label['id']}")

    assert (changed.status_code, same.status_code, deleted.status_code) == (200, 200, 204)
    assert await _events(sessionmaker, label["id"]) == [
        (
            "label.created",
            {
                "name": {"before": None, "after": "Bug"},
                "color": {"before": None, "after": "#ff0000"},
            },
        ),
        ("label.updated", {"color": {"before": "#ff0000", "after": "#00ff00"}}),
        (
            "label.deleted",
            {
                "name": {"before": "Bug", "after": None},
                "color": {"before": "#00ff00", "after": None},
            },
        ),
    ]
