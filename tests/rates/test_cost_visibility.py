"""Cost rates and what time costs are shown only to whoever may read rates (admins, and their
tokens with `time:read`): a cost per member over known minutes is the member's rate."""

from typing import Any

from tests.resources.factories import machine, person_resource
from tests.support.http import ClientFactory
from tests.time_entries.factories import Office, log, office


async def _costed(clients: ClientFactory) -> Office:
    place = await office(clients)
    response = await place.owner.client.patch(
        f"{place.base}/members/{place.member_id(place.member)}", json={"cost_rate": "60.00"}
    )
    assert response.status_code == 200, response.text
    await log(place, place.member, date="2026-03-02", minutes=60)
    return place


async def _get(client: Any, url: str, **params: Any) -> Any:
    response = await client.get(url, params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def test_member_cost_rates_are_left_out_below_admin(clients: ClientFactory) -> None:
    place = await _costed(clients)
    url = f"{place.base}/members/{place.member_id(place.member)}"

    for person in (place.member, place.viewer):
        assert "cost_rate" not in await _get(person.client, url)
        listed = await _get(person.client, f"{place.base}/members")
        assert all("cost_rate" not in m for m in listed["items"])
    assert (await _get(place.owner.client, url))["cost_rate"] == "60.00"


async def test_resource_cost_rates_are_left_out_below_admin(clients: ClientFactory) -> None:
    place = await _costed(clients)
    press = await machine(place.owner, place.wid, cost_rate="15.00")
    person = await person_resource(place.owner, place.wid, place.member_id(place.member))

    for resource, rate in ((press, "15.00"), (person, "60.00")):
        url = f"{place.base}/resources/{resource['id']}"
        assert "cost_rate" not in await _get(place.viewer.client, url)
        assert "cost_rate" not in await _get(place.member.client, url)
        assert (await _get(place.owner.client, url))["cost_rate"] == rate


async def test_time_report_leaves_costs_out_below_admin(clients: ClientFactory) -> None:
    place = await _costed(clients)
    url = f"{place.base}/reports/time"

    report = await _get(place.member.client, url, group_by="member")

    assert report["rows"] == [
        {
            "member_id": place.member_id(place.member),
            "minutes": 60,
            "billable_minutes": 0,
            "billable_amount": "0.00",
        }
    ]
    assert "cost" not in report["totals"]
    assert (await _get(place.owner.client, url, group_by="member"))["totals"]["cost"] == "60.00"


async def test_time_report_csv_has_no_cost_column_below_admin(clients: ClientFactory) -> None:
    place = await _costed(clients)

    response = await place.viewer.client.get(
        f"{place.base}/reports/time", params={"group_by": "member"}, headers={"Accept": "text/csv"}
    )

    assert response.text.splitlines() == [
        "member_id,minutes,billable_minutes,billable_amount",
        f"{place.member_id(place.member)},60,0,0.00",
    ]


async def test_estimates_report_leaves_costs_out_below_admin(clients: ClientFactory) -> None:
    place = await _costed(clients)
    params = {"project_id": place.project["id"]}
    url = f"{place.base}/reports/estimates"

    report = await _get(place.viewer.client, url, **params)

    assert "actual_cost" not in report
    assert "budget_amount_remaining" not in report
    assert report["burn"] == [{"week_start": "2026-03-02", "hours": 1.0, "cumulative_hours": 1.0}]
    assert (await _get(place.owner.client, url, **params))["actual_cost"] == "60.00"


async def test_an_admins_token_without_time_read_sees_no_costs(clients: ClientFactory) -> None:
    place = await _costed(clients)
    url = f"{place.base}/members/{place.member_id(place.member)}"
    without = await place.owner.token(place.wid, ["workspace:read"])
    with_it = await place.owner.token(place.wid, ["workspace:read", "time:read"])

    assert "cost_rate" not in await _get(clients.bearer(without["token"]), url)
    assert (await _get(clients.bearer(with_it["token"]), url))["cost_rate"] == "60.00"
