"""Who follows a calendar: GET .../calendars/{id}/users."""

from typing import Any

from tests.support.http import ClientFactory, Person


async def _users(owner: Person, wid: str, calendar_id: str) -> dict[str, Any]:
    response = await owner.client.get(f"/api/v1/workspaces/{wid}/calendars/{calendar_id}/users")
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_a_calendar_lists_the_projects_and_resources_naming_it(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}"
    shifts = (await owner.client.post(f"{base}/calendars", json={"name": "Shifts"})).json()
    await owner.project(wid, name="Zeta plant", calendar_id=shifts["id"])
    await owner.project(wid, name="Alpha plant", calendar_id=shifts["id"])
    await owner.project(wid, name="Office move")
    await owner.client.post(
        f"{base}/resources",
        json={
            "kind": "room",
            "name": "Lab",
            "capacity_hours_per_day": 10,
            "calendar_id": shifts["id"],
        },
    )

    users = await _users(owner, wid, shifts["id"])

    assert (users["project_count"], users["resource_count"]) == (2, 1)
    assert [(p["name"], p["by_default"]) for p in users["projects"]] == [
        ("Alpha plant", False),
        ("Zeta plant", False),
    ]
    assert [(r["name"], r["by_default"]) for r in users["resources"]] == [("Lab", False)]


async def test_the_default_calendar_lists_those_naming_no_calendar(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    default = (await owner.client.get(f"/api/v1/workspaces/{wid}/calendars")).json()["items"][0]
    other = (
        await owner.client.post(f"/api/v1/workspaces/{wid}/calendars", json={"name": "Other"})
    ).json()
    await owner.project(wid, name="Office move")
    await owner.project(wid, name="Plant", calendar_id=other["id"])

    users = await _users(owner, wid, default["id"])

    assert [(p["name"], p["by_default"]) for p in users["projects"]] == [("Office move", True)]
    # The owner is a person resource on no calendar of their own.
    assert users["resource_count"] == len(users["resources"])
    assert all(r["by_default"] for r in users["resources"])


async def test_users_of_another_workspaces_calendar_are_404(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    other = await clients.user()
    their_wid = (await other.workspace())["id"]
    theirs = (await other.client.get(f"/api/v1/workspaces/{their_wid}/calendars")).json()
    calendar_id = theirs["items"][0]["id"]

    response = await owner.client.get(f"/api/v1/workspaces/{wid}/calendars/{calendar_id}/users")

    assert response.status_code == 404


async def test_a_delete_refused_for_use_counts_what_the_users_list_shows(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    base = f"/api/v1/workspaces/{wid}/calendars"
    plant = (await owner.client.post(base, json={"name": "Plant"})).json()
    for name in ("Line A", "Line B"):
        await owner.project(wid, name=name, calendar_id=plant["id"])

    refused = await owner.client.delete(f"{base}/{plant['id']}")

    users = await _users(owner, wid, plant["id"])
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert (
        (refused.json()["projects"], refused.json()["resources"])
        == (
            users["project_count"],
            users["resource_count"],
        )
        == (2, 0)
    )
