from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.projects.factories import make_task, projects_url, task_state
from tests.support.http import ClientFactory, Person


async def _project(clients: ClientFactory) -> tuple[Person, str, dict[str, Any], str]:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}/statuses"
    return owner, workspace["id"], project, url


async def test_a_new_status_goes_after_the_last_one(clients: ClientFactory) -> None:
    owner, _wid, project, url = await _project(clients)

    response = await owner.client.post(url, json={"name": "In Review", "category": "in_progress"})

    assert response.status_code == 201
    created = response.json()
    assert {k: v for k, v in created.items() if k != "id"} == {
        "project_id": project["id"],
        "name": "In Review",
        "category": "in_progress",
        "position": 6.0,
        "version": 1,
    }
    assert response.headers["ETag"] == '"1"'


async def test_a_status_can_be_placed_between_others(clients: ClientFactory) -> None:
    owner, _wid, _project_row, url = await _project(clients)

    await owner.client.post(
        url, json={"name": "Review", "category": "in_progress", "position": 3.5}
    )

    names = [s["name"] for s in (await owner.client.get(url)).json()["items"]]
    assert names == ["Backlog", "Todo", "In Progress", "Review", "Done", "Cancelled"]


async def test_a_status_name_is_unique_in_its_project(clients: ClientFactory) -> None:
    owner, _wid, _project_row, url = await _project(clients)

    response = await owner.client.post(url, json={"name": "done", "category": "done"})

    assert response.status_code == 409
    assert response.json()["code"] == "status_name_taken"


async def test_renaming_a_status_with_if_match(clients: ClientFactory) -> None:
    owner, wid, project, url = await _project(clients)
    todo_id = (await owner.statuses(wid, project["id"]))["todo"]

    renamed = await owner.client.patch(
        f"{url}/{todo_id}", json={"name": "Ready"}, headers={"If-Match": '"1"'}
    )
    stale = await owner.client.patch(
        f"{url}/{todo_id}", json={"name": "Lost"}, headers={"If-Match": '"1"'}
    )

    assert (renamed.status_code, renamed.json()["name"], renamed.json()["version"]) == (
        200,
        "Ready",
        2,
    )
    assert stale.status_code == 412
    shown = await owner.client.get(f"{url}/{todo_id}")
    assert (shown.json()["name"], shown.headers["ETag"]) == ("Ready", '"2"')


async def test_reordering_puts_statuses_at_positions_one_to_n(clients: ClientFactory) -> None:
    owner, _wid, _project_row, url = await _project(clients)
    listed = (await owner.client.get(url)).json()["items"]
    new_order = [listed[i]["id"] for i in (4, 3, 2, 1, 0)]

    response = await owner.client.post(f"{url}/reorder", json={"status_ids": new_order})

    assert response.status_code == 200
    assert [(s["id"], s["position"]) for s in response.json()] == [
        (status_id, float(position)) for position, status_id in enumerate(new_order, start=1)
    ]
    assert [s["id"] for s in (await owner.client.get(url)).json()["items"]] == new_order


async def test_reordering_must_name_every_status_exactly_once(clients: ClientFactory) -> None:
    owner, _wid, _project_row, url = await _project(clients)
    ids = [s["id"] for s in (await owner.client.get(url)).json()["items"]]

    missing = await owner.client.post(f"{url}/reorder", json={"status_ids": ids[:-1]})
    twice = await owner.client.post(f"{url}/reorder", json={"status_ids": [*ids, ids[0]]})

    assert [missing.status_code, twice.status_code] == [422, 422]
    assert missing.json()["errors"][0]["pointer"] == "/status_ids"


async def test_an_unused_status_is_deleted(clients: ClientFactory) -> None:
    owner, wid, project, url = await _project(clients)
    backlog_id = (await owner.statuses(wid, project["id"]))["backlog"]

    response = await owner.client.delete(f"{url}/{backlog_id}")

    assert response.status_code == 204
    assert (await owner.client.get(f"{url}/{backlog_id}")).status_code == 404


