import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event
from tests.support.http import ClientFactory


async def test_a_member_has_the_users_name_and_email_and_the_invitations_role(
    clients: ClientFactory,
) -> None:
    owner, newcomer = await clients.user(), await clients.user(name="Bea")
    workspace = await owner.workspace()

    member = await owner.add_member(workspace["id"], newcomer, role="viewer")

    assert set(member) >= {"id", "user_id", "email", "name", "role", "weekly_capacity_hours"}
    assert (member["name"], member["email"], member["role"], member["team_ids"]) == (
        "Bea",
        newcomer.email,
        "viewer",
        [],
    )


async def test_default_capacity_is_forty_hours(clients: ClientFactory) -> None:
    owner, newcomer = await clients.user(), await clients.user()
    workspace = await owner.workspace()

    member = await owner.add_member(workspace["id"], newcomer)

    assert member["weekly_capacity_hours"] == 40.0
    assert member["cost_rate"] is None


async def test_role_change_and_removal(clients: ClientFactory) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], person)
    url = f"/api/v1/workspaces/{workspace['id']}/members/{member['id']}"

    changed = await owner.client.patch(url, json={"role": "admin"})
    removed = await owner.client.delete(url)

    assert changed.json()["role"] == "admin"
    assert removed.status_code == 204
    assert (await person.client.get(f"/api/v1/workspaces/{workspace['id']}")).status_code == 404


async def test_last_owner_cannot_be_demoted_or_removed(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    url = f"/api/v1/workspaces/{workspace['id']}/members/{owner.member_ids[workspace['id']]}"

    demoted = await owner.client.patch(url, json={"role": "admin"})
    removed = await owner.client.delete(url)

    assert demoted.status_code == removed.status_code == 409
    assert demoted.json()["code"] == "last_owner"
    assert (await owner.client.get(url)).json()["role"] == "owner"


async def test_an_owner_can_step_down_once_another_owner_exists(clients: ClientFactory) -> None:
    owner, heir = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], heir, role="owner")
    url = f"/api/v1/workspaces/{workspace['id']}/members/{owner.member_ids[workspace['id']]}"

    response = await owner.client.patch(url, json={"role": "member"})

    assert response.status_code == 200
    assert response.json()["role"] == "member"


async def test_admin_cannot_grant_or_take_the_owner_role(clients: ClientFactory) -> None:
    owner, admin, person = await clients.user(), await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], admin, role="admin")
    member = await owner.add_member(workspace["id"], person)
    base = f"/api/v1/workspaces/{workspace['id']}/members"

    grant = await admin.client.patch(f"{base}/{member['id']}", json={"role": "owner"})
    demote = await admin.client.patch(
        f"{base}/{owner.member_ids[workspace['id']]}", json={"role": "member"}
    )

    assert grant.status_code == demote.status_code == 403
    assert grant.json()["code"] == "owner_only"


async def test_members_can_be_filtered_by_role(clients: ClientFactory) -> None:
    owner, viewer = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], viewer, role="viewer")

    response = await owner.client.get(
        f"/api/v1/workspaces/{workspace['id']}/members", params={"role": "viewer"}
    )

    assert [m["email"] for m in response.json()["items"]] == [viewer.email]


async def test_members_pages_follow_the_creation_order(clients: ClientFactory) -> None:
    owner, second, third = await clients.user(), await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], second)
    await owner.add_member(workspace["id"], third)
    url = f"/api/v1/workspaces/{workspace['id']}/members"
    emails, cursor = [], None

    while True:
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = (await owner.client.get(url, params=params)).json()
        emails += [m["email"] for m in page["items"]]
        if not (cursor := page["next_cursor"]):
            break

    assert emails == [owner.email, second.email, third.email]


async def test_removing_a_member_who_owns_a_project_leaves_it_without_owner(
    clients: ClientFactory,
) -> None:
    owner, person = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    member = await owner.add_member(wid, person)
    project = await owner.project(wid, owner_id=member["id"])

    removed = await owner.client.delete(f"/api/v1/workspaces/{wid}/members/{member['id']}")

    assert removed.status_code == 204
    shown = await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{project['id']}")
    assert shown.json()["owner_id"] is None


