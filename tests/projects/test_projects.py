from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.projects.factories import projects_url
from tests.support.http import ClientFactory


async def test_a_project_starts_in_initiation_owned_by_its_creator(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()

    response = await owner.client.post(
        projects_url(workspace["id"]),
        json={
            "key": "WEB",
            "name": "Website relaunch",
            "description": "New *site*",
            "kind": "project",
            "start_date": "2026-03-02",
            "target_date": "2026-06-30",
            "budget_hours": 120.5,
            "budget_amount": "25000",
            "currency": "EUR",
        },
    )

    assert response.status_code == 201
    assert response.headers["ETag"] == '"1"'
    project = response.json()
    assert {k: v for k, v in project.items() if k not in {"id", "created_at", "updated_at"}} == {
        "key": "WEB",
        "name": "Website relaunch",
        "description": "New *site*",
        "kind": "project",
        "phase": "initiation",
        "status": "active",
        "start_date": "2026-03-02",
        "target_date": "2026-06-30",
        "owner_id": owner.member_ids[workspace["id"]],
        "team_id": None,
        "calendar_id": None,
        "scheduling_mode": "auto",
        "budget_hours": 120.5,
        "budget_amount": "25000.00",
        "currency": "EUR",
        "task_counts": {"total": 0, "open": 0, "done": 0, "cancelled": 0},
        "version": 1,
    }


async def test_ongoing_work_has_no_phase_and_starts_today_in_the_workspace_timezone(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    # UTC+14: its date is ahead of UTC's for most of the day.
    workspace = await owner.workspace(timezone="Pacific/Kiritimati")

    project = await owner.project(
        workspace["id"], kind="ongoing", start_date=None, target_date=None, name="Support rota"
    )

    today = datetime.now(UTC).astimezone(ZoneInfo("Pacific/Kiritimati")).date()
    assert (project["kind"], project["phase"]) == ("ongoing", None)
    assert (project["start_date"], project["target_date"]) == (today.isoformat(), None)


async def test_a_new_project_has_the_default_workflow_and_its_creator_as_owner_stakeholder(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    base = f"{projects_url(workspace['id'])}/{project['id']}"

    listed = (await owner.client.get(f"{base}/statuses")).json()["items"]
    stakeholders = (await owner.client.get(f"{base}/stakeholders")).json()["items"]

    assert [(s["name"], s["category"], s["position"]) for s in listed] == [
        ("Backlog", "backlog", 1.0),
        ("Todo", "todo", 2.0),
        ("In Progress", "in_progress", 3.0),
        ("Done", "done", 4.0),
        ("Cancelled", "cancelled", 5.0),
    ]
    assert stakeholders == [{"member_id": owner.member_ids[workspace["id"]], "role": "owner"}]


async def test_owner_and_team_can_be_given_at_creation(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    member = await owner.add_member(workspace["id"], colleague)
    team = (
        await owner.client.post(f"/api/v1/workspaces/{workspace['id']}/teams", json={"name": "Ops"})
    ).json()

    project = await owner.project(workspace["id"], owner_id=member["id"], team_id=team["id"])

    assert (project["owner_id"], project["team_id"]) == (member["id"], team["id"])


@pytest.mark.parametrize("key", ["A", "web", "WEB1", "ABCDEFGHIJK", "WE B"])
async def test_key_must_be_two_to_ten_uppercase_letters(clients: ClientFactory, key: str) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()

    response = await owner.client.post(
        projects_url(workspace["id"]),
        json={"key": key, "name": "P", "kind": "ongoing"},
    )

    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/key"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        (
            {"kind": "project", "start_date": "2026-03-02", "target_date": "2026-03-01"},
            "/target_date",
        ),
        ({"kind": "project", "target_date": "2026-03-01"}, "/start_date"),
        ({"kind": "project", "start_date": "2026-03-02"}, "/target_date"),
        ({"kind": "ongoing", "target_date": "2026-03-01"}, "/target_date"),
        ({"kind": "ongoing", "budget_amount": "100.00"}, "/currency"),
        ({"kind": "ongoing", "budget_amount": "100.00", "currency": "eur"}, "/currency"),
        ({"kind": "ongoing", "budget_amount": "-1", "currency": "EUR"}, "/budget_amount"),
        ({"kind": "ongoing", "budget_hours": -1}, "/budget_hours"),
        (
            {"kind": "ongoing", "calendar_id": "00000000-0000-7000-8000-000000000000"},
            "/calendar_id",
        ),
        ({"kind": "ongoing", "phase": "planning"}, "/phase"),
        ({"kind": "sometimes"}, "/kind"),
    ],
)
async def test_invalid_project_is_422_pointing_at_the_field(
    clients: ClientFactory, body: dict[str, Any], pointer: str
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()

    response = await owner.client.post(
        projects_url(workspace["id"]), json={"key": "BAD", "name": "Bad", **body}
    )

    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == [pointer]


@pytest.mark.parametrize("field", ["owner_id", "team_id"])
async def test_owner_or_team_of_another_workspace_is_422(
    clients: ClientFactory, field: str
) -> None:
    owner = await clients.user()
    workspace, elsewhere = await owner.workspace(), await owner.workspace()
    team = (
        await owner.client.post(f"/api/v1/workspaces/{elsewhere['id']}/teams", json={"name": "X"})
    ).json()
    foreign = {"owner_id": owner.member_ids[elsewhere["id"]], "team_id": team["id"]}

    response = await owner.client.post(
        projects_url(workspace["id"]),
        json={"key": "OPS", "name": "Ops", "kind": "ongoing", field: foreign[field]},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == f"/{field}"


async def test_a_key_already_used_in_the_workspace_is_a_conflict(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace, other = await owner.workspace(), await owner.workspace()
    await owner.project(workspace["id"], key="OPS")
    await owner.project(other["id"], key="OPS")

    response = await owner.client.post(
        projects_url(workspace["id"]), json={"key": "OPS", "name": "Again", "kind": "ongoing"}
    )

    assert response.status_code == 409
    assert response.json()["code"] == "project_key_taken"


async def test_list_filters_by_kind_phase_status_team_and_owner(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    wid = workspace["id"]
    member = await owner.add_member(wid, colleague)
    team = (await owner.client.post(f"/api/v1/workspaces/{wid}/teams", json={"name": "T"})).json()
    lifecycle = await owner.project(wid, key="LIFE", team_id=team["id"])
    ongoing = await owner.project(
        wid, key="RUN", kind="ongoing", target_date=None, owner_id=member["id"]
    )
    held = await owner.project(wid, key="HELD", kind="ongoing", target_date=None)
    await owner.client.patch(f"{projects_url(wid)}/{held['id']}", json={"status": "on_hold"})

    async def keys(query: str) -> list[str]:
        response = await owner.client.get(f"{projects_url(wid)}?sort=key&{query}")
        assert response.status_code == 200, response.text
        return [p["key"] for p in response.json()["items"]]

    assert await keys("") == ["HELD", "LIFE", "RUN"]
    assert await keys("kind=ongoing") == ["HELD", "RUN"]
    assert await keys("phase=initiation") == ["LIFE"]
    assert await keys("status=on_hold") == ["HELD"]
    assert await keys(f"team_id={team['id']}") == [lifecycle["key"]]
    assert await keys(f"owner_id={member['id']}") == [ongoing["key"]]


async def test_list_pages_through_projects_in_the_requested_order(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    wid = workspace["id"]
    for key, target in [("AAA", "2026-09-01"), ("BBB", "2026-04-01"), ("CCC", "2026-07-01")]:
        await owner.project(wid, key=key, target_date=target)
    await owner.project(wid, key="DDD", kind="ongoing", target_date=None)

    first = (await owner.client.get(f"{projects_url(wid)}?sort=target_date&limit=2")).json()
    second = (
        await owner.client.get(
            f"{projects_url(wid)}?sort=target_date&limit=2&cursor={first['next_cursor']}"
        )
    ).json()

    # Ongoing work has no target date and sorts last.
    assert [p["key"] for p in first["items"]] == ["BBB", "CCC"]
    assert [p["key"] for p in second["items"]] == ["AAA", "DDD"]
    assert second["next_cursor"] is None


async def test_sorting_by_an_unknown_field_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()

    response = await owner.client.get(f"{projects_url(workspace['id'])}?sort=budget_amount")

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/query/sort"


async def test_get_answers_the_project_with_its_etag(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])

    response = await owner.client.get(f"{projects_url(workspace['id'])}/{project['id']}")

    assert response.status_code == 200
    assert response.headers["ETag"] == '"1"'
    assert response.json() == project


async def test_a_project_of_another_workspace_is_not_found(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace, elsewhere = await owner.workspace(), await owner.workspace()
    project = await owner.project(elsewhere["id"])

    response = await owner.client.get(f"{projects_url(workspace['id'])}/{project['id']}")

    assert response.status_code == 404
    assert response.json()["code"] == "project_not_found"


async def test_patch_changes_the_given_fields_and_bumps_the_version(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"], budget_hours=10)

    response = await owner.client.patch(
        f"{projects_url(workspace['id'])}/{project['id']}",
        json={"name": "Relaunch v2", "target_date": "2026-07-31", "budget_hours": None},
        headers={"If-Match": '"1"'},
    )

    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    changed = response.json()
    assert (changed["name"], changed["target_date"], changed["budget_hours"]) == (
        "Relaunch v2",
        "2026-07-31",
        None,
    )
    assert (changed["key"], changed["start_date"], changed["version"]) == (
        project["key"],
        "2026-03-02",
        2,
    )


async def test_stale_if_match_is_412_and_the_project_is_unchanged(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    await owner.client.patch(url, json={"name": "Second"}, headers={"If-Match": '"1"'})

    response = await owner.client.patch(url, json={"name": "Lost"}, headers={"If-Match": '"1"'})

    assert response.status_code == 412
    assert response.json()["code"] == "stale_version"
    current = (await owner.client.get(url)).json()
    assert (current["name"], current["version"]) == ("Second", 2)


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"key": "NEW"}, "/key"),
        ({"kind": "ongoing"}, "/kind"),
        ({"phase": "closed"}, "/phase"),
        ({"status": "archived"}, "/status"),
        ({"name": None}, "/name"),
        ({"start_date": None}, "/start_date"),
        ({"target_date": "2026-01-01"}, "/target_date"),
        ({"budget_amount": "5"}, "/currency"),
        ({"owner_id": "00000000-0000-7000-8000-000000000000"}, "/owner_id"),
    ],
)
async def test_invalid_patch_is_422_and_changes_nothing(
    clients: ClientFactory, body: dict[str, Any], pointer: str
) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"

    response = await owner.client.patch(url, json=body)

    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == [pointer]
    assert (await owner.client.get(url)).json() == project


async def test_clearing_the_currency_of_a_budgeted_project_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"], budget_amount="10", currency="USD")

    response = await owner.client.patch(
        f"{projects_url(workspace['id'])}/{project['id']}", json={"currency": None}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/currency"


async def test_a_patch_that_changes_nothing_keeps_the_version(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"], budget_amount="10", currency="USD")

    response = await owner.client.patch(
        f"{projects_url(workspace['id'])}/{project['id']}",
        json={"name": project["name"], "budget_amount": "10.0"},
    )

    assert response.json()["version"] == 1


async def test_archiving_and_unarchiving_switch_the_status(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"

    archived = await owner.client.post(f"{url}/archive")
    unarchived = await owner.client.post(f"{url}/unarchive")

    assert (archived.status_code, archived.json()["status"]) == (200, "archived")
    assert (unarchived.status_code, unarchived.json()["status"]) == (200, "active")
    assert unarchived.json()["version"] == 3


async def test_archiving_and_unarchiving_honour_if_match(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    await owner.client.patch(url, json={"name": "Renamed"})  # version 2: "1" is stale now

    stale_archive = await owner.client.post(f"{url}/archive", headers={"If-Match": '"1"'})
    after_stale = await owner.client.get(url)
    archived = await owner.client.post(f"{url}/archive", headers={"If-Match": '"2"'})
    stale_unarchive = await owner.client.post(f"{url}/unarchive", headers={"If-Match": '"2"'})
    still_archived = await owner.client.get(url)
    unarchived = await owner.client.post(f"{url}/unarchive", headers={"If-Match": '"3"'})

    assert (stale_archive.status_code, stale_archive.json()["code"]) == (412, "stale_version")
    assert after_stale.json()["status"] == "active"
    assert after_stale.headers["ETag"] == '"2"'
    assert (archived.status_code, archived.headers["ETag"]) == (200, '"3"')
    assert (stale_unarchive.status_code, stale_unarchive.json()["code"]) == (
        412,
        "stale_version",
    )
    assert still_archived.json()["status"] == "archived"
    assert (unarchived.status_code, unarchived.json()["status"]) == (200, "active")


async def test_archiving_needs_an_admin(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], colleague, role="member")
    project = await colleague.project(workspace["id"])

    response = await colleague.client.post(
        f"{projects_url(workspace['id'])}/{project['id']}/archive"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "insufficient_role"


async def test_an_archived_project_cannot_be_edited(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    url = f"{projects_url(workspace['id'])}/{project['id']}"
    await owner.client.post(f"{url}/archive")

    response = await owner.client.patch(url, json={"name": "Still here?"})

    assert response.status_code == 409
    assert response.json()["code"] == "project_archived"
    assert (await owner.client.get(url)).json()["name"] == project["name"]


async def test_a_viewer_can_read_but_not_create_projects(clients: ClientFactory) -> None:
    owner, viewer = await clients.user(), await clients.user()
    workspace = await owner.workspace()
    await owner.add_member(workspace["id"], viewer, role="viewer")
    await owner.project(workspace["id"], key="SEEN")

    listed = await viewer.client.get(projects_url(workspace["id"]))
    created = await viewer.client.post(
        projects_url(workspace["id"]), json={"key": "NOPE", "name": "No", "kind": "ongoing"}
    )

    assert [p["key"] for p in listed.json()["items"]] == ["SEEN"]
    assert created.status_code == 403


async def test_a_project_counts_its_open_done_and_cancelled_tasks(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    statuses = await owner.statuses(wid, project["id"])
    for status in ("todo", "todo", "in_progress", "done", "cancelled"):
        await owner.task(wid, project["id"], status_id=statuses[status])
    empty = await owner.project(wid)

    listed = (await owner.client.get(f"/api/v1/workspaces/{wid}/projects")).json()["items"]
    shown = (await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{project['id']}")).json()

    counts = {item["id"]: item["task_counts"] for item in listed}
    assert counts[project["id"]] == {"total": 5, "open": 3, "done": 1, "cancelled": 1}
    assert counts[empty["id"]] == {"total": 0, "open": 0, "done": 0, "cancelled": 0}
    assert shown["task_counts"] == counts[project["id"]]
