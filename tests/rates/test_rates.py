from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.support.events import event_changes, number, without
from tests.support.http import ClientFactory
from tests.time_entries.factories import Office, log, office


async def _rates(place: Office, **params) -> list[dict]:  # type: ignore[no-untyped-def]
    response = await place.owner.client.get(f"{place.base}/rates", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


async def _cost(place: Office) -> str:
    report = await place.owner.client.get(f"{place.base}/reports/time")
    return report.json()["totals"]["cost"]  # type: ignore[no-any-return]


async def test_a_members_first_cost_rate_covers_all_their_time(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, date="2020-06-01", minutes=60)

    response = await place.owner.client.patch(
        f"{place.base}/members/{place.member_id(place.member)}", json={"cost_rate": "45.00"}
    )

    assert response.status_code == 200, response.text
    assert [(r["kind"], r["hourly_rate"], r["effective_from"]) for r in await _rates(place)] == [
        ("cost", "45.00", "1970-01-01")
    ]
    assert await _cost(place) == "45.00"


async def test_a_later_cost_rate_on_the_member_starts_today_and_keeps_history(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    url = f"{place.base}/members/{place.member_id(place.member)}"
    await place.owner.client.patch(url, json={"cost_rate": "45.00"})
    await log(place, place.member, date="2020-06-01", minutes=60)

    await place.owner.client.patch(url, json={"cost_rate": "80.00"})

    assert [(r["hourly_rate"], r["effective_from"]) for r in await _rates(place)] == [
        ("45.00", "1970-01-01"),
        ("80.00", datetime.now(UTC).date().isoformat()),
    ]
    assert await _cost(place) == "45.00"


async def test_two_rates_cannot_start_on_the_same_day(clients: ClientFactory) -> None:
    place = await office(clients)
    body = {
        "kind": "bill",
        "project_id": place.project["id"],
        "hourly_rate": "100.00",
        "effective_from": "2026-01-01",
    }
    await place.owner.client.post(f"{place.base}/rates", json=body)

    response = await place.owner.client.post(f"{place.base}/rates", json=body)

    assert (response.status_code, response.json()["code"]) == (409, "rate_exists")


async def test_a_cost_rate_needs_a_member_of_the_workspace(clients: ClientFactory) -> None:
    place = await office(clients)
    elsewhere = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "cost",
            "member_id": elsewhere.member_id(elsewhere.member),
            "hourly_rate": "10.00",
            "effective_from": "2026-01-01",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/member_id"


async def test_a_bill_rate_is_a_projects_not_a_members(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "bill",
            "member_id": place.member_id(place.member),
            "hourly_rate": "10.00",
            "effective_from": "2026-01-01",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/member_id"


async def test_a_bill_rate_takes_the_projects_currency_and_refuses_another(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    project = await place.owner.project(place.wid, budget_amount="10.00", currency="EUR")
    body = {"kind": "bill", "project_id": project["id"], "hourly_rate": "10.00"}

    wrong = await place.owner.client.post(
        f"{place.base}/rates", json={**body, "currency": "USD", "effective_from": "2026-01-01"}
    )
    right = await place.owner.client.post(
        f"{place.base}/rates", json={**body, "effective_from": "2026-01-01"}
    )

    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["pointer"] == "/currency"
    assert right.json()["currency"] == "EUR"


async def test_members_cannot_see_rates(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.get(f"{place.base}/rates")

    assert response.status_code == 403


async def test_a_rate_added_in_the_past_recosts_only_from_its_date(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    member = place.member_id(place.member)
    for effective, rate in (("2026-01-01", "60.00"), ("2026-03-10", "120.00")):
        await place.owner.client.post(
            f"{place.base}/rates",
            json={
                "kind": "cost",
                "member_id": member,
                "hourly_rate": rate,
                "effective_from": effective,
            },
        )
    for day in ("2026-03-02", "2026-03-05", "2026-03-10"):
        await log(place, place.member, date=day, minutes=60)

    await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "cost",
            "member_id": member,
            "hourly_rate": "90.00",
            "effective_from": "2026-03-04",
        },
    )

    # 60 (2 March, before) + 90 (5 March, the new rate) + 120 (10 March, after the next one).
    assert await _cost(place) == "270.00"


async def _equipment(place: Office, **body) -> dict:  # type: ignore[no-untyped-def]
    response = await place.owner.client.post(
        f"{place.base}/resources",
        json={"kind": "equipment", "name": "Press", "capacity_hours_per_day": 8, **body},
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_a_resources_cost_rate_is_effective_dated_like_a_members(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    press = await _equipment(place, cost_rate="20.00")

    await place.owner.client.patch(
        f"{place.base}/resources/{press['id']}", json={"cost_rate": "25.00"}
    )

    rates = await _rates(place, resource_id=press["id"])
    assert [
        (r["kind"], r["resource_id"], r["hourly_rate"], r["effective_from"]) for r in rates
    ] == [
        ("cost", press["id"], "20.00", "1970-01-01"),
        ("cost", press["id"], "25.00", datetime.now(UTC).date().isoformat()),
    ]


async def test_a_resource_rate_from_a_date_is_added_through_rates(clients: ClientFactory) -> None:
    place = await office(clients)
    press = await _equipment(place)

    response = await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "cost",
            "resource_id": press["id"],
            "hourly_rate": "12.50",
            "effective_from": "2026-01-01",
        },
    )

    assert response.status_code == 201, response.text
    assert (response.json()["resource_id"], response.json()["member_id"]) == (press["id"], None)


async def test_a_person_resource_or_two_subjects_take_no_resource_rate(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    people = await place.owner.client.get(f"{place.base}/resources", params={"kind": "person"})
    person = people.json()["items"][0]
    press = await _equipment(place)
    rate = {"kind": "cost", "hourly_rate": "10.00", "effective_from": "2026-01-01"}

    answers = [
        await place.owner.client.post(
            f"{place.base}/rates", json={**rate, "resource_id": person["id"]}
        ),
        await place.owner.client.post(
            f"{place.base}/rates",
            json={**rate, "resource_id": press["id"], "member_id": place.member_id(place.member)},
        ),
    ]

    assert [(a.status_code, a.json()["errors"][0]["pointer"]) for a in answers] == [
        (422, "/resource_id"),
        (422, "/resource_id"),
    ]


async def _cost_rate(place: Office, rate: str, effective_from: str) -> None:
    response = await place.owner.client.post(
        f"{place.base}/rates",
        json={
            "kind": "cost",
            "member_id": place.member_id(place.member),
            "hourly_rate": rate,
            "effective_from": effective_from,
        },
    )
    assert response.status_code == 201, response.text


async def test_a_backdated_rate_leaves_submitted_and_approved_weeks_as_they_were(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await _cost_rate(place, "50.00", "2026-01-01")
    for day in ("2026-03-03", "2026-03-10", "2026-03-17"):
        await log(place, place.member, date=day, minutes=60)
    submit = f"{place.base}/timesheets/submit"
    first = await place.member.client.post(submit, json={"week_start": "2026-03-02"})
    approved = await place.owner.client.post(
        f"{place.base}/timesheets/{first.json()['id']}/approve", json={}
    )
    submitted = await place.member.client.post(submit, json={"week_start": "2026-03-09"})
    assert (approved.status_code, submitted.status_code) == (200, 200)

    await _cost_rate(place, "80.00", "2026-02-01")

    # The approved and the submitted week keep 50; only the open week is re-costed.
    assert await _cost(place) == "180.00"


async def test_a_backdated_rate_leaves_closed_and_archived_projects_as_they_were(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    archived, closed = await place.owner.project(place.wid), await place.owner.project(place.wid)
    await _cost_rate(place, "50.00", "2026-01-01")
    for project in (place.project, archived, closed):
        await log(place, place.member, project_id=project["id"], date="2026-03-03", minutes=60)
    archiving = await place.owner.client.post(f"{place.base}/projects/{archived['id']}/archive")
    closing = await place.owner.client.post(
        f"{place.base}/projects/{closed['id']}/transitions",
        json={"to_phase": "closed", "force": True},
    )
    assert (archiving.status_code, closing.status_code) == (200, 201)

    await _cost_rate(place, "80.00", "2026-02-01")

    # 80 for the open project's hour, 50 each for the archived and the closed one's.
    assert await _cost(place) == "180.00"


async def test_a_deleted_rate_records_what_it_was(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    body = {
        "kind": "bill",
        "project_id": place.project["id"],
        "hourly_rate": "100.00",
        "currency": "EUR",
        "effective_from": "2026-01-01",
    }
    rate = (await place.owner.client.post(f"{place.base}/rates", json=body)).json()

    deleted = await place.owner.client.delete(f"{place.base}/rates/{rate['id']}")

    assert deleted.status_code == 204, deleted.text
    made = await event_changes(sessionmaker, "rate.created", rate["id"])
    gone = await event_changes(sessionmaker, "rate.deleted", rate["id"])
    # Numbers are compared by value: a creation records them as sent ("6"), a deletion as
    # stored ("6.00").
    assert without(gone, ("hourly_rate",)) == {
        field: {"before": c["after"], "after": None}
        for field, c in without(made, ("hourly_rate",)).items()
    }
    for field in ("hourly_rate",):
        assert number(gone[field]["before"]) == number(made[field]["after"])
        assert gone[field]["after"] is None
    assert {field: c["before"] for field, c in gone.items()} == {
        "kind": "bill",
        "member_id": None,
        "resource_id": None,
        "project_id": place.project["id"],
        "hourly_rate": gone["hourly_rate"]["before"],
        "currency": "EUR",
        "effective_from": "2026-01-01",
    }
    assert float(gone["hourly_rate"]["before"]) == 100.0
