"""The credential cache: warm requests read nothing, and no change to a credential is missed."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.auth.credentials import LISTENER_APPLICATION_NAME, MISSING, CredentialCache
from app.core.clock import utcnow
from app.core.config import Settings
from app.main import create_app
from app.models import ApiToken, User
from tests.support.database import recorded_statements
from tests.support.http import ClientFactory, Person


@pytest.fixture
def cache(app: FastAPI) -> CredentialCache:
    credentials: CredentialCache = app.state.credentials
    return credentials


async def _within(seconds: float, condition: Callable[[], bool]) -> bool:
    """Poll `condition()` until it holds or `seconds` pass."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def _settled(cache: CredentialCache) -> int:
    """The cache's generation once it serves and earlier commits' notifications have arrived
    (on PostgreSQL they come a moment after each commit, and only while the listener is up)."""
    assert await _within(5, lambda: cache.enabled)
    for _ in range(50):
        generation = cache.generation
        await asyncio.sleep(0.1)
        if cache.generation == generation:
            return generation
    raise AssertionError("the cache kept being cleared")


async def _warm(
    cache: CredentialCache, engine: AsyncEngine, client: httpx.AsyncClient, url: str
) -> list[str]:
    """Send the request twice: the second must be served from the cache. Answers the
    statements the second one ran."""
    await _settled(cache)
    assert (await client.get(url)).status_code == 200
    with recorded_statements(engine) as seen:
        assert (await client.get(url)).status_code == 200
    return seen


def _mentions(statements: list[str], table: str) -> bool:
    return any(table in statement for statement in statements)


async def _token_holder(
    clients: ClientFactory, role: str = "member", scopes: list[str] | None = None
) -> tuple[Person, Person, str, dict[str, Any]]:
    """An owner, a person with `role` in the owner's workspace, the workspace id and a token
    of the person's."""
    owner, person = await clients.user(), await clients.user()
    workspace_id = (await owner.workspace())["id"]
    await owner.add_member(workspace_id, person, role=role)
    token = await person.token(workspace_id, scopes or ["workspace:read"])
    return owner, person, workspace_id, token


# Through the API, on either database.


