from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.resources.factories import allocate, person_resource, time_off
from tests.support.events import event_changes, number, without
from tests.support.http import ClientFactory, Person


async def _stage(clients: ClientFactory) -> tuple[Person, str, str, str]:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    ann = await person_resource(owner, wid, owner.member_ids[wid])
    project = await owner.project(wid, start_date="2026-03-02")
    return owner, wid, ann["id"], project["id"]


def _body(resource_id: str, project_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "resource_id": resource_id,
        "project_id": project_id,
        "start_date": "2026-03-02",
        "end_date": "2026-03-06",
        "hours_per_day": 6,
        **overrides,
    }


async def test_an_allocation_within_capacity_has_no_warnings(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)

    created = await allocate(owner, wid, **_body(ann, project_id, note="kick-off"))

    assert created["warnings"] == []
    assert (created["hours_per_day"], created["percent"], created["note"]) == (6, None, "kick-off")
    assert created["version"] == 1


async def test_an_overallocating_allocation_is_stored_with_one_warning_per_day(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    await allocate(owner, wid, **_body(ann, project_id))

    created = await allocate(
        owner, wid, **_body(ann, project_id, end_date="2026-03-03", hours_per_day=4)
    )

    assert created["warnings"] == [
        {
            "resource_id": ann,
            "date": day,
            "capacity_hours": 8,
            "allocated_hours": 10,
            "excess_hours": 2,
        }
        for day in ("2026-03-02", "2026-03-03")
    ]


async def test_strict_refuses_an_overallocating_allocation_and_writes_nothing(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    await allocate(owner, wid, **_body(ann, project_id))

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/allocations",
        params={"strict": "true"},
        json=_body(ann, project_id, start_date="2026-03-06", hours_per_day=3),
    )
    listed = await owner.client.get(f"/api/v1/workspaces/{wid}/allocations")

    assert response.status_code == 409
    assert response.json()["code"] == "overallocated"
    assert response.json()["warnings"] == [
        {
            "resource_id": ann,
            "date": "2026-03-06",
            "capacity_hours": 8,
            "allocated_hours": 9,
            "excess_hours": 1,
        }
    ]
    assert len(listed.json()["items"]) == 1


async def test_changing_an_allocation_reports_its_new_warnings(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    created = await allocate(owner, wid, **_body(ann, project_id))

    response = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/allocations/{created['id']}",
        json={"percent": 125 / 1.25, "end_date": "2026-03-02"},
    )

    assert response.status_code == 200, response.text
    assert (response.json()["percent"], response.json()["hours_per_day"]) == (100, None)
    assert response.json()["warnings"] == []
    assert response.json()["version"] == 2


async def test_a_stale_if_match_is_refused(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    created = await allocate(owner, wid, **_body(ann, project_id))

    response = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/allocations/{created['id']}",
        json={"note": "x"},
        headers={"If-Match": '"7"'},
    )

    assert response.status_code == 412


@pytest.mark.parametrize(
    ("overrides", "pointer"),
    [
        ({"end_date": "2026-03-01"}, "/end_date"),
        ({"percent": 101, "hours_per_day": None}, "/percent"),
        ({"percent": -1, "hours_per_day": None}, "/percent"),
        ({"hours_per_day": 25}, "/hours_per_day"),
        ({"hours_per_day": -1}, "/hours_per_day"),
        ({"percent": 50}, "/hours_per_day"),
        ({"hours_per_day": None}, "/hours_per_day"),
        ({"resource_id": "01900000-0000-7000-8000-000000000000"}, "/resource_id"),
        ({"project_id": None}, "/project_id"),
    ],
)
async def test_bad_input_is_refused_with_a_pointer(
    clients: ClientFactory, overrides: dict[str, Any], pointer: str
) -> None:
    owner, wid, ann, project_id = await _stage(clients)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/allocations", json={**_body(ann, project_id), **overrides}
    )
    listed = await owner.client.get(f"/api/v1/workspaces/{wid}/allocations")

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == pointer
    assert listed.json()["items"] == []


