"""A task whose scheduled finish passes its due date says so."""

from tests.schedules.conftest import Plan


async def test_a_finish_within_the_due_date_is_not_flagged(plan: Plan) -> None:
    task = await plan.task("On time", duration_days=2, due_date="2026-03-03")

    assert task["finish_after_due"] is False


async def test_a_predecessor_pushing_the_finish_past_the_due_date_flags_it(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2, due_date="2026-03-04")

    await plan.link(design, build)

    assert (await plan.get(build))["finish_after_due"] is True
    listed = await plan.owner.client.get(
        f"{plan.base}/tasks", params={"project_id": plan.project["id"]}
    )
    flags = {t["key"]: t["finish_after_due"] for t in listed.json()["items"]}
    assert flags == {design["key"]: False, build["key"]: True}


async def test_a_task_without_a_due_date_is_never_flagged(plan: Plan) -> None:
    assert (await plan.task("Open ended", duration_days=30))["finish_after_due"] is False
