from tests.schedules.conftest import Plan


async def test_preview_does_not_move_a_manual_task_stored_on_a_day_off(plan: Plan) -> None:
    # Saturday Mar 7: a manual task keeps the start it was given, working day or not.
    weekend = await plan.task("Weekend", scheduling_mode="manual", start_date="2026-03-07")
    other = await plan.task("Other")

    preview = await plan.owner.client.post(
        f"{plan.base}/projects/{plan.project['id']}/schedule/preview",
        json={"tasks": [{"task_id": other["key"], "duration_days": 3}]},
    )

    assert preview.status_code == 200, preview.text
    assert preview.json()["moved_task_ids"] == [other["id"]]
    shown = {t["key"]: t for t in preview.json()["tasks"]}[weekend["key"]]
    assert shown["start_date"] == "2026-03-07"