async def test_a_task_of_another_project_is_refused(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    other = await owner.project(wid)
    task = await owner.task(wid, other["id"])

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/allocations",
        json=_body(ann, project_id, task_id=task["id"]),
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/task_id"


async def test_a_task_allocation_takes_the_tasks_project(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    task = await owner.task(wid, project_id)

    created = await allocate(owner, wid, **_body(ann, None, task_id=task["key"]))

    assert (created["project_id"], created["task_id"]) == (project_id, task["id"])


async def test_an_archived_project_takes_no_allocation(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    archived = await owner.client.post(f"/api/v1/workspaces/{wid}/projects/{project_id}/archive")
    assert archived.status_code == 200, archived.text

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/allocations", json=_body(ann, project_id)
    )

    assert response.status_code == 409
    assert response.json()["code"] == "project_archived"


async def test_allocations_are_listed_by_resource_project_and_dates(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    early = await allocate(owner, wid, **_body(ann, project_id, end_date="2026-03-02"))
    late = await allocate(
        owner, wid, **_body(ann, project_id, start_date="2026-03-09", end_date="2026-03-10")
    )
    url = f"/api/v1/workspaces/{wid}/allocations"

    by_dates = await owner.client.get(url, params={"from": "2026-03-03", "to": "2026-03-31"})
    by_resource = await owner.client.get(url, params={"resource_id": ann, "project_id": project_id})

    assert [a["id"] for a in by_dates.json()["items"]] == [late["id"]]
    assert [a["id"] for a in by_resource.json()["items"]] == [early["id"], late["id"]]


async def test_an_allocation_is_deleted(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    created = await allocate(owner, wid, **_body(ann, project_id))
    url = f"/api/v1/workspaces/{wid}/allocations/{created['id']}"

    deleted = await owner.client.delete(url)

    assert deleted.status_code == 204
    assert (await owner.client.get(url)).status_code == 404


# Over-allocation the allocation does not cause: Ann's task puts 10 h on each of Monday to
# Wednesday (2026-03-02..04) against her 8 h, before any allocation.


async def _overbooked_by_a_task(clients: ClientFactory) -> tuple[Person, str, str, str, str]:
    owner, wid, ann, project_id = await _stage(clients)
    task = await owner.task(
        wid,
        project_id,
        start_date="2026-03-02",
        duration_days=3,
        estimate_hours=30,
        assignee_ids=[owner.member_ids[wid]],
    )
    return owner, wid, ann, project_id, task["id"]


def _day(resource_id: str, day: str, allocated: float, capacity: float = 8) -> dict[str, Any]:
    return {
        "resource_id": resource_id,
        "date": day,
        "capacity_hours": capacity,
        "allocated_hours": allocated,
        "excess_hours": allocated - capacity,
    }


async def _post_strict(owner: Person, wid: str, body: dict[str, Any]) -> Any:
    return await owner.client.post(
        f"/api/v1/workspaces/{wid}/allocations", params={"strict": "true"}, json=body
    )


async def _patch_strict(owner: Person, wid: str, allocation_id: str, body: dict[str, Any]) -> Any:
    return await owner.client.patch(
        f"/api/v1/workspaces/{wid}/allocations/{allocation_id}",
        params={"strict": "true"},
        json=body,
    )


async def test_warnings_leave_out_days_the_allocation_puts_no_hours_on(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id, _ = await _overbooked_by_a_task(clients)
    # Tuesday off: no capacity, the task's 10 h still there, and none of this allocation.
    await time_off(owner, wid, resource_id=ann, start_date="2026-03-03", end_date="2026-03-03")

    created = await allocate(owner, wid, **_body(ann, project_id, hours_per_day=1))

    assert created["warnings"] == [_day(ann, "2026-03-02", 11), _day(ann, "2026-03-04", 11)]


async def test_strict_accepts_a_zero_hour_allocation_on_overbooked_days(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id, _ = await _overbooked_by_a_task(clients)

    response = await _post_strict(owner, wid, _body(ann, project_id, hours_per_day=0))

    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == []


async def test_strict_accepts_a_note_only_change_on_overbooked_days(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id, _ = await _overbooked_by_a_task(clients)
    created = await allocate(
        owner, wid, **_body(ann, project_id, end_date="2026-03-02", hours_per_day=1)
    )

    response = await _patch_strict(owner, wid, created["id"], {"note": "agreed with Ann"})

    assert response.status_code == 200, response.text
    assert response.json()["note"] == "agreed with Ann"
    assert response.json()["warnings"] == [_day(ann, "2026-03-02", 11)]


async def test_strict_accepts_lowering_an_overallocation(clients: ClientFactory) -> None:
    owner, wid, ann, project_id, _ = await _overbooked_by_a_task(clients)
    created = await allocate(
        owner, wid, **_body(ann, project_id, end_date="2026-03-04", hours_per_day=3)
    )

    lowered = await _patch_strict(owner, wid, created["id"], {"hours_per_day": 1})
    shortened = await _patch_strict(owner, wid, created["id"], {"end_date": "2026-03-02"})

    assert lowered.status_code == 200, lowered.text
    assert lowered.json()["warnings"] == [
        _day(ann, day, 11) for day in ("2026-03-02", "2026-03-03", "2026-03-04")
    ]
    assert shortened.status_code == 200, shortened.text
    assert shortened.json()["warnings"] == [_day(ann, "2026-03-02", 11)]


async def test_strict_accepts_a_task_allocation_below_the_share_it_replaces(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, _, task_id = await _overbooked_by_a_task(clients)

    response = await _post_strict(
        owner,
        wid,
        _body(ann, None, task_id=task_id, end_date="2026-03-04", hours_per_day=9),
    )

    assert response.status_code == 201, response.text
    assert response.json()["warnings"] == [
        _day(ann, day, 9) for day in ("2026-03-02", "2026-03-03", "2026-03-04")
    ]


async def test_strict_refuses_adding_hours_to_an_overbooked_day_and_changes_nothing(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id, _ = await _overbooked_by_a_task(clients)
    later = await allocate(
        owner,
        wid,
        **_body(ann, project_id, start_date="2026-03-05", end_date="2026-03-06", hours_per_day=1),
    )
    url = f"/api/v1/workspaces/{wid}/allocations"

    created = await _post_strict(
        owner, wid, _body(ann, project_id, end_date="2026-03-02", hours_per_day=1)
    )
    moved = await _patch_strict(owner, wid, later["id"], {"start_date": "2026-03-04"})
    raised = await _patch_strict(owner, wid, later["id"], {"hours_per_day": 2})
    stored = await owner.client.get(f"{url}/{later['id']}")
    listed = await owner.client.get(url)

    assert created.status_code == 409, created.text
    assert created.json()["code"] == "overallocated"
    assert created.json()["warnings"] == [_day(ann, "2026-03-02", 11)]
    assert moved.status_code == 409, moved.text
    assert moved.json()["warnings"] == [_day(ann, "2026-03-04", 11)]
    # 2 h on Thursday and Friday stay within Ann's 8 h: nothing is over-booked.
    assert raised.status_code == 200, raised.text
    assert raised.json()["warnings"] == []
    assert stored.json()["start_date"] == "2026-03-05"
    assert [a["id"] for a in listed.json()["items"]] == [later["id"]]


# The span of an allocation: at most one workload window (1,100 days, start_date included).


async def test_an_allocation_spans_at_most_one_workload_window(clients: ClientFactory) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    url = f"/api/v1/workspaces/{wid}/allocations"

    longest = await owner.client.post(url, json=_body(ann, project_id, end_date="2029-03-05"))
    too_long = await owner.client.post(url, json=_body(ann, project_id, end_date="2029-03-06"))
    centuries = await owner.client.post(
        url, json=_body(ann, project_id, start_date="1900-01-01", end_date="2999-12-31")
    )
    listed = await owner.client.get(url)

    assert longest.status_code == 201, longest.text
    for refused in (too_long, centuries):
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"] == [
            {
                "pointer": "/end_date",
                "detail": "an allocation spans at most 1100 days, start_date included",
            }
        ]
    assert [a["id"] for a in listed.json()["items"]] == [longest.json()["id"]]


@pytest.mark.parametrize("change", [{"end_date": "2029-03-06"}, {"start_date": "2026-03-01"}])
async def test_changing_one_end_cannot_stretch_an_allocation_past_one_window(
    clients: ClientFactory, change: dict[str, str]
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    created = await allocate(owner, wid, **_body(ann, project_id, end_date="2029-03-05"))
    url = f"/api/v1/workspaces/{wid}/allocations/{created['id']}"

    response = await owner.client.patch(url, json=change)
    stored = await owner.client.get(url)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["pointer"] == "/end_date"
    assert (stored.json()["start_date"], stored.json()["end_date"], stored.json()["version"]) == (
        "2026-03-02",
        "2029-03-05",
        1,
    )


async def _allocation(owner: Person, wid: str, allocation_id: str) -> tuple[str, str]:
    shown = (await owner.client.get(f"/api/v1/workspaces/{wid}/allocations/{allocation_id}")).json()
    return shown["start_date"], shown["end_date"]


async def test_a_task_allocation_moves_with_its_task_when_someone_moves_it(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    task = await owner.task(wid, project_id, start_date="2026-03-02", duration_days=2)
    booked = await allocate(
        owner, wid, **_body(ann, project_id, task_id=task["id"], end_date="2026-03-03")
    )

    await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{task['id']}", json={"start_date": "2026-04-06"}
    )

    assert await _allocation(owner, wid, booked["id"]) == ("2026-04-06", "2026-04-07")


async def test_a_task_allocation_moves_with_its_task_when_the_scheduler_moves_it(
    clients: ClientFactory,
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    first = await owner.task(wid, project_id, duration_days=1)
    second = await owner.task(wid, project_id, duration_days=2)
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/dependencies",
        json={"predecessor_id": first["id"], "successor_id": second["id"]},
    )
    booked = await allocate(
        owner,
        wid,
        **_body(
            ann, project_id, task_id=second["id"], start_date="2026-03-03", end_date="2026-03-04"
        ),
    )

    # Three more working days before it: Tue 3 - Wed 4 becomes Fri 6 - Mon 9.
    await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{first['id']}", json={"duration_days": 4}
    )

    assert await _allocation(owner, wid, booked["id"]) == ("2026-03-06", "2026-03-09")


async def test_a_deleted_allocation_records_what_it_was(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, ann, project_id = await _stage(clients)
    created = await allocate(owner, wid, **_body(ann, project_id, note="Kick-off"))

    deleted = await owner.client.delete(f"/api/v1/workspaces/{wid}/allocations/{created['id']}")

    assert deleted.status_code == 204
    made = await event_changes(sessionmaker, "allocation.created", created["id"])
    gone = await event_changes(sessionmaker, "allocation.deleted", created["id"])
    # Numbers are compared by value: a creation records them as sent ("6"), a deletion as
    # stored ("6.00").
    assert without(gone, ("hours_per_day", "percent")) == {
        field: {"before": c["after"], "after": None}
        for field, c in without(made, ("hours_per_day", "percent")).items()
    }
    for field in ("hours_per_day", "percent"):
        assert number(gone[field]["before"]) == number(made[field]["after"])
        assert gone[field]["after"] is None
    assert set(gone) == {
        "resource_id",
        "project_id",
        "task_id",
        "start_date",
        "end_date",
        "hours_per_day",
        "percent",
        "note",
    }
    assert gone["resource_id"] == {"before": ann, "after": None}
    assert gone["project_id"] == {"before": project_id, "after": None}
    assert gone["start_date"] == {"before": "2026-03-02", "after": None}
    assert gone["note"] == {"before": "Kick-off", "after": None}
