"""Exact hour figures on hand-built weeks. The stage is the week of Monday 2 March 2026 on the
workspace's default Monday-Friday calendar: a 40-hour member has 8 hours a working day."""

from dataclasses import dataclass
from typing import Any

from tests.resources.factories import allocate, person_resource, time_off
from tests.support.http import ClientFactory, Person

WEEK = {"from": "2026-03-02", "to": "2026-03-08", "granularity": "day"}


@dataclass
class Stage:
    owner: Person
    wid: str
    ann: str  # the owner's person resource
    project_id: str


async def _stage(clients: ClientFactory, **workspace: Any) -> Stage:
    owner = await clients.user(name="Ann")
    wid = (await owner.workspace(**workspace))["id"]
    ann = await person_resource(owner, wid, owner.member_ids[wid])
    project = await owner.project(wid, start_date="2026-03-02")
    return Stage(owner, wid, ann["id"], project["id"])


async def _workload(stage: Stage, **params: Any) -> dict[str, Any]:
    response = await stage.owner.client.get(
        f"/api/v1/workspaces/{stage.wid}/workload", params={**WEEK, **params}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _column(body: dict[str, Any], resource_id: str, field: str) -> list[Any]:
    (resource,) = [r for r in body["resources"] if r["resource_id"] == resource_id]
    return [period[field] for period in resource["periods"]]


async def test_a_person_has_weekly_hours_over_working_weekdays_and_nothing_on_a_holiday(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    calendars = await stage.owner.client.get(f"/api/v1/workspaces/{stage.wid}/calendars")
    default = next(c for c in calendars.json()["items"] if c["is_default"])
    await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/calendars/{default['id']}/exceptions",
        json={"date": "2026-03-04", "working": False},
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "capacity_hours") == [8, 8, 0, 8, 8, 0, 0]
    assert _column(body, stage.ann, "utilization")[:3] == [0, 0, None]


async def test_full_day_time_off_gives_zero_and_partial_time_off_subtracts_its_hours(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    await time_off(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        start_date="2026-03-03",
        end_date="2026-03-03",
    )
    await time_off(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        start_date="2026-03-05",
        end_date="2026-03-05",
        hours_per_day=3,
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "capacity_hours") == [8, 0, 8, 5, 8, 0, 0]


async def test_a_calendar_of_four_days_spreads_the_week_over_four(clients: ClientFactory) -> None:
    stage = await _stage(clients)
    calendar = await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/calendars",
        json={"name": "Mon-Thu", "working_weekdays": [1, 2, 3, 4]},
    )
    await stage.owner.client.patch(
        f"/api/v1/workspaces/{stage.wid}/resources/{stage.ann}",
        json={"calendar_id": calendar.json()["id"]},
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "capacity_hours") == [10, 10, 10, 10, 0, 0, 0]


async def test_hours_allocations_land_on_working_days_and_percent_follows_capacity(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    await time_off(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        start_date="2026-03-03",
        end_date="2026-03-03",
    )
    await time_off(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        start_date="2026-03-05",
        end_date="2026-03-05",
        hours_per_day=3,
    )
    common = {"resource_id": stage.ann, "project_id": stage.project_id}
    await allocate(
        stage.owner,
        stage.wid,
        **common,
        start_date="2026-03-02",
        end_date="2026-03-08",
        hours_per_day=6,
    )
    await allocate(
        stage.owner, stage.wid, **common, start_date="2026-03-02", end_date="2026-03-08", percent=25
    )

    body = await _workload(stage)

    # 6 h on each day on duty, plus a quarter of that day's capacity (8, 0, 8, 5, 8).
    assert _column(body, stage.ann, "allocated_hours") == [8, 0, 8, 7.25, 8, 0, 0]
    assert _column(body, stage.ann, "available_hours") == [0, 0, 0, -2.25, 0, 0, 0]
    assert _column(body, stage.ann, "overallocated") == [
        False,
        False,
        False,
        True,
        False,
        False,
        False,
    ]
    assert _column(body, stage.ann, "utilization")[3] == 1.45


async def test_ongoing_work_reserves_its_weekly_hours_capped_at_each_days_capacity(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    ongoing = await stage.owner.project(
        stage.wid, kind="ongoing", start_date="2026-03-03", target_date=None
    )
    await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/projects/{ongoing['id']}/reservations",
        json={"member_id": stage.owner.member_ids[stage.wid], "hours_per_week": 10},
    )
    await time_off(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        start_date="2026-03-05",
        end_date="2026-03-05",
        hours_per_day=7,
    )

    body = await _workload(stage)

    # From its start (Tuesday), 10 h / 5 weekdays, but Thursday has only 1 hour left.
    assert _column(body, stage.ann, "reserved_hours") == [0, 2, 2, 1, 2, 0, 0]
    assert _column(body, stage.ann, "allocated_hours") == [0] * 7
    assert _column(body, stage.ann, "available_hours") == [8, 6, 6, 0, 6, 0, 0]


async def test_a_team_reservation_is_split_equally_among_its_members(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    colleague = await clients.user(name="Bob")
    member = await stage.owner.add_member(stage.wid, colleague)
    bob = await person_resource(stage.owner, stage.wid, member["id"])
    team = await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/teams",
        json={"name": "Ops", "member_ids": [stage.owner.member_ids[stage.wid], member["id"]]},
    )
    ongoing = await stage.owner.project(
        stage.wid, kind="ongoing", start_date="2026-03-02", target_date=None
    )
    await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/projects/{ongoing['id']}/reservations",
        json={"team_id": team.json()["id"], "hours_per_week": 8},
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "reserved_hours") == [0.8] * 5 + [0, 0]
    assert _column(body, bob["id"], "reserved_hours") == [0.8] * 5 + [0, 0]


async def test_a_tasks_estimate_is_spread_over_its_days_and_split_among_assignees(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    colleague = await clients.user(name="Bob")
    member = await stage.owner.add_member(stage.wid, colleague)
    bob = await person_resource(stage.owner, stage.wid, member["id"])
    await stage.owner.task(
        stage.wid,
        stage.project_id,
        start_date="2026-03-02",
        duration_days=3,
        estimate_hours=24,
        assignee_ids=[stage.owner.member_ids[stage.wid], member["id"]],
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "allocated_hours") == [4, 4, 4, 0, 0, 0, 0]
    assert _column(body, bob["id"], "allocated_hours") == [4, 4, 4, 0, 0, 0, 0]


async def test_a_moved_task_moves_its_load(clients: ClientFactory) -> None:
    stage = await _stage(clients)
    task = await stage.owner.task(
        stage.wid,
        stage.project_id,
        start_date="2026-03-02",
        duration_days=2,
        estimate_hours=10,
        assignee_ids=[stage.owner.member_ids[stage.wid]],
    )
    moved = await stage.owner.client.patch(
        f"/api/v1/workspaces/{stage.wid}/tasks/{task['id']}", json={"start_date": "2026-03-05"}
    )

    body = await _workload(stage)

    assert moved.status_code == 200, moved.text
    assert _column(body, stage.ann, "allocated_hours") == [0, 0, 0, 5, 5, 0, 0]


async def test_a_task_moved_by_its_predecessor_moves_its_load(clients: ClientFactory) -> None:
    stage = await _stage(clients)
    first = await stage.owner.task(stage.wid, stage.project_id, duration_days=1)
    second = await stage.owner.task(
        stage.wid,
        stage.project_id,
        duration_days=1,
        estimate_hours=6,
        assignee_ids=[stage.owner.member_ids[stage.wid]],
    )
    await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/dependencies",
        json={"predecessor_id": first["id"], "successor_id": second["id"]},
    )
    await stage.owner.client.patch(
        f"/api/v1/workspaces/{stage.wid}/tasks/{first['id']}", json={"duration_days": 3}
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "allocated_hours") == [0, 0, 0, 6, 0, 0, 0]


async def test_an_explicit_allocation_replaces_that_assignees_share_only(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    colleague = await clients.user(name="Bob")
    member = await stage.owner.add_member(stage.wid, colleague)
    bob = await person_resource(stage.owner, stage.wid, member["id"])
    task = await stage.owner.task(
        stage.wid,
        stage.project_id,
        start_date="2026-03-02",
        duration_days=3,
        estimate_hours=24,
        assignee_ids=[stage.owner.member_ids[stage.wid], member["id"]],
    )
    await allocate(
        stage.owner,
        stage.wid,
        resource_id=stage.ann,
        task_id=task["id"],
        start_date="2026-03-02",
        end_date="2026-03-06",
        hours_per_day=1,
    )

    body = await _workload(stage)

    assert _column(body, stage.ann, "allocated_hours") == [1, 1, 1, 1, 1, 0, 0]
    assert _column(body, bob["id"], "allocated_hours") == [4, 4, 4, 0, 0, 0, 0]


async def test_weeks_start_on_the_workspace_week_start_and_teams_are_totalled(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients, week_start=7)
    team = await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/teams", json={"name": "T"}
    )
    press = await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/resources",
        json={
            "kind": "equipment",
            "name": "Press",
            "capacity_hours_per_day": 10,
            "team_id": team.json()["id"],
        },
    )
    await stage.owner.client.patch(
        f"/api/v1/workspaces/{stage.wid}/resources/{stage.ann}",
        json={"team_id": team.json()["id"]},
    )

    body = await _workload(stage, to="2026-03-14", granularity="week")

    # Sunday-based weeks: Mon 2 - Sat 7, then Sun 8 - Sat 14.
    assert [(p["start"], p["end"]) for p in body["resources"][0]["periods"]] == [
        ("2026-03-02", "2026-03-07"),
        ("2026-03-08", "2026-03-14"),
    ]
    assert _column(body, press.json()["id"], "capacity_hours") == [50, 50]
    (totals,) = body["teams"]
    assert totals["team_id"] == team.json()["id"]
    assert [p["capacity_hours"] for p in totals["periods"]] == [90, 90]


