"""Where a task created without dates lands in an auto-scheduled project (docs/design.md §7)."""

from tests.schedules.conftest import Plan


async def test_a_task_without_dates_takes_one_day_at_the_project_start(plan: Plan) -> None:
    task = await plan.task("First", due_date="2026-03-20")

    assert (task["start_date"], task["duration_days"], task["finish_date"]) == (
        "2026-03-02",
        1,
        "2026-03-02",
    )
    assert (task["constraint_type"], task["scheduling_mode"]) == (None, "auto")


async def test_a_project_starting_on_a_weekend_starts_its_tasks_on_the_next_working_day(
    plan: Plan,
) -> None:
    project = await plan.owner.project(plan.wid, key="SAT", start_date="2026-03-07")

    task = await plan.owner.task(plan.wid, project["id"], title="First", duration_days=0)

    assert (task["start_date"], task["finish_date"]) == ("2026-03-09", "2026-03-09")


async def test_a_start_given_at_creation_pins_the_task_there(plan: Plan) -> None:
    task = await plan.task("Later", start_date="2026-03-11")

    assert (task["start_date"], task["constraint_type"], task["constraint_date"]) == (
        "2026-03-11",
        "snet",
        "2026-03-11",
    )
