import asyncio
import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event
from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office


async def test_a_task_implies_its_project_and_the_caller_is_the_member(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    task = await place.owner.task(place.wid, place.project["id"])

    entry = (
        await log(place, place.member, project_id=None, task_id=task["key"], minutes=45)
    ).json()

    assert (entry["member_id"], entry["project_id"], entry["task_id"], entry["minutes"]) == (
        place.member_id(place.member),
        place.project["id"],
        task["id"],
        45,
    )


async def test_start_and_end_give_the_minutes_and_the_date_in_the_workspace_zone(
    clients: ClientFactory,
) -> None:
    place = await office(clients, timezone="Pacific/Auckland")

    entry = (
        await log(
            place,
            place.member,
            started_at="2026-03-02T21:00:00Z",
            ended_at="2026-03-02T22:30:30Z",
        )
    ).json()

    # 21:00 UTC is 10:00 on the 3rd in Auckland (UTC+13); 90.5 minutes count as 91.
    assert (entry["date"], entry["minutes"]) == ("2026-03-03", 91)


@pytest.mark.parametrize("minutes", [0, -30, 1441])
async def test_minutes_outside_one_to_1440_are_refused_at_minutes(
    clients: ClientFactory, minutes: int
) -> None:
    place = await office(clients)

    response = await log(place, place.member, minutes=minutes, status=422)

    assert response.json()["errors"][0]["pointer"] == "/minutes"


async def test_end_before_start_is_refused_at_ended_at(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(
        place,
        place.member,
        started_at="2026-03-02T10:00:00Z",
        ended_at="2026-03-02T09:00:00Z",
        status=422,
    )

    assert response.json()["errors"][0]["pointer"] == "/ended_at"


async def test_minutes_and_a_start_together_are_refused(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(
        place,
        place.member,
        minutes=30,
        started_at="2026-03-02T10:00:00Z",
        ended_at="2026-03-02T11:00:00Z",
        status=422,
    )

    assert response.json()["errors"][0]["pointer"] == "/minutes"


async def test_a_task_of_another_project_is_refused_at_task_id(clients: ClientFactory) -> None:
    place = await office(clients)
    other = await place.owner.project(place.wid)
    task = await place.owner.task(place.wid, other["id"])

    response = await log(place, place.member, task_id=task["id"], status=422)

    assert response.json()["errors"][0]["pointer"] == "/task_id"


async def test_more_than_24_hours_in_a_day_is_refused_and_nothing_is_saved(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.member, minutes=1000)

    response = await log(place, place.member, minutes=441, status=422)

    assert response.json()["errors"][0]["pointer"] == "/minutes"
    listed = await place.member.client.get(f"{place.base}/time-entries")
    assert [e["minutes"] for e in listed.json()["items"]] == [1000]


async def test_exactly_24_hours_in_a_day_is_accepted(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, minutes=1000)

    await log(place, place.member, minutes=440)


async def test_time_on_an_archived_project_is_refused_with_409(clients: ClientFactory) -> None:
    place = await office(clients)
    await place.owner.client.post(f"{place.base}/projects/{place.project['id']}/archive")

    response = await log(place, place.member, status=409)

    assert response.json()["code"] == "project_closed"


async def test_time_on_a_task_of_a_closed_project_is_refused_with_409(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    task = await place.owner.task(place.wid, place.project["id"])
    closed = await place.owner.client.post(
        f"{place.base}/projects/{place.project['id']}/transitions",
        json={"to_phase": "closed", "force": True},
    )
    assert closed.status_code == 201, closed.text

    response = await log(place, place.member, task_id=task["id"], status=409)

    assert response.json()["code"] == "project_closed"


async def test_a_member_cannot_log_time_for_someone_else(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(place, place.member, member_id=place.member_id(place.owner), status=403)

    assert response.json()["code"] == "not_your_time"


async def test_an_admin_logs_time_for_a_member(clients: ClientFactory) -> None:
    place = await office(clients)

    entry = (await log(place, place.owner, member_id=place.member_id(place.member))).json()

    assert entry["member_id"] == place.member_id(place.member)


async def test_a_viewer_cannot_log_time(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(place, place.viewer, status=403)

    assert response.json()["code"] == "insufficient_role"


async def test_an_unknown_work_type_is_refused_at_work_type(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(place, place.member, work_type="juggling", status=422)

    assert response.json()["errors"][0]["pointer"] == "/work_type"


async def test_the_old_name_activity_is_read_as_work_type(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, work_type="meeting")).json()
    url = f"{place.base}/time-entries/{entry['id']}"

    listed = await place.viewer.client.get(
        f"{place.base}/time-entries", params={"activity": "meeting"}
    )
    cleared = await place.member.client.patch(url, json={"activity": None})

    assert (entry["work_type"], "activity" in entry) == ("meeting", False)
    assert [e["id"] for e in listed.json()["items"]] == [entry["id"]]
    assert cleared.json()["work_type"] is None


async def test_a_work_type_under_both_names_is_refused(clients: ClientFactory) -> None:
    place = await office(clients)

    body = await log(place, place.member, work_type="meeting", activity="support", status=422)
    query = await place.viewer.client.get(
        f"{place.base}/time-entries", params={"work_type": "meeting", "activity": "support"}
    )

    assert body.json()["errors"][0]["pointer"] == "/activity"
    assert (query.status_code, query.json()["errors"][0]["pointer"]) == (422, "/query/activity")


async def test_the_list_filters_by_member_work_type_billable_and_dates(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.member, date="2026-03-02", work_type="meeting", billable=True)
    await log(place, place.member, date="2026-03-03", work_type="meeting", minutes=15)
    await log(place, place.member, date="2026-03-09", work_type="meeting", billable=True)
    await log(place, place.owner, date="2026-03-02", work_type="meeting", billable=True)
    mine = place.member_id(place.member)

    response = await place.viewer.client.get(
        f"{place.base}/time-entries",
        params={
            "member_id": mine,
            "work_type": "meeting",
            "billable": "true",
            "from": "2026-03-01",
            "to": "2026-03-08",
        },
    )

    assert [(e["date"], e["member_id"]) for e in response.json()["items"]] == [("2026-03-02", mine)]


async def test_the_list_filters_by_team(clients: ClientFactory) -> None:
    place = await office(clients)
    team = await place.owner.client.post(
        f"{place.base}/teams", json={"name": "Ops", "member_ids": [place.member_id(place.member)]}
    )
    await log(place, place.member, minutes=10)
    await log(place, place.owner, minutes=20)

    response = await place.member.client.get(
        f"{place.base}/time-entries", params={"team_id": team.json()["id"]}
    )

    assert [e["minutes"] for e in response.json()["items"]] == [10]


async def test_a_stale_if_match_is_refused_and_the_entry_is_unchanged(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    entry = (await log(place, place.member)).json()
    url = f"{place.base}/time-entries/{entry['id']}"
    await place.member.client.patch(url, json={"minutes": 30})

    response = await place.member.client.patch(
        url, json={"minutes": 90}, headers={"If-Match": '"1"'}
    )

    assert response.status_code == 412
    assert (await place.member.client.get(url)).json()["minutes"] == 30


async def test_get_answers_the_entry_with_its_etag(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.member)).json()

    response = await place.viewer.client.get(f"{place.base}/time-entries/{entry['id']}")

    assert response.json()["id"] == entry["id"]
    assert response.headers["ETag"] == '"1"'


async def test_an_update_past_24_hours_in_the_day_is_refused_at_minutes(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    await log(place, place.member, minutes=1000)
    entry = (await log(place, place.member, minutes=400)).json()

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}", json={"minutes": 441}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/minutes"


async def test_changing_the_project_keeps_a_task_of_another_project_out(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    task = await place.owner.task(place.wid, place.project["id"])
    other = await place.owner.project(place.wid)
    entry = (await log(place, place.member, task_id=task["id"])).json()

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}", json={"project_id": other["id"]}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/task_id"


async def test_an_update_replaces_minutes_with_a_start_and_end(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, minutes=10)).json()

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}",
        json={"started_at": "2026-03-04T08:00:00Z", "ended_at": "2026-03-04T08:25:00Z"},
    )

    assert (response.json()["date"], response.json()["minutes"]) == ("2026-03-04", 25)


async def test_a_member_cannot_change_someone_elses_entry(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.owner)).json()

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}", json={"minutes": 5}
    )

    assert response.status_code == 403


