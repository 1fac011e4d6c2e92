"""Ids of another workspace inside a request body (or a second path id) are refused and change
nothing in either workspace: dependencies, allocations, time entries and the timer, the bulk
task update, time off and watchers. (Tasks, projects, reservations, teams, statuses, rates and
timesheets are covered in their own tests.)"""

from collections.abc import Callable
from typing import Any

import pytest

from tests.support.http import ClientFactory
from tests.support.snapshot import workspace_fingerprint
from tests.support.world import Tenant, tenant

Ids = dict[str, str]
# (method, path under A's workspace, body), given A's ids and B's.
Case = Callable[[Ids, Ids], tuple[str, str, dict[str, Any] | None]]
DAY = {"start_date": "2031-02-03", "end_date": "2031-02-04"}

CASES: dict[str, Case] = {
    "dependency on b's successor": lambda a, b: (
        "POST", "/dependencies", {"predecessor_id": a["task_id"], "successor_id": b["task_id"]}
    ),
    "dependency on b's predecessor": lambda a, b: (
        "POST", "/dependencies", {"predecessor_id": b["task_id"], "successor_id": a["task_id"]}
    ),
    "allocation of b's resource": lambda a, b: (
        "POST", "/allocations",
        {"resource_id": b["resource_id"], "project_id": a["project_id"], "hours_per_day": 1, **DAY},
    ),
    "allocation to b's project": lambda a, b: (
        "POST", "/allocations",
        {"resource_id": a["resource_id"], "project_id": b["project_id"], "hours_per_day": 1, **DAY},
    ),
    "allocation to b's task": lambda a, b: (
        "POST", "/allocations",
        {"resource_id": a["resource_id"], "task_id": b["task_id"], "hours_per_day": 1, **DAY},
    ),
    "time entry on b's project": lambda a, b: (
        "POST", "/time-entries", {"project_id": b["project_id"], "date": "2031-02-03", "minutes": 5}
    ),
    "time entry on b's task": lambda a, b: (
        "POST", "/time-entries", {"task_id": b["task_id"], "date": "2031-02-03", "minutes": 5}
    ),
    "time entry for b's member": lambda a, b: (
        "POST", "/time-entries",
        {"member_id": b["member_id"], "project_id": a["project_id"], "date": "2031-02-03",
         "minutes": 5},
    ),
    "time entry moved to b's project": lambda a, b: (
        "PATCH", f"/time-entries/{a['entry_id']}", {"project_id": b["project_id"]}
    ),
    "time entry moved to b's task": lambda a, b: (
        "PATCH", f"/time-entries/{a['entry_id']}", {"task_id": b["task_id"]}
    ),
    "timer on b's project": lambda a, b: ("POST", "/timer/start", {"project_id": b["project_id"]}),
    "timer on b's task": lambda a, b: ("POST", "/timer/start", {"task_id": b["task_id"]}),
    "bulk update of b's task": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"], b["task_id"]], "changes": {"priority": 1}},
    ),
    "bulk update to b's status": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"]], "changes": {"status_id": b["status_id"]}},
    ),
    "bulk assignment of b's member": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"]], "changes": {"add_assignee_ids": [b["member_id"]]}},
    ),
    "bulk assignees replaced by b's member": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"]], "changes": {"assignee_ids": [b["member_id"]]}},
    ),
    "bulk labelling with b's label": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"]], "changes": {"add_label_ids": [b["label_id"]]}},
    ),
    "bulk labels replaced by b's label": lambda a, b: (
        "POST", "/tasks/bulk",
        {"task_ids": [a["task_id"]], "changes": {"label_ids": [b["label_id"]]}},
    ),
    "time off of b's resource": lambda a, b: (
        "POST", "/time-off", {"resource_id": b["resource_id"], **DAY}
    ),
    "b's member watching a's task": lambda a, b: (
        "PUT", f"/tasks/{a['task_id']}/watchers/{b['member_id']}", None
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
async def tenants(app: Any) -> tuple[Tenant, Tenant]:
    clients = ClientFactory(app)
    return await tenant(clients), await tenant(clients)


@pytest.mark.parametrize("case", sorted(CASES))
async def test_an_id_of_another_workspace_in_a_body_is_refused_and_changes_nothing(
    tenants: tuple[Tenant, Tenant], sessionmaker: Any, case: str
) -> None:
    a, b = tenants
    method, path, body = CASES[case](a.ids, b.ids)
    before = [await workspace_fingerprint(sessionmaker, t.workspace_id) for t in (a, b)]

    response = await a.owner.client.request(
        method, f"/api/v1/workspaces/{a.workspace_id}{path}", json=body
    )

    assert response.status_code in (404, 422), response.text
    assert response.headers["content-type"] == "application/problem+json"
    after = [await workspace_fingerprint(sessionmaker, t.workspace_id) for t in (a, b)]
    assert after == before
