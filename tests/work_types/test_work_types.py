from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.support.events import event_changes
from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office


async def test_a_new_workspace_has_the_default_activities(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.viewer.client.get(f"{place.base}/activities")

    assert [(a["key"], a["name"]) for a in response.json()["items"]] == [
        ("development", "Development"),
        ("meeting", "Meeting"),
        ("support", "Support"),
    ]


async def test_an_admin_adds_an_activity_that_time_can_be_logged_as(
    clients: ClientFactory,
) -> None:
    place = await office(clients)

    created = await place.owner.client.post(
        f"{place.base}/activities", json={"key": "design", "name": "Design"}
    )
    entry = await log(place, place.member, activity="design")

    assert created.status_code == 201
    assert entry.json()["activity"] == "design"


async def test_members_cannot_add_activities(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.post(
        f"{place.base}/activities", json={"key": "design", "name": "Design"}
    )

    assert response.status_code == 403


async def test_an_activity_key_is_unique(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/activities", json={"key": "meeting", "name": "Meetings"}
    )

    assert (response.status_code, response.json()["code"]) == (409, "activity_exists")


async def test_a_key_is_lowercase_letters_digits_and_underscores(
    clients: ClientFactory,
) -> None:
    place = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/activities", json={"key": "Code Review", "name": "Code review"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/key"


async def test_an_activity_in_use_cannot_be_removed(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, activity="support")
    activities = (await place.owner.client.get(f"{place.base}/activities")).json()["items"]
    support = next(a for a in activities if a["key"] == "support")

    response = await place.owner.client.delete(f"{place.base}/activities/{support['id']}")

    assert (response.status_code, response.json()["code"]) == (409, "activity_in_use")


async def test_an_unused_activity_is_renamed_and_removed(clients: ClientFactory) -> None:
    place = await office(clients)
    activities = (await place.owner.client.get(f"{place.base}/activities")).json()["items"]
    url = f"{place.base}/activities/{activities[0]['id']}"

    renamed = await place.owner.client.patch(url, json={"name": "Engineering"})
    removed = await place.owner.client.delete(url, headers={"If-Match": renamed.headers["ETag"]})

    assert (renamed.json()["name"], removed.status_code) == ("Engineering", 204)
    assert (await place.owner.client.get(url)).status_code == 404


async def test_a_removed_activity_records_what_it_was(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    activities = (await place.owner.client.get(f"{place.base}/activities")).json()["items"]
    doomed = activities[0]

    removed = await place.owner.client.delete(f"{place.base}/activities/{doomed['id']}")

    assert removed.status_code == 204
    assert await event_changes(sessionmaker, "activity.deleted", doomed["id"]) == {
        "key": {"before": doomed["key"], "after": None},
        "name": {"before": doomed["name"], "after": None},
    }
