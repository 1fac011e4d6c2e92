import pytest

from tests.support.http import ClientFactory
from tests.time_entries.factories import Office, log, office


async def _rate(place: Office, **body) -> None:  # type: ignore[no-untyped-def]
    response = await place.owner.client.post(f"{place.base}/rates", json=body)
    assert response.status_code == 201, response.text


async def _report(place: Office, **params) -> dict:  # type: ignore[no-untyped-def]
    response = await place.owner.client.get(f"{place.base}/reports/time", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def _costed(clients: ClientFactory) -> Office:
    """A member at 50.00/h who goes to 60.00/h on Wed 4 March; the project bills 90.00/h."""
    place = await office(clients)
    member = place.member_id(place.member)
    await _rate(
        place, kind="cost", member_id=member, hourly_rate="50.00", effective_from="2026-01-01"
    )
    await _rate(
        place,
        kind="bill",
        project_id=place.project["id"],
        hourly_rate="90.00",
        effective_from="2026-01-01",
    )
    await log(place, place.member, date="2026-03-02", minutes=25, billable=True)
    await log(place, place.member, date="2026-03-03", minutes=7)
    await log(place, place.member, date="2026-03-04", minutes=10, billable=True)
    await log(place, place.member, date="2026-03-05", minutes=1)
    # Added after the entries: re-costs 4 and 5 March only.
    await _rate(
        place, kind="cost", member_id=member, hourly_rate="60.00", effective_from="2026-03-04"
    )
    return place


async def test_costs_follow_a_rate_change_mid_period_and_round_once_per_row(
    clients: ClientFactory,
) -> None:
    place = await _costed(clients)

    report = await _report(place, group_by="project")

    # (25 + 7) min at 50.00 + (10 + 1) min at 60.00 = 2260 / 60 = 37.666... -> 37.67;
    # billable (25 + 10) min at 90.00 = 3150 / 60 = 52.50.
    assert report["rows"] == [
        {
            "project_id": place.project["id"],
            "minutes": 43,
            "billable_minutes": 35,
            "cost": "37.67",
            "billable_amount": "52.50",
        }
    ]
    assert report["totals"] == {
        "minutes": 43,
        "billable_minutes": 35,
        "cost": "37.67",
        "billable_amount": "52.50",
    }


async def test_each_day_row_is_rounded_on_its_own(clients: ClientFactory) -> None:
    place = await _costed(clients)

    report = await _report(place, group_by="day")

    # 25 x 50 / 60 = 20.833 -> 20.83; 7 x 50 / 60 = 5.833 -> 5.83; the rows sum to 37.66
    # while the total, rounded once, is 37.67.
    assert [(r["day"], r["minutes"], r["cost"], r["billable_amount"]) for r in report["rows"]] == [
        ("2026-03-02", 25, "20.83", "37.50"),
        ("2026-03-03", 7, "5.83", "0.00"),
        ("2026-03-04", 10, "10.00", "15.00"),
        ("2026-03-05", 1, "1.00", "0.00"),
    ]
    assert report["totals"]["cost"] == "37.67"


async def test_half_a_cent_rounds_up(clients: ClientFactory) -> None:
    place = await office(clients)
    await _rate(
        place,
        kind="cost",
        member_id=place.member_id(place.member),
        hourly_rate="1.50",
        effective_from="2026-01-01",
    )
    await log(place, place.member, minutes=1)

    report = await _report(place)

    # 1 x 1.50 / 60 = 0.025: half-up gives 0.03 (banker's rounding would give 0.02).
    assert report["rows"] == [
        {"minutes": 1, "billable_minutes": 0, "cost": "0.03", "billable_amount": "0.00"}
    ]


async def test_deleting_a_rate_recosts_what_it_governed(clients: ClientFactory) -> None:
    place = await _costed(clients)
    rates = await place.owner.client.get(
        f"{place.base}/rates", params={"member_id": place.member_id(place.member)}
    )
    later = next(r for r in rates.json()["items"] if r["effective_from"] == "2026-03-04")

    await place.owner.client.delete(f"{place.base}/rates/{later['id']}")

    # All 43 minutes at 50.00 = 35.833... -> 35.83.
    assert (await _report(place))["totals"]["cost"] == "35.83"


async def test_dimensions_combine_in_the_order_asked(clients: ClientFactory) -> None:
    place = await office(clients)
    task = await place.owner.task(place.wid, place.project["id"])
    await log(place, place.member, task_id=task["id"], minutes=20, work_type="meeting")
    await log(place, place.member, minutes=30, work_type="meeting")
    await log(place, place.owner, minutes=40, work_type="support")

    report = await _report(place, group_by="work_type,member,task")

    member, owner = place.member_id(place.member), place.member_id(place.owner)
    assert sorted(
        (r["work_type"], r["member_id"], r["task_id"] or "", r["minutes"]) for r in report["rows"]
    ) == sorted(
        [
            ("meeting", member, task["id"], 20),
            ("meeting", member, "", 30),
            ("support", owner, "", 40),
        ]
    )
    assert all(list(r)[:3] == ["work_type", "member_id", "task_id"] for r in report["rows"])


async def test_the_old_name_activity_groups_and_filters_by_work_type(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.member, minutes=20, work_type="meeting")
    await log(place, place.member, minutes=40, work_type="support")

    report = await _report(place, group_by="activity", activity="meeting")

    assert [(r["work_type"], r["minutes"]) for r in report["rows"]] == [("meeting", 20)]


async def test_entries_without_a_task_form_a_row_with_a_null_task(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.member, minutes=30)

    report = await _report(place, group_by="task")

    assert report["rows"][0]["task_id"] is None


async def test_weeks_start_on_the_workspaces_week_start(clients: ClientFactory) -> None:
    place = await office(clients, week_start=7)
    for day in ("2026-02-28", "2026-03-01", "2026-03-07"):
        await log(place, place.member, date=day, minutes=10)

    report = await _report(place, group_by="week")

    # Saturday the 28th is in the week of Sunday 22 February; Sunday 1 March starts a week.
    assert [(r["week"], r["minutes"]) for r in report["rows"]] == [
        ("2026-02-22", 10),
        ("2026-03-01", 20),
    ]


async def test_months_are_year_and_month(clients: ClientFactory) -> None:
    place = await office(clients)
    for day in ("2026-02-28", "2026-03-01", "2026-03-31"):
        await log(place, place.member, date=day, minutes=10)

    report = await _report(place, group_by="month")

    assert [(r["month"], r["minutes"]) for r in report["rows"]] == [
        ("2026-02", 10),
        ("2026-03", 20),
    ]


async def test_a_member_in_two_teams_counts_in_each_and_once_in_the_totals(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    member = place.member_id(place.member)
    first = await place.owner.client.post(
        f"{place.base}/teams", json={"name": "A", "member_ids": [member]}
    )
    second = await place.owner.client.post(
        f"{place.base}/teams", json={"name": "B", "member_ids": [member]}
    )
    await log(place, place.member, minutes=60)
    await log(place, place.owner, minutes=30)  # in no team

    report = await _report(place, group_by="team")

    assert {r["team_id"]: r["minutes"] for r in report["rows"]} == {
        first.json()["id"]: 60,
        second.json()["id"]: 60,
        None: 30,
    }
    assert report["totals"]["minutes"] == 90


async def test_the_date_range_and_billable_split(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, date="2026-03-01", minutes=5, billable=True)
    await log(place, place.member, date="2026-03-02", minutes=10, billable=True)
    await log(place, place.member, date="2026-03-03", minutes=20)
    await log(place, place.member, date="2026-03-04", minutes=40, billable=True)

    report = await _report(place, group_by="billable", **{"from": "2026-03-02", "to": "2026-03-03"})

    assert sorted((r["billable"], r["minutes"], r["billable_minutes"]) for r in report["rows"]) == [
        (False, 20, 0),
        (True, 10, 10),
    ]


@pytest.mark.parametrize("group_by", ["project,colour", "project,project"])
async def test_an_unknown_or_repeated_dimension_is_422(
    clients: ClientFactory, group_by: str
) -> None:
    place = await office(clients)

    response = await place.viewer.client.get(
        f"{place.base}/reports/time", params={"group_by": group_by}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/group_by"


async def test_csv_has_the_row_keys_as_columns_and_no_totals(clients: ClientFactory) -> None:
    place = await _costed(clients)

    response = await place.owner.client.get(
        f"{place.base}/reports/time",
        params={"group_by": "project,billable"},
        headers={"Accept": "text/csv"},
    )

    assert response.headers["content-type"].startswith("text/csv")
    pid = place.project["id"]
    # Not billable: 7 x 50 + 1 x 60 = 410 / 60 = 6.83; billable: 25 x 50 + 10 x 60 = 1850 / 60.
    assert response.text.splitlines() == [
        "project_id,billable,minutes,billable_minutes,cost,billable_amount",
        f"{pid},false,8,0,6.83,0.00",
        f"{pid},true,35,35,30.83,52.50",
    ]


async def test_a_report_counts_only_the_team_work_type_task_and_billable_time_asked_for(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    member = place.member_id(place.member)
    team = await place.owner.client.post(
        f"{place.base}/teams", json={"name": "Ops", "member_ids": [member]}
    )
    task = await place.owner.task(place.wid, place.project["id"], title="Patch")
    await log(place, place.member, minutes=60, work_type="meeting", billable=True)
    await log(place, place.member, minutes=30, task_id=task["id"])
    await log(place, place.owner, minutes=15, work_type="meeting", billable=True)

    by_team = await _report(place, team_id=team.json()["id"])
    by_work_type = await _report(place, work_type="meeting", group_by="member")
    by_task = await _report(place, task_id=task["id"])
    not_billable = await _report(place, billable="false")

    assert by_team["totals"]["minutes"] == 90
    assert {r["member_id"]: r["minutes"] for r in by_work_type["rows"]} == {
        member: 60,
        place.member_id(place.owner): 15,
    }
    assert by_task["totals"]["minutes"] == 30
    assert not_billable["totals"]["minutes"] == 30
