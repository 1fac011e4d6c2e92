"""HTTP clients and factories that build what a test needs through the public API."""

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import FastAPI

from app.core.config import Settings
from app.main import create_app

PASSWORD = "correct horse battery"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


@asynccontextmanager
async def app_with(settings: Settings, **changes: Any) -> AsyncIterator[FastAPI]:
    """Another app on the test database (or wherever `changes` point), with other settings."""
    app = create_app(settings.model_copy(update=changes))
    try:
        yield app
    finally:
        await app.state.engine.dispose()


class ClientFactory:
    def __init__(self, app: Any) -> None:
        self.app = app

    def client(
        self, *, address: str = "127.0.0.1", headers: dict[str, str] | None = None
    ) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(address, 50000))
        return httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers)

    async def user(self, *, name: str = "Test User", email: str | None = None) -> "Person":
        client = self.client()
        email = email or unique_email()
        signed_up = await client.post(
            "/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": name}
        )
        assert signed_up.status_code == 202, signed_up.text
        # Sign-up answers alike for taken and free addresses; signing in tells them apart.
        response = await client.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        )
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = client.cookies["wl_csrf"]
        return Person(client=client, id=response.json()["id"], email=email)

    def bearer(self, token: str) -> httpx.AsyncClient:
        return self.client(headers={"Authorization": f"Bearer {token}"})


@dataclass
class Person:
    client: httpx.AsyncClient
    id: str
    email: str
    member_ids: dict[str, str] = field(default_factory=dict)

    async def workspace(self, **overrides: Any) -> dict[str, Any]:
        body = {"name": f"Workspace {uuid.uuid4().hex[:6]}", **overrides}
        response = await self.client.post("/api/v1/workspaces", json=body)
        assert response.status_code == 201, response.text
        workspace = response.json()
        me = await self.client.get(f"/api/v1/workspaces/{workspace['id']}/members")
        self.member_ids[workspace["id"]] = next(
            m["id"] for m in me.json()["items"] if m["user_id"] == self.id
        )
        return workspace

    async def invite(self, workspace_id: str, email: str, role: str = "member") -> dict[str, Any]:
        response = await self.client.post(
            f"/api/v1/workspaces/{workspace_id}/invitations", json={"email": email, "role": role}
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    async def accept(self, invitation: dict[str, Any]) -> httpx.Response:
        return await self.client.post(
            "/api/v1/invitations/accept", json={"token": invitation["token"]}
        )

    async def add_member(
        self, workspace_id: str, person: "Person", role: str = "member"
    ) -> dict[str, Any]:
        """Invite the person, who accepts: the member as the workspace shows them."""
        accepted = await person.accept(await self.invite(workspace_id, person.email, role))
        assert accepted.status_code == 200, accepted.text
        person.member_ids[workspace_id] = accepted.json()["member_id"]
        response = await self.client.get(
            f"/api/v1/workspaces/{workspace_id}/members/{accepted.json()['member_id']}"
        )
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    async def token(self, workspace_id: str, scopes: list[str], **overrides: Any) -> dict[str, Any]:
        response = await self.client.post(
            f"/api/v1/workspaces/{workspace_id}/api-tokens",
            json={"name": "script", "scopes": scopes, **overrides},
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    async def project(self, workspace_id: str, **overrides: Any) -> dict[str, Any]:
        key = overrides.pop("key", "P" + uuid.uuid4().hex[:6].upper().translate(_DIGITS_TO_LETTERS))
        body = {
            "key": key,
            "name": f"Project {key}",
            "kind": "project",
            "start_date": "2026-03-02",
            "target_date": "2026-06-30",
            **overrides,
        }
        response = await self.client.post(f"/api/v1/workspaces/{workspace_id}/projects", json=body)
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    async def statuses(self, workspace_id: str, project_id: str) -> dict[str, str]:
        """Status ids by category (the first of each)."""
        response = await self.client.get(
            f"/api/v1/workspaces/{workspace_id}/projects/{project_id}/statuses"
        )
        assert response.status_code == 200, response.text
        found: dict[str, str] = {}
        for item in response.json()["items"]:
            found.setdefault(item["category"], item["id"])
        return found

    async def task(self, workspace_id: str, project_id: str, **overrides: Any) -> dict[str, Any]:
        body = {"project_id": project_id, "title": "A task", **overrides}
        response = await self.client.post(f"/api/v1/workspaces/{workspace_id}/tasks", json=body)
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]


_DIGITS_TO_LETTERS = str.maketrans("0123456789", "GHIJKLMNOP")
