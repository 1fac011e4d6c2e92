import asyncio
from datetime import date, datetime, timedelta
from typing import Any

from tests.support.http import ClientFactory, Person
from tests.time_entries.factories import Office, log, office

MONDAY = "2026-03-02"


async def _submit(place: Office, person: Person, week: str = MONDAY, **body) -> dict:  # type: ignore[no-untyped-def]
    response = await person.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": week, **body}
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def _decide(place: Office, person: Person, sheet: dict, action: str, **body):  # type: ignore[no-untyped-def]
    return await person.client.post(f"{place.base}/timesheets/{sheet['id']}/{action}", json=body)


async def _with_lead(clients: ClientFactory) -> tuple[Office, Person]:
    """An office where a second member leads the member's team."""
    place = await office(clients)
    lead = await clients.user()
    await place.owner.add_member(place.wid, lead)
    team = await place.owner.client.post(
        f"{place.base}/teams",
        json={
            "name": "Ops",
            "lead_member_id": place.member_id(lead),
            "member_ids": [place.member_id(place.member), place.member_id(lead)],
        },
    )
    assert team.status_code == 201, team.text
    return place, lead


async def test_submitting_a_week_records_it_with_its_total(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, date="2026-03-02", minutes=60)
    await log(place, place.member, date="2026-03-08", minutes=30)
    await log(place, place.member, date="2026-03-09", minutes=15)  # next week

    sheet = await _submit(place, place.member)

    assert (sheet["status"], sheet["week_start"], sheet["total_minutes"]) == (
        "submitted",
        MONDAY,
        90,
    )
    assert sheet["member_id"] == place.member_id(place.member)


async def test_a_week_must_start_on_the_workspaces_week_start(clients: ClientFactory) -> None:
    place = await office(clients, week_start=7)

    wrong = await place.member.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": MONDAY}
    )
    sunday = await _submit(place, place.member, week="2026-03-01")

    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["pointer"] == "/week_start"
    assert sunday["status"] == "submitted"


async def test_entries_in_a_submitted_week_cannot_be_created_changed_or_deleted(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, date="2026-03-04")).json()
    await _submit(place, place.member)
    url = f"{place.base}/time-entries/{entry['id']}"

    created = await log(place, place.member, date="2026-03-05", status=409)
    changed = await place.member.client.patch(url, json={"minutes": 5})
    deleted = await place.member.client.delete(url)

    assert [r.json()["code"] for r in (created, changed, deleted)] == ["timesheet_locked"] * 3
    assert (await place.member.client.get(url)).json()["minutes"] == 60


async def test_an_entry_cannot_move_into_a_locked_week(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, date="2026-03-10")).json()
    await _submit(place, place.member)

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}", json={"date": "2026-03-03"}
    )

    assert (response.status_code, response.json()["code"]) == (409, "timesheet_locked")


async def test_other_members_weeks_stay_open(clients: ClientFactory) -> None:
    place = await office(clients)
    await _submit(place, place.member)

    await log(place, place.owner, date="2026-03-03")


async def test_an_admin_approves_and_the_week_stays_locked(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)

    approved = await _decide(place, place.owner, sheet, "approve")

    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == place.member_id(place.owner)
    assert (await log(place, place.member, date="2026-03-03", status=409)).json()[
        "code"
    ] == "timesheet_locked"


async def test_the_team_lead_rejects_with_a_comment_and_the_week_opens_again(
    clients: ClientFactory,
) -> None:
    place, lead = await _with_lead(clients)
    sheet = await _submit(place, place.member)

    rejected = await _decide(place, lead, sheet, "reject", comment="Split the meeting time")

    assert (rejected.json()["status"], rejected.json()["comment"]) == (
        "rejected",
        "Split the meeting time",
    )
    await log(place, place.member, date="2026-03-03")


async def test_the_team_lead_approves_a_members_week(clients: ClientFactory) -> None:
    place, lead = await _with_lead(clients)
    sheet = await _submit(place, place.member)

    response = await _decide(place, lead, sheet, "approve")

    assert response.json()["status"] == "approved"


async def test_a_team_lead_cannot_approve_their_own_week(clients: ClientFactory) -> None:
    place, lead = await _with_lead(clients)
    sheet = await _submit(place, lead)

    response = await _decide(place, lead, sheet, "approve")

    assert (response.status_code, response.json()["code"]) == (403, "own_timesheet")


async def test_an_admin_cannot_approve_or_reject_their_own_week(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.owner)

    approved = await _decide(place, place.owner, sheet, "approve")
    rejected = await _decide(place, place.owner, sheet, "reject", comment="mine")

    assert [(r.status_code, r.json()["code"]) for r in (approved, rejected)] == [
        (403, "own_timesheet")
    ] * 2
    fetched = await place.owner.client.get(f"{place.base}/timesheets/{sheet['id']}")
    assert fetched.json()["status"] == "submitted"


async def test_another_admin_approves_an_admins_week(clients: ClientFactory) -> None:
    place = await office(clients)
    admin = await clients.user()
    await place.owner.add_member(place.wid, admin, role="admin")
    sheet = await _submit(place, place.owner)

    response = await _decide(place, admin, sheet, "approve")

    assert response.json()["status"] == "approved"


async def test_an_admin_reopens_their_own_week(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.owner)

    response = await _decide(place, place.owner, sheet, "reopen")

    assert response.json()["status"] == "draft"


