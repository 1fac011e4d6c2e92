"""Whoever logged time or submitted a week for a member does not also approve that week."""

from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office

MONDAY = "2026-03-02"


async def _submit(place, person, member_id=None):  # type: ignore[no-untyped-def]
    body = {"week_start": MONDAY} | ({"member_id": member_id} if member_id else {})
    response = await person.client.post(f"{place.base}/timesheets/submit", json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def _approve(place, person, sheet):  # type: ignore[no-untyped-def]
    return await person.client.post(f"{place.base}/timesheets/{sheet['id']}/approve", json={})


async def test_an_admin_who_submitted_a_members_week_cannot_approve_it(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.owner, place.member_id(place.member))

    response = await _approve(place, place.owner, sheet)

    assert (response.status_code, response.json()["code"]) == (403, "acted_for_member")
    fetched = await place.owner.client.get(f"{place.base}/timesheets/{sheet['id']}")
    assert fetched.json()["status"] == "submitted"


async def test_an_admin_who_logged_time_in_a_members_week_cannot_approve_it(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.owner, member_id=place.member_id(place.member), date="2026-03-04")
    sheet = await _submit(place, place.member)

    response = await _approve(place, place.owner, sheet)

    assert (response.status_code, response.json()["code"]) == (403, "acted_for_member")


async def test_an_admin_who_changed_a_members_entry_cannot_approve_its_week(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, date="2026-03-04")).json()
    changed = await place.owner.client.patch(
        f"{place.base}/time-entries/{entry['id']}", json={"minutes": 45}
    )
    assert changed.status_code == 200, changed.text
    sheet = await _submit(place, place.member)

    response = await _approve(place, place.owner, sheet)

    assert (response.status_code, response.json()["code"]) == (403, "acted_for_member")


async def test_another_admin_approves_a_week_logged_for_the_member(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    other_admin = await clients.user()
    await place.owner.add_member(place.wid, other_admin, role="admin")
    await log(place, place.owner, member_id=place.member_id(place.member), date="2026-03-04")
    sheet = await _submit(place, place.owner, place.member_id(place.member))

    response = await _approve(place, other_admin, sheet)

    assert response.json()["status"] == "approved"


async def test_time_logged_for_the_member_in_another_week_does_not_count(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.owner, member_id=place.member_id(place.member), date="2026-03-09")
    sheet = await _submit(place, place.member)

    response = await _approve(place, place.owner, sheet)

    assert response.json()["status"] == "approved"
