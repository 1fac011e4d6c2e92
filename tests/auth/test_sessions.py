"""Sessions end: by a password change, by signing out everywhere, when idle, and the ended
ones are deleted."""

import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.service import purge_ended_sessions
from app.core.clock import utcnow
from app.core.config import Settings
from app.models import AuthSession
from tests.support.http import PASSWORD, ClientFactory, Person

NEW_PASSWORD = "a brand new passphrase"


async def _log_in(browser: httpx.AsyncClient, email: str, password: str) -> bool:
    response = await browser.post("/api/v1/auth/login", json={"email": email, "password": password})
    return response.status_code == 200


async def _second_session(clients: ClientFactory, person: Person) -> httpx.AsyncClient:
    """The person signed in on another browser."""
    other = clients.client(address="10.6.0.2")
    assert await _log_in(other, person.email, PASSWORD)
    other.headers["X-CSRF-Token"] = other.cookies["wl_csrf"]
    return other


async def _signs_in(clients: ClientFactory, email: str, password: str) -> bool:
    return await _log_in(clients.client(address="10.6.0.3"), email, password)


async def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    other = await _second_session(clients, person)

    response = await person.client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 204
    assert (await person.client.get("/api/v1/me")).status_code == 200
    assert (await other.get("/api/v1/me")).status_code == 401
    assert await _signs_in(clients, person.email, NEW_PASSWORD)
    assert not await _signs_in(clients, person.email, PASSWORD)


async def test_a_wrong_current_password_is_refused_and_changes_nothing(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    other = await _second_session(clients, person)

    response = await person.client.post(
        "/api/v1/auth/password",
        json={"current_password": "not my password", "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["/current_password"]
    assert (await other.get("/api/v1/me")).status_code == 200
    assert await _signs_in(clients, person.email, PASSWORD)


async def test_an_api_token_can_neither_change_the_password_nor_sign_out_everywhere(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    workspace_id = (await person.workspace())["id"]
    script = clients.bearer((await person.token(workspace_id, ["admin"]))["token"])

    change = await script.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    )
    sign_out = await script.post("/api/v1/auth/logout-everywhere")

    assert (change.status_code, change.json()["code"]) == (403, "session_required")
    assert (sign_out.status_code, sign_out.json()["code"]) == (403, "session_required")
    assert (await person.client.get("/api/v1/me")).status_code == 200


async def test_signing_out_everywhere_ends_every_session_and_keeps_tokens(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    other = await _second_session(clients, person)
    workspace_id = (await person.workspace())["id"]
    script = clients.bearer((await person.token(workspace_id, ["workspace:read"]))["token"])

    response = await person.client.post("/api/v1/auth/logout-everywhere")

    assert response.status_code == 204
    assert any(h.startswith("wl_session=") for h in response.headers.get_list("set-cookie"))
    assert (await person.client.get("/api/v1/me")).status_code == 401
    assert (await other.get("/api/v1/me")).status_code == 401
    assert (await script.get("/api/v1/me")).status_code == 200


async def test_a_session_idle_for_longer_than_the_idle_timeout_has_ended(
    clients: ClientFactory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = await clients.user()

    later = utcnow() + timedelta(hours=settings.session_idle_hours, seconds=1)
    monkeypatch.setattr("app.auth.access.utcnow", lambda: later)
    response = await person.client.get("/api/v1/me")

    assert (response.status_code, response.json()["code"]) == (401, "session_expired")


async def test_activity_keeps_a_session_alive_past_the_idle_timeout(
    clients: ClientFactory,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = await clients.user()
    idle = timedelta(hours=settings.session_idle_hours)
    almost_idle, past_first_idle = utcnow() + idle * 0.9, utcnow() + idle * 1.5

    monkeypatch.setattr("app.auth.access.utcnow", lambda: almost_idle)
    active = await person.client.get("/api/v1/me")
    monkeypatch.setattr("app.auth.access.utcnow", lambda: past_first_idle)
    still = await person.client.get("/api/v1/me")

    assert active.status_code == still.status_code == 200
    async with sessionmaker() as session:
        seen = await session.scalars(
            select(AuthSession.last_seen_at).where(AuthSession.user_id == uuid.UUID(person.id))
        )
        assert list(seen) == [past_first_idle]


async def test_the_upkeep_deletes_ended_sessions_and_keeps_live_ones(
    clients: ClientFactory, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    expired, idle, live = await clients.user(), await clients.user(), await clients.user()
    long_ago = utcnow() - timedelta(hours=settings.session_idle_hours + 1)
    async with sessionmaker() as session:
        for person, values in (
            (expired, {"expires_at": utcnow() - timedelta(seconds=1)}),
            (idle, {"last_seen_at": long_ago}),
        ):
            await session.execute(
                update(AuthSession)
                .where(AuthSession.user_id == uuid.UUID(person.id))
                .values(**values)
            )
        await session.commit()

    await purge_ended_sessions(sessionmaker, settings)

    async with sessionmaker() as session:
        left = await session.scalars(
            select(AuthSession.user_id).where(
                AuthSession.user_id.in_([uuid.UUID(p.id) for p in (expired, idle, live)])
            )
        )
        assert list(left) == [uuid.UUID(live.id)]
