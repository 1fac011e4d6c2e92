from tests.support.http import ClientFactory


async def test_bulk_update_changes_every_task_at_once(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid, key="BULK")
    statuses = await owner.statuses(wid, project["id"])
    label = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/labels", json={"name": "urgent"})
    ).json()
    tasks = [await owner.task(wid, project["id"], title=f"T{i}") for i in range(3)]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={
            "task_ids": [tasks[0]["id"], "BULK-2", tasks[2]["id"]],
            "changes": {
                "status_id": statuses["in_progress"],
                "priority": "urgent",
                "add_label_ids": [label["id"]],
                "assignee_ids": [owner.member_ids[wid]],
            },
        },
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert {(t["status_id"], t["priority"]) for t in items} == {(statuses["in_progress"], "urgent")}
    assert all(
        t["label_ids"] == [label["id"]] and t["assignee_ids"] == [owner.member_ids[wid]]
        for t in items
    )
    assert all(t["version"] == 2 for t in items)


async def test_one_bad_id_rejects_the_whole_bulk_update(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    tasks = [await owner.task(wid, project["id"]) for _ in range(2)]
    missing = "00000000-0000-7000-8000-000000000000"

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={
            "task_ids": [tasks[0]["id"], tasks[1]["id"], "NOPE-9", missing],
            "changes": {"priority": "low"},
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/task_ids/2"
    for task in tasks:
        shown = (await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")).json()
        assert (shown["priority"], shown["version"]) == ("none", 1)


async def test_status_of_another_project_points_at_the_task(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    first, second = await owner.project(wid), await owner.project(wid)
    tasks = [await owner.task(wid, first["id"]), await owner.task(wid, second["id"])]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={
            "task_ids": [t["id"] for t in tasks],
            "changes": {"status_id": (await owner.statuses(wid, first["id"]))["done"]},
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/task_ids/1"


async def test_more_than_500_ids_is_rejected(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={"task_ids": ["X-1"] * 501, "changes": {"priority": "low"}},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/task_ids"


async def test_task_named_twice_changes_once(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid, key="TWICE")
    task = await owner.task(wid, project["id"])

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={"task_ids": [task["id"], "TWICE-1", task["id"]], "changes": {"priority": "low"}},
    )

    assert response.status_code == 200
    assert [(t["id"], t["version"]) for t in response.json()["items"]] == [(task["id"], 2)]


async def test_more_than_100_ids_in_a_change_is_rejected(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    task = await owner.task(wid, project["id"])
    ids = [f"00000000-0000-7000-8000-{i:012d}" for i in range(101)]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/bulk",
        json={"task_ids": [task["id"]], "changes": {"add_label_ids": ids}},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/changes/add_label_ids"
