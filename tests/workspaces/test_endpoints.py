import asyncio
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event
from tests.support.http import ClientFactory


async def test_creator_becomes_owner_with_default_settings(clients: ClientFactory) -> None:
    person = await clients.user()

    workspace = await person.workspace(name="Ops")

    assert workspace["role"] == "owner"
    assert workspace["timezone"] == "UTC"
    assert workspace["week_start"] == 1
    members = (await person.client.get(f"/api/v1/workspaces/{workspace['id']}/members")).json()
    assert [(m["user_id"], m["role"]) for m in members["items"]] == [(person.id, "owner")]


async def test_list_shows_only_my_workspaces(clients: ClientFactory) -> None:
    me, other = await clients.user(), await clients.user()
    mine = await me.workspace()
    await other.workspace()

    response = await me.client.get("/api/v1/workspaces")

    assert [w["id"] for w in response.json()["items"]] == [mine["id"]]


async def test_list_is_keyset_paginated(clients: ClientFactory) -> None:
    person = await clients.user()
    created = [await person.workspace(name=f"W{i}") for i in range(5)]
    seen: list[str] = []
    cursor = None

    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await person.client.get("/api/v1/workspaces", params=params)).json()
        seen += [w["name"] for w in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == sorted(w["name"] for w in created)


async def test_descending_sort_and_clamped_limit(clients: ClientFactory) -> None:
    person = await clients.user()
    for i in range(3):
        await person.workspace(name=f"S{i}")

    response = await person.client.get(
        "/api/v1/workspaces", params={"sort": "-name", "limit": 5000}
    )

    assert response.status_code == 200
    assert [w["name"] for w in response.json()["items"]] == ["S2", "S1", "S0"]


async def test_unknown_sort_field_and_bad_cursor_are_422(clients: ClientFactory) -> None:
    person = await clients.user()

    bad_sort = await person.client.get("/api/v1/workspaces", params={"sort": "password"})
    bad_cursor = await person.client.get("/api/v1/workspaces", params={"cursor": "!!garbage"})

    assert bad_sort.status_code == 422
    assert bad_sort.json()["errors"][0]["pointer"] == "/query/sort"
    assert bad_cursor.status_code == 422
    assert bad_cursor.json()["code"] == "invalid_cursor"


async def test_get_returns_etag_and_patch_with_it_succeeds(clients: ClientFactory) -> None:
    person = await clients.user()
    workspace = await person.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}"
    etag = (await person.client.get(url)).headers["ETag"]

    response = await person.client.patch(
        url, json={"timezone": "Europe/Paris", "week_start": 7}, headers={"If-Match": etag}
    )

    assert response.status_code == 200
    assert response.json()["timezone"] == "Europe/Paris"
    assert response.json()["week_start"] == 7
    assert response.headers["ETag"] != etag


async def test_stale_if_match_is_rejected_and_workspace_unchanged(clients: ClientFactory) -> None:
    person = await clients.user()
    workspace = await person.workspace(name="Before")
    url = f"/api/v1/workspaces/{workspace['id']}"
    etag = (await person.client.get(url)).headers["ETag"]
    await person.client.patch(url, json={"name": "First"}, headers={"If-Match": etag})

    response = await person.client.patch(url, json={"name": "Second"}, headers={"If-Match": etag})

    assert response.status_code == 412
    assert response.json()["code"] == "stale_version"
    assert (await person.client.get(url)).json()["name"] == "First"


async def test_two_patches_with_the_same_etag_exactly_one_wins(clients: ClientFactory) -> None:
    person = await clients.user()
    workspace = await person.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}"
    etag = (await person.client.get(url)).headers["ETag"]

    responses = await asyncio.gather(
        *(
            person.client.patch(url, json={"name": f"N{i}"}, headers={"If-Match": etag})
            for i in range(4)
        )
    )

    assert sorted(r.status_code for r in responses) == [200, 412, 412, 412]


async def test_invalid_settings_are_rejected_with_pointers(clients: ClientFactory) -> None:
    person = await clients.user()

    response = await person.client.post(
        "/api/v1/workspaces", json={"name": "X", "timezone": "Mars/Olympus", "week_start": 8}
    )

    assert response.status_code == 422
    assert sorted(e["pointer"] for e in response.json()["errors"]) == ["/timezone", "/week_start"]


async def test_server_owned_fields_are_refused(clients: ClientFactory) -> None:
    person = await clients.user()

    response = await person.client.post("/api/v1/workspaces", json={"name": "X", "version": 9})

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/version"


async def test_owner_deletes_workspace(clients: ClientFactory) -> None:
    person = await clients.user()
    workspace = await person.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}"

    response = await person.client.delete(url)

    assert response.status_code == 204
    assert (await person.client.get(url)).status_code == 404


async def _events(
    sessionmaker: async_sessionmaker[AsyncSession], workspace_id: str
) -> list[tuple[str, str | None, dict[str, Any]]]:
    async with sessionmaker() as session:
        rows = await session.execute(
            select(Event.type, Event.actor_id, Event.changes)
            .where(
                Event.workspace_id == uuid.UUID(workspace_id),
                Event.entity_type == "workspace",
            )
            .order_by(Event.created_at, Event.id)
        )
    return [(type_, str(actor) if actor else None, changes) for type_, actor, changes in rows]


async def test_creating_and_changing_a_workspace_are_events(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    person = await clients.user()
    workspace = await person.workspace(name="Ops")
    wid = workspace["id"]

    changed = await person.client.patch(
        f"/api/v1/workspaces/{wid}",
        json={"timezone": "Europe/Paris", "week_start": 1, "timer_rounding_minutes": 15},
    )

    assert changed.status_code == 200, changed.text
    me = person.member_ids[wid]
    assert await _events(sessionmaker, wid) == [
        (
            "workspace.created",
            me,
            {
                "name": {"before": None, "after": "Ops"},
                "timezone": {"before": None, "after": "UTC"},
                "week_start": {"before": None, "after": 1},
                "timer_rounding_minutes": {"before": None, "after": 1},
                "max_token_lifetime_days": {"before": None, "after": None},
            },
        ),
        (
            "workspace.updated",
            me,
            {
                "timezone": {"before": "UTC", "after": "Europe/Paris"},
                "timer_rounding_minutes": {"before": 1, "after": 15},
            },
        ),
    ]


async def test_a_deleted_workspace_takes_its_events_with_it(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    # Events belong to their workspace (the foreign key cascades), so none records the deletion.
    person = await clients.user()
    wid = (await person.workspace())["id"]

    await person.client.delete(f"/api/v1/workspaces/{wid}")

    async with sessionmaker() as session:
        left = await session.scalars(select(Event.id).where(Event.workspace_id == uuid.UUID(wid)))
        assert list(left) == []
