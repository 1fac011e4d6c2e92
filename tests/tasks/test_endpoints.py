import asyncio
import json
import re
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.database import recorded_statements
from tests.support.http import ClientFactory, Person


@pytest.fixture
async def owner(clients: ClientFactory) -> Person:
    return await clients.user()


async def _setup(owner: Person, **project: Any) -> tuple[str, dict[str, Any]]:
    workspace = await owner.workspace()
    return workspace["id"], await owner.project(workspace["id"], **project)


async def test_created_task_has_key_default_status_and_derived_finish(owner: Person) -> None:
    wid, project = await _setup(owner, key="OPS")
    statuses = await owner.statuses(wid, project["id"])

    # Friday 2026-03-06 + 3 working days: Fri, Mon, Tue.
    task = await owner.task(
        wid, project["id"], title="Deploy", start_date="2026-03-06", duration_days=3
    )

    assert task["key"] == "OPS-1"
    assert task["status_id"] == statuses["todo"]
    assert (task["start_date"], task["finish_date"]) == ("2026-03-06", "2026-03-10")
    assert (task["priority"], task["scheduling_mode"], task["version"]) == ("none", "auto", 1)


async def test_finish_date_may_be_sent_instead_of_duration(owner: Person) -> None:
    wid, project = await _setup(owner)

    task = await owner.task(wid, project["id"], start_date="2026-03-06", finish_date="2026-03-12")

    assert task["duration_days"] == 5


async def test_milestone_finishes_on_its_start(owner: Person) -> None:
    wid, project = await _setup(owner)

    task = await owner.task(wid, project["id"], start_date="2026-03-07", duration_days=0)

    # A Saturday start means the next working day.
    assert (task["start_date"], task["finish_date"]) == ("2026-03-09", "2026-03-09")


async def test_task_is_reachable_by_id_and_by_key(owner: Person) -> None:
    wid, project = await _setup(owner, key="KEYS")
    task = await owner.task(wid, project["id"])

    by_id = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")
    by_key = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/KEYS-1")

    assert by_id.json() == by_key.json()
    assert by_id.headers["ETag"] == '"1"'


