from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.projects.factories import make_task, projects_url
from tests.support.http import ClientFactory, Person


async def _lifecycle(clients: ClientFactory) -> tuple[Person, str, dict[str, Any], str]:
    owner = await clients.user()
    workspace = await owner.workspace()
    project = await owner.project(workspace["id"])
    return owner, workspace["id"], project, f"{projects_url(workspace['id'])}/{project['id']}"


async def _move(person: Person, url: str, to_phase: str, **body: Any) -> httpx.Response:
    return await person.client.post(f"{url}/transitions", json={"to_phase": to_phase, **body})


async def test_a_project_can_skip_ahead_several_phases(clients: ClientFactory) -> None:
    owner, wid, _project, url = await _lifecycle(clients)

    response = await _move(owner, url, "execution", note="Planning done offline")

    assert response.status_code == 201
    transition = response.json()
    assert {k: transition[k] for k in ("from_phase", "to_phase", "actor_id", "note")} == {
        "from_phase": "initiation",
        "to_phase": "execution",
        "actor_id": owner.member_ids[wid],
        "note": "Planning done offline",
    }
    current = (await owner.client.get(url)).json()
    assert (current["phase"], current["version"]) == ("execution", 2)


async def test_a_project_can_step_back_between_open_phases(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _lifecycle(clients)
    await _move(owner, url, "closing")

    response = await _move(owner, url, "planning")

    assert response.status_code == 201
    assert (await owner.client.get(url)).json()["phase"] == "planning"


async def test_moving_to_the_same_phase_is_a_conflict(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _lifecycle(clients)

    response = await _move(owner, url, "initiation")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


async def test_closing_with_open_tasks_needs_force(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _lifecycle(clients)
    by_category = await owner.statuses(wid, project["id"])
    for category in ("todo", "in_progress", "done", "cancelled", "backlog"):
        await make_task(sessionmaker, wid, project["id"], by_category[category])

    refused = await _move(owner, url, "closing")
    forced = await _move(owner, url, "closing", force=True)

    assert refused.status_code == 409
    assert {k: refused.json()[k] for k in ("code", "open_tasks")} == {
        "code": "open_tasks",
        "open_tasks": 3,
    }
    assert forced.status_code == 201
    assert (await owner.client.get(url)).json()["phase"] == "closing"


async def test_closing_needs_no_force_when_every_task_is_done_or_cancelled(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _lifecycle(clients)
    by_category = await owner.statuses(wid, project["id"])
    await make_task(sessionmaker, wid, project["id"], by_category["done"])
    await make_task(sessionmaker, wid, project["id"], by_category["cancelled"])

    response = await _move(owner, url, "closed")

    assert response.status_code == 201


async def test_a_closed_project_only_reopens_to_closing(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    owner, wid, project, url = await _lifecycle(clients)
    by_category = await owner.statuses(wid, project["id"])
    await make_task(sessionmaker, wid, project["id"], by_category["todo"])
    await _move(owner, url, "closed", force=True)

    back_to_execution = await _move(owner, url, "execution")
    reopened = await _move(owner, url, "closing")

    assert back_to_execution.status_code == 409
    assert back_to_execution.json()["code"] == "invalid_transition"
    # Reopening is not closing: the open task does not call for force.
    assert reopened.status_code == 201
    assert (await owner.client.get(url)).json()["phase"] == "closing"


async def test_ongoing_work_has_no_phases(clients: ClientFactory) -> None:
    owner = await clients.user()
    workspace = await owner.workspace()
    ongoing = await owner.project(workspace["id"], kind="ongoing", target_date=None)

    response = await _move(owner, f"{projects_url(workspace['id'])}/{ongoing['id']}", "planning")

    assert response.status_code == 409
    assert response.json()["code"] == "not_a_lifecycle_project"


async def test_an_unknown_phase_is_422(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _lifecycle(clients)

    response = await _move(owner, url, "done")

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/to_phase"


async def test_transitions_list_oldest_first_a_page_at_a_time(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _lifecycle(clients)
    for phase in ("planning", "execution", "planning"):
        await _move(owner, url, phase)

    first = (await owner.client.get(f"{url}/transitions?limit=2")).json()
    rest = (await owner.client.get(f"{url}/transitions?cursor={first['next_cursor']}")).json()

    moves = [(t["from_phase"], t["to_phase"]) for t in first["items"] + rest["items"]]
    assert moves == [
        ("initiation", "planning"),
        ("planning", "execution"),
        ("execution", "planning"),
    ]
    assert rest["next_cursor"] is None


async def test_a_transition_is_recorded_as_a_phase_changed_event(clients: ClientFactory) -> None:
    owner, wid, project, url = await _lifecycle(clients)

    await _move(owner, url, "planning")

    latest = (await owner.client.get(f"{url}/activity")).json()["items"][0]
    assert {k: latest[k] for k in ("type", "entity_type", "entity_id", "actor_id", "changes")} == {
        "type": "project.phase_changed",
        "entity_type": "project",
        "entity_id": project["id"],
        "actor_id": owner.member_ids[wid],
        "changes": {"phase": {"before": "initiation", "after": "planning"}},
    }


async def test_a_stale_if_match_refuses_the_transition(clients: ClientFactory) -> None:
    owner, _wid, _project, url = await _lifecycle(clients)

    response = await owner.client.post(
        f"{url}/transitions", json={"to_phase": "planning"}, headers={"If-Match": '"7"'}
    )

    assert response.status_code == 412
    assert (await owner.client.get(url)).json()["phase"] == "initiation"
