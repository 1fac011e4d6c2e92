import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import Event
from tests.support.http import ClientFactory, Person


async def _team(person: Person, workspace_id: str, **body: Any) -> dict[str, Any]:
    response = await person.client.post(f"/api/v1/workspaces/{workspace_id}/teams", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_nested_team_with_members_and_lead(clients: ClientFactory) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], person)
    department = await _team(owner, workspace["id"], name="Engineering")

    team = await _team(
        owner,
        workspace["id"],
        name="Platform",
        parent_id=department["id"],
        lead_member_id=member["id"],
        member_ids=[member["id"]],
    )

    assert team["parent_id"] == department["id"]
    assert team["member_ids"] == [member["id"]]
    assert team["lead_member_id"] == member["id"]
    shown = (
        await owner.client.get(f"/api/v1/workspaces/{workspace['id']}/members/{member['id']}")
    ).json()
    assert shown["team_ids"] == [team["id"]]


async def test_nesting_a_team_inside_its_descendant_is_a_conflict(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    top = await _team(owner, workspace["id"], name="Top")
    child = await _team(owner, workspace["id"], name="Child", parent_id=top["id"])

    response = await owner.client.patch(
        f"/api/v1/workspaces/{workspace['id']}/teams/{top['id']}", json={"parent_id": child["id"]}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "team_cycle"


async def test_unknown_member_in_team_is_422_with_index_pointer(clients: ClientFactory) -> None:
    owner, outsider = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    elsewhere = await outsider.workspace()

    response = await owner.client.post(
        f"/api/v1/workspaces/{workspace['id']}/teams",
        json={
            "name": "T",
            "member_ids": [owner.member_ids[workspace["id"]], outsider.member_ids[elsewhere["id"]]],
        },
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/member_ids/1"


async def test_duplicate_sibling_name_is_a_conflict(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    await _team(owner, workspace["id"], name="Support")

    response = await owner.client.post(
        f"/api/v1/workspaces/{workspace['id']}/teams", json={"name": "support"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "team_name_taken"


async def test_members_join_and_leave_a_team(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    team = await _team(owner, workspace["id"], name="Ops")
    member_id = owner.member_ids[workspace["id"]]
    base = f"/api/v1/workspaces/{workspace['id']}/teams/{team['id']}"

    joined = await owner.client.post(f"{base}/members", json={"member_id": member_id})
    left = await owner.client.delete(f"{base}/members/{member_id}")
    again = await owner.client.delete(f"{base}/members/{member_id}")

    assert joined.json()["member_ids"] == [member_id]
    assert left.status_code == 204
    assert again.status_code == 404
    assert (await owner.client.get(base)).json()["member_ids"] == []


async def test_deleting_a_team_moves_its_sub_teams_up(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    top = await _team(owner, workspace["id"], name="Top")
    middle = await _team(owner, workspace["id"], name="Middle", parent_id=top["id"])
    leaf = await _team(owner, workspace["id"], name="Leaf", parent_id=middle["id"])
    base = f"/api/v1/workspaces/{workspace['id']}/teams"

    response = await owner.client.delete(f"{base}/{middle['id']}")

    assert response.status_code == 204
    assert (await owner.client.get(f"{base}/{leaf['id']}")).json()["parent_id"] == top["id"]


async def test_deleting_a_team_keeps_its_resources_without_a_team(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    team = await _team(owner, wid, name="Lab")
    resources = f"/api/v1/workspaces/{wid}/resources"
    rig = (
        await owner.client.post(
            resources,
            json={
                "kind": "equipment",
                "name": "Rig",
                "capacity_hours_per_day": 8,
                "team_id": team["id"],
            },
        )
    ).json()

    response = await owner.client.delete(f"/api/v1/workspaces/{wid}/teams/{team['id']}")

    assert response.status_code == 204
    assert (await owner.client.get(f"{resources}/{rig['id']}")).json()["team_id"] is None


async def test_removing_a_lead_member_clears_the_lead(clients: ClientFactory) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], person)
    team = await _team(owner, workspace["id"], name="Led", lead_member_id=member["id"])

    await owner.client.delete(f"/api/v1/workspaces/{workspace['id']}/members/{member['id']}")

    shown = await owner.client.get(f"/api/v1/workspaces/{workspace['id']}/teams/{team['id']}")
    assert shown.json()["lead_member_id"] is None


async def _events(
    sessionmaker: async_sessionmaker[AsyncSession], entity_id: str
) -> list[tuple[str, dict[str, Any]]]:
    async with sessionmaker() as session:
        rows = await session.execute(
            select(Event.type, Event.changes)
            .where(Event.entity_type == "team", Event.entity_id == uuid.UUID(entity_id))
            .order_by(Event.created_at, Event.id)
        )
    return [(type_, changes) for type_, changes in rows]


async def test_team_changes_and_memberships_are_events(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, person = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    member_id = (await owner.add_member(wid, person))["id"]
    me = owner.member_ids[wid]
    top = await _team(owner, wid, name="Top")
    team = await _team(owner, wid, name="Ops", parent_id=top["id"], member_ids=[member_id])
    child = await _team(owner, wid, name="Night", parent_id=team["id"])
    base = f"/api/v1/workspaces/{wid}/teams/{team['id']}"

    await owner.client.patch(base, json={"name": "Operations", "lead_member_id": member_id})
    await owner.client.post(f"{base}/members", json={"member_id": me})
    await owner.client.post(f"{base}/members", json={"member_id": me})
    await owner.client.delete(f"{base}/members/{member_id}")
    deleted = await owner.client.delete(base)

    assert deleted.status_code == 204
    assert await _events(sessionmaker, team["id"]) == [
        (
            "team.created",
            {
                "name": {"before": None, "after": "Ops"},
                "parent_id": {"before": None, "after": top["id"]},
                "lead_member_id": {"before": None, "after": None},
                "member_ids": {"before": None, "after": [member_id]},
            },
        ),
        (
            "team.updated",
            {
                "name": {"before": "Ops", "after": "Operations"},
                "lead_member_id": {"before": None, "after": member_id},
            },
        ),
        ("team.member_added", {"member_id": {"before": None, "after": me}}),
        ("team.member_removed", {"member_id": {"before": member_id, "after": None}}),
        (
            "team.deleted",
            {
                "name": {"before": "Operations", "after": None},
                "parent_id": {"before": top["id"], "after": None},
                "lead_member_id": {"before": member_id, "after": None},
                "member_ids": {"before": [me], "after": None},
            },
        ),
    ]
    assert (await _events(sessionmaker, child["id"]))[-1] == (
        "team.updated",
        {"parent_id": {"before": team["id"], "after": top["id"]}},
    )
