import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import is_sqlite
from app.models import IdempotencyRecord
from tests.support.http import PASSWORD, ClientFactory
from tests.support.places import place, project_held, task_titles

KEY = {"Idempotency-Key": "the-key"}


async def test_retry_with_same_key_replays_and_creates_once(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "create-ws-1"}

    first = await person.client.post("/api/v1/workspaces", json={"name": "Once"}, headers=headers)
    retry = await person.client.post("/api/v1/workspaces", json={"name": "Once"}, headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    listed = (await person.client.get("/api/v1/workspaces")).json()["items"]
    assert [w["name"] for w in listed] == ["Once"]


async def test_same_key_with_a_different_body_is_422(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "k-2"}
    await person.client.post("/api/v1/workspaces", json={"name": "A"}, headers=headers)

    response = await person.client.post("/api/v1/workspaces", json={"name": "B"}, headers=headers)

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


async def test_keys_are_scoped_per_principal(clients: ClientFactory) -> None:
    first, second = await clients.user(), await clients.user()
    headers = {"Idempotency-Key": "shared-key"}

    a = await first.client.post("/api/v1/workspaces", json={"name": "Mine"}, headers=headers)
    b = await second.client.post("/api/v1/workspaces", json={"name": "Mine"}, headers=headers)

    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


async def test_concurrent_sends_create_one_resource_and_all_get_its_answer(
    clients: ClientFactory,
) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "race"}

    responses = await asyncio.gather(
        *(
            person.client.post("/api/v1/workspaces", json={"name": "Race"}, headers=headers)
            for _ in range(3)
        )
    )

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert len({r.content for r in responses}) == 1
    listed = (await person.client.get("/api/v1/workspaces")).json()["items"]
    assert len(listed) == 1


async def test_a_rejected_request_leaves_its_key_free(clients: ClientFactory) -> None:
    person = await clients.user()

    rejected = await person.client.post("/api/v1/workspaces", json={"name": ""}, headers=KEY)
    fixed = await person.client.post("/api/v1/workspaces", json={"name": "Fixed"}, headers=KEY)

    assert rejected.status_code == 422
    assert fixed.status_code == 201, fixed.text
    assert "Idempotent-Replayed" not in fixed.headers


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_a_key_of_no_or_too_many_characters_is_422(clients: ClientFactory, key: str) -> None:
    person = await clients.user()

    response = await person.client.post(
        "/api/v1/workspaces", json={"name": "Keyed"}, headers={"Idempotency-Key": key}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/header/Idempotency-Key"
    assert (await person.client.get("/api/v1/workspaces")).json()["items"] == []


async def test_an_answer_too_large_to_keep_is_not_replayed(
    clients: ClientFactory, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = await clients.user()
    monkeypatch.setattr(settings, "idempotency_max_response_bytes", 10)

    first = await person.client.post("/api/v1/workspaces", json={"name": "Big"}, headers=KEY)
    retry = await person.client.post("/api/v1/workspaces", json={"name": "Big"}, headers=KEY)

    assert first.status_code == 201
    assert retry.status_code == 409
    assert retry.json()["code"] == "idempotency_response_too_large"
    assert len((await person.client.get("/api/v1/workspaces")).json()["items"]) == 1


async def test_a_sign_in_is_not_replayed_with_its_session_cookie(clients: ClientFactory) -> None:
    person = await clients.user()
    body = {"email": person.email, "password": PASSWORD}
    async with clients.client() as client:
        first = await client.post("/api/v1/auth/login", json=body, headers=KEY)
        client.cookies.clear()
        retry = await client.post("/api/v1/auth/login", json=body, headers=KEY)

    assert first.status_code == 200
    assert retry.status_code == 409
    assert retry.json()["code"] == "idempotency_secret_not_replayable"
    assert "set-cookie" not in retry.headers


async def test_an_expired_key_is_used_afresh(
    clients: ClientFactory, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    person = await clients.user()
    key = {"Idempotency-Key": f"expiring-{uuid.uuid4()}"}
    first = await person.client.post("/api/v1/workspaces", json={"name": "Old"}, headers=key)
    expired = utcnow() - timedelta(hours=settings.idempotency_ttl_hours, minutes=1)
    async with sessionmaker() as session:
        await session.execute(
            update(IdempotencyRecord)
            .where(IdempotencyRecord.key == key["Idempotency-Key"])
            .values(created_at=expired)
        )
        await session.commit()

    again = await person.client.post("/api/v1/workspaces", json={"name": "Old"}, headers=key)

    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again.headers
    assert again.json()["id"] != first.json()["id"]


async def test_a_retry_that_outwaits_the_first_is_409_with_retry_after(
    clients: ClientFactory,
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if is_sqlite(settings.database_url):
        pytest.skip("SQLite has one writer: a retry waits for the database, then 503 past it")
    monkeypatch.setattr(settings, "idempotency_wait_seconds", 0.3)
    where = await place(clients)
    send = where.owner.client.post
    body = where.new_task("Slow")

    async with project_held(sessionmaker, where):
        first = asyncio.create_task(send(where.tasks, json=body, headers=KEY))
        await asyncio.sleep(0.2)
        refused = await send(where.tasks, json=body, headers=KEY)
    later = await send(where.tasks, json=body, headers=KEY)

    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "idempotency_in_progress"
    assert refused.headers["Retry-After"] == "1"
    assert (await first).status_code == 201
    assert later.content == (await first).content
    assert await task_titles(sessionmaker, where.wid) == {"Slow": 1}


async def test_a_caller_who_lost_the_right_to_write_gets_no_replay(clients: ClientFactory) -> None:
    where = await place(clients)
    member = await clients.user()
    added = await where.owner.add_member(where.wid, member)
    body = where.new_task("Mine")
    first = await member.client.post(where.tasks, json=body, headers=KEY)

    demoted = await where.owner.client.patch(
        f"{where.base}/members/{added['id']}", json={"role": "viewer"}
    )
    retry = await member.client.post(where.tasks, json=body, headers=KEY)

    assert first.status_code == 201, first.text
    assert demoted.status_code == 200, demoted.text
    assert retry.status_code == 403, retry.text
    assert retry.json()["code"] == "insufficient_role"
