"""Previewing a new project start or calendar: how far the schedule would move (the project form
asks before saving)."""

from tests.schedules.conftest import Plan


async def test_preview_of_a_later_start_moves_the_auto_tasks(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)
    await plan.link(design, build)
    url = f"{plan.base}/projects/{plan.project['id']}/schedule"

    preview = await plan.owner.client.post(f"{url}/preview", json={"start_date": "2026-03-09"})

    assert preview.status_code == 200, preview.text
    # Design Mon 9 - Wed 11, Build Thu 12 - Fri 13 (from Mon 2 - Fri 6).
    assert (preview.json()["start_date"], preview.json()["finish_date"]) == (
        "2026-03-09",
        "2026-03-13",
    )
    assert sorted(preview.json()["moved_task_ids"]) == sorted([design["id"], build["id"]])
    assert (await plan.owner.client.get(url)).json()["finish_date"] == "2026-03-06"


async def test_preview_of_a_start_leaves_manual_tasks_where_they_are(plan: Plan) -> None:
    pinned = await plan.task(
        "Kick-off", duration_days=1, start_date="2026-03-03", scheduling_mode="manual"
    )
    url = f"{plan.base}/projects/{plan.project['id']}/schedule"

    preview = await plan.owner.client.post(f"{url}/preview", json={"start_date": "2026-03-16"})

    assert preview.json()["moved_task_ids"] == []
    assert [t["start_date"] for t in preview.json()["tasks"]] == [pinned["start_date"]]


async def test_preview_of_another_calendar_reads_its_holidays(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    closed = (await plan.owner.client.post(f"{plan.base}/calendars", json={"name": "Plant"})).json()
    await plan.owner.client.post(
        f"{plan.base}/calendars/{closed['id']}/exceptions",
        json={"date": "2026-03-03", "working": False, "name": "Closed"},
    )
    url = f"{plan.base}/projects/{plan.project['id']}/schedule"

    preview = await plan.owner.client.post(f"{url}/preview", json={"calendar_id": closed["id"]})

    # Mon 2, (Tue 3 closed), Wed 4, Thu 5.
    assert preview.json()["finish_date"] == "2026-03-05"
    assert preview.json()["moved_task_ids"] == [design["id"]]


async def test_preview_of_an_unknown_calendar_is_422(plan: Plan) -> None:
    url = f"{plan.base}/projects/{plan.project['id']}/schedule"

    preview = await plan.owner.client.post(
        f"{url}/preview", json={"calendar_id": "0190c0de-0000-7000-8000-000000000009"}
    )

    assert preview.status_code == 422
    assert preview.json()["errors"][0]["pointer"] == "/calendar_id"
