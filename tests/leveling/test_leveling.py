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


async def _conflict_with_a_successor(
    clients: ClientFactory,
) -> tuple[Person, str, str, dict[str, Any], dict[str, Any]]:
    """A high and a low priority task overbooking me on their first two days; the low one
    has a successor."""
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    after = await owner.task(wid, pid, duration_days=1)
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/dependencies",
        json={"predecessor_id": low["id"], "successor_id": after["id"]},
    )
    return owner, wid, pid, low, after


async def test_preview_delays_the_lower_priority_task_and_its_successor(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, low, after = await _conflict_with_a_successor(clients)

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
                "leveling_delay_days": 3,
            },
            {
                "task_id": after["id"],
                "key": after["key"],
                "old_start_date": "2026-03-04",
                "new_start_date": "2026-03-09",
                "old_finish_date": "2026-03-04",
                "new_finish_date": "2026-03-09",
                "leveling_delay_days": 0,
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


async def _etag(owner: Person, wid: str, pid: str) -> str:
    return (await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{pid}")).headers["ETag"]


async def _level(owner: Person, wid: str, pid: str, action: str = "apply") -> Any:
    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/{action}",
        headers={"If-Match": await _etag(owner, wid, pid)},
    )
    assert response.status_code == 200, response.text
    return response


async def _dates(owner: Person, wid: str, task_id: str) -> tuple[Any, ...]:
    task = (await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task_id}")).json()
    return (
        task["start_date"],
        task["finish_date"],
        task["leveling_delay_days"],
        task["constraint_type"],
        task["constraint_date"],
    )


async def test_apply_delays_moved_tasks_and_clears_the_conflicts(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    etag = await _etag(owner, wid, pid)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/apply", headers={"If-Match": etag}
    )
    conflicts = await owner.client.get(
        f"/api/v1/workspaces/{wid}/workload/conflicts",
        params={"from": "2026-03-02", "to": "2026-03-31"},
    )
    activity = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{low['id']}/activity")

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] != etag
    assert [m["key"] for m in response.json()["moved"]] == [low["key"]]
    assert await _dates(owner, wid, low["id"]) == ("2026-03-05", "2026-03-06", 3, None, None)
    assert conflicts.json()["items"] == []
    assert {"task.updated", "task.rescheduled"} <= {e["type"] for e in activity.json()["items"]}


async def test_apply_keeps_a_finish_no_later_than_constraint_and_reports_its_violation(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(
        owner,
        wid,
        pid,
        me,
        priority="low",
        duration_days=2,
        estimate_hours=16,
        constraint_type="fnlt",
        constraint_date="2026-03-04",
    )

    await _level(owner, wid, pid)
    schedule = await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{pid}/schedule")

    assert await _dates(owner, wid, low["id"]) == (
        "2026-03-05",
        "2026-03-06",
        3,
        "fnlt",
        "2026-03-04",
    )
    assert [v["key"] for v in schedule.json()["violations"]] == [low["key"]]


async def test_leveling_again_moves_work_back_once_the_conflict_is_gone(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    high = await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    await _level(owner, wid, pid)
    await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{high['id']}", json={"assignee_ids": []}
    )

    response = await _level(owner, wid, pid)

    assert [(m["key"], m["new_start_date"]) for m in response.json()["moved"]] == [
        (low["key"], "2026-03-02")
    ]
    assert await _dates(owner, wid, low["id"]) == ("2026-03-02", "2026-03-03", 0, None, None)


async def test_clear_sets_every_delay_back_to_zero_and_reschedules(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, low, after = await _conflict_with_a_successor(clients)
    await _level(owner, wid, pid)

    response = await _level(owner, wid, pid, "clear")

    assert response.json() == {
        "moved": [
            {
                "task_id": low["id"],
                "key": low["key"],
                "old_start_date": "2026-03-05",
                "new_start_date": "2026-03-02",
                "old_finish_date": "2026-03-06",
                "new_finish_date": "2026-03-03",
                "leveling_delay_days": 0,
            },
            {
                "task_id": after["id"],
                "key": after["key"],
                "old_start_date": "2026-03-09",
                "new_start_date": "2026-03-04",
                "old_finish_date": "2026-03-09",
                "new_finish_date": "2026-03-04",
                "leveling_delay_days": 0,
            },
        ],
        "finish_date": "2026-03-04",
        "previous_finish_date": "2026-03-09",
    }
    assert await _dates(owner, wid, after["id"]) == ("2026-03-04", "2026-03-04", 0, None, None)


async def test_clear_without_if_match_is_refused(clients: ClientFactory) -> None:
    owner, wid, pid, _ = await _stage(clients)

    response = await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/clear")

    assert response.status_code == 428


async def test_within_slack_leveling_keeps_the_finish_and_reports_what_it_cannot_clear(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    high = await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    await owner.task(wid, pid, duration_days=4)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/preview",
        params={"within_slack": "true"},
    )

    # Low has 2 days of slack and needs 3: it stays, and its days stay over-allocated.
    assert response.status_code == 200, response.text
    assert (response.json()["moved"], response.json()["finish_date"]) == ([], "2026-03-05")
    assert [(u["date"], set(u["task_ids"])) for u in response.json()["unresolved"]] == [
        ("2026-03-02", {high["id"], low["id"]}),
        ("2026-03-03", {high["id"], low["id"]}),
    ]


async def test_within_slack_leveling_moves_a_task_that_has_the_slack(
    clients: ClientFactory,
) -> None:
    owner, wid, pid, me = await _stage(clients)
    await _task(owner, wid, pid, me, priority="high", duration_days=3, estimate_hours=24)
    low = await _task(owner, wid, pid, me, priority="low", duration_days=2, estimate_hours=16)
    await owner.task(wid, pid, duration_days=5)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{pid}/leveling/apply",
        params={"within_slack": "true"},
        headers={"If-Match": await _etag(owner, wid, pid)},
    )

    assert response.status_code == 200, response.text
    assert (response.json()["finish_date"], response.json()["unresolved"]) == ("2026-03-06", [])
    assert await _dates(owner, wid, low["id"]) == ("2026-03-05", "2026-03-06", 3, None, None)


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