async def test_deleting_a_status_in_use_needs_move_to(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    todo_id = (await owner.statuses(wid, project["id"]))["todo"]
    await make_task(sessionmaker, wid, project["id"], todo_id)
    await make_task(sessionmaker, wid, project["id"], todo_id)

    response = await owner.client.delete(f"{url}/{todo_id}")

    assert response.status_code == 409
    assert {k: response.json()[k] for k in ("code", "tasks")} == {
        "code": "status_in_use",
        "tasks": 2,
    }


async def test_deleting_with_move_to_moves_the_tasks_and_stamps_completion(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    by_category = await owner.statuses(wid, project["id"])
    first = await make_task(sessionmaker, wid, project["id"], by_category["in_progress"])
    second = await make_task(sessionmaker, wid, project["id"], by_category["in_progress"])
    before = datetime.now(UTC)

    response = await owner.client.delete(
        f"{url}/{by_category['in_progress']}?move_to={by_category['done']}"
    )

    assert response.status_code == 204
    for task_id in (first, second):
        status_id, completed_at = await task_state(sessionmaker, task_id)
        assert status_id == by_category["done"]
        assert completed_at is not None
        assert before <= completed_at <= datetime.now(UTC)


async def test_moving_tasks_out_of_done_clears_their_completion(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    by_category = await owner.statuses(wid, project["id"])
    finished = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    task_id = await make_task(
        sessionmaker, wid, project["id"], by_category["done"], completed_at=finished
    )

    await owner.client.delete(f"{url}/{by_category['done']}?move_to={by_category['todo']}")

    assert await task_state(sessionmaker, task_id) == (by_category["todo"], None)


async def test_moving_tasks_between_done_statuses_keeps_their_completion(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    by_category = await owner.statuses(wid, project["id"])
    shipped = (await owner.client.post(url, json={"name": "Shipped", "category": "done"})).json()
    finished = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    task_id = await make_task(
        sessionmaker, wid, project["id"], by_category["done"], completed_at=finished
    )

    await owner.client.delete(f"{url}/{by_category['done']}?move_to={shipped['id']}")

    assert await task_state(sessionmaker, task_id) == (shipped["id"], finished)


async def test_moved_tasks_get_task_updated_events(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    by_category = await owner.statuses(wid, project["id"])
    task_id = await make_task(sessionmaker, wid, project["id"], by_category["backlog"])

    await owner.client.delete(f"{url}/{by_category['backlog']}?move_to={by_category['todo']}")

    activity = f"{projects_url(wid)}/{project['id']}/activity"
    events = (await owner.client.get(activity)).json()["items"]
    assert [(e["type"], e["entity_id"]) for e in events[:2]] == [
        ("status.deleted", by_category["backlog"]),
        ("task.updated", str(task_id)),
    ]
    assert events[1]["changes"] == {
        "status_id": {"before": by_category["backlog"], "after": by_category["todo"]}
    }


async def test_recategorising_a_status_as_done_completes_its_tasks(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _project(clients)
    review = (await owner.client.post(url, json={"name": "Review", "category": "todo"})).json()
    task_id = await make_task(sessionmaker, wid, project["id"], review["id"])

    to_done = await owner.client.patch(f"{url}/{review['id']}", json={"category": "done"})
    _status, completed_at = await task_state(sessionmaker, task_id)
    back = await owner.client.patch(f"{url}/{review['id']}", json={"category": "in_progress"})

    assert (to_done.status_code, back.status_code) == (200, 200)
    assert completed_at is not None
    assert await task_state(sessionmaker, task_id) == (review["id"], None)


async def test_move_to_must_be_another_status_of_the_project(clients: ClientFactory) -> None:
    owner, wid, project, url = await _project(clients)
    other = await owner.project(wid)
    todo_id = (await owner.statuses(wid, project["id"]))["todo"]
    foreign_id = (await owner.statuses(wid, other["id"]))["done"]

    elsewhere = await owner.client.delete(f"{url}/{todo_id}?move_to={foreign_id}")
    itself = await owner.client.delete(f"{url}/{todo_id}?move_to={todo_id}")

    assert [elsewhere.status_code, itself.status_code] == [422, 422]
    assert elsewhere.json()["errors"][0]["pointer"] == "/query/move_to"


async def test_the_last_status_cannot_be_deleted(clients: ClientFactory) -> None:
    owner, _wid, _project_row, url = await _project(clients)
    ids = [s["id"] for s in (await owner.client.get(url)).json()["items"]]
    for status_id in ids[:-1]:
        assert (await owner.client.delete(f"{url}/{status_id}")).status_code == 204

    response = await owner.client.delete(f"{url}/{ids[-1]}")

    assert response.status_code == 409
    assert response.json()["code"] == "last_status"


async def test_a_status_of_another_project_is_not_found(clients: ClientFactory) -> None:
    owner, wid, _project_row, url = await _project(clients)
    other = await owner.project(wid)
    foreign_id = (await owner.statuses(wid, other["id"]))["todo"]

    response = await owner.client.patch(f"{url}/{foreign_id}", json={"name": "Mine"})

    assert response.status_code == 404
    assert response.json()["code"] == "status_not_found"


async def test_an_archived_project_refuses_status_writes_but_lists_them(
    clients: ClientFactory,
) -> None:
    owner, wid, project, url = await _project(clients)
    todo_id = (await owner.statuses(wid, project["id"]))["todo"]
    await owner.client.post(f"{projects_url(wid)}/{project['id']}/archive")

    attempts = [
        await owner.client.post(url, json={"name": "New", "category": "todo"}),
        await owner.client.patch(f"{url}/{todo_id}", json={"name": "Renamed"}),
        await owner.client.delete(f"{url}/{todo_id}"),
    ]

    assert [(r.status_code, r.json()["code"]) for r in attempts] == [(409, "project_archived")] * 3
    assert len((await owner.client.get(url)).json()["items"]) == 5


async def test_status_changes_are_recorded_with_before_and_after(clients: ClientFactory) -> None:
    owner, wid, project, url = await _project(clients)
    todo_id = (await owner.statuses(wid, project["id"]))["todo"]

    await owner.client.patch(f"{url}/{todo_id}", json={"name": "Ready", "position": 2.5})

    latest = (await owner.client.get(f"{projects_url(wid)}/{project['id']}/activity")).json()[
        "items"
    ][0]
    assert (latest["type"], latest["entity_type"], latest["entity_id"]) == (
        "status.updated",
        "status",
        todo_id,
    )
    assert latest["changes"] == {
        "name": {"before": "Todo", "after": "Ready"},
        "position": {"before": 2.0, "after": 2.5},
    }
