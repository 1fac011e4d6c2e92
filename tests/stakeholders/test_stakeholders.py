from tests.projects.factories import projects_url
from tests.support.http import ClientFactory


async def test_putting_a_stakeholder_adds_then_changes_their_role(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], colleague)
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}/stakeholders"

    added = await owner.client.put(f"{url}/{member['id']}", json={"role": "informed"})
    changed = await owner.client.put(f"{url}/{member['id']}", json={"role": "contributor"})

    assert (added.status_code, added.json()) == (
        200,
        {"member_id": member["id"], "role": "informed"},
    )
    assert changed.json() == {"member_id": member["id"], "role": "contributor"}
    listed = (await owner.client.get(f"{url}?sort=role")).json()["items"]
    assert listed == [
        {"member_id": member["id"], "role": "contributor"},
        {"member_id": owner.member_ids[workspace["id"]], "role": "owner"},
    ]


async def test_removing_a_stakeholder(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], colleague)
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}/stakeholders"
    await owner.client.put(f"{url}/{member['id']}", json={"role": "stakeholder"})

    removed = await owner.client.delete(f"{url}/{member['id']}")
    again = await owner.client.delete(f"{url}/{member['id']}")

    assert removed.status_code == 204
    assert (again.status_code, again.json()["code"]) == (404, "stakeholder_not_found")
    assert [s["member_id"] for s in (await owner.client.get(url)).json()["items"]] == [
        owner.member_ids[workspace["id"]]
    ]


async def test_a_stakeholder_must_be_a_member_of_the_workspace(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace, elsewhere = await owner.workspace(), await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}/stakeholders"

    response = await owner.client.put(
        f"{url}/{owner.member_ids[elsewhere['id']]}", json={"role": "informed"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/path/member_id"


async def test_an_unknown_stakeholder_role_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}/stakeholders"

    response = await owner.client.put(
        f"{url}/{owner.member_ids[workspace['id']]}", json={"role": "sponsor"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/role"


async def test_stakeholder_changes_appear_in_the_activity(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], colleague)
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"

    await owner.client.put(f"{url}/stakeholders/{member['id']}", json={"role": "informed"})
    await owner.client.put(f"{url}/stakeholders/{member['id']}", json={"role": "informed"})
    await owner.client.put(f"{url}/stakeholders/{member['id']}", json={"role": "stakeholder"})
    await owner.client.delete(f"{url}/stakeholders/{member['id']}")

    events = (await owner.client.get(f"{url}/activity")).json()["items"]
    assert [(e["type"], e["entity_id"], e["changes"]) for e in events[:3]] == [
        ("stakeholder.deleted", member["id"], {"role": {"before": "stakeholder", "after": None}}),
        (
            "stakeholder.updated",
            member["id"],
            {"role": {"before": "informed", "after": "stakeholder"}},
        ),
        ("stakeholder.created", member["id"], {"role": {"before": None, "after": "informed"}}),
    ]
    assert events[3]["type"] == "project.created"


async def test_an_archived_project_refuses_stakeholder_changes(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    await owner.client.post(f"{url}/archive")

    response = await owner.client.put(
        f"{url}/stakeholders/{owner.member_ids[workspace['id']]}", json={"role": "informed"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "project_archived"
