"""GET .../tasks/{id}/schedule: a task's dates and what drives its start."""

from typing import Any

from tests.schedules.conftest import Plan
from tests.support.http import ClientFactory


async def _schedule(plan: Plan, task: dict) -> dict[str, Any]:
    response = await plan.owner.client.get(f"{plan.base}/tasks/{task['key']}/schedule")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_an_unlinked_task_is_driven_by_the_project_start(plan: Plan) -> None:
    task = await plan.task("Kickoff")

    body = await _schedule(plan, task)

    assert body["drivers"] == [
        {
            "kind": "project_start",
            "dependency_id": None,
            "predecessor_id": None,
            "predecessor_key": None,
            "type": None,
            "lag_days": None,
            "date": "2026-03-02",
            "days": None,
            "days_off": [],
        }
    ]
    assert body["scheduled"]["start_date"] == "2026-03-02"
    assert body["scheduled"]["total_slack_days"] == 0


async def test_the_binding_link_is_named_with_the_weekend_it_skipped(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=5)
    quick = await plan.task("Quick")
    build = await plan.task("Build")
    link = (await plan.link(design, build, lag_days=1)).json()
    await plan.link(quick, build)

    drivers = (await _schedule(plan, build))["drivers"]

    # Design Mon 2 - Fri 6; a day of lag (Mon 9); Build starts Tue 10.
    assert [(d["kind"], d["dependency_id"], d["predecessor_key"], d["type"]) for d in drivers] == [
        ("predecessor", link["id"], design["key"], "FS")
    ]
    assert (drivers[0]["lag_days"], drivers[0]["date"]) == (1, "2026-03-06")
    assert drivers[0]["days_off"] == ["2026-03-07", "2026-03-08"]


async def test_a_constraint_on_a_holiday_drives_and_names_the_day_off(plan: Plan) -> None:
    calendar = (await plan.owner.client.get(f"{plan.base}/calendars")).json()["items"][0]
    await plan.owner.client.post(
        f"{plan.base}/calendars/{calendar['id']}/exceptions",
        json={"date": "2026-03-10", "working": False},
    )
    task = await plan.task("Pinned", constraint_type="snet", constraint_date="2026-03-10")

    body = await _schedule(plan, task)

    assert [(d["kind"], d["date"], d["days_off"]) for d in body["drivers"]] == [
        ("constraint", "2026-03-10", ["2026-03-10"])
    ]
    assert body["scheduled"]["start_date"] == "2026-03-11"


async def test_a_leveling_delay_is_named_after_what_it_delays(plan: Plan) -> None:
    task = await plan.task("Shared")
    await plan.patch(task, leveling_delay_days=2)

    body = await _schedule(plan, task)

    assert [(d["kind"], d["days"]) for d in body["drivers"]] == [
        ("project_start", None),
        ("leveling_delay", 2),
    ]
    assert body["scheduled"]["start_date"] == "2026-03-04"


async def test_a_manual_task_is_driven_by_its_own_start(plan: Plan) -> None:
    task = await plan.task("Fixed", scheduling_mode="manual", start_date="2026-03-07")

    body = await _schedule(plan, task)

    assert [d["kind"] for d in body["drivers"]] == ["manual_task"]
    assert body["scheduled"]["start_date"] == "2026-03-07"


async def test_a_task_of_a_manual_project_says_so(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    plan = Plan(owner, wid, await owner.project(wid, key="HAND", scheduling_mode="manual"))
    task = await plan.task("Typed", start_date="2026-03-02")

    assert [d["kind"] for d in (await _schedule(plan, task))["drivers"]] == ["manual_project"]


async def test_a_predecessor_in_another_project_drives_by_its_key(plan: Plan) -> None:
    other = await plan.owner.project(plan.wid, key="FAR", start_date="2026-03-02")
    upstream = await plan.owner.task(plan.wid, other["id"], title="Upstream", duration_days=2)
    mine = await plan.task("Mine")
    await plan.link(upstream, mine)

    drivers = (await _schedule(plan, mine))["drivers"]

    assert [(d["predecessor_key"], d["date"]) for d in drivers] == [(upstream["key"], "2026-03-03")]


async def test_an_unknown_task_is_404(plan: Plan) -> None:
    response = await plan.owner.client.get(f"{plan.base}/tasks/PLAN-99/schedule")

    assert response.status_code == 404
