from typing import Any

from tests.support.http import ClientFactory, Person


async def _world(owner: Person) -> dict[str, Any]:
    workspace = await owner.workspace()
    wid = workspace["id"]
    project = await owner.project(wid)
    other = await owner.project(wid)
    statuses = await owner.statuses(wid, project["id"])
    label = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/labels", json={"name": "bug"})
    ).json()
    me = owner.member_ids[wid]
    tasks = {
        "mine": await owner.task(
            wid,
            project["id"],
            title="Fix login bug",
            assignee_ids=[me],
            label_ids=[label["id"]],
            priority="high",
            due_date="2026-04-01",
        ),
        "done": await owner.task(
            wid,
            project["id"],
            title="Shipped",
            status_id=statuses["done"],
            assignee_ids=[me],
            due_date="2026-04-02",
        ),
        "plain": await owner.task(
            wid,
            project["id"],
            title="Write docs",
            description="mention the LOGIN page",
            due_date="2026-04-03",
        ),
        "other": await owner.task(wid, other["id"], title="Elsewhere"),
    }
    return {"wid": wid, "project": project, "statuses": statuses, "label": label, "tasks": tasks}


async def _titles(owner: Person, wid: str, **params: Any) -> list[str]:
    response = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params=params)
    assert response.status_code == 200, response.text
    return [t["title"] for t in response.json()["items"]]


async def test_filters_narrow_the_list(clients: ClientFactory) -> None:
    owner = await clients.user()
    w = await _world(owner)
    wid, pid = w["wid"], w["project"]["id"]

    assert await _titles(owner, wid, project_id=pid) == ["Fix login bug", "Shipped", "Write docs"]
    assert await _titles(owner, wid, project_id=pid, status_category="done") == ["Shipped"]
    assert await _titles(owner, wid, assignee="me", status_category="todo") == ["Fix login bug"]
    assert await _titles(owner, wid, label_id=w["label"]["id"]) == ["Fix login bug"]
    assert await _titles(owner, wid, priority=["high", "urgent"]) == ["Fix login bug"]
    assert await _titles(owner, wid, due_after="2026-04-02", due_before="2026-04-03") == [
        "Shipped",
        "Write docs",
    ]
    assert await _titles(owner, wid, q="login") == ["Fix login bug", "Write docs"]


async def test_sort_and_keyset_pages_cover_every_task_once(clients: ClientFactory) -> None:
    owner = await clients.user()
    w = await _world(owner)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 1, "sort": "-due_date,title"}
        if cursor:
            params["cursor"] = cursor
        page = (
            await owner.client.get(f"/api/v1/workspaces/{w['wid']}/tasks", params=params)
        ).json()
        seen += [t["title"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break

    # Descending due date with tasks lacking one last.
    assert seen == ["Write docs", "Shipped", "Fix login bug", "Elsewhere"]


async def test_assignee_must_be_a_member_id_or_me(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params={"assignee": "bob"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/assignee"


async def test_my_tasks_spans_workspaces_and_skips_closed_work(clients: ClientFactory) -> None:
    owner = await clients.user()
    first = await _world(owner)
    second_wid = (await owner.workspace())["id"]
    second_project = await owner.project(second_wid)
    await owner.task(
        second_wid,
        second_project["id"],
        title="Second space",
        assignee_ids=[owner.member_ids[second_wid]],
    )

    response = await owner.client.get("/api/v1/me/tasks")

    assert [t["title"] for t in response.json()["items"]] == ["Fix login bug", "Second space"]
    assert first["tasks"]["done"]["title"] not in [t["title"] for t in response.json()["items"]]


async def test_priority_sorts_by_rank_urgent_first_when_descending(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    for title, priority in [("b", "low"), ("d", "urgent"), ("a", "none"), ("c", "medium")]:
        await owner.task(wid, project["id"], title=title, priority=priority)
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"project_id": project["id"], "limit": 1, "sort": "-priority"}
        if cursor:
            params["cursor"] = cursor
        page = (await owner.client.get(f"/api/v1/workspaces/{wid}/tasks", params=params)).json()
        seen += [t["priority"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break

    assert seen == ["urgent", "medium", "low", "none"]
