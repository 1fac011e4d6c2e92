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
