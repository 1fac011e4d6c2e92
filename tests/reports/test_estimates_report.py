from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office


async def test_tasks_and_budget_against_logged_time_with_a_weekly_burn(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    project = await place.owner.project(
        place.wid, budget_hours=10, budget_amount="1000.00", currency="EUR"
    )
    pid = project["id"]
    over = await place.owner.task(place.wid, pid, title="Over", estimate_hours=1)
    under = await place.owner.task(place.wid, pid, title="Under", estimate_hours=2)
    unestimated = await place.owner.task(place.wid, pid, title="Open-ended")
    response = await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "cost",
            "member_id": place.member_id(place.member),
            "hourly_rate": "60.00",
            "effective_from": "2026-01-01",
        },
    )
    assert response.status_code == 201
    await log(
        place, place.member, project_id=pid, task_id=under["id"], date="2026-03-02", minutes=90
    )
    await log(
        place,
        place.member,
        project_id=pid,
        task_id=unestimated["id"],
        date="2026-03-03",
        minutes=30,
    )
    await log(
        place, place.member, project_id=pid, task_id=over["id"], date="2026-03-10", minutes=90
    )
    await log(place, place.member, project_id=pid, date="2026-03-24", minutes=30)

    report = (
        await place.owner.client.get(f"{place.base}/reports/estimates", params={"project_id": pid})
    ).json()

    assert [
        (
            t["key"],
            t["estimate_hours"],
            t["logged_hours"],
            t["remaining_hours"],
            t["variance_hours"],
        )
        for t in report["tasks"]
    ] == [
        (over["key"], 1.0, 1.5, 0.0, 0.5),
        (under["key"], 2.0, 1.5, 0.5, -0.5),
        (unestimated["key"], None, 0.5, None, None),
    ]
    assert {k: v for k, v in report.items() if k not in ("tasks", "burn")} == {
        "project_id": pid,
        "estimate_hours": 3.0,
        "logged_hours": 4.0,
        "logged_on_tasks_hours": 3.5,
        "remaining_hours": 0.5,
        "variance_hours": 0.0,
        "budget_hours": 10.0,
        "budget_amount": "1000.00",
        "currency": "EUR",
        "actual_hours": 4.0,
        "actual_cost": "240.00",
        "billable_amount": "0.00",
        "budget_hours_remaining": 6.0,
        "budget_amount_remaining": "760.00",
    }
    # Weeks from Monday 2 March; the week of the 16th has no time but stays in the series.
    assert report["burn"] == [
        {"week_start": "2026-03-02", "hours": 2.0, "cost": "120.00",
         "cumulative_hours": 2.0, "cumulative_cost": "120.00"},
        {"week_start": "2026-03-09", "hours": 1.5, "cost": "90.00",
         "cumulative_hours": 3.5, "cumulative_cost": "210.00"},
        {"week_start": "2026-03-16", "hours": 0.0, "cost": "0.00",
         "cumulative_hours": 3.5, "cumulative_cost": "210.00"},
        {"week_start": "2026-03-23", "hours": 0.5, "cost": "30.00",
         "cumulative_hours": 4.0, "cumulative_cost": "240.00"},
    ]  # fmt: skip


async def test_a_project_without_time_has_an_empty_burn(clients: ClientFactory) -> None:
    place = await office(clients)

    report = (
        await place.viewer.client.get(
            f"{place.base}/reports/estimates", params={"project_id": place.project["id"]}
        )
    ).json()

    assert (report["logged_hours"], report["burn"], report["budget_hours"]) == (0.0, [], None)


async def test_a_project_of_another_workspace_is_404(clients: ClientFactory) -> None:
    place = await office(clients)
    elsewhere = await office(clients)

    response = await place.viewer.client.get(
        f"{place.base}/reports/estimates", params={"project_id": elsewhere.project["id"]}
    )

    assert response.status_code == 404
