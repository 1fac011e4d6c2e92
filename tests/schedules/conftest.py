"""Shared plan for the scheduling tests."""

from typing import Any

import pytest

from tests.support.http import ClientFactory, Person


class Plan:
    def __init__(self, owner: Person, wid: str, project: dict[str, Any]) -> None:
        self.owner, self.wid, self.project = owner, wid, project
        self.base = f"/api/v1/workspaces/{wid}"

    async def task(self, title: str, **fields: Any) -> dict[str, Any]:
        return await self.owner.task(self.wid, self.project["id"], title=title, **fields)

    async def link(self, predecessor: dict, successor: dict, **fields: Any) -> Any:
        body = {"predecessor_id": predecessor["id"], "successor_id": successor["id"], **fields}
        return await self.owner.client.post(f"{self.base}/dependencies", json=body)

    async def get(self, task: dict) -> dict[str, Any]:
        return (await self.owner.client.get(f"{self.base}/tasks/{task['id']}")).json()  # type: ignore[no-any-return]

    async def patch(self, task: dict, **fields: Any) -> Any:
        return await self.owner.client.patch(f"{self.base}/tasks/{task['id']}", json=fields)


@pytest.fixture
async def plan(clients: ClientFactory) -> Plan:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    return Plan(owner, wid, await owner.project(wid, key="PLAN", start_date="2026-03-02"))
