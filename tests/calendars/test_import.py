"""Importing a calendar's exceptions from an iCalendar (.ics) file."""

from pathlib import Path
from typing import Any

import httpx

from tests.support.http import ClientFactory, Person

HOLIDAYS = (Path(__file__).parent.parent / "data" / "ics" / "holidays-2026.ics").read_text()
YEAR_2026 = {"from_date": "2026-01-01", "to_date": "2026-12-31"}


async def _calendar(owner: Person, wid: str, **fields: Any) -> str:
    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/calendars", json={"name": "Bavaria", **fields}
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _import(owner: Person, wid: str, calendar_id: str, **body: Any) -> httpx.Response:
    return await owner.client.post(
        f"/api/v1/workspaces/{wid}/calendars/{calendar_id}/exceptions/import", json=body
    )


async def _exceptions(owner: Person, wid: str, calendar_id: str) -> list[dict[str, Any]]:
    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/calendars/{calendar_id}/exceptions", params={"limit": 200}
    )
    return list(response.json()["items"])


def _event(start: str, end: str, summary: str, *extra: str) -> str:
    return "\r\n".join(
        [
            "BEGIN:VEVENT",
            f"UID:{summary}@test",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART;VALUE=DATE:{start}",
            f"DTEND;VALUE=DATE:{end}",
            f"SUMMARY:{summary}",
            *extra,
            "END:VEVENT",
        ]
    )


def _ics(*events: str) -> str:
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *events]) + (
        "\r\nEND:VCALENDAR\r\n"
    )


async def test_a_holiday_file_adds_its_working_days_as_holidays(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)

    response = await _import(owner, wid, calendar_id, ics=HOLIDAYS, **YEAR_2026)

    assert response.status_code == 200, response.text
    # 16 days: yearly fixed holidays, the moveable feasts of 2026, three days of closure;
    # four of them fall on a weekend, which is off already.
    assert response.json() == {
        "created": 12,
        "skipped": 0,
        "unchanged": 4,
        "outside": 0,
        "from_date": "2026-01-01",
        "to_date": "2026-12-31",
    }
    added = await _exceptions(owner, wid, calendar_id)
    assert [(e["date"], e["name"], e["working"]) for e in added][:3] == [
        ("2026-01-01", "Neujahr", False),
        ("2026-01-06", "Heilige Drei Könige", False),
        ("2026-04-03", "Karfreitag", False),
    ]
    assert [e["date"] for e in added][-3:] == ["2026-12-28", "2026-12-29", "2026-12-30"]


async def test_importing_again_skips_the_days_already_there(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    await _import(owner, wid, calendar_id, ics=HOLIDAYS, **YEAR_2026)

    again = await _import(owner, wid, calendar_id, ics=HOLIDAYS, **YEAR_2026)

    assert (again.json()["created"], again.json()["skipped"]) == (0, 12)
    assert len(await _exceptions(owner, wid, calendar_id)) == 12


async def test_yearly_events_repeat_in_every_year_of_the_window(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    ics = _ics(
        _event(
            "20200501", "20200502", "Labour day", "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:20270501"
        )
    )

    response = await _import(
        owner, wid, calendar_id, ics=ics, from_date="2026-01-01", to_date="2029-12-31"
    )

    # 2026 Fri, 2027 excluded, 2028 Mon, 2029 Tue.
    assert response.json()["created"] == 3
    assert [e["date"] for e in await _exceptions(owner, wid, calendar_id)] == [
        "2026-05-01",
        "2028-05-01",
        "2029-05-01",
    ]


async def test_days_outside_the_window_are_counted_not_added(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    # Wed 30 Dec 2026 to Fri 1 Jan 2027.
    ics = _ics(_event("20261230", "20270102", "Year end"))

    response = await _import(owner, wid, calendar_id, ics=ics, **YEAR_2026)

    assert (response.json()["created"], response.json()["outside"]) == (2, 1)


async def test_extra_working_days_are_imported_on_days_off(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    # Sat 7 and Sun 8 Nov, Mon 9 Nov (a working day already).
    ics = _ics(_event("20261107", "20261110", "Inventory weekend"))

    response = await _import(owner, wid, calendar_id, ics=ics, working=True, **YEAR_2026)

    assert (response.json()["created"], response.json()["unchanged"]) == (2, 1)
    added = await _exceptions(owner, wid, calendar_id)
    assert [(e["date"], e["working"]) for e in added] == [
        ("2026-11-07", True),
        ("2026-11-08", True),
    ]


async def test_an_imported_holiday_moves_auto_scheduled_tasks(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    project = await owner.project(wid, calendar_id=calendar_id, start_date="2026-03-30")
    task = await owner.task(wid, project["id"], duration_days=5)
    assert task["finish_date"] == "2026-04-03"

    await _import(owner, wid, calendar_id, ics=HOLIDAYS, **YEAR_2026)

    moved = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")
    # Good Friday 3 April and Easter Monday 6 April are holidays now.
    assert moved.json()["finish_date"] == "2026-04-07"


async def test_a_file_that_is_not_icalendar_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)

    response = await _import(owner, wid, calendar_id, ics="Date,Name\n2026-12-25,Christmas\n")

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_ics"
    assert response.json()["errors"][0]["pointer"] == "/ics"


async def test_a_calendar_without_events_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)

    response = await _import(owner, wid, calendar_id, ics=_ics())

    assert (response.status_code, response.json()["code"]) == (422, "invalid_ics")


async def test_a_file_over_256_kib_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    padding = "X-COMMENT:" + "x" * 70 + "\r\n"

    response = await _import(
        owner, wid, calendar_id, ics=HOLIDAYS + padding * (262_144 // len(padding) + 1)
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/ics"


async def test_a_file_of_too_many_events_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    events = [
        _event("20260105", "20260106", f"Day {n}").replace("UID:", f"UID:{n}-") for n in range(1001)
    ]

    response = await _import(owner, wid, calendar_id, ics=_ics(*events))

    assert (response.status_code, response.json()["code"]) == (422, "ics_too_large")


async def test_a_rule_covering_every_day_is_bounded_by_the_days_it_may_add(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    every_day = "RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYMONTHDAY=" + ",".join(
        str(day) for day in range(1, 29)
    )
    ics = _ics(_event("20260101", "20260102", "Every day", every_day))

    response = await _import(
        owner, wid, calendar_id, ics=ics, from_date="2026-01-01", to_date="2030-12-31"
    )

    assert (response.status_code, response.json()["code"]) == (422, "ics_too_large")
    assert await _exceptions(owner, wid, calendar_id) == []


async def test_a_window_of_more_than_ten_years_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)

    response = await _import(
        owner, wid, calendar_id, ics=HOLIDAYS, from_date="2026-01-01", to_date="2040-01-01"
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/to_date"


async def test_only_admins_import(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    calendar_id = await _calendar(owner, wid)
    member = await clients.user()
    await owner.add_member(wid, member, "member")

    response = await _import(member, wid, calendar_id, ics=HOLIDAYS)

    assert response.status_code == 403
