from typing import Any

import pytest

from tests.projects.factories import projects_url
from tests.support.http import ClientFactory, Person


async def _ongoing(clients: ClientFactory) -> tuple[Person, str, dict[str, Any], str]:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"], kind="ongoing", target_date=None, name="Support")
    url = f"{projects_url(workspace['id'])}/{project['id']}/reservations"
    return owner, workspace["id"], project, url


async def test_ongoing_work_reserves_a_members_weekly_hours(clients: ClientFactory) -> None:
    owner, wid, project, url = await _ongoing(clients)
    member_id = owner.member_ids[wid]

    response = await owner.client.post(url, json={"member_id": member_id, "hours_per_week": 8})

    assert response.status_code == 201
    assert {k: v for k, v in response.json().items() if k != "id"} == {
        "project_id": project["id"],
        "member_id": member_id,
        "team_id": None,
        "hours_per_week": 8.0,
        "version": 1,
    }
    assert [r["member_id"] for r in (await owner.client.get(url)).json()["items"]] == [member_id]


async def test_ongoing_work_reserves_a_teams_weekly_hours(clients: ClientFactory) -> None:
    owner, wid, _project, url = await _ongoing(clients)
    team = (await owner.client.post(f"/api/v1/workspaces/{wid}/teams", json={"name": "L2"})).json()

    response = await owner.client.post(url, json={"team_id": team["id"], "hours_per_week": 12.5})

    assert response.status_code == 201
    assert (response.json()["team_id"], response.json()["member_id"]) == (team["id"], None)
    assert response.json()["hours_per_week"] == 12.5


@pytest.mark.parametrize(
    ("who", "pointer"), [({}, "/member_id"), ({"member_id": "m", "team_id": "t"}, "/team_id")]
)
async def test_a_reservation_is_for_exactly_one_member_or_team(
    clients: ClientFactory, who: dict[str, str], pointer: str
) -> None:
    owner, wid, _project, url = await _ongoing(clients)
    team = (await owner.client.post(f"/api/v1/workspaces/{wid}/teams", json={"name": "T"})).json()
    ids = {"m": owner.member_ids[wid], "t": team["id"]}

    response = await owner.client.post(
        url, json={**{k: ids[v] for k, v in who.items()}, "hours_per_week": 4}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == pointer


@pytest.mark.parametrize("hours", [0, -1, 168.5])
async def test_hours_per_week_must_fit_in_a_week(clients: ClientFactory, hours: float) -> None:
    owner, wid, _project, url = await _ongoing(clients)

    response = await owner.client.post(
        url, json={"member_id": owner.member_ids[wid], "hours_per_week": hours}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/hours_per_week"


async def test_only_ongoing_work_reserves_capacity(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])

    response = await owner.client.post(
        f"{projects_url(workspace['id'])}/{project['id']}/reservations",
        json={"member_id": owner.member_ids[workspace["id"]], "hours_per_week": 4},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "not_ongoing_work"


async def test_a_member_is_reserved_once_per_project(clients: ClientFactory) -> None:
    owner, wid, _project, url = await _ongoing(clients)
    body = {"member_id": owner.member_ids[wid], "hours_per_week": 4}
    first = (await owner.client.post(url, json=body)).json()

    response = await owner.client.post(url, json=body)

    assert response.status_code == 409
    assert (response.json()["code"], response.json()["reservation_id"]) == (
        "reservation_exists",
        first["id"],
    )


async def test_a_member_of_another_workspace_cannot_be_reserved(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _ongoing(clients)
    elsewhere = await owner.workspace()

    response = await owner.client.post(
        url, json={"member_id": owner.member_ids[elsewhere["id"]], "hours_per_week": 4}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/member_id"


async def test_changing_and_releasing_a_reservation(clients: ClientFactory) -> None:
    owner, wid, _project, url = await _ongoing(clients)
    reservation = (
        await owner.client.post(url, json={"member_id": owner.member_ids[wid], "hours_per_week": 4})
    ).json()
    item = f"{url}/{reservation['id']}"

    changed = await owner.client.patch(
        item, json={"hours_per_week": 6}, headers={"If-Match": '"1"'}
    )
    stale = await owner.client.patch(item, json={"hours_per_week": 9}, headers={"If-Match": '"1"'})
    released = await owner.client.delete(item, headers={"If-Match": '"2"'})

    assert (changed.status_code, changed.json()["hours_per_week"]) == (200, 6.0)
    assert changed.headers["ETag"] == '"2"'
    assert stale.status_code == 412
    assert released.status_code == 204
    assert (await owner.client.get(item)).status_code == 404


async def test_an_archived_project_refuses_new_reservations(clients: ClientFactory) -> None:
    owner, wid, project, url = await _ongoing(clients)
    await owner.client.post(f"{projects_url(wid)}/{project['id']}/archive")

    response = await owner.client.post(
        url, json={"member_id": owner.member_ids[wid], "hours_per_week": 4}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "project_archived"


async def test_reservation_changes_are_in_the_activity(clients: ClientFactory) -> None:
    owner, wid, project, url = await _ongoing(clients)
    member_id = owner.member_ids[wid]
    reservation = (
        await owner.client.post(url, json={"member_id": member_id, "hours_per_week": 4})
    ).json()
    await owner.client.patch(f"{url}/{reservation['id']}", json={"hours_per_week": "6.5"})

    events = (await owner.client.get(f"{projects_url(wid)}/{project['id']}/activity")).json()
    assert [(e["type"], e["entity_type"], e["changes"]) for e in events["items"][:2]] == [
        (
            "reservation.updated",
            "reservation",
            {"hours_per_week": {"before": "4.00", "after": "6.50"}},
        ),
        (
            "reservation.created",
            "reservation",
            {
                "member_id": {"before": None, "after": member_id},
                "team_id": {"before": None, "after": None},
                "hours_per_week": {"before": None, "after": "4.00"},
            },
        ),
    ]
