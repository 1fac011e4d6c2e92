"""Leveling through the API: one 40-hour person (8 h a day) and tasks that overbook them."""

from typing import Any

from tests.support.http import ClientFactory, Person


async def _stage(clients: ClientFactory) -> tuple[Person, str, str, str]:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid, start_date="2026-03-02")
    return owner, wid, project["id"], owner.member_ids[wid]


async def _task(owner: Person, wid: str, pid: str, me: str, **body: Any) -> dict[str, Any]:
    return await owner.task(wid, pid, assignee_ids=[me], **body)


async def test_preview_delays_the_lower_priority_task_and_its_successor(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    after = await owner.task(wid, pid, duration_days=1)
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/dependencies",
        json={"predecessor_id": low["id"], "successor_id": after["id"]},
    )

    response = await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/preview")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "moved": [
            {
                "task_id": low["id"],
                "key": low["key"],
                "old_start_date": "2026-03-02",
                "new_start_date": "2026-03-05",
                "old_finish_date": "2026-03-03",
                "new_finish_date": "2026-03-06",
            },
            {
                "task_id": after["id"],
                "key": after["key"],
                "old_start_date": "2026-03-04",
                "new_start_date": "2026-03-09",
                "old_finish_date": "2026-03-04",
                "new_finish_date": "2026-03-09",
            },
        ],
        "finish_date": "2026-03-09",
        "previous_finish_date": "2026-03-04",
        "unresolved": [],
    }


async def test_preview_writes_nothing(clients: ClientFactory) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, duration_days=2, estimate_hours=16)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)

    await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/preview")
    task = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{low['id']}")

    assert (task.json()["start_date"], task.json()["constraint_type"]) == ("2026-03-02", None)


async def test_apply_pins_moved_tasks_with_snet_and_clears_the_conflicts(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    etag = (await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{pid}")).headers["ETag"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/apply", headers={"If-Match": etag}
    )
    task = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{low['id']}")
    conflicts = await owner.client.get(
        f"/api/v1/workspaces/{wid}/workload/conflicts",
        params={"from": "2026-03-02", "to": "2026-03-31"},
    )
    activity = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{low['id']}/activity")

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] != etag
    assert [m["key"] for m in response.json()["moved"]] == [low["key"]]
    assert (
        task.json()["start_date"],
        task.json()["finish_date"],
        task.json()["constraint_type"],
        task.json()["constraint_date"],
    ) == ("2026-03-05", "2026-03-06", "snet", "2026-03-05")
    assert conflicts.json()["items"] == []
    assert {"task.updated", "task.rescheduled"} <= {e["type"] for e in activity.json()["items"]}


async def test_apply_without_if_match_is_refused(clients: ClientFactory) -> None:
    owner, wid, pid, _ = await _stage(clients)

    response = await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/apply")

    assert response.status_code == 428
    assert response.json()["code"] == "if_match_required"


async def test_apply_with_a_stale_etag_is_refused_and_changes_nothing(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, duration_days=2, estimate_hours=16)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/apply", headers={"If-Match": '"99"'}
    )
    task = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{low['id']}")

    assert response.status_code == 412
    assert task.json()["start_date"] == "2026-03-02"


async def test_a_task_too_big_for_anyone_is_reported_and_not_moved(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    big = await _task(owner, wid, pid, me, duration_days=2, estimate_hours=30)

    response = await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/preview")

    assert response.json()["moved"] == []
    assert [
        (u["date"], u["excess_hours"], u["task_ids"]) for u in response.json()["unresolved"]
    ] == [
        ("2026-03-02", 7, [big["id"]]),
        ("2026-03-03", 7, [big["id"]]),
    ]
