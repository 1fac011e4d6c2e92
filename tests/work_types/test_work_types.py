from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.support.events import event_changes
from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office


async def test_a_new_workspace_has_the_default_work_types(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.viewer.client.get(f"{place.base}/work-types")

    assert [(a["key"], a["name"]) for a in response.json()["items"]] == [
        ("development", "Development"),
        ("meeting", "Meeting"),
        ("support", "Support"),
    ]


async def test_an_admin_adds_a_work_type_that_time_can_be_logged_as(
    clients: ClientFactory,
) -> None:
    place = await office(clients)

    created = await place.owner.client.post(
        f"{place.base}/work-types", json={"key": "design", "name": "Design"}
    )
    entry = await log(place, place.member, work_type="design")

    assert created.status_code == 201
    assert entry.json()["work_type"] == "design"


async def test_members_cannot_add_work_types(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.member.client.post(
        f"{place.base}/work-types", json={"key": "design", "name": "Design"}
    )

    assert response.status_code == 403


async def test_a_work_type_key_is_unique(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/work-types", json={"key": "meeting", "name": "Meetings"}
    )

    assert (response.status_code, response.json()["code"]) == (409, "work_type_exists")


async def test_a_key_is_lowercase_letters_digits_and_underscores(
    clients: ClientFactory,
) -> None:
    place = await office(clients)

    response = await place.owner.client.post(
        f"{place.base}/work-types", json={"key": "Code Review", "name": "Code review"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/key"


async def test_a_work_type_in_use_cannot_be_removed(clients: ClientFactory) -> None:
    place = await office(clients)
    await log(place, place.member, work_type="support")
    work_types = (await place.owner.client.get(f"{place.base}/work-types")).json()["items"]
    support = next(a for a in work_types if a["key"] == "support")

    response = await place.owner.client.delete(f"{place.base}/work-types/{support['id']}")

    assert (response.status_code, response.json()["code"]) == (409, "work_type_in_use")


async def test_an_unused_work_type_is_renamed_and_removed(clients: ClientFactory) -> None:
    place = await office(clients)
    work_types = (await place.owner.client.get(f"{place.base}/work-types")).json()["items"]
    url = f"{place.base}/work-types/{work_types[0]['id']}"

    renamed = await place.owner.client.patch(url, json={"name": "Engineering"})
    removed = await place.owner.client.delete(url, headers={"If-Match": renamed.headers["ETag"]})

    assert (renamed.json()["name"], removed.status_code) == ("Engineering", 204)
    assert (await place.owner.client.get(url)).status_code == 404


async def test_a_removed_work_type_records_what_it_was(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    place = await office(clients)
    work_types = (await place.owner.client.get(f"{place.base}/work-types")).json()["items"]
    doomed = work_types[0]

    removed = await place.owner.client.delete(f"{place.base}/work-types/{doomed['id']}")

    assert removed.status_code == 204
    assert await event_changes(sessionmaker, "work_type.deleted", doomed["id"]) == {
        "key": {"before": doomed["key"], "after": None},
        "name": {"before": doomed["name"], "after": None},
    }


async def test_the_old_activities_path_serves_the_same_work_types(clients: ClientFactory) -> None:
    place = await office(clients)

    created = await place.owner.client.post(
        f"{place.base}/activities", json={"key": "design", "name": "Design"}
    )
    old = await place.viewer.client.get(f"{place.base}/activities/{created.json()['id']}")
    new = await place.viewer.client.get(f"{place.base}/work-types/{created.json()['id']}")

    assert created.status_code == 201
    assert (old.status_code, old.json(), old.headers["ETag"]) == (
        200,
        new.json(),
        new.headers["ETag"],
    )


async def test_the_old_path_is_documented_as_deprecated_and_names_the_new_one(app: Any) -> None:
    paths = app.openapi()["paths"]
    old = "/api/v1/workspaces/{workspace_id}/activities/{work_type_id}"
    new = "/api/v1/workspaces/{workspace_id}/work-types/{work_type_id}"

    assert set(paths[old]) == set(paths[new])
    for method, operation in paths[old].items():
        action = operation["operationId"].removeprefix("activities:")
        assert operation["deprecated"] is True
        assert paths[new][method]["operationId"] == f"work_types:{action}"
        assert f"`{method.upper()} {new}`" in operation["description"]
        assert "deprecated" not in paths[new][method]