async def test_members_can_be_searched_by_name_or_email(clients: ClientFactory) -> None:
    owner, grace = await clients.user(name="Ada"), await clients.user(name="Grace Hopper")
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], grace)
    url = f"/api/v1/workspaces/{workspace['id']}/members"

    by_name = (await owner.client.get(url, params={"q": "hopp"})).json()["items"]
    by_email = (await owner.client.get(url, params={"q": owner.email[:10]})).json()["items"]

    assert [m["name"] for m in by_name] == ["Grace Hopper"]
    assert [m["name"] for m in by_email] == ["Ada"]


async def test_tasks_of_a_removed_member_show_the_unassignment(clients: ClientFactory) -> None:
    owner, person = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    member = await owner.add_member(wid, person)
    project = await owner.project(wid)
    task = await owner.task(wid, project["id"], assignee_ids=[member["id"], owner.member_ids[wid]])

    await owner.client.delete(f"/api/v1/workspaces/{wid}/members/{member['id']}")
    shown = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}")
    activity = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}/activity")

    assert (shown.json()["assignee_ids"], shown.json()["version"]) == (
        [owner.member_ids[wid]],
        task["version"] + 1,
    )
    assert activity.json()["items"][0]["changes"] == {
        "assignee_ids": {
            "before": sorted([member["id"], owner.member_ids[wid]]),
            "after": [owner.member_ids[wid]],
        }
    }


async def _events(
    sessionmaker: async_sessionmaker[AsyncSession], entity_id: str
) -> list[tuple[str, str | None, dict[str, Any]]]:
    async with sessionmaker() as session:
        rows = await session.execute(
            select(Event.type, Event.actor_id, Event.changes)
            .where(Event.entity_type == "member", Event.entity_id == uuid.UUID(entity_id))
            .order_by(Event.created_at, Event.id)
        )
    return [(type_, str(actor) if actor else None, changes) for type_, actor, changes in rows]


async def test_adding_changing_and_removing_a_member_are_events(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, person = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    url = f"/api/v1/workspaces/{wid}/members"
    member = await owner.add_member(wid, person, role="viewer")
    costed = await owner.client.patch(
        f"{url}/{member['id']}", json={"weekly_capacity_hours": "32", "cost_rate": "85.5"}
    )

    changed = await owner.client.patch(
        f"{url}/{member['id']}", json={"role": "admin", "weekly_capacity_hours": "30"}
    )
    same = await owner.client.patch(
        f"{url}/{member['id']}", json={"weekly_capacity_hours": "30.0", "role": "admin"}
    )
    removed = await owner.client.delete(f"{url}/{member['id']}")

    assert (costed.status_code, changed.status_code, same.status_code) == (200, 200, 200)
    assert removed.status_code == 204
    actor = owner.member_ids[wid]
    assert await _events(sessionmaker, member["id"]) == [
        (
            "member.created",
            # The person joined: accepting the invitation is their act.
            member["id"],
            {
                "user_id": {"before": None, "after": person.id},
                "role": {"before": None, "after": "viewer"},
                "weekly_capacity_hours": {"before": None, "after": "40.00"},
                "cost_rate": {"before": None, "after": None},
            },
        ),
        (
            "member.updated",
            actor,
            {
                "weekly_capacity_hours": {"before": "40.00", "after": "32.00"},
                "cost_rate": {"before": None, "after": "85.50"},
            },
        ),
        (
            "member.updated",
            actor,
            {
                "role": {"before": "viewer", "after": "admin"},
                "weekly_capacity_hours": {"before": "32.00", "after": "30.00"},
            },
        ),
        (
            "member.removed",
            actor,
            {
                "user_id": {"before": person.id, "after": None},
                "role": {"before": "admin", "after": None},
                "weekly_capacity_hours": {"before": "30.00", "after": None},
                "cost_rate": {"before": "85.50", "after": None},
            },
        ),
    ]


async def test_a_refused_removal_records_no_event(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    member_id = owner.member_ids[wid]

    removed = await owner.client.delete(f"/api/v1/workspaces/{wid}/members/{member_id}")

    assert removed.status_code == 409
    assert [type_ for type_, _, _ in await _events(sessionmaker, member_id)] == []
