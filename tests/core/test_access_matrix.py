"""Every route, walked from the application itself, against three matrices:

- isolation: a member of workspace A gets 404 for every id of workspace B, and B is unchanged;
- roles: a role below the route's required role gets 403, one at or above it never does;
- token scopes: a token without the route's scope gets 403, a token with only that scope does not;
  outside a workspace too, where a route may also refuse tokens altogether.

A new route with a path id the world below cannot provide fails these tests until it is added,
so no route escapes them.
"""

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from app.auth.access import (
    SCOPES,
    Role,
    api_routes,
    route_authorization,
    route_needs_session,
    route_token_scope,
)
from tests.support.http import ClientFactory
from tests.support.snapshot import workspace_fingerprint
from tests.support.world import Tenant, tenant

# Routes anyone may call.
PUBLIC_ROUTES = {
    "GET /api/v1/auth/config",
    "POST /api/v1/auth/signup",
    "POST /api/v1/auth/login",
    "GET /healthz",
    "GET /readyz",
}
# What a person's credentials do not open: public routes, and those that take a secret of the
# deployment's (the metrics scrape, tests/core/test_health.py).
NOT_FOR_PEOPLE = PUBLIC_ROUTES | {"GET /metrics"}
# Routes outside any workspace: the last test below walks the credentials they take; what they
# do is tested in their own test files.
ROUTES_WITHOUT_WORKSPACE = NOT_FOR_PEOPLE | {
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/logout-everywhere",
    "POST /api/v1/auth/password",
    "GET /api/v1/me",
    "GET /api/v1/workspaces",
    "POST /api/v1/workspaces",
    "GET /api/v1/me/tasks",
    "GET /api/v1/me/notifications",
    "POST /api/v1/me/notifications/{notification_id}/read",
    "POST /api/v1/me/notifications/read-all",
    "POST /api/v1/invitations/accept",
}
STALE_ETAG = {"If-Match": '"999999"'}


# Bodies that pass validation, so a request reaches the lookup of its path ids.
VALID_BODIES: dict[str, Callable[[Tenant], dict[str, Any]]] = {
    "teams:add_member": lambda own: {"member_id": own.ids["member_id"]},
    "project_transitions:create": lambda _: {"to_phase": "planning"},
    "project_stakeholders:set": lambda _: {"role": "informed"},
    "project_statuses:create": lambda _: {"name": "New", "category": "todo"},
    "project_statuses:reorder": lambda own: {"status_ids": [own.ids["status_id"]]},
    "project_reservations:create": lambda own: {
        "member_id": own.ids["member_id"],
        "hours_per_week": 1,
    },
    "recurring_rules:create": lambda _: {"title": "x", "rrule": "FREQ=DAILY"},
    "comments:create": lambda _: {"body": "x"},
    "comments:update": lambda _: {"body": "x"},
    "calendar_exceptions:create": lambda _: {"date": "2031-01-01", "working": False},
    "calendar_exceptions:import": lambda _: {"ics": "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"},
    "timesheets:reject": lambda _: {"comment": "x"},
    "resources:create": lambda _: {"kind": "room", "name": "R", "capacity_hours_per_day": 1},
    "time_off:create": lambda own: {
        "resource_id": own.ids["resource_id"],
        "start_date": "2031-01-01",
        "end_date": "2031-01-01",
    },
    "invitations:create": lambda _: {"email": "someone@example.com"},
    "allocations:create": lambda own: {
        "resource_id": own.ids["resource_id"],
        "project_id": own.ids["project_id"],
        "start_date": "2031-01-01",
        "end_date": "2031-01-01",
        "hours_per_day": 1,
    },
}


def _workspace_routes(app: Any) -> list[tuple[str, str, Any]]:
    routes = []
    for route in api_routes(app):
        for method in sorted(route.methods):
            label = f"{method} {route.path_format}"
            if label in ROUTES_WITHOUT_WORKSPACE:
                continue
            assert "{workspace_id}" in route.path_format, f"{label} is not covered by the matrices"
            routes.append((method, route.path_format, route))
    return routes


def _path(template: str, ids: dict[str, str]) -> str:
    names = [part[1:-1] for part in template.split("/") if part.startswith("{")]
    missing = [name for name in names if name not in ids]
    assert not missing, f"{template}: add ids for {missing} to the matrix world"
    return template.format(**{name: ids[name] for name in names})


async def _call(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, Any] | None = None
) -> httpx.Response:
    json_body = body if method in {"POST", "PATCH", "PUT"} else None
    return await client.request(method, path, json=json_body, headers=STALE_ETAG)


def _unknown_ids(workspace_id: str) -> dict[str, str]:
    """Ids that exist nowhere, so an allowed caller reaches a 404 or 422 and changes nothing."""
    return {name: str(uuid.uuid4()) for name in PATH_IDS} | {"workspace_id": workspace_id}