async def test_due_date_before_start_is_rejected_with_pointer(owner: Person) -> None:
    wid, project = await _setup(owner)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks",
        json={
            "project_id": project["id"],
            "title": "x",
            "start_date": "2026-03-10",
            "due_date": "2026-03-09",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/due_date"


async def test_references_from_elsewhere_are_rejected_with_pointers(
    owner: Person, clients: ClientFactory
) -> None:
    wid, project = await _setup(owner)
    other_project = await owner.project(wid)
    foreign_status = (await owner.statuses(wid, other_project["id"]))["todo"]
    stranger = await clients.user()
    their_wid = (await stranger.workspace())["id"]
    their_label = (
        await stranger.client.post(f"/api/v1/workspaces/{their_wid}/labels", json={"name": "x"})
    ).json()
    url = f"/api/v1/workspaces/{wid}/tasks"
    base = {"project_id": project["id"], "title": "x"}

    answers = [
        await owner.client.post(url, json={**base, "status_id": foreign_status}),
        await owner.client.post(
            url, json={**base, "assignee_ids": [stranger.member_ids[their_wid]]}
        ),
        await owner.client.post(url, json={**base, "label_ids": [their_label["id"]]}),
        await owner.client.post(
            url, json={**base, "project_id": (await stranger.project(their_wid))["id"]}
        ),
    ]

    assert [a.status_code for a in answers] == [422] * 4
    assert [a.json()["errors"][0]["pointer"] for a in answers] == [
        "/status_id",
        "/assignee_ids/0",
        "/label_ids/0",
        "/project_id",
    ]


def _reads_of(table: str, statements: list[str]) -> int:
    return sum(re.search(rf"\bFROM {table}\b", statement) is not None for statement in statements)


async def test_a_patch_reads_assignees_labels_and_the_calendar_once(
    owner: Person, engine: AsyncEngine
) -> None:
    wid, project = await _setup(owner)
    label = await owner.client.post(f"/api/v1/workspaces/{wid}/labels", json={"name": "Ops"})
    task = await owner.task(
        wid,
        project["id"],
        start_date="2026-03-02",
        assignee_ids=[owner.member_ids[wid]],
        label_ids=[label.json()["id"]],
    )
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    with recorded_statements(engine) as seen:
        # A new start moves the task, so the project is rescheduled in the same request.
        response = await owner.client.patch(
            url, json={"title": "Moved", "start_date": "2026-03-09"}, headers={"If-Match": '"1"'}
        )

    assert response.status_code == 200, response.text
    assert (response.json()["assignee_ids"], response.json()["label_ids"]) == (
        task["assignee_ids"],
        task["label_ids"],
    )
    counted = ("task_assignee", "task_label", "calendar", "calendar_exception")
    assert {table: _reads_of(table, seen) for table in counted} == dict.fromkeys(counted, 1)


async def test_stale_if_match_is_rejected_and_task_unchanged(owner: Person) -> None:
    wid, project = await _setup(owner)
    task = await owner.task(wid, project["id"], title="Before")
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"
    await owner.client.patch(url, json={"title": "First"}, headers={"If-Match": '"1"'})

    response = await owner.client.patch(url, json={"title": "Second"}, headers={"If-Match": '"1"'})

    assert response.status_code == 412
    assert (await owner.client.get(url)).json()["title"] == "First"


async def test_two_patches_with_the_same_etag_exactly_one_wins(owner: Person) -> None:
    wid, project = await _setup(owner)
    task = await owner.task(wid, project["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    answers = await asyncio.gather(
        *(
            owner.client.patch(url, json={"title": f"T{i}"}, headers={"If-Match": '"1"'})
            for i in range(2)
        )
    )

    assert sorted(a.status_code for a in answers) == [200, 412]


async def test_retried_create_with_idempotency_key_makes_one_task(owner: Person) -> None:
    wid, project = await _setup(owner)
    body = {"project_id": project["id"], "title": "Once"}
    headers = {"Idempotency-Key": "task-create-1"}

    first = await owner.client.post(f"/api/v1/workspaces/{wid}/tasks", json=body, headers=headers)
    retry = await owner.client.post(f"/api/v1/workspaces/{wid}/tasks", json=body, headers=headers)

    assert first.json()["id"] == retry.json()["id"]
    listed = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks", params={"project_id": project["id"]}
    )
    assert len(listed.json()["items"]) == 1


async def test_done_status_sets_completed_at_and_leaving_clears_it(owner: Person) -> None:
    wid, project = await _setup(owner)
    statuses = await owner.statuses(wid, project["id"])
    task = await owner.task(wid, project["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    done = await owner.client.patch(url, json={"status_id": statuses["done"]})
    reopened = await owner.client.patch(url, json={"status_id": statuses["in_progress"]})

    assert done.json()["completed_at"] is not None
    assert reopened.json()["completed_at"] is None


async def test_parent_must_be_in_the_same_project(owner: Person) -> None:
    wid, project = await _setup(owner)
    elsewhere = await owner.task(wid, (await owner.project(wid))["id"])

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks",
        json={"project_id": project["id"], "title": "c", "parent_id": elsewhere["id"]},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/parent_id"


async def test_parent_cycle_is_a_conflict(owner: Person) -> None:
    wid, project = await _setup(owner)
    parent = await owner.task(wid, project["id"])
    child = await owner.task(wid, project["id"], parent_id=parent["id"])

    response = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{parent['id']}", json={"parent_id": child["id"]}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "parent_cycle"


async def test_deleting_a_parent_needs_a_choice_for_its_subtasks(owner: Person) -> None:
    wid, project = await _setup(owner)
    parent = await owner.task(wid, project["id"])
    child = await owner.task(wid, project["id"], parent_id=parent["id"])
    grandchild = await owner.task(wid, project["id"], parent_id=child["id"])
    base = f"/api/v1/workspaces/{wid}/tasks"

    refused = await owner.client.delete(f"{base}/{parent['id']}")
    deleted = await owner.client.delete(f"{base}/{parent['id']}", params={"children": "delete"})

    assert refused.status_code == 409
    assert refused.json()["code"] == "has_subtasks"
    assert refused.json()["subtask_count"] == 2
    assert deleted.status_code == 204
    assert (await owner.client.get(f"{base}/{grandchild['id']}")).status_code == 404


async def test_detaching_keeps_subtasks_without_a_parent(owner: Person) -> None:
    wid, project = await _setup(owner)
    parent = await owner.task(wid, project["id"])
    child = await owner.task(wid, project["id"], parent_id=parent["id"])
    base = f"/api/v1/workspaces/{wid}/tasks"

    await owner.client.delete(f"{base}/{parent['id']}", params={"children": "detach"})

    assert (await owner.client.get(f"{base}/{child['id']}")).json()["parent_id"] is None


async def test_activity_lists_changes_newest_first(owner: Person) -> None:
    wid, project = await _setup(owner)
    task = await owner.task(wid, project["id"], title="Old")
    await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{task['id']}", json={"title": "New", "priority": "high"}
    )

    events = (
        await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}/activity")
    ).json()["items"]

    assert [e["type"] for e in events] == ["task.updated", "task.created"]
    assert events[0]["changes"] == {
        "title": {"before": "Old", "after": "New"},
        "priority": {"before": "none", "after": "high"},
    }
    assert events[0]["actor_id"] == owner.member_ids[wid]


async def test_archived_project_refuses_new_tasks(owner: Person) -> None:
    wid, project = await _setup(owner)
    await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{project['id']}/archive")

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks", json={"project_id": project["id"], "title": "x"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "project_archived"


async def test_an_archived_projects_tasks_cannot_be_deleted_or_commented_on(owner: Person) -> None:
    wid, project = await _setup(owner)
    task = await owner.task(wid, project["id"])
    await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{project['id']}/archive")
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    answers = [
        await owner.client.delete(url),
        await owner.client.post(f"{url}/comments", json={"body": "Still there?"}),
    ]

    assert [(a.status_code, a.json()["code"]) for a in answers] == [
        (409, "project_archived"),
        (409, "project_archived"),
    ]
    assert (await owner.client.get(url)).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("start_date", "9999-12-30"),
        ("due_date", "0001-01-02"),
        ("constraint_date", "0001-01-02"),
        ("position", float("nan")),
        ("position", float("inf")),
    ],
)
async def test_a_far_date_or_a_non_finite_position_is_a_422_at_its_field(
    owner: Person, field: str, value: object
) -> None:
    wid, project = await _setup(owner)
    body: dict[str, Any] = {"project_id": project["id"], "title": "x", field: value}
    if field == "constraint_date":
        body["constraint_type"] = "fnlt"

    # json.dumps writes NaN and Infinity as JavaScript does; a careless client may send them.
    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks",
        content=json.dumps(body),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == f"/{field}"