async def test_the_team_filter_shows_only_that_teams_resources(clients: ClientFactory) -> None:
    stage = await _stage(clients)
    team = await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/teams", json={"name": "T"}
    )
    await stage.owner.client.post(
        f"/api/v1/workspaces/{stage.wid}/resources",
        json={
            "kind": "room",
            "name": "Room",
            "capacity_hours_per_day": 8,
            "team_id": team.json()["id"],
        },
    )

    body = await _workload(stage, team_id=team.json()["id"])

    assert [r["name"] for r in body["resources"]] == ["Room"]


async def test_conflicts_list_each_overallocated_day_with_what_loads_it(
    clients: ClientFactory,
) -> None:
    stage = await _stage(clients)
    common = {"resource_id": stage.ann, "project_id": stage.project_id}
    first = await allocate(
        stage.owner,
        stage.wid,
        **common,
        start_date="2026-03-02",
        end_date="2026-03-06",
        hours_per_day=6,
    )
    second = await allocate(
        stage.owner,
        stage.wid,
        **common,
        start_date="2026-03-03",
        end_date="2026-03-03",
        hours_per_day=4,
    )

    response = await stage.owner.client.get(
        f"/api/v1/workspaces/{stage.wid}/workload/conflicts",
        params={"from": "2026-03-02", "to": "2026-03-08"},
    )

    assert response.json() == {
        "items": [
            {
                "resource_id": stage.ann,
                "date": "2026-03-03",
                "capacity_hours": 8,
                "allocated_hours": 10,
                "excess_hours": 2,
                "allocation_ids": [first["id"], second["id"]],
                "task_ids": [],
            }
        ]
    }


async def test_a_window_ending_before_it_starts_is_refused(clients: ClientFactory) -> None:
    stage = await _stage(clients)

    response = await stage.owner.client.get(
        f"/api/v1/workspaces/{stage.wid}/workload",
        params={"from": "2026-03-08", "to": "2026-03-02"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/to"
