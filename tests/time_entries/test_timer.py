import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.clock import utcnow
from app.models import Event, TimeEntry
from app.time_entries.service import rounded_minutes
from tests.support.http import ClientFactory
from tests.time_entries.factories import Office, office


async def _start(place: Office, person, **body) -> dict:  # type: ignore[no-untyped-def]
    body.setdefault("project_id", place.project["id"])
    response = await person.client.post(f"{place.base}/timer/start", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def _backdate(
    sessionmaker: async_sessionmaker[AsyncSession], timer_id: str, seconds: int
) -> None:
    """Pretend the timer started `seconds` ago."""
    async with sessionmaker() as session:
        await session.execute(
            update(TimeEntry)
            .where(TimeEntry.id == uuid.UUID(timer_id))
            .values(started_at=utcnow() - timedelta(seconds=seconds))
            .execution_options(synchronize_session=False)
        )
        await session.commit()


@pytest.mark.parametrize(
    ("seconds", "step", "minutes"),
    [(0, 1, 1), (1, 1, 1), (60, 1, 1), (61, 1, 2), (0, 15, 15), (900, 15, 15), (901, 15, 30)],
)
def test_elapsed_time_rounds_up_to_the_step_and_never_below_one_step(
    seconds: int, step: int, minutes: int
) -> None:
    assert rounded_minutes(seconds, step) == minutes


async def test_no_running_timer_answers_null(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.get(f"{place.base}/timer")

    assert (response.status_code, response.json()) == (200, {"timer": None})


async def test_a_started_timer_is_the_current_one(clients: ClientFactory) -> None:
    place = await office(clients)
    task = await place.owner.task(place.wid, place.project["id"])
    started = await _start(place, place.member, project_id=None, task_id=task["id"])

    current = (await place.member.client.get(f"{place.base}/timer")).json()["timer"]

    assert (current["id"], current["task_id"], current["project_id"]) == (
        started["timer"]["id"],
        task["id"],
        place.project["id"],
    )


async def test_stopping_rounds_the_elapsed_time_up_per_the_workspace(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients, timer_rounding_minutes=15)
    started = await _start(place, place.member)
    await _backdate(sessionmaker, started["timer"]["id"], 16 * 60)

    entry = (await place.member.client.post(f"{place.base}/timer/stop")).json()

    assert entry["minutes"] == 30
    assert (await place.member.client.get(f"{place.base}/timer")).json() == {"timer": None}


async def test_a_timer_stopped_at_once_logs_one_minute(clients: ClientFactory) -> None:
    place = await office(clients)
    await _start(place, place.member)

    entry = (await place.member.client.post(f"{place.base}/timer/stop")).json()

    assert entry["minutes"] == 1


async def test_starting_while_one_runs_stops_the_running_one_first(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    first = await _start(place, place.member, description="first")
    await _backdate(sessionmaker, first["timer"]["id"], 9 * 60 + 30)

    second = await _start(place, place.member, description="second")

    assert second["stopped"]["id"] == first["timer"]["id"]
    assert second["stopped"]["minutes"] == 10
    entries = (await place.member.client.get(f"{place.base}/time-entries")).json()["items"]
    assert [(e["description"], e["minutes"]) for e in entries] == [("first", 10)]


async def test_discarding_the_timer_logs_nothing(clients: ClientFactory) -> None:
    place = await office(clients)
    await _start(place, place.member)

    response = await place.member.client.delete(f"{place.base}/timer")

    assert response.status_code == 204
    assert (await place.member.client.get(f"{place.base}/timer")).json() == {"timer": None}
    assert (await place.member.client.get(f"{place.base}/time-entries")).json()["items"] == []


async def test_stopping_without_a_timer_is_409(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.post(f"{place.base}/timer/stop")

    assert (response.status_code, response.json()["code"]) == (409, "timer_not_running")


async def test_a_running_timer_is_not_a_listed_entry(clients: ClientFactory) -> None:
    place = await office(clients)
    started = await _start(place, place.member)

    listed = await place.member.client.get(f"{place.base}/time-entries")
    fetched = await place.member.client.get(f"{place.base}/time-entries/{started['timer']['id']}")

    assert listed.json()["items"] == []
    assert fetched.status_code == 404


async def test_each_member_has_their_own_timer(clients: ClientFactory) -> None:
    place = await office(clients)
    await _start(place, place.member)

    await _start(place, place.owner)

    mine = (await place.member.client.get(f"{place.base}/timer")).json()["timer"]
    assert mine["member_id"] == place.member_id(place.member)


async def test_two_concurrent_starts_leave_exactly_one_running_timer(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    body = {"project_id": place.project["id"]}

    for _ in range(3):
        answers = await asyncio.gather(
            *(place.member.client.post(f"{place.base}/timer/start", json=body) for _ in range(2))
        )
        assert {a.status_code for a in answers} <= {201, 409}, [a.text for a in answers]
        assert all(a.json()["code"] == "timer_running" for a in answers if a.status_code == 409)
        current = (await place.member.client.get(f"{place.base}/timer")).json()["timer"]
        winners = [a.json()["timer"]["id"] for a in answers if a.status_code == 201]
        assert current["id"] in winners


async def test_a_timer_on_an_archived_project_cannot_start(clients: ClientFactory) -> None:
    place = await office(clients)
    await place.owner.client.post(f"{place.base}/projects/{place.project['id']}/archive")

    response = await place.member.client.post(
        f"{place.base}/timer/start", json={"project_id": place.project["id"]}
    )

    assert (response.status_code, response.json()["code"]) == (409, "project_closed")


async def test_a_start_that_loses_the_race_for_the_index_is_a_clean_409(
    clients: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = await office(clients)
    await _start(place, place.member, description="winner")

    async def saw_nothing(*_args: object) -> None:
        # As if the winner committed between this request's check and its insert.
        return None

    with monkeypatch.context() as patch:
        patch.setattr("app.time_entries.repository.TimeEntryRepository.running", saw_nothing)
        response = await place.member.client.post(
            f"{place.base}/timer/start", json={"project_id": place.project["id"]}
        )

    assert (response.status_code, response.json()["code"]) == (409, "timer_running")
    current = (await place.member.client.get(f"{place.base}/timer")).json()["timer"]
    assert current["description"] == "winner"


async def test_a_timer_stops_and_keeps_its_time_after_its_project_is_archived(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    started = await _start(place, place.member)
    await _backdate(sessionmaker, started["timer"]["id"], 19 * 60 + 30)
    archived = await place.owner.client.post(f"{place.base}/projects/{place.project['id']}/archive")
    assert archived.status_code == 200, archived.text

    response = await place.member.client.post(f"{place.base}/timer/stop")

    assert response.status_code == 200, response.text
    assert (response.json()["id"], response.json()["minutes"]) == (started["timer"]["id"], 20)
    entries = (await place.member.client.get(f"{place.base}/time-entries")).json()["items"]
    assert [e["id"] for e in entries] == [started["timer"]["id"]]


async def test_starting_a_timer_stops_one_running_on_a_project_closed_since(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    first = await _start(place, place.member)
    closed = await place.owner.client.post(
        f"{place.base}/projects/{place.project['id']}/transitions",
        json={"to_phase": "closed", "force": True},
    )
    assert closed.status_code == 201, closed.text
    other = await place.owner.project(place.wid)

    second = await _start(place, place.member, project_id=other["id"])

    assert second["stopped"]["id"] == first["timer"]["id"]
    assert second["timer"]["project_id"] == other["id"]


async def test_the_running_timer_is_read_and_started_with_its_etag(clients: ClientFactory) -> None:
    place = await office(clients)

    none = await place.member.client.get(f"{place.base}/timer")
    started = await place.member.client.post(
        f"{place.base}/timer/start", json={"project_id": place.project["id"]}
    )
    current = await place.member.client.get(f"{place.base}/timer")

    assert "ETag" not in none.headers
    assert started.headers["ETag"] == '"1"'
    assert current.headers["ETag"] == '"1"'
    assert current.json()["timer"]["version"] == 1


async def test_a_stale_if_match_on_discard_is_412_and_the_timer_keeps_running(
    clients: ClientFactory,
) -> None:
    place = await office(clients)
    timer = (await _start(place, place.member))["timer"]

    stale = await place.member.client.delete(f"{place.base}/timer", headers={"If-Match": '"2"'})

    assert stale.status_code == 412
    assert stale.json()["code"] == "stale_version"
    current = (await place.member.client.get(f"{place.base}/timer")).json()["timer"]
    assert current["id"] == timer["id"]
    discarded = await place.member.client.delete(f"{place.base}/timer", headers={"If-Match": '"1"'})
    assert discarded.status_code == 204
    assert (await place.member.client.get(f"{place.base}/timer")).json() == {"timer": None}


async def test_a_discarded_timer_event_carries_its_fields_as_before(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    timer = (await _start(place, place.member, description="Focus", billable=True))["timer"]

    await place.member.client.delete(f"{place.base}/timer")

    async with sessionmaker() as session:
        event = await session.scalar(
            select(Event).where(
                Event.type == "time_entry.timer_discarded",
                Event.entity_id == uuid.UUID(timer["id"]),
            )
        )
    assert event is not None
    assert event.changes["project_id"] == {"before": place.project["id"], "after": None}
    assert event.changes["description"] == {"before": "Focus", "after": None}
    assert event.changes["billable"] == {"before": True, "after": None}
    assert event.changes["started_at"]["before"] is not None
    assert event.changes["member_id"]["before"] == place.member_id(place.member)