async def test_updated_since_without_a_utc_offset_is_a_422(owner: Person) -> None:
    wid, _ = await _setup(owner)

    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks", params={"updated_since": "2026-01-01T10:00:00"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/updated_since"


async def test_a_task_key_too_long_to_exist_is_not_found(owner: Person) -> None:
    wid, _ = await _setup(owner, key="OPS")

    response = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/OPS-9999999999")

    assert response.status_code == 404


async def test_a_start_and_finish_with_no_working_day_between_are_a_422(owner: Person) -> None:
    wid, project = await _setup(owner)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks",
        json={
            "project_id": project["id"],
            "title": "Weekend",
            "scheduling_mode": "manual",
            "start_date": "2026-03-07",
            "finish_date": "2026-03-08",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/finish_date"


async def test_deleting_a_task_records_what_each_deleted_task_was(owner: Person) -> None:
    wid, project = await _setup(owner)
    me = owner.member_ids[wid]
    parent = await owner.task(
        wid, project["id"], title="Parent", assignee_ids=[me], estimate_hours="4.5"
    )
    child = await owner.task(wid, project["id"], title="Child", parent_id=parent["id"])
    base = f"/api/v1/workspaces/{wid}"

    deleted = await owner.client.delete(
        f"{base}/tasks/{parent['id']}", params={"children": "delete"}
    )
    events = (await owner.client.get(f"{base}/projects/{project['id']}/activity")).json()["items"]

    assert deleted.status_code == 204
    created = {e["entity_id"]: e["changes"] for e in events if e["type"] == "task.created"}
    gone = {e["entity_id"]: e["changes"] for e in events if e["type"] == "task.deleted"}
    assert set(gone) == {parent["id"], child["id"]}
    for task_id, changes in gone.items():
        assert set(changes) == set(created[task_id])
        assert {change["after"] for change in changes.values()} == {None}
    assert gone[parent["id"]]["title"] == {"before": "Parent", "after": None}
    assert gone[parent["id"]]["assignee_ids"] == {"before": [me], "after": None}
    assert gone[parent["id"]]["status_id"]["before"] == parent["status_id"]
    assert gone[parent["id"]]["estimate_hours"]["before"] is not None
    assert gone[child["id"]]["title"] == {"before": "Child", "after": None}
    assert gone[child["id"]]["parent_id"] == {"before": parent["id"], "after": None}
    assert gone[child["id"]]["assignee_ids"] == {"before": [], "after": None}
