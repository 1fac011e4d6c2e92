from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.resources.factories import machine, person_resource, time_off
from tests.support.events import event_changes, number, without
from tests.support.http import ClientFactory


async def test_every_member_is_a_person_resource_named_after_the_user(
    clients: ClientFactory,
) -> None:
    owner = await clients.user(name="Olga Owner")
    colleague = await clients.user(name="Carl Colleague")
    workspace = await owner.workspace()
    wid = workspace["id"]
    member = await owner.add_member(wid, colleague)

    mine = await person_resource(owner, wid, owner.member_ids[wid])
    theirs = await person_resource(owner, wid, member["id"])

    assert (mine["kind"], mine["name"], mine["weekly_capacity_hours"]) == (
        "person",
        "Olga Owner",
        40,
    )
    assert (theirs["name"], theirs["capacity_hours_per_day"], theirs["calendar_id"]) == (
        "Carl Colleague",
        None,
        None,
    )


async def test_a_person_resource_leaves_with_its_member(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    member = await owner.add_member(wid, colleague)

    response = await owner.client.delete(f"/api/v1/workspaces/{wid}/members/{member['id']}")
    listed = await owner.client.get(
        f"/api/v1/workspaces/{wid}/resources", params={"member_id": member["id"]}
    )

    assert response.status_code == 204
    assert listed.json()["items"] == []


async def test_person_resources_cannot_be_created_or_deleted_directly(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])

    created = await owner.client.post(
        f"/api/v1/workspaces/{wid}/resources",
        json={"kind": "person", "name": "Ghost", "capacity_hours_per_day": 8},
    )
    deleted = await owner.client.delete(f"/api/v1/workspaces/{wid}/resources/{mine['id']}")

    assert created.status_code == 422
    assert created.json()["errors"][0]["pointer"] == "/kind"
    assert deleted.status_code == 409
    assert deleted.json()["code"] == "person_resource"


async def test_a_persons_capacity_is_the_members_but_its_calendar_is_its_own(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])
    calendar = await owner.client.post(f"/api/v1/workspaces/{wid}/calendars", json={"name": "4d"})
    url = f"/api/v1/workspaces/{wid}/resources/{mine['id']}"

    refused = await owner.client.patch(url, json={"capacity_hours_per_day": 6})
    changed = await owner.client.patch(url, json={"calendar_id": calendar.json()["id"]})

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/capacity_hours_per_day"
    assert changed.status_code == 200
    assert changed.json()["calendar_id"] == calendar.json()["id"]


async def test_equipment_is_created_changed_and_deleted(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    press = await machine(owner, wid, cost_rate="12.50")
    url = f"/api/v1/workspaces/{wid}/resources/{press['id']}"

    changed = await owner.client.patch(url, json={"capacity_hours_per_day": 16})
    deleted = await owner.client.delete(url)
    gone = await owner.client.get(url)

    assert (press["kind"], press["name"], press["cost_rate"], press["member_id"]) == (
        "equipment",
        "Press",
        "12.50",
        None,
    )
    assert changed.json()["capacity_hours_per_day"] == 16
    assert deleted.status_code == 204
    assert gone.status_code == 404


async def test_a_resource_with_an_unknown_team_is_refused(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/resources",
        json={
            "kind": "pool",
            "name": "Translators",
            "capacity_hours_per_day": 24,
            "team_id": "01900000-0000-7000-8000-000000000000",
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/team_id"


async def test_capacity_outside_a_day_is_refused(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/resources",
        json={"kind": "room", "name": "Big room", "capacity_hours_per_day": 25},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/capacity_hours_per_day"


async def test_time_off_is_recorded_in_full_or_partial_days(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])

    full = await time_off(
        owner, wid, resource_id=mine["id"], start_date="2026-03-02", end_date="2026-03-03"
    )
    partial = await time_off(
        owner,
        wid,
        resource_id=mine["id"],
        start_date="2026-03-05",
        end_date="2026-03-05",
        hours_per_day=3,
        reason="dentist",
    )

    assert (full["hours_per_day"], full["reason"]) == (None, "")
    assert (partial["hours_per_day"], partial["reason"]) == (3, "dentist")


async def test_overlapping_time_off_is_refused_and_nothing_is_written(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])
    await time_off(
        owner, wid, resource_id=mine["id"], start_date="2026-03-02", end_date="2026-03-06"
    )

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/time-off",
        json={"resource_id": mine["id"], "start_date": "2026-03-06", "end_date": "2026-03-09"},
    )
    listed = await owner.client.get(f"/api/v1/workspaces/{wid}/time-off")

    assert response.status_code == 409
    assert response.json()["code"] == "time_off_overlap"
    assert len(listed.json()["items"]) == 1


async def test_time_off_ending_before_it_starts_is_refused(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/time-off",
        json={"resource_id": mine["id"], "start_date": "2026-03-06", "end_date": "2026-03-05"},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/end_date"


async def test_moving_time_off_onto_another_is_refused(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    mine = await person_resource(owner, wid, owner.member_ids[wid])
    await time_off(
        owner, wid, resource_id=mine["id"], start_date="2026-03-02", end_date="2026-03-02"
    )
    later = await time_off(
        owner, wid, resource_id=mine["id"], start_date="2026-03-09", end_date="2026-03-09"
    )

    response = await owner.client.patch(
        f"/api/v1/workspaces/{wid}/time-off/{later['id']}", json={"start_date": "2026-03-02"}
    )

    assert response.status_code == 409


async def test_deleted_equipment_and_time_off_record_what_they_were(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}"
    press = await machine(owner, wid, cost_rate="12.50")
    mine = await person_resource(owner, wid, owner.member_ids[wid])
    away = await time_off(
        owner, wid, resource_id=mine["id"], start_date="2026-03-02", end_date="2026-03-03"
    )

    assert (await owner.client.delete(f"{base}/resources/{press['id']}")).status_code == 204
    assert (await owner.client.delete(f"{base}/time-off/{away['id']}")).status_code == 204

    for type_, entity_id, numeric in (
        ("resource", press["id"], ("capacity_hours_per_day", "cost_rate")),
        ("time_off", away["id"], ("hours_per_day",)),
    ):
        made = await event_changes(sessionmaker, f"{type_}.created", entity_id)
        gone = await event_changes(sessionmaker, f"{type_}.deleted", entity_id)
        # Numbers are compared by value: a creation records them as sent ("6"), a deletion as
        # stored ("6.00").
        assert without(gone, numeric) == {
            field: {"before": c["after"], "after": None}
            for field, c in without(made, numeric).items()
        }
        for field in numeric:
            assert number(gone[field]["before"]) == number(made[field]["after"])
            assert gone[field]["after"] is None
    press_gone = await event_changes(sessionmaker, "resource.deleted", press["id"])
    away_gone = await event_changes(sessionmaker, "time_off.deleted", away["id"])
    assert set(press_gone) == {
        "kind",
        "name",
        "team_id",
        "calendar_id",
        "capacity_hours_per_day",
        "cost_rate",
    }
    assert press_gone["kind"] == {"before": "equipment", "after": None}
    assert press_gone["name"] == {"before": "Press", "after": None}
    assert set(away_gone) == {"resource_id", "start_date", "end_date", "hours_per_day", "reason"}
    assert away_gone["resource_id"] == {"before": mine["id"], "after": None}
    assert away_gone["end_date"] == {"before": "2026-03-03", "after": None}