async def test_a_warm_token_reads_nothing_to_authenticate(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    _, _, workspace_id, token = await _token_holder(clients)

    seen = await _warm(
        cache, engine, clients.bearer(token["token"]), f"/api/v1/workspaces/{workspace_id}"
    )

    assert seen, "the workspace itself is still read"
    assert not _mentions(seen, "api_token")
    assert not _mentions(seen, "user_account")


async def test_a_warm_cookie_reads_neither_its_session_nor_its_membership(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]

    seen = await _warm(cache, engine, owner.client, f"/api/v1/workspaces/{workspace_id}")

    assert not _mentions(seen, "auth_session")
    assert not _mentions(seen, "member")


async def test_a_warm_token_is_refused_as_soon_as_it_is_revoked(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    _, person, workspace_id, token = await _token_holder(clients)
    script = clients.bearer(token["token"])
    url = f"/api/v1/workspaces/{workspace_id}"
    assert not _mentions(await _warm(cache, engine, script, url), "api_token")

    revoked = await person.client.delete(f"{url}/api-tokens/{token['id']}")
    response = await script.get(url)

    assert revoked.status_code == 204
    assert (response.status_code, response.json()["code"]) == (401, "invalid_token")


async def test_a_lowered_role_applies_to_the_next_request_of_a_warm_token(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    owner, person, workspace_id, token = await _token_holder(
        clients, role="admin", scopes=["admin", "workspace:read"]
    )
    script = clients.bearer(token["token"])
    url = f"/api/v1/workspaces/{workspace_id}"
    await _warm(cache, engine, script, url)
    assert (await script.patch(url, json={"name": "By the admin"})).status_code == 200

    lowered = await owner.client.patch(
        f"{url}/members/{person.member_ids[workspace_id]}", json={"role": "member"}
    )
    response = await script.patch(url, json={"name": "By a member"})

    assert lowered.status_code == 200
    assert (response.status_code, response.json()["code"]) == (403, "insufficient_role")


async def test_a_lowered_role_applies_to_the_next_request_of_a_warm_cookie(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace_id = (await owner.workspace())["id"]
    await owner.add_member(workspace_id, person, role="admin")
    url = f"/api/v1/workspaces/{workspace_id}"
    assert not _mentions(await _warm(cache, engine, person.client, url), "member")

    await owner.client.patch(
        f"{url}/members/{person.member_ids[workspace_id]}", json={"role": "viewer"}
    )
    response = await person.client.patch(url, json={"name": "By a viewer"})

    assert (response.status_code, response.json()["code"]) == (403, "insufficient_role")


async def test_a_removed_member_is_refused_with_a_warm_token_or_cookie(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    owner, person, workspace_id, token = await _token_holder(clients)
    script = clients.bearer(token["token"])
    url = f"/api/v1/workspaces/{workspace_id}"
    await _warm(cache, engine, script, url)
    await _warm(cache, engine, person.client, url)

    removed = await owner.client.delete(f"{url}/members/{person.member_ids[workspace_id]}")
    by_token, by_cookie = await script.get(url), await person.client.get(url)

    assert removed.status_code == 204
    # The token went with the membership; the person is no longer in the workspace.
    assert (by_token.status_code, by_token.json()["code"]) == (401, "invalid_token")
    assert (by_cookie.status_code, by_cookie.json()["code"]) == (404, "workspace_not_found")


async def test_a_warm_cookie_is_refused_as_soon_as_its_session_logs_out(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine
) -> None:
    person = await clients.user()
    await _warm(cache, engine, person.client, "/api/v1/me")
    stale = clients.client()
    stale.cookies.set("wl_session", person.client.cookies["wl_session"])

    assert (await person.client.post("/api/v1/auth/logout")).status_code == 204
    response = await stale.get("/api/v1/me")

    assert (response.status_code, response.json()["code"]) == (401, "session_expired")


async def test_a_rename_by_bulk_update_shows_in_me_at_once(
    clients: ClientFactory,
    cache: CredentialCache,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    person = await clients.user(name="Before")
    await _warm(cache, engine, person.client, "/api/v1/me")

    async with sessionmaker() as session:
        await session.execute(
            update(User).where(User.id == uuid.UUID(person.id)).values(name="After")
        )
        await session.commit()
    response = await person.client.get("/api/v1/me")

    assert response.json()["name"] == "After"


async def test_a_deactivated_user_is_refused_at_once_by_cookie_and_token(
    clients: ClientFactory,
    cache: CredentialCache,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    _, person, _, token = await _token_holder(clients)
    script = clients.bearer(token["token"])
    await _warm(cache, engine, script, "/api/v1/me")
    await _warm(cache, engine, person.client, "/api/v1/me")

    async with sessionmaker() as session:
        user = await session.get(User, uuid.UUID(person.id))
        assert user is not None
        user.is_active = False
        await session.commit()
    by_token, by_cookie = await script.get("/api/v1/me"), await person.client.get("/api/v1/me")

    assert (by_token.status_code, by_token.json()["code"]) == (401, "invalid_token")
    assert (by_cookie.status_code, by_cookie.json()["code"]) == (401, "session_expired")


async def test_a_token_that_expires_while_cached_is_refused(
    clients: ClientFactory,
    cache: CredentialCache,
    engine: AsyncEngine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]
    expires_at = utcnow() + timedelta(hours=1)
    token = await owner.token(workspace_id, ["workspace:read"], expires_at=expires_at.isoformat())
    script = clients.bearer(token["token"])
    await _warm(cache, engine, script, "/api/v1/me")

    monkeypatch.setattr("app.auth.access.utcnow", lambda: expires_at + timedelta(seconds=1))
    response = await script.get("/api/v1/me")

    assert (response.status_code, response.json()["code"]) == (401, "invalid_token")


async def test_a_session_that_expires_while_cached_is_refused(
    clients: ClientFactory,
    cache: CredentialCache,
    engine: AsyncEngine,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    person = await clients.user()
    await _warm(cache, engine, person.client, "/api/v1/me")

    later = utcnow() + timedelta(hours=settings.session_ttl_hours, seconds=1)
    monkeypatch.setattr("app.auth.access.utcnow", lambda: later)
    response = await person.client.get("/api/v1/me")

    assert (response.status_code, response.json()["code"]) == (401, "session_expired")


async def test_recording_a_tokens_use_keeps_the_cache(
    clients: ClientFactory,
    cache: CredentialCache,
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]
    token = await owner.token(workspace_id, ["workspace:read"])
    script = clients.bearer(token["token"])
    generation = await _settled(cache)

    first = await script.get("/api/v1/me")
    later = utcnow() + timedelta(seconds=settings.last_used_resolution_seconds + 1)
    monkeypatch.setattr("app.auth.access.utcnow", lambda: later)
    second = await script.get("/api/v1/me")

    assert first.status_code == second.status_code == 200
    assert cache.generation == generation
    async with sessionmaker() as session:
        last_used_at = await session.scalar(
            select(ApiToken.last_used_at).where(ApiToken.id == uuid.UUID(token["id"]))
        )
    assert last_used_at == later


async def test_signing_up_and_making_a_token_keep_the_cache(
    clients: ClientFactory, cache: CredentialCache
) -> None:
    owner = await clients.user()
    workspace_id = (await owner.workspace())["id"]
    generation = await _settled(cache)

    await clients.user()
    await owner.token(workspace_id, ["workspace:read"])

    assert cache.generation == generation


async def test_a_person_added_to_a_workspace_is_let_in_at_once_after_a_cached_refusal(
    clients: ClientFactory, cache: CredentialCache
) -> None:
    owner, person = await clients.user(), await clients.user()
    workspace_id = (await owner.workspace())["id"]
    await _settled(cache)
    url = f"/api/v1/workspaces/{workspace_id}"
    refused = await person.client.get(url)

    await owner.add_member(workspace_id, person)

    assert refused.status_code == 404
    assert (await person.client.get(url)).status_code == 200


# The cache on its own.


def test_a_read_made_before_a_clear_is_not_stored() -> None:
    cache = CredentialCache(60)
    generation = cache.generation

    cache.clear()  # a change commits while the reader is at the database
    cache.put("key", "what the reader saw", generation=generation)

    assert cache.get("key") is MISSING


def test_a_read_made_after_the_last_clear_is_served() -> None:
    cache = CredentialCache(60)

    cache.put("key", "value", generation=cache.generation)

    assert cache.get("key") == "value"


def test_none_is_a_value_that_can_be_cached() -> None:
    cache = CredentialCache(60)

    cache.put("not a member", None, generation=cache.generation)

    assert cache.get("not a member") is None


def test_an_entry_is_served_until_its_ttl_and_a_refresh_does_not_renew_it() -> None:
    now = [0.0]
    cache = CredentialCache(60, clock=lambda: now[0])
    cache.put("key", "first", generation=cache.generation)

    now[0] = 59.0
    cache.refresh("key", "second", generation=cache.generation)
    before = cache.get("key")
    now[0] = 60.0

    assert before == "second"
    assert cache.get("key") is MISSING


def test_the_oldest_entry_is_evicted_beyond_the_size_bound() -> None:
    cache = CredentialCache(60, max_entries=2)

    for key in ("a", "b", "c"):
        cache.put(key, key, generation=cache.generation)

    assert [cache.get(key) for key in ("a", "b", "c")] == [MISSING, "b", "c"]


def test_a_suspended_cache_forgets_and_stores_nothing_until_resumed() -> None:
    cache = CredentialCache(60)
    cache.put("old", "old", generation=cache.generation)

    cache.suspend()
    cache.put("during", "during", generation=cache.generation)
    suspended = [cache.get("old"), cache.get("during")]
    cache.resume()
    cache.put("after", "after", generation=cache.generation)

    assert suspended == [MISSING, MISSING]
    assert cache.get("after") == "after"


def test_a_zero_ttl_turns_the_cache_off() -> None:
    cache = CredentialCache(0)

    cache.put("key", "value", generation=cache.generation)

    assert not cache.enabled
    assert cache.get("key") is MISSING


async def test_a_rolled_back_change_keeps_the_cache(
    cache: CredentialCache, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    generation = await _settled(cache)

    async with sessionmaker() as session:
        await session.execute(update(User).where(User.id == uuid.uuid4()).values(name="x"))
        await session.rollback()

    assert cache.generation == generation


def _is_postgresql(settings: Settings) -> bool:
    return settings.database_url.startswith("postgresql")


async def test_a_change_through_another_replica_clears_the_warm_cache(
    clients: ClientFactory, cache: CredentialCache, engine: AsyncEngine, settings: Settings
) -> None:
    if not _is_postgresql(settings):
        pytest.skip("replicas share a PostgreSQL database")
    _, person, workspace_id, token = await _token_holder(clients)
    script = clients.bearer(token["token"])
    url = f"/api/v1/workspaces/{workspace_id}"
    await _warm(cache, engine, script, url)
    replica = create_app(settings)
    at_replica = ClientFactory(replica).client(headers=dict(person.client.headers))
    at_replica.cookies = person.client.cookies
    generation = cache.generation

    revoked = await at_replica.delete(f"{url}/api-tokens/{token['id']}")
    heard = await _within(2, lambda: cache.generation != generation)
    response = await script.get(url)

    assert revoked.status_code == 204
    assert heard
    assert (response.status_code, response.json()["code"]) == (401, "invalid_token")
    await replica.state.engine.dispose()


async def test_the_cache_is_off_while_its_listener_is_disconnected(
    cache: CredentialCache, engine: AsyncEngine, settings: Settings
) -> None:
    if not _is_postgresql(settings):
        pytest.skip("only PostgreSQL has a listener")
    await _settled(cache)

    async with engine.connect() as connection:
        await connection.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = :name AND datname = current_database()"
            ),
            {"name": LISTENER_APPLICATION_NAME},
        )
        await connection.commit()
    went_off = await _within(2, lambda: not cache.enabled)
    came_back = await _within(5, lambda: cache.enabled)

    assert went_off
    assert came_back
