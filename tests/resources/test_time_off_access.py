"""Who may write a person's time off: the person, the lead of one of their teams, or an admin
(every action, each writer); a non-human resource's: admins."""

from dataclasses import dataclass

import pytest

from tests.resources.factories import machine, person_resource, time_off
from tests.support.http import ClientFactory, Person

WRITERS_ALLOWED = {"self": True, "lead": True, "admin": True, "colleague": False}


@dataclass
class Team:
    base: str
    wid: str
    people: dict[str, Person]
    resource_id: str


async def _team(clients: ClientFactory) -> Team:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    people = {name: await clients.user() for name in ("self", "lead", "colleague", "admin")}
    for name, person in people.items():
        await owner.add_member(wid, person, role="admin" if name == "admin" else "member")
    base = f"/api/v1/workspaces/{wid}"
    team = await owner.client.post(
        f"{base}/teams",
        json={
            "name": "Support",
            "lead_member_id": people["lead"].member_ids[wid],
            "member_ids": [people["self"].member_ids[wid], people["colleague"].member_ids[wid]],
        },
    )
    assert team.status_code == 201, team.text
    resource = await person_resource(owner, wid, people["self"].member_ids[wid])
    return Team(base=base, wid=wid, people=people, resource_id=resource["id"])


async def _away(team: Team) -> str:
    """Two days off for the person, recorded by an admin: the URL of the absence."""
    away = await time_off(
        team.people["admin"], team.wid, resource_id=team.resource_id,
        start_date="2031-01-06", end_date="2031-01-07",
    )  # fmt: skip
    return f"{team.base}/time-off/{away['id']}"


def _refused(response) -> bool:  # type: ignore[no-untyped-def]
    if response.status_code != 403:
        return False
    assert response.json()["code"] == "not_your_time_off"
    return True


@pytest.mark.parametrize("writer", sorted(WRITERS_ALLOWED))
async def test_time_off_is_recorded_by_the_person_their_lead_or_an_admin(
    clients: ClientFactory, writer: str
) -> None:
    team = await _team(clients)

    response = await team.people[writer].client.post(
        f"{team.base}/time-off",
        json={
            "resource_id": team.resource_id,
            "start_date": "2031-01-06",
            "end_date": "2031-01-07",
        },
    )

    assert _refused(response) != WRITERS_ALLOWED[writer]
    listed = await team.people["admin"].client.get(f"{team.base}/time-off")
    assert len(listed.json()["items"]) == (1 if WRITERS_ALLOWED[writer] else 0)


@pytest.mark.parametrize("writer", sorted(WRITERS_ALLOWED))
async def test_time_off_is_changed_by_the_person_their_lead_or_an_admin(
    clients: ClientFactory, writer: str
) -> None:
    team = await _team(clients)
    url = await _away(team)

    response = await team.people[writer].client.patch(url, json={"reason": "Dentist"})

    assert _refused(response) != WRITERS_ALLOWED[writer]
    now = (await team.people["admin"].client.get(url)).json()
    assert now["reason"] == ("Dentist" if WRITERS_ALLOWED[writer] else "")


@pytest.mark.parametrize("writer", sorted(WRITERS_ALLOWED))
async def test_time_off_is_deleted_by_the_person_their_lead_or_an_admin(
    clients: ClientFactory, writer: str
) -> None:
    team = await _team(clients)
    url = await _away(team)

    response = await team.people[writer].client.delete(url)

    assert _refused(response) != WRITERS_ALLOWED[writer]
    still = await team.people["admin"].client.get(url)
    assert still.status_code == (404 if WRITERS_ALLOWED[writer] else 200)


async def test_a_machines_downtime_is_recorded_by_admins_only(clients: ClientFactory) -> None:
    team = await _team(clients)
    press = await machine(team.people["admin"], team.wid)
    body = {"resource_id": press["id"], "start_date": "2031-01-06", "end_date": "2031-01-06"}

    refused = await team.people["lead"].client.post(f"{team.base}/time-off", json=body)
    allowed = await team.people["admin"].client.post(f"{team.base}/time-off", json=body)

    assert _refused(refused)
    assert allowed.status_code == 201
