"""Time tracking through the public API: a workspace with people and a project, and entries."""

from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.http import ClientFactory, Person
from tests.support.places import Place


@dataclass
class Office(Place):
    """A workspace with an owner, a member and a viewer, and one active project."""

    member: Person
    viewer: Person

    def member_id(self, person: Person) -> str:
        return person.member_ids[self.wid]


async def office(clients: ClientFactory, **workspace: Any) -> Office:
    owner, member, viewer = await clients.user(), await clients.user(), await clients.user()
    wid = (await owner.workspace(**workspace))["id"]
    await owner.add_member(wid, member)
    await owner.add_member(wid, viewer, role="viewer")
    project = await owner.project(wid)
    return Office(wid=wid, owner=owner, member=member, viewer=viewer, project=project)


async def log(place: Office, person: Person, *, status: int = 201, **body: Any) -> httpx.Response:
    body.setdefault("project_id", place.project["id"])
    if "started_at" not in body:
        body.setdefault("date", "2026-03-02")
        body.setdefault("minutes", 60)
    response = await person.client.post(f"{place.base}/time-entries", json=body)
    assert response.status_code == status, response.text
    return response