PATH_IDS = (
    "member_id",
    "team_id",
    "token_id",
    "project_id",
    "status_id",
    "reservation_id",
    "rule_id",
    "task_id",
    "label_id",
    "comment_id",
    "calendar_id",
    "exception_id",
    "dependency_id",
    "entry_id",
    "timesheet_id",
    "work_type_id",
    "rate_id",
    "resource_id",
    "time_off_id",
    "allocation_id",
    "invitation_id",
)


@pytest.fixture(scope="module")
async def tenants(app: Any) -> tuple[Tenant, Tenant]:
    clients = ClientFactory(app)
    return await tenant(clients), await tenant(clients)


async def test_member_of_a_gets_404_for_every_id_of_b_and_b_is_unchanged(
    app, tenants, sessionmaker
) -> None:
    a, b = tenants
    before = await workspace_fingerprint(sessionmaker, b.workspace_id)
    failures = []

    for method, template, route in _workspace_routes(app):
        body = VALID_BODIES.get(route.operation_id, lambda _: {})(a)
        # B's workspace outright, then A's workspace with B's ids inside it.
        attempts = [_path(template, b.ids)]
        inner = {**b.ids, "workspace_id": a.workspace_id}
        if any(f"{{{name}}}" in template for name in inner if name != "workspace_id"):
            attempts.append(_path(template, inner))
        for path in attempts:
            response = await _call(a.owner.client, method, path, body)
            if response.status_code != 404:
                failures.append(f"{method} {path} -> {response.status_code}")

    assert failures == []
    assert await workspace_fingerprint(sessionmaker, b.workspace_id) == before


async def test_roles_below_the_required_one_are_refused(app) -> None:
    clients = ClientFactory(app)
    owner = await clients.user()
    workspace = await owner.workspace()
    people = {Role.owner: owner}
    for role in (Role.admin, Role.member, Role.viewer):
        people[role] = await clients.user()
        await owner.add_member(workspace["id"], people[role], role=role.value)
    ids = _unknown_ids(workspace["id"])
    failures = []

    for method, template, route in _workspace_routes(app):
        required = route_authorization(route)
        assert required is not None, f"{method} {template} has no Authorize dependency"
        for role, person in people.items():
            response = await _call(person.client, method, _path(template, ids), {})
            refused = response.status_code == 403
            if refused != (role.rank < required.role.rank):
                failures.append(f"{role.value} {method} {template} -> {response.status_code}")

    assert failures == []


async def test_tokens_without_the_routes_scope_are_refused(app) -> None:
    clients = ClientFactory(app)
    owner = await clients.user()
    workspace = await owner.workspace()
    wid = workspace["id"]
    only = {scope: (await owner.token(wid, [scope]))["token"] for scope in SCOPES}
    all_but = {
        scope: (await owner.token(wid, sorted(set(SCOPES) - {scope})))["token"] for scope in SCOPES
    }
    ids = _unknown_ids(wid)
    failures = []

    for method, template, route in _workspace_routes(app):
        scope = route_authorization(route).scope
        without = await _call(clients.bearer(all_but[scope]), method, _path(template, ids), {})
        with_it = await _call(clients.bearer(only[scope]), method, _path(template, ids), {})
        if without.status_code != 403 or without.json().get("code") != "insufficient_scope":
            failures.append(f"without {scope}: {method} {template} -> {without.status_code}")
        if with_it.status_code == 403:
            failures.append(f"with {scope}: {method} {template} -> 403")

    assert failures == []


def _routes_without_workspace(app: Any) -> list[tuple[str, str, Any]]:
    return [
        (method, route.path_format, route)
        for route in api_routes(app)
        for method in sorted(route.methods)
        if f"{method} {route.path_format}" in ROUTES_WITHOUT_WORKSPACE - NOT_FOR_PEOPLE
    ]


async def test_outside_a_workspace_tokens_need_the_declared_scope_or_a_session(app) -> None:
    clients = ClientFactory(app)
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    every = clients.bearer((await owner.token(wid, sorted(SCOPES)))["token"])
    ids = _unknown_ids(wid) | {"notification_id": str(uuid.uuid4())}
    failures = []

    for method, template, route in _routes_without_workspace(app):
        path, scope = _path(template, ids), route_token_scope(route)
        anonymous = await _call(clients.client(), method, path, {})
        if anonymous.status_code != 401:
            failures.append(f"anonymous {method} {template} -> {anonymous.status_code}")
        if route_needs_session(route):
            refused = await _call(every, method, path, {})
            if refused.status_code != 403 or refused.json()["code"] != "session_required":
                failures.append(f"token {method} {template} -> {refused.status_code}")
        elif scope is not None:
            all_but = sorted(set(SCOPES) - {scope})
            without = clients.bearer((await owner.token(wid, all_but))["token"])
            with_it = clients.bearer((await owner.token(wid, [scope]))["token"])
            if (await _call(without, method, path, {})).status_code != 403:
                failures.append(f"without {scope}: {method} {template} is not refused")
            if (await _call(with_it, method, path, {})).status_code == 403:
                failures.append(f"with {scope}: {method} {template} -> 403")

    assert failures == []
