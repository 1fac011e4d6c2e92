"""A task moved by another change says, in its activity, what caused the move."""

from tests.schedules.conftest import Plan


async def _cause(plan: Plan, task: dict) -> str | None:
    response = await plan.owner.client.get(f"{plan.base}/tasks/{task['id']}/activity")
    moves = [e for e in response.json()["items"] if e["type"] == "task.rescheduled"]
    return moves[0]["changes"].get("cause", {}).get("after") if moves else None


async def test_a_predecessors_longer_duration_is_the_cause(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=2)
    build = await plan.task("Build")
    await plan.link(design, build)

    await plan.patch(design, duration_days=4)

    assert await _cause(plan, build) == "PLAN-1's duration changed"


async def test_a_changed_link_names_its_new_type_and_lag(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=2)
    build = await plan.task("Build")
    link = (await plan.link(design, build)).json()

    await plan.owner.client.patch(f"{plan.base}/dependencies/{link['id']}", json={"lag_days": 2})

    assert await _cause(plan, build) == "PLAN-1 → PLAN-2 (FS +2d) was changed to this"


async def test_a_removed_link_is_the_cause(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=2)
    build = await plan.task("Build")
    link = (await plan.link(design, build)).json()

    await plan.owner.client.delete(f"{plan.base}/dependencies/{link['id']}")

    assert await _cause(plan, build) == "PLAN-1 → PLAN-2 (FS) was removed"


async def test_a_downstream_task_names_the_change_that_started_the_ripple(plan: Plan) -> None:
    a, b, c = await plan.task("A"), await plan.task("B"), await plan.task("C")
    await plan.link(b, c)

    await plan.link(a, b)

    assert await _cause(plan, c) == "PLAN-1 → PLAN-2 (FS) was added"


async def test_a_new_day_off_is_the_cause(plan: Plan) -> None:
    task = await plan.task("Design", duration_days=3)
    calendar = (await plan.owner.client.get(f"{plan.base}/calendars")).json()["items"][0]

    await plan.owner.client.post(
        f"{plan.base}/calendars/{calendar['id']}/exceptions",
        json={"date": "2026-03-03", "working": False},
    )

    assert await _cause(plan, task) == (
        f"Mar 3, 2026 became a day off in calendar {calendar['name']}"
    )


async def test_a_later_project_start_is_the_cause(plan: Plan) -> None:
    task = await plan.task("Anything")

    await plan.owner.client.patch(
        f"{plan.base}/projects/{plan.project['id']}", json={"start_date": "2026-03-16"}
    )

    assert await _cause(plan, task) == "the start of project PLAN changed"
