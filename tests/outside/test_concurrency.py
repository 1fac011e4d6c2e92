"""Many clients at once, reading and writing over the network, with and without
Idempotency-Key and with retries: no answer is a 5xx, and every write that was acknowledged is
stored exactly once (and nothing that was not acknowledged is stored at all)."""

import asyncio
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.outside.conftest import ServedClients
from tests.support.places import Place, entry_descriptions, place, task_titles

CLIENTS = 32
SECONDS = float(os.environ.get("WORKLANE_OUTSIDE_LOAD_SECONDS", "3"))
SCOPES = ["tasks:read", "tasks:write", "time:read", "time:write"]


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    seconds: dict[str, list[float]] = field(default_factory=lambda: {"GET": [], "POST": []})
    server_errors: list[str] = field(default_factory=list)
    # Requests that got no answer at all: the server closed the connection.
    dropped: int = 0
    refused_replays: int = 0
    replays: int = 0
    wrong_replays: list[str] = field(default_factory=list)
    # What the server acknowledged, by the unique title or description each write carried.
    tasks: set[str] = field(default_factory=set)
    entries: set[str] = field(default_factory=set)

    def count(self, response: httpx.Response) -> None:
        self.statuses[response.status_code] += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{response.request.url.path}: {response.text[:200]}")

    def summary(self) -> str:
        latencies = ", ".join(
            f"{method} p50 {_percentile(times, 0.5):.0f} ms p99 {_percentile(times, 0.99):.0f} ms"
            for method, times in self.seconds.items()
        )
        return (
            f"answers by status {dict(sorted(self.statuses.items()))} ({latencies}), "
            f"{len(self.server_errors)} 5xx, {self.dropped} without answer, "
            f"{self.replays} replays, "
            f"{self.refused_replays} refused replays, {len(self.wrong_replays)} wrong replays"
        )


def _percentile(seconds: list[float], share: float) -> float:
    ordered = sorted(seconds) or [0.0]
    return 1000 * ordered[min(int(share * len(ordered)), len(ordered) - 1)]


@dataclass
class Writer:
    client: httpx.AsyncClient
    where: Place
    tally: Tally
    rng: random.Random

    async def request(self, method: str, url: str, **options: Any) -> httpx.Response:
        started = time.monotonic()
        try:
            response = await self.client.request(method, url, **options)
        except httpx.TransportError:
            self.tally.dropped += 1
            return httpx.Response(599, request=httpx.Request(method, url))
        self.tally.seconds[method].append(time.monotonic() - started)
        self.tally.count(response)
        return response

    async def send(self, url: str, body: dict[str, Any], key: str | None) -> httpx.Response:
        headers = {"Idempotency-Key": key} if key else {}
        return await self.request("POST", url, json=body, headers=headers)

    async def write(self, url: str, body: dict[str, Any], name: str, acknowledged: set[str]):
        """One write: without a key (sent once), or with one and then, sometimes, retried at
        once or sent twice at the same moment."""
        style = self.rng.choice(["no key", "key", "key, retried", "key, sent twice"])
        key = None if style == "no key" else name
        if style == "key, sent twice":
            answers = list(await asyncio.gather(*(self.send(url, body, key) for _ in range(2))))
        else:
            answers = [await self.send(url, body, key)]
            if style == "key, retried":
                answers.append(await self.send(url, body, key))
        if any(a.is_success for a in answers):
            acknowledged.add(name)
        self.check_repeats(answers)

    def check_repeats(self, answers: list[httpx.Response]) -> None:
        for answer in answers:
            if answer.status_code == 409 and answer.json()["code"] == "idempotency_in_progress":
                self.tally.refused_replays += 1
        if len(answers) == 2 and all(a.is_success for a in answers):
            self.tally.replays += 1
            marks = sorted(a.headers.get("Idempotent-Replayed", "") for a in answers)
            if answers[0].content != answers[1].content or marks != ["", "true"]:
                self.tally.wrong_replays.append(f"{answers[0].text} / {answers[1].text}")

    async def read(self) -> None:
        url = self.rng.choice([self.where.tasks, self.where.time_entries])
        await self.request("GET", url, params={"limit": 20})

    async def run(self, number: int, until: float) -> None:
        first_day = date(2026, 1, 5)
        n = 0
        while time.monotonic() < until:
            n += 1
            name = f"client {number} write {n}"
            roll = self.rng.random()
            if roll < 0.35:
                await self.write(
                    self.where.tasks, self.where.new_task(name), name, self.tally.tasks
                )
            elif roll < 0.6:
                entry = {
                    "project_id": self.where.project["id"],
                    "date": str(first_day + timedelta(days=self.rng.randrange(300))),
                    "minutes": 1,
                    "description": name,
                }
                await self.write(self.where.time_entries, entry, name, self.tally.entries)
            else:
                await self.read()


async def test_concurrent_clients_see_no_5xx_and_every_acknowledged_write_is_stored_once(
    outside: ServedClients, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    where = await place(outside)
    session_headers = {
        "Cookie": f"wl_session={where.owner.client.cookies['wl_session']}",
        "X-CSRF-Token": where.owner.client.headers["X-CSRF-Token"],
    }
    clients = []
    for number in range(CLIENTS):
        if number % 2:
            token = await where.owner.token(where.wid, SCOPES, name=f"client {number}")
            clients.append(outside.bearer(token["token"]))
        else:
            clients.append(outside.client(headers=session_headers))
    tally = Tally()

    until = time.monotonic() + SECONDS
    writers = [Writer(c, where, tally, random.Random(n)) for n, c in enumerate(clients)]
    await asyncio.gather(*(writer.run(n, until) for n, writer in enumerate(writers)))
    for client in clients:
        await client.aclose()

    print(f"\n{CLIENTS} clients, {SECONDS} s: {tally.summary()}")
    assert not tally.server_errors, tally.summary() + "\n" + "\n".join(tally.server_errors[:5])
    assert tally.dropped == 0, tally.summary()
    assert tally.refused_replays == 0, tally.summary()
    assert not tally.wrong_replays, tally.summary() + "\n" + "\n".join(tally.wrong_replays[:3])
    stored_tasks = await task_titles(sessionmaker, where.wid)
    stored_entries = await entry_descriptions(sessionmaker, where.wid)
    assert stored_tasks == dict.fromkeys(tally.tasks, 1), tally.summary()
    assert stored_entries == dict.fromkeys(tally.entries, 1), tally.summary()