async def test_a_member_who_leads_no_team_of_theirs_cannot_decide(
    clients: ClientFactory,
) -> None:
    place, _lead = await _with_lead(clients)
    outsider = await clients.user()
    await place.owner.add_member(place.wid, outsider)
    sheet = await _submit(place, place.member)

    response = await _decide(place, outsider, sheet, "approve")

    assert (response.status_code, response.json()["code"]) == (403, "not_approver")


async def test_a_rejection_needs_a_comment(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)

    response = await _decide(place, place.owner, sheet, "reject")

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/comment"


async def test_only_a_submitted_week_can_be_approved(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)
    await _decide(place, place.owner, sheet, "reject", comment="no")

    response = await _decide(place, place.owner, sheet, "approve")

    assert (response.status_code, response.json()["code"]) == (409, "timesheet_not_submitted")


async def test_a_submitted_week_cannot_be_submitted_again(clients: ClientFactory) -> None:
    place = await office(clients)
    await _submit(place, place.member)

    response = await place.member.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": MONDAY}
    )

    assert (response.status_code, response.json()["code"]) == (
        409,
        "timesheet_already_submitted",
    )


async def test_a_rejected_week_is_submitted_again_on_the_same_sheet(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)
    await _decide(place, place.owner, sheet, "reject", comment="no")

    again = await _submit(place, place.member)

    assert (again["id"], again["status"], again["comment"]) == (sheet["id"], "submitted", None)


async def test_an_admin_reopens_an_approved_week_for_changes(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)
    await _decide(place, place.owner, sheet, "approve")

    reopened = await _decide(place, place.owner, sheet, "reopen", comment="late correction")

    assert reopened.json()["status"] == "draft"
    await log(place, place.member, date="2026-03-03")


async def test_members_cannot_reopen(clients: ClientFactory) -> None:
    place, lead = await _with_lead(clients)
    sheet = await _submit(place, place.member)

    response = await _decide(place, lead, sheet, "reopen")

    assert response.status_code == 403


async def test_a_member_cannot_submit_someone_elses_week(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.post(
        f"{place.base}/timesheets/submit",
        json={"week_start": MONDAY, "member_id": place.member_id(place.owner)},
    )

    assert response.status_code == 403


async def test_the_list_filters_by_status(clients: ClientFactory) -> None:
    place = await office(clients)
    first = await _submit(place, place.member)
    await _submit(place, place.member, week="2026-03-09")
    await _decide(place, place.owner, first, "approve")

    response = await place.viewer.client.get(
        f"{place.base}/timesheets", params={"status": "submitted"}
    )

    assert [s["week_start"] for s in response.json()["items"]] == ["2026-03-09"]


async def test_a_stale_if_match_on_a_decision_is_412(clients: ClientFactory) -> None:
    place = await office(clients)
    sheet = await _submit(place, place.member)

    response = await place.owner.client.post(
        f"{place.base}/timesheets/{sheet['id']}/approve", json={}, headers={"If-Match": '"99"'}
    )

    assert response.status_code == 412


async def test_no_entry_slips_into_a_week_while_it_is_submitted(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    body = {"project_id": place.project["id"], "date": "2026-03-04", "minutes": 30}

    entry, submitted = await asyncio.gather(
        place.member.client.post(f"{place.base}/time-entries", json=body),
        place.member.client.post(f"{place.base}/timesheets/submit", json={"week_start": MONDAY}),
    )

    assert submitted.status_code == 200, submitted.text
    assert entry.status_code in (201, 409), entry.text
    if entry.status_code == 201:
        # Written before the submission: it is in the week's total and older than it.
        assert submitted.json()["total_minutes"] == 30
        created = datetime.fromisoformat(entry.json()["created_at"])
        assert created < datetime.fromisoformat(submitted.json()["submitted_at"])
    else:
        assert entry.json()["code"] == "timesheet_locked"
        assert submitted.json()["total_minutes"] == 0


async def _start_timer(place: Office, person: Person) -> dict[str, Any]:
    response = await person.client.post(
        f"{place.base}/timer/start", json={"project_id": place.project["id"]}
    )
    assert response.status_code == 201, response.text
    return response.json()["timer"]  # type: ignore[no-any-return]


def _week_of(day: str) -> date:
    monday = date.fromisoformat(day)
    return monday - timedelta(days=monday.weekday())


async def test_a_week_cannot_be_submitted_while_a_timer_runs_in_it(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    timer = await _start_timer(place, place.member)
    week = _week_of(timer["date"]).isoformat()

    refused = await place.member.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": week}
    )
    by_admin = await place.owner.client.post(
        f"{place.base}/timesheets/submit",
        json={"week_start": week, "member_id": place.member_id(place.member)},
    )

    assert [(r.status_code, r.json()["code"]) for r in (refused, by_admin)] == [
        (409, "timer_running")
    ] * 2
    stopped = await place.member.client.post(f"{place.base}/timer/stop")
    assert stopped.status_code == 200, stopped.text
    sheet = await _submit(place, place.member, week=week)
    assert sheet["total_minutes"] == stopped.json()["minutes"]


async def test_a_running_timer_leaves_other_weeks_free_to_submit(clients: ClientFactory) -> None:
    place = await office(clients)
    timer = await _start_timer(place, place.member)

    sheet = await _submit(
        place, place.member, week=(_week_of(timer["date"]) - timedelta(7)).isoformat()
    )

    assert sheet["status"] == "submitted"
    assert (await place.member.client.post(f"{place.base}/timer/stop")).status_code == 200


async def test_a_week_start_beyond_the_supported_dates_is_422(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": "9999-12-27"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/week_start"
