from tests.projects.factories import projects_url
from tests.support.http import ClientFactory


async def test_activity_lists_the_projects_events_newest_first_with_changes(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"], name="Relaunch")
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    await owner.client.patch(url, json={"name": "Relaunch 2", "target_date": "2026-08-31"})
    await owner.client.post(f"{url}/archive")

    events = (await owner.client.get(f"{url}/activity")).json()["items"]

    assert [(e["type"], e["entity_type"], e["entity_id"]) for e in events] == [
        ("project.archived", "project", project["id"]),
        ("project.updated", "project", project["id"]),
        ("project.created", "project", project["id"]),
    ]
    assert events[0]["changes"] == {"status": {"before": "active", "after": "archived"}}
    assert events[1]["changes"] == {
        "name": {"before": "Relaunch", "after": "Relaunch 2"},
        "target_date": {"before": "2026-06-30", "after": "2026-08-31"},
    }
    assert events[2]["changes"]["key"] == {"before": None, "after": project["key"]}
    assert {e["actor_id"] for e in events} == {owner.member_ids[workspace["id"]]}
    assert {e["project_id"] for e in events} == {project["id"]}


async def test_activity_pages_and_leaves_out_other_projects(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    for name in ("One", "Two", "Three"):
        await owner.client.patch(url, json={"name": name})

    first = (await owner.client.get(f"{url}/activity?limit=3")).json()
    rest = (await owner.client.get(f"{url}/activity?limit=3&cursor={first['next_cursor']}")).json()

    names = [e["changes"]["name"]["after"] for e in first["items"] + rest["items"]]
    assert names == ["Three", "Two", "One", project["name"]]
    assert rest["next_cursor"] is None


async def test_activity_of_another_workspaces_project_is_not_found(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace, elsewhere = await owner.workspace(), await owner.workspace()
    project = await owner.project(elsewhere["id"])

    response = await owner.client.get(f"{projects_url(workspace['id'])}/{project['id']}/activity")

    assert response.status_code == 404