async def test_delete_removes_the_entry(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (await log(place, place.member)).json()
    url = f"{place.base}/time-entries/{entry['id']}"

    deleted = await place.member.client.delete(url, headers={"If-Match": '"1"'})

    assert deleted.status_code == 204
    assert (await place.member.client.get(url)).status_code == 404


async def test_a_deleted_entry_event_carries_its_fields_as_before(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    entry = (await log(place, place.member, minutes=45, description="Review")).json()

    await place.member.client.delete(f"{place.base}/time-entries/{entry['id']}")

    async with sessionmaker() as session:
        event = await session.scalar(
            select(Event).where(
                Event.type == "time_entry.deleted", Event.entity_id == uuid.UUID(entry["id"])
            )
        )
    assert event is not None
    assert event.changes["minutes"] == {"before": 45, "after": None}
    assert event.changes["date"] == {"before": "2026-03-02", "after": None}
    assert event.changes["description"] == {"before": "Review", "after": None}
    assert event.changes["project_id"] == {"before": place.project["id"], "after": None}


async def test_a_retried_create_with_the_same_idempotency_key_makes_one_entry(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    body = {"project_id": place.project["id"], "date": "2026-03-02", "minutes": 30}
    headers = {"Idempotency-Key": "log-once"}

    first = await place.member.client.post(f"{place.base}/time-entries", json=body, headers=headers)
    again = await place.member.client.post(f"{place.base}/time-entries", json=body, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    listed = await place.member.client.get(f"{place.base}/time-entries")
    assert len(listed.json()["items"]) == 1


async def test_two_concurrent_entries_cannot_together_pass_24_hours(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    body = {"project_id": place.project["id"], "date": "2026-03-02", "minutes": 800}

    answers = await asyncio.gather(
        *(place.member.client.post(f"{place.base}/time-entries", json=body) for _ in range(2))
    )

    assert sorted(a.status_code for a in answers) == [201, 422]
    listed = await place.member.client.get(f"{place.base}/time-entries")
    assert [e["minutes"] for e in listed.json()["items"]] == [800]


async def test_a_member_with_logged_time_cannot_be_removed(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member)

    response = await place.owner.client.delete(
        f"{place.base}/members/{place.member_id(place.member)}"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "member_has_time"


async def test_a_task_with_logged_time_cannot_be_deleted_and_stays(clients: ClientFactory) -> None:
    place = await office(clients)
    parent = await place.owner.task(place.wid, place.project["id"])
    child = await place.owner.task(place.wid, place.project["id"], parent_id=parent["id"])
    await log(place, place.member, task_id=child["id"])
    tasks = f"{place.base}/tasks"

    answer = await place.owner.client.delete(f"{tasks}/{parent['id']}?children=delete")

    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["tasks_with_time"]) == ("task_has_time", 1)
    assert (await place.owner.client.get(f"{tasks}/{child['id']}")).status_code == 200


async def test_a_date_contradicting_the_start_is_refused_at_date(clients: ClientFactory) -> None:
    place = await office(clients, timezone="Pacific/Auckland")
    times = {"started_at": "2026-03-02T21:00:00Z", "ended_at": "2026-03-02T22:00:00Z"}

    wrong = await log(place, place.member, date="2026-05-01", status=422, **times)
    utc_day = await log(place, place.member, date="2026-03-02", status=422, **times)
    local_day = await log(place, place.member, date="2026-03-03", **times)

    assert [r.json()["errors"][0]["pointer"] for r in (wrong, utc_day)] == ["/date"] * 2
    assert local_day.json()["date"] == "2026-03-03"


async def test_a_timed_entry_cannot_escape_its_locked_week_with_another_date(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    submitted = await place.member.client.post(
        f"{place.base}/timesheets/submit", json={"week_start": "2026-03-02"}
    )
    assert submitted.status_code == 200, submitted.text

    response = await log(
        place,
        place.member,
        date="2026-05-01",
        started_at="2026-03-03T10:00:00Z",
        ended_at="2026-03-03T11:00:00Z",
        status=422,
    )

    assert response.json()["errors"][0]["pointer"] == "/date"
    listed = await place.member.client.get(f"{place.base}/time-entries")
    assert listed.json()["items"] == []


async def test_only_the_date_of_a_timed_entry_cannot_be_patched(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (
        await log(
            place,
            place.member,
            started_at="2026-03-03T10:00:00Z",
            ended_at="2026-03-03T11:00:00Z",
        )
    ).json()
    url = f"{place.base}/time-entries/{entry['id']}"

    date_only = await place.member.client.patch(url, json={"date": "2026-05-01"})
    contradicting = await place.member.client.patch(
        url,
        json={
            "date": "2026-05-01",
            "started_at": "2026-03-04T10:00:00Z",
            "ended_at": "2026-03-04T11:00:00Z",
        },
    )
    moved = await place.member.client.patch(
        url,
        json={
            "date": "2026-05-01",
            "started_at": "2026-05-01T10:00:00Z",
            "ended_at": "2026-05-01T11:00:00Z",
        },
    )

    assert [r.status_code for r in (date_only, contradicting)] == [422, 422]
    assert [r.json()["errors"][0]["pointer"] for r in (date_only, contradicting)] == ["/date"] * 2
    assert "move its times" in date_only.json()["errors"][0]["detail"]
    assert moved.status_code == 200, moved.text
    assert (moved.json()["date"], moved.json()["minutes"]) == ("2026-05-01", 60)


async def test_moving_the_times_moves_the_date(clients: ClientFactory) -> None:
    place = await office(clients)
    entry = (
        await log(
            place,
            place.member,
            started_at="2026-03-03T10:00:00Z",
            ended_at="2026-03-03T11:00:00Z",
        )
    ).json()

    response = await place.member.client.patch(
        f"{place.base}/time-entries/{entry['id']}",
        json={"started_at": "2026-03-05T10:00:00Z", "ended_at": "2026-03-05T10:30:00Z"},
    )

    assert (response.json()["date"], response.json()["minutes"]) == ("2026-03-05", 30)


async def test_a_date_beyond_the_supported_dates_is_422(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await log(place, place.member, date="0001-01-01", minutes=10, status=422)

    assert response.json()["errors"][0]["pointer"] == "/date"


async def test_the_times_of_an_entry_are_nulled_only_with_minutes(clients: ClientFactory) -> None:
    place = await office(clients)
    timed = {"started_at": "2026-03-03T10:00:00Z", "ended_at": "2026-03-03T11:00:00Z"}
    entry = (await log(place, place.member, **timed)).json()
    url = f"{place.base}/time-entries/{entry['id']}"

    alone = await place.member.client.patch(url, json={"started_at": None})
    with_minutes = await place.member.client.patch(
        url, json={"minutes": 30, "started_at": None, "ended_at": None}
    )

    assert alone.status_code == 422
    assert alone.json()["errors"] == [{"pointer": "/started_at", "detail": "cannot be null"}]
    assert with_minutes.status_code == 200, with_minutes.text
    assert (with_minutes.json()["minutes"], with_minutes.json()["started_at"]) == (30, None)
