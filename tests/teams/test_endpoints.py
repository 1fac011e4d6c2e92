from typing import Any

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
