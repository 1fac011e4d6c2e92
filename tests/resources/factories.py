"""Helpers shared by the resource, allocation, workload and leveling tests."""

from typing import Any

from tests.support.http import Person


async def person_resource(owner: Person, workspace_id: str, member_id: str) -> dict[str, Any]:
    response = await owner.client.get(
        f"/api/v1/workspaces/{workspace_id}/resources", params={"member_id": member_id}
    )
    assert response.status_code == 200, response.text
    (resource,) = response.json()["items"]
    return resource  # type: ignore[no-any-return]


async def machine(owner: Person, workspace_id: str, **overrides: Any) -> dict[str, Any]:
    body = {"kind": "equipment", "name": "Press", "capacity_hours_per_day": 10, **overrides}
    response = await owner.client.post(f"/api/v1/workspaces/{workspace_id}/resources", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def time_off(owner: Person, workspace_id: str, **body: Any) -> dict[str, Any]:
    response = await owner.client.post(f"/api/v1/workspaces/{workspace_id}/time-off", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def allocate(owner: Person, workspace_id: str, **body: Any) -> dict[str, Any]:
    response = await owner.client.post(f"/api/v1/workspaces/{workspace_id}/allocations", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]
