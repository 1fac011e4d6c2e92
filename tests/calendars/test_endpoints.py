from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.support.events import event_changes, number, without
from tests.support.http import ClientFactory, Person


async def _calendars(owner: Person, wid: str) -> list[dict]:
    return (await owner.client.get(f"/api/v1/workspaces/{wid}/calendars")).json()["items"]


async def test_every_workspace_starts_with_a_monday_to_friday_default(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    calendars = await _calendars(owner, wid)

    assert [
        (c["name"], c["working_weekdays"], c["hours_per_day"], c["is_default"]) for c in calendars
    ] == [("Standard", [1, 2, 3, 4, 5], 8.0, True)]


async def test_making_another_calendar_default_moves_the_flag(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    created = await owner.client.post(
        f"/api/v1/workspaces/{wid}/calendars",
        json={"name": "Six days", "working_weekdays": [6, 1, 2, 3, 4, 5]},
    )

    response = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/calendars/{created.json()['id']}", json={"is_default": True}
    )

    assert response.json()["working_weekdays"] == [1, 2, 3, 4, 5, 6]
    assert {c["name"]: c["is_default"] for c in await _calendars(owner, wid)} == {
        "Six days": True,
        "Standard": False,
    }


async def test_calendar_needs_a_working_weekday(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/calendars", json={"name": "x", "working_weekdays": []}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/working_weekdays"


async def test_holidays_move_task_finish_dates_on_the_project_calendar(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/calendars", json={"name": "Plant"})
    ).json()
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/calendars/{calendar['id']}/exceptions",
        json={"date": "2026-03-09", "working": False, "name": "Closed"},
    )
    project = await owner.project(wid, calendar_id=calendar["id"], scheduling_mode="manual")

    # Fri 6th, (weekend, holiday Mon 9th), Tue 10th, Wed 11th.
    task = await owner.task(wid, project["id"], start_date="2026-03-06", duration_days=3)

    assert task["finish_date"] == "2026-03-11"


async def test_one_exception_per_date(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    default = (await _calendars(owner, wid))[0]
    url = f"/api/v1/workspaces/{wid}/calendars/{default['id']}/exceptions"
    await owner.client.post(url, json={"date": "2026-12-25", "working": False})

    response = await owner.client.post(url, json={"date": "2026-12-25", "working": True})

    assert response.status_code == 409
    assert response.json()["code"] == "exception_exists"


async def test_default_and_used_calendars_cannot_be_deleted(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    default = (await _calendars(owner, wid))[0]
    used = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/calendars", json={"name": "Used"})
    ).json()
    await owner.project(wid, calendar_id=used["id"])

    answers = [
        await owner.client.delete(f"/api/v1/workspaces/{wid}/calendars/{default['id']}"),
        await owner.client.delete(f"/api/v1/workspaces/{wid}/calendars/{used['id']}"),
    ]

    assert [(a.status_code, a.json()["code"]) for a in answers] == [
        (409, "default_calendar"),
        (409, "calendar_in_use"),
    ]


async def test_a_calendar_a_resource_follows_cannot_be_deleted(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}"
    shifts = (await owner.client.post(f"{base}/calendars", json={"name": "Shifts"})).json()
    await owner.client.post(
        f"{base}/resources",
        json={
            "kind": "room",
            "name": "Lab",
            "capacity_hours_per_day": 10,
            "calendar_id": shifts["id"],
        },
    )

    answer = await owner.client.delete(f"{base}/calendars/{shifts['id']}")

    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["projects"], answer.json()["resources"]) == (
        "calendar_in_use",
        0,
        1,
    )


async def test_a_deleted_calendar_records_what_it_was(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}/calendars"
    shifts = (await owner.client.post(base, json={"name": "Shifts"})).json()

    deleted = await owner.client.delete(f"{base}/{shifts['id']}")

    assert deleted.status_code == 204, deleted.text
    made = await event_changes(sessionmaker, "calendar.created", shifts["id"])
    gone = await event_changes(sessionmaker, "calendar.deleted", shifts["id"])
    # Numbers are compared by value: a creation records them as sent ("6"), a deletion as
    # stored ("6.00").
    assert without(gone, ("hours_per_day",)) == {
        field: {"before": c["after"], "after": None}
        for field, c in without(made, ("hours_per_day",)).items()
    }
    for field in ("hours_per_day",):
        assert number(gone[field]["before"]) == number(made[field]["after"])
        assert gone[field]["after"] is None
    assert set(gone) == {"name", "working_weekdays", "hours_per_day", "is_default"}
    assert gone["name"] == {"before": "Shifts", "after": None}
    assert gone["is_default"] == {"before": False, "after": None}
