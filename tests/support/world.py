"""A workspace with one of everything a path can name, built through the public API: the
world that route-walking tests (the access matrices, the fuzzing) send their requests into."""

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.http import ClientFactory, Person


@dataclass
class Tenant:
    workspace_id: str
    owner: Person
    ids: dict[str, str] = field(default_factory=dict)


async def _created(client: httpx.AsyncClient, url: str, body: dict[str, Any]) -> str:
    response = await client.post(url, json=body)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def tenant(clients: ClientFactory) -> Tenant:
    """A workspace with one of everything a path can name."""
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    wid = workspace["id"]
    base = f"/api/v1/workspaces/{wid}"
    member = await owner.add_member(wid, colleague)
    project = await owner.project(wid, kind="ongoing", start_date=None, target_date=None)
    pbase = f"{base}/projects/{project['id']}"
    task = await owner.task(wid, project["id"])
    ids = {
        "workspace_id": wid,
        "member_id": member["id"],
        "team_id": await _created(
            owner.client, f"{base}/teams", {"name": "T", "member_ids": [member["id"]]}
        ),
        "token_id": (await colleague.token(wid, ["workspace:read"]))["id"],
        "project_id": project["id"],
        "status_id": (await owner.statuses(wid, project["id"]))["todo"],
        "reservation_id": await _created(
            owner.client, f"{pbase}/reservations", {"member_id": member["id"], "hours_per_week": 4}
        ),
        "rule_id": await _created(
            owner.client, f"{pbase}/recurring-rules", {"title": "R", "rrule": "FREQ=MONTHLY"}
        ),
        "task_id": task["id"],
        "label_id": await _created(owner.client, f"{base}/labels", {"name": "L"}),
        "comment_id": await _created(
            owner.client, f"{base}/tasks/{task['id']}/comments", {"body": "c"}
        ),
    }
    second = await owner.task(wid, project["id"])
    ids["dependency_id"] = await _created(
        owner.client,
        f"{base}/dependencies",
        {"predecessor_id": task["id"], "successor_id": second["id"]},
    )
    calendar_id = await _created(owner.client, f"{base}/calendars", {"name": "Shifts"})
    ids["calendar_id"] = calendar_id
    ids["exception_id"] = await _created(
        owner.client,
        f"{base}/calendars/{calendar_id}/exceptions",
        {"date": "2030-01-01", "working": False},
    )
    ids["resource_id"] = await _created(
        owner.client,
        f"{base}/resources",
        {"kind": "room", "name": "Room", "capacity_hours_per_day": 8},
    )
    ids["time_off_id"] = await _created(
        owner.client,
        f"{base}/time-off",
        {"resource_id": ids["resource_id"], "start_date": "2030-01-01", "end_date": "2030-01-02"},
    )
    ids["allocation_id"] = await _created(
        owner.client,
        f"{base}/allocations",
        {
            "resource_id": ids["resource_id"],
            "project_id": project["id"],
            "start_date": "2030-01-01",
            "end_date": "2030-01-02",
            "hours_per_day": 2,
        },
    )
    # Time tracking: an entry, a submitted week, a work type and a rate.
    ids["entry_id"] = await _created(
        owner.client,
        f"{base}/time-entries",
        {"project_id": project["id"], "date": "2030-01-01", "minutes": 30},
    )
    submitted = await owner.client.post(
        f"{base}/timesheets/submit", json={"week_start": "2030-01-07"}
    )
    assert submitted.status_code == 200, submitted.text
    ids["timesheet_id"] = submitted.json()["id"]
    work_types = await owner.client.get(f"{base}/work-types")
    ids["work_type_id"] = work_types.json()["items"][0]["id"]
    ids["rate_id"] = await _created(
        owner.client,
        f"{base}/rates",
        {
            "kind": "cost",
            "member_id": member["id"],
            "hourly_rate": "10.00",
            "effective_from": "2030-01-01",
        },
    )
    ids["invitation_id"] = (await owner.invite(wid, "invited@example.com"))["id"]
    return Tenant(workspace_id=wid, owner=owner, ids=ids)
