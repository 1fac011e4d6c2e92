"""Several API processes on one PostgreSQL database (PostgreSQL only): `worklane serve --workers
2` and a second `worklane serve` on another port. What one process decides, the others honour:
If-Match, Idempotency-Key, rate limits and revocations hold across them.

The processes serve a database of their own, so that the rate limits counted here (shared
through the database, as in production) start from nothing."""

import asyncio
import time
from collections.abc import Iterator

import httpx
import pytest

from app.core.db import is_sqlite
from tests.outside.conftest import ServedClients
from tests.support.database import fresh_database, migrate
from tests.support.places import Place, place
from tests.support.served import Server, served_side_by_side

LIMIT = 30  # requests per minute and user
# What one process may let through before it hears the other's count (they share it every
# second): well under the LIMIT that unshared counts would let through twice.
SHARING_SLACK = 10
SCOPES = ["tasks:read", "tasks:write"]
ONE_USE = httpx.Limits(max_keepalive_connections=0)


@pytest.fixture(scope="module")
def servers(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    """`worklane serve --workers 2`, and `worklane serve` on another port."""
    if is_sqlite(database_url):
        pytest.skip("several processes share a PostgreSQL database")
    logs = tmp_path_factory.mktemp("processes")
    limit = {"WORKLANE_RATE_LIMIT_PER_MINUTE": str(LIMIT)}
    with fresh_database(database_url, logs, "worklane_processes") as url:
        migrate(url)
        with served_side_by_side(url, [logs / "a.log", logs / "b.log"], [2, 1], limit) as both:
            yield both


async def scripts(servers: list[Server]) -> tuple[Place, list[httpx.AsyncClient], str]:
    """A workspace, one client per process with the same token of its owner, and the token's
    id."""
    where = await place(ServedClients(servers[0].url))
    token = await where.owner.token(where.wid, SCOPES)
    via = [ServedClients(server.url).bearer(token["token"]) for server in servers]
    return where, via, token["id"]


def key(name: str) -> dict[str, str]:
    return {"Idempotency-Key": name}


async def test_two_changes_with_one_etag_through_two_processes_one_wins(
    servers: list[Server],
) -> None:
    where, via, _ = await scripts(servers)
    task = await where.owner.task(where.wid, where.project["id"])
    url = f"{where.tasks}/{task['id']}"
    headers = {"If-Match": f'"{task["version"]}"'}

    answers = await asyncio.gather(
        *(
            client.patch(url, json={"title": f"By {n}"}, headers=headers)
            for n, client in enumerate(via)
        )
    )

    assert sorted(a.status_code for a in answers) == [200, 412], [a.text for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()
    stored = (await via[0].get(url)).json()
    assert (stored["title"], stored["version"]) == (winner["title"], task["version"] + 1)


async def test_a_retry_through_the_other_process_replays(servers: list[Server]) -> None:
    where, via, _ = await scripts(servers)
    body = where.new_task("Once")

    first = await via[0].post(where.tasks, json=body, headers=key("once"))
    retry = await via[1].post(where.tasks, json=body, headers=key("once"))

    assert first.status_code == 201, first.text
    assert (retry.status_code, retry.content) == (first.status_code, first.content)
    assert retry.headers.get("Idempotent-Replayed") == "true"
    listed = (await via[1].get(where.tasks)).json()["items"]
    assert [t["title"] for t in listed] == ["Once"]


async def test_one_write_sent_through_both_processes_at_once_is_made_once(
    servers: list[Server],
) -> None:
    where, via, _ = await scripts(servers)
    body = where.new_task("Twice sent")

    answers = await asyncio.gather(
        *(client.post(where.tasks, json=body, headers=key("both")) for client in via)
    )

    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].content == answers[1].content
    assert sorted(a.headers.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    listed = (await via[0].get(where.tasks)).json()["items"]
    assert [t["title"] for t in listed] == ["Twice sent"]


async def test_the_rate_limit_is_one_count_across_processes(servers: list[Server]) -> None:
    where, via, _ = await scripts(servers)
    # The burst below (a few seconds) fits in one one-minute window.
    into_minute = time.time() % 60
    if into_minute > 45:
        await asyncio.sleep(60.5 - into_minute)

    answers: list[tuple[int, int]] = []
    for n in range(2 * LIMIT):
        answer = await via[n % 2].get(where.tasks)
        answers.append((n % 2, answer.status_code))
        await asyncio.sleep(0.08)

    allowed = [process for process, status in answers if status == 200]
    refused = {process for process, status in answers if status == 429}
    assert len(allowed) <= LIMIT + SHARING_SLACK, answers
    assert refused == {0, 1}, answers


async def test_a_revocation_reaches_every_process_within_a_second(servers: list[Server]) -> None:
    where, via, token_id = await scripts(servers)
    urls = [f"{server.url}{where.tasks}" for server in servers] * 3

    async def answers() -> set[int]:
        # A connection per request: each may reach either worker of the first server.
        async with httpx.AsyncClient(headers=via[0].headers, limits=ONE_USE) as client:
            return {answer.status_code for answer in await asyncio.gather(*map(client.get, urls))}

    assert await answers() == {200}  # every process has the token cached
    revoked = await where.owner.client.delete(f"{where.api_tokens}/{token_id}")
    revoked_at = time.monotonic()
    assert revoked.status_code == 204, revoked.text
    await asyncio.sleep(max(0.0, revoked_at + 1 - time.monotonic()))

    assert await answers() == {401}
