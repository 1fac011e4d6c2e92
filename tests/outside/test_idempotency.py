"""Idempotency-Key as a client over the network sees it: a retry replays the first success,
whenever it comes, and only to the credential that made it."""

import asyncio

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.models import IdempotencyRecord
from tests.outside.conftest import ServedClients
from tests.support.places import place, project_held, task_titles


def key(name: str) -> dict[str, str]:
    return {"Idempotency-Key": name}


def assert_replayed(first: httpx.Response, retry: httpx.Response) -> None:
    assert retry.status_code == first.status_code, retry.text
    assert retry.content == first.content
    assert retry.headers.get("Idempotent-Replayed") == "true"


async def test_writes_back_to_back_each_retried_at_once_replay_and_create_once(
    outside: ServedClients, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    where = await place(outside)
    client = where.owner.client

    for n in range(10):
        body, headers = where.new_task(f"Once {n}"), key(f"create-{n}")
        first = await client.post(where.tasks, json=body, headers=headers)
        retry = await client.post(where.tasks, json=body, headers=headers)

        assert first.status_code == 201, first.text
        assert "Idempotent-Replayed" not in first.headers
        assert_replayed(first, retry)
    assert await task_titles(sessionmaker, where.wid) == {f"Once {n}": 1 for n in range(10)}


async def test_a_retry_while_the_first_runs_waits_and_replays(
    outside: ServedClients, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    where = await place(outside)
    body, headers = where.new_task("Slow"), key("slow")
    send = where.owner.client.post

    async with project_held(sessionmaker, where):
        first = asyncio.create_task(send(where.tasks, json=body, headers=headers))
        await asyncio.sleep(0.3)
        retry = asyncio.create_task(send(where.tasks, json=body, headers=headers))
        await asyncio.sleep(0.7)
    answers = await asyncio.gather(first, retry)

    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].content == answers[1].content
    assert sorted(a.headers.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    assert await task_titles(sessionmaker, where.wid) == {"Slow": 1}


async def test_a_retried_patch_replays_instead_of_failing_its_if_match(
    outside: ServedClients,
) -> None:
    where = await place(outside)
    client = where.owner.client
    task = await where.owner.task(where.wid, where.project["id"])
    url = f"{where.tasks}/{task['id']}"
    headers = {"If-Match": (await client.get(url)).headers["ETag"], **key("rename")}

    first = await client.patch(url, json={"title": "Renamed"}, headers=headers)
    retry = await client.patch(url, json={"title": "Renamed"}, headers=headers)

    assert first.status_code == 200, first.text
    assert_replayed(first, retry)
    assert (await client.get(url)).json()["version"] == task["version"] + 1


async def test_a_retried_delete_replays_its_204(outside: ServedClients) -> None:
    where = await place(outside)
    client = where.owner.client
    task = await where.owner.task(where.wid, where.project["id"])
    url = f"{where.tasks}/{task['id']}"

    first = await client.delete(url, headers=key("remove"))
    retry = await client.delete(url, headers=key("remove"))

    assert first.status_code == 204, first.text
    assert_replayed(first, retry)


async def test_a_revoked_token_cannot_fetch_its_replay(outside: ServedClients) -> None:
    where = await place(outside)
    token = await where.owner.token(where.wid, ["tasks:read", "tasks:write"])
    script = outside.bearer(token["token"])
    first = await script.post(where.tasks, json=where.new_task("By script"), headers=key("k"))
    assert first.status_code == 201, first.text

    revoked = await where.owner.client.delete(f"{where.api_tokens}/{token['id']}")
    assert revoked.status_code == 204, revoked.text
    retry = await script.post(where.tasks, json=where.new_task("By script"), headers=key("k"))

    assert retry.status_code == 401, retry.text
    assert first.json()["id"] not in retry.text


async def test_an_ended_session_cannot_fetch_its_replay(outside: ServedClients) -> None:
    where = await place(outside)
    client = where.owner.client
    first = await client.post(where.tasks, json=where.new_task("By hand"), headers=key("k"))
    assert first.status_code == 201, first.text
    credentials = {
        "Cookie": f"wl_session={client.cookies['wl_session']}",
        "X-CSRF-Token": client.headers["X-CSRF-Token"],
    }

    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    async with outside.client(headers={**credentials, **key("k")}) as ended:
        retry = await ended.post(where.tasks, json=where.new_task("By hand"))

    assert retry.status_code == 401, retry.text
    assert first.json()["id"] not in retry.text


async def test_a_token_creation_is_never_replayed_with_its_secret(
    outside: ServedClients, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    where = await place(outside)
    body = {"name": "deploy", "scopes": ["tasks:read"]}
    send = where.owner.client.post

    first = await send(where.api_tokens, json=body, headers=key("new-token"))
    retry = await send(where.api_tokens, json=body, headers=key("new-token"))

    assert first.status_code == 201, first.text
    secret = first.json()["token"]
    assert retry.status_code == 409, retry.text
    assert retry.json()["code"] == "idempotency_secret_not_replayable"
    assert secret not in retry.text
    listed = (await where.owner.client.get(where.api_tokens)).json()["items"]
    assert [t["name"] for t in listed] == ["deploy"]
    async with sessionmaker() as session:
        stored = await session.scalars(select(IdempotencyRecord.response_body))
        assert not any(secret.encode() in (body or b"") for body in stored)
