"""The work one request may ask for is bounded (docs/security.md, "Bounded work"): past each
bound the answer is a clear 422, before the work is done."""

import httpx
import pytest

from app.kit.limits import limits
from tests.support.http import ClientFactory, Person
from tests.time_entries.factories import log, office


def _refused(response: httpx.Response) -> tuple[int, str]:
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code, response.json()["code"]


async def _plan_of_three(clients: ClientFactory) -> tuple[Person, str]:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)
    for i in range(3):
        await owner.task(wid, project["id"], title=f"T{i}")
    return owner, f"/api/v1/workspaces/{wid}/projects/{project['id']}"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/schedule"),
        ("POST", "/schedule/preview"),
        ("POST", "/leveling/preview"),
        ("POST", "/leveling/apply"),
        ("POST", "/leveling/clear"),
    ],
)
async def test_a_plan_with_more_tasks_than_the_bound_is_422(
    clients: ClientFactory, monkeypatch: pytest.MonkeyPatch, method: str, path: str
) -> None:
    owner, project = await _plan_of_three(clients)
    etag = (await owner.client.get(project)).headers["ETag"]
    monkeypatch.setattr(limits, "plan_max_tasks", 2)

    response = await owner.client.request(
        method,
        project + path,
        json={} if path == "/schedule/preview" else None,
        headers={"If-Match": etag},
    )

    assert _refused(response) == (422, "plan_too_large")


async def test_a_plan_within_the_bound_is_scheduled(
    clients: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner, project = await _plan_of_three(clients)
    monkeypatch.setattr(limits, "plan_max_tasks", 3)

    response = await owner.client.get(project + "/schedule")

    assert response.status_code == 200


async def test_a_time_report_over_more_than_366_days_is_422(clients: ClientFactory) -> None:
    place = await office(clients)

    response = await place.viewer.client.get(
        f"{place.base}/reports/time", params={"from": "2025-01-01", "to": "2026-01-02"}
    )

    assert _refused(response) == (422, "validation_error")
    assert response.json()["errors"][0]["pointer"] == "/query/to"


@pytest.mark.parametrize("accept", ["application/json", "text/csv"])
async def test_a_time_report_with_more_rows_than_the_bound_is_422(
    clients: ClientFactory, monkeypatch: pytest.MonkeyPatch, accept: str
) -> None:
    place = await office(clients)
    await log(place, place.member, date="2026-03-02", minutes=10)
    await log(place, place.member, date="2026-03-03", minutes=10)
    monkeypatch.setattr(limits, "report_max_rows", 1)

    response = await place.viewer.client.get(
        f"{place.base}/reports/time", params={"group_by": "day"}, headers={"Accept": accept}
    )

    assert _refused(response) == (422, "report_too_large")


async def test_a_workload_by_day_over_more_than_366_days_is_422(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    url = f"/api/v1/workspaces/{wid}/workload"
    window = {"from": "2026-01-01", "to": "2027-01-02"}

    by_day = await owner.client.get(url, params={**window, "granularity": "day"})
    by_week = await owner.client.get(url, params={**window, "granularity": "week"})

    assert _refused(by_day) == (422, "validation_error")
    assert by_week.status_code == 200
