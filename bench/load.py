"""Load with nothing lost: N clients write at once over the network, every write with an
Idempotency-Key, a share retried with the same key after their answer and a share sent on a
connection the client closes before the answer comes; then the database is checked against
what the clients were told.

    uv run python -m bench.load [--clients 50] [--seconds 120] [--workers 2] [--sqlite]

It creates a throwaway PostgreSQL database on 127.0.0.1:5432 (a SQLite file with --sqlite),
serves it with `worklane serve --workers N` and drops it afterwards; `make load` is the full
size. tests/outside/test_load.py runs `drive` small against the test session's served app on
both databases, and tests/outside/test_faults.py while it breaks the database.

Each client writes only its own rows, so it knows what each of them must hold: tasks (created;
changed one by one with If-Match; changed a few at a time by the bulk update, all or nothing),
a chain of tasks linked finish-to-start (each link reschedules its successor; stretching the
chain's first task reschedules all of it), time entries and allocations (created, changed with
If-Match). A write whose answer is a 503, a 409 `idempotency_in_progress` or no answer at all
is sent again with its key until it has a real answer. Afterwards:

- the workspace holds exactly the tasks, links, time entries and allocations whose creation was
  acknowledged (a write made twice, or made but never acknowledged, shows as an extra row);
- every task and allocation a client changed has version 1 + its acknowledged changes and the
  values of the last of them (so a bulk update or a change that half happened shows);
- every link holds: its successor starts after its predecessor finishes (a reschedule that half
  happened shows);
- every deliberate retry replayed the first answer byte for byte, marked `Idempotent-Replayed`;
- no answer was a 5xx (unless `outages` allows 503s: the fault tests), nor anything unexpected.

It prints throughput and p50/p99 per operation, and exits 1 when a check fails.
"""

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from app.models import Allocation, Dependency, Task, TimeEntry
from tests.support.database import fresh_database, migrate
from tests.support.served import served

POSTGRESQL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
PASSWORD = "correct horse battery"
PRIORITIES = ("none", "low", "medium", "high", "urgent")
SCOPES = [
    "tasks:read",
    "tasks:write",
    "time:read",
    "time:write",
    "resources:read",
    "resources:write",
]
FIRST_DAY, LAST_DAY = date(2026, 3, 2), date(2027, 12, 31)
# How long a client keeps sending one write again (503s, no answer) before giving it up.
GIVE_UP_SECONDS = 60.0


@dataclass
class Shape:
    clients: int = 50
    seconds: float = 120.0
    # Of the writes: sent again with their key once answered; sent first on a connection that
    # is closed before the answer is read.
    retry_share: float = 0.15
    drop_share: float = 0.05
    # 503s are expected (a fault test breaks the database meanwhile): sent again, not failures.
    outages: bool = False
    seed: int = 1


@dataclass
class Tally:
    """Every answer the clients got, and what they were told was done."""

    seconds: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    # 503s by operation.
    unavailable: Counter[str] = field(default_factory=Counter)
    no_answer: int = 0
    retried: int = 0
    dropped: int = 0
    wrong_replays: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    # Ids of acknowledged creations, and acknowledged links (predecessor, successor).
    created: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    links: set[tuple[str, str]] = field(default_factory=set)
    # The rows only one client changes, with what they must hold.
    tracked: dict[str, "Tracked"] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


@dataclass
class Tracked:
    """A row one client changes, as its acknowledged answers left it."""

    kind: str  # "task" or "allocation"
    url: str
    values: dict[str, Any]
    version: int = 1

    @property
    def etag(self) -> str:
        return f'"{self.version}"'

    def changed(self, **values: Any) -> None:
        self.version += 1
        self.values.update(values)


@dataclass
class Report:
    shape: Shape
    tally: Tally
    seconds: float
    rows_checked: int
    failures: list[str]

    def lines(self) -> list[str]:
        tally = self.tally
        out = [
            f"{self.shape.clients} clients, {self.seconds:.1f} s: {tally.requests} answers, "
            f"{tally.requests / self.seconds:.0f}/s; "
            f"by status {dict(sorted(tally.statuses.items()))}",
            f"retried after an answer {tally.retried}, dropped before the answer {tally.dropped}, "
            f"no answer {tally.no_answer}, 503 {tally.unavailable.total()}, "
            f"other 5xx {len(tally.server_errors)}",
            f"rows checked {self.rows_checked}",
            f"{'operation':<18}{'answers':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}",
        ]
        for operation, seconds in sorted(tally.seconds.items()):
            ordered = sorted(seconds)
            out.append(
                f"{operation:<18}{len(ordered):>8}{1000 * _quantile(ordered, 0.5):>9.0f}"
                f"{1000 * _quantile(ordered, 0.99):>9.0f}{1000 * ordered[-1]:>9.0f}"
            )
        out += [f"FAILED: {failure}" for failure in self.failures] or ["all checks passed"]
        return out

    @property
    def slowest(self) -> float:
        return max((max(s) for s in self.tally.seconds.values() if s), default=0.0)


def _quantile(ordered: list[float], share: float) -> float:
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)] if ordered else 0.0


@dataclass
class Someone:
    """A member of the load's workspace: a client writes as them, with their token."""

    token: str
    resource_id: str


@dataclass
class Workspace:
    base: str  # /api/v1/workspaces/{id}
    id: str
    projects: list[str]
    people: list[Someone]


async def _sign_up(http: httpx.AsyncClient) -> str:
    """Sign `http` up as a new person, signed in from then on; their email."""
    email = f"load-{uuid.uuid4().hex[:12]}@example.com"
    signup = {"email": email, "password": PASSWORD, "name": "Load"}
    (await http.post("/api/v1/auth/signup", json=signup)).raise_for_status()
    # Sign-up answers alike for taken and free addresses; signing in starts the session.
    login = {"email": email, "password": PASSWORD}
    (await http.post("/api/v1/auth/login", json=login)).raise_for_status()
    http.headers["X-CSRF-Token"] = http.cookies["wl_csrf"]
    return email


async def prepare(url: str, clients: int) -> Workspace:
    """A workspace with a few projects, and a member with a token for each client (each
    writes their own time, as people do: time entries lock their member)."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as owner:
        await _sign_up(owner)
        created = await owner.post("/api/v1/workspaces", json={"name": "Load"})
        wid = created.raise_for_status().json()["id"]
        base = f"/api/v1/workspaces/{wid}"
        projects = []
        for n in range(min(clients, 8)):
            key = "LOAD" + "ABCDEFGH"[n]
            body = {"key": key, "name": key, "kind": "project",
                    "start_date": str(FIRST_DAY), "target_date": str(LAST_DAY)}  # fmt: skip
            answer = await owner.post(f"{base}/projects", json=body)
            projects.append(answer.raise_for_status().json()["id"])
        tokens = []
        for n in range(clients):
            async with httpx.AsyncClient(base_url=url, timeout=30) as person:
                invited = {"email": await _sign_up(person), "role": "member"}
                invitation = await owner.post(f"{base}/invitations", json=invited)
                accepting = {"token": invitation.raise_for_status().json()["token"]}
                (await person.post("/api/v1/invitations/accept", json=accepting)).raise_for_status()
                body = {"name": f"client {n}", "scopes": SCOPES}
                answer = await person.post(f"{base}/api-tokens", json=body)
                tokens.append(answer.raise_for_status().json())
        resources = await owner.get(f"{base}/resources", params={"limit": 200})
        by_member = {r["member_id"]: r["id"] for r in resources.raise_for_status().json()["items"]}
        people = [Someone(t["token"], by_member[t["member_id"]]) for t in tokens]
        return Workspace(base, wid, projects, people)


class Client:
    """One client writing its own rows in a loop until the time is up."""

    def __init__(self, number: int, url: str, where: Workspace, shape: Shape, tally: Tally) -> None:
        self.name = f"c{number}"
        self.token = where.people[number].token
        self.http = httpx.AsyncClient(base_url=url, timeout=GIVE_UP_SECONDS, headers=self._auth())
        self.address = self.http.base_url
        self.base = where.base
        self.project = where.projects[number % len(where.projects)]
        self.resource_id = where.people[number].resource_id
        self.shape = shape
        self.tally = tally
        self.rng = random.Random(shape.seed * 1000 + number)
        self.writes = 0
        self.tasks: list[Tracked] = []
        self.allocations: list[Tracked] = []
        self.chain: list[str] = []
        self.chain_head: Tracked | None = None

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def run(self, until: float) -> None:
        operations: list[tuple[float, Callable[[], Awaitable[None]]]] = [
            (0.18, self.create_task),
            (0.18, self.change_task),
            (0.08, self.change_tasks_in_bulk),
            (0.10, self.extend_chain),
            (0.04, self.stretch_chain),
            (0.14, self.log_time),
            (0.08, self.allocate),
            (0.08, self.change_allocation),
            (0.12, self.read),
        ]
        weights = [weight for weight, _ in operations]
        try:
            while time.monotonic() < until:
                (operation,) = self.rng.choices([op for _, op in operations], weights)
                await operation()
        finally:
            await self.http.aclose()

    # Operations

    async def create_task(self) -> None:
        title = f"{self.name} task {self.writes}"
        answer = await self.write("create task", "POST", "/tasks", {
            "project_id": self.project, "title": title,
        })  # fmt: skip
        if answer is not None:
            task = self._created("task", answer)
            values = {"description": "", "priority": "none"}
            self.tasks.append(self._track("task", f"/tasks/{task['id']}", values))

    async def change_task(self) -> None:
        await self._change("change task", self.tasks, "description", self.create_task)

    async def change_tasks_in_bulk(self) -> None:
        if len(self.tasks) < 2:
            await self.create_task()
            return
        chosen = self.rng.sample(self.tasks, min(len(self.tasks), self.rng.randint(2, 5)))
        priority = self.rng.choice(PRIORITIES)
        body = {
            "task_ids": [t.url.rsplit("/", 1)[1] for t in chosen],
            "changes": {"priority": priority},
        }
        if await self.write("bulk update", "POST", "/tasks/bulk", body) is not None:
            for task in chosen:
                if task.values["priority"] != priority:
                    task.changed(priority=priority)

    async def extend_chain(self) -> None:
        title = f"{self.name} chain {self.writes}"
        body = {"project_id": self.project, "title": title, "duration_days": 2}
        answer = await self.write("create task", "POST", "/tasks", body)
        if answer is None:
            return
        task_id = self._created("task", answer)["id"]
        if not self.chain:
            self.chain_head = self._track("task", f"/tasks/{task_id}", {"duration_days": 2})
        else:
            link = {"predecessor_id": self.chain[-1], "successor_id": task_id}
            if await self.write("link tasks", "POST", "/dependencies", link) is None:
                return
            self.tally.links.add((self.chain[-1], task_id))
        self.chain.append(task_id)

    async def stretch_chain(self) -> None:
        head = self.chain_head
        if head is None:
            await self.extend_chain()
            return
        days = head.values["duration_days"] % 5 + 1
        answer = await self.write(
            "stretch chain", "PATCH", head.url, {"duration_days": days}, {"If-Match": head.etag}
        )
        if answer is not None:
            head.changed(duration_days=days)

    async def log_time(self) -> None:
        body = {
            "project_id": self.project,
            "date": str(FIRST_DAY + timedelta(days=self.rng.randrange(300))),
            "minutes": 1,
            "description": f"{self.name} entry {self.writes}",
        }
        answer = await self.write("log time", "POST", "/time-entries", body)
        if answer is not None:
            self._created("time entry", answer)

    async def allocate(self) -> None:
        start = FIRST_DAY + timedelta(days=self.rng.randrange(200))
        body = {
            "resource_id": self.resource_id,
            "project_id": self.project,
            "start_date": str(start),
            "end_date": str(start + timedelta(days=self.rng.randrange(1, 30))),
            "hours_per_day": 1,
            "note": "",
        }
        answer = await self.write("allocate", "POST", "/allocations", body)
        if answer is not None:
            allocation = self._created("allocation", answer)
            url = f"/allocations/{allocation['id']}"
            self.allocations.append(self._track("allocation", url, {"note": ""}))

    async def change_allocation(self) -> None:
        await self._change("change allocation", self.allocations, "note", self.allocate)

    async def _change(
        self,
        operation: str,
        rows: list[Tracked],
        name: str,
        otherwise: Callable[[], Awaitable[None]],
    ) -> None:
        """Change `name` of one of `rows` with If-Match (or make a row, when there is none)."""
        if not rows:
            await otherwise()
            return
        row = self.rng.choice(rows)
        value = f"revision {self.writes}"
        if await self.write(operation, "PATCH", row.url, {name: value}, {"If-Match": row.etag}):
            row.changed(**{name: value})

    async def read(self) -> None:
        path = self.rng.choice(["/tasks", "/time-entries", "/allocations"])
        answer = await self._send("read", "GET", path, None, {})
        if answer is not None and answer.status_code != 200 and answer.status_code != 503:
            self.tally.unexpected.append(f"GET {path}: {answer.status_code} {answer.text[:200]}")

    # Bookkeeping

    def _created(self, kind: str, answer: httpx.Response) -> dict[str, Any]:
        row: dict[str, Any] = answer.json()
        if kind == "allocation":
            row = row.get("allocation", row)
        self.tally.created[kind].add(row["id"])
        return row

    def _track(self, kind: str, path: str, values: dict[str, Any]) -> Tracked:
        tracked = Tracked(kind, self.base + path, values)
        self.tally.tracked[tracked.url] = tracked
        return tracked

    # Sending

    async def write(
        self,
        operation: str,
        method: str,
        path: str,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> httpx.Response | None:
        """Make the write once, whatever happens to the connection: the acknowledged answer,
        or None when the server refused it (recorded as unexpected) or never answered."""
        self.writes += 1
        url = path if path.startswith(self.base) else self.base + path
        content = json.dumps(body).encode()
        headers = {
            **(headers or {}),
            "Content-Type": "application/json",
            "Idempotency-Key": f"{self.name}-{self.writes}",
        }
        # A client's first write is dropped and retried, so that even the shortest run has both.
        first = self.writes == 1
        if first or self.rng.random() < self.shape.drop_share:
            await self._drop(method, url, content, headers)
        answer = await self._until_answered(operation, method, url, content, headers)
        if answer is None:
            return None
        if not answer.is_success:
            self.tally.unexpected.append(f"{method} {url}: {answer.status_code} {answer.text}")
            return None
        if first or self.rng.random() < self.shape.retry_share:
            self.tally.retried += 1
            again = await self._until_answered(operation, method, url, content, headers)
            if (
                again is None
                or (again.status_code, again.content) != (answer.status_code, answer.content)
                or again.headers.get("Idempotent-Replayed") != "true"
            ):
                shown = "no answer" if again is None else f"{again.status_code} {again.text}"
                self.tally.wrong_replays.append(f"{method} {url}: {answer.text} / {shown}")
        return answer

    async def _until_answered(
        self, operation: str, method: str, url: str, content: bytes, headers: dict[str, str]
    ) -> httpx.Response | None:
        give_up = time.monotonic() + GIVE_UP_SECONDS
        while time.monotonic() < give_up:
            answer = await self._send(operation, method, url, content, headers)
            if answer is not None and not _try_again(answer):
                return answer
            wait = 0.2 if answer is None else float(answer.headers.get("Retry-After", "1"))
            await asyncio.sleep(min(wait, 1.0) * self.rng.uniform(0.5, 1.0))
        self.tally.unresolved.append(f"{method} {url} {headers['Idempotency-Key']}")
        return None

    async def _send(
        self,
        operation: str,
        method: str,
        url: str,
        content: bytes | None,
        headers: dict[str, str],
    ) -> httpx.Response | None:
        url = url if url.startswith(self.base) else self.base + url
        started = time.monotonic()
        try:
            answer = await self.http.request(method, url, content=content, headers=headers)
        except httpx.TransportError:
            self.tally.no_answer += 1
            return None
        self.tally.seconds[operation].append(time.monotonic() - started)
        self.tally.statuses[answer.status_code] += 1
        if answer.status_code == 503 and _is_unavailable(answer):
            self.tally.unavailable[operation] += 1
        elif answer.status_code >= 500:
            self.tally.server_errors.append(f"{method} {url}: {answer.text[:300]}")
        return answer

    async def _drop(self, method: str, url: str, content: bytes, headers: dict[str, str]) -> None:
        """Send the request on a connection of its own and close it at once: the server gets
        all of it, the client never reads its answer."""
        host, port = self.address.host, self.address.port or 80
        lines = [
            f"{method} {url} HTTP/1.1",
            f"Host: {host}:{port}",
            f"Content-Length: {len(content)}",
            "Connection: close",
            *(f"{name}: {value}" for name, value in {**self._auth(), **headers}.items()),
        ]
        try:
            _, writer = await asyncio.open_connection(host, port)
            writer.write("\r\n".join(lines).encode() + b"\r\n\r\n" + content)
            await writer.drain()
            writer.close()
            await writer.wait_closed()
        except OSError:
            pass
        self.tally.dropped += 1


def _is_unavailable(answer: httpx.Response) -> bool:
    return (
        answer.headers.get("content-type") == "application/problem+json"
        and "Retry-After" in answer.headers
    )


def _try_again(answer: httpx.Response) -> bool:
    if answer.status_code == 503:
        return True
    if answer.status_code == 409 and "json" in answer.headers.get("content-type", ""):
        return bool(answer.json().get("code") == "idempotency_in_progress")
    return False


async def drive(
    url: str,
    database_url: str,
    shape: Shape,
    meanwhile: Callable[[], Awaitable[None]] | None = None,
) -> Report:
    """Run `shape`'s clients against the app served at `url` on `database_url`, and
    `meanwhile` beside them (what a fault test does to the database), then check."""
    where = await prepare(url, shape.clients)
    tally = Tally()
    # Made before the clock starts: each httpx client loads its certificates, which takes a
    # while on a busy machine.
    clients = [Client(n, url, where, shape, tally) for n in range(shape.clients)]
    started = time.monotonic()
    until = started + shape.seconds
    besides = [meanwhile()] if meanwhile is not None else []
    await asyncio.gather(*(client.run(until) for client in clients), *besides)
    seconds = time.monotonic() - started
    rows, failures = await check(database_url, where, tally, shape)
    return Report(shape, tally, seconds, rows, failures)


async def check(
    database_url: str, where: Workspace, tally: Tally, shape: Shape
) -> tuple[int, list[str]]:
    """What the database holds against what the clients were told: the failures found."""
    failures: list[str] = []
    if tally.server_errors:
        failures.append(f"{len(tally.server_errors)} 5xx: {tally.server_errors[:3]}")
    if tally.unavailable and not shape.outages:
        failures.append(f"answers 503 without an outage: {dict(tally.unavailable)}")
    for name, found in [
        ("unexpected answers", tally.unexpected),
        ("writes never answered", tally.unresolved),
        ("wrong replays", tally.wrong_replays),
    ]:
        if found:
            failures.append(f"{len(found)} {name}: {found[:3]}")

    engine = create_async_engine(database_url)
    workspace_id = uuid.UUID(where.id)
    try:
        async with engine.connect() as connection:
            tasks = {
                str(row.id): row
                for row in await connection.execute(
                    select(
                        Task.id, Task.version, Task.description, Task.priority,
                        Task.duration_days, Task.start_date, Task.finish_date,
                    ).where(Task.workspace_id == workspace_id)
                )
            }  # fmt: skip
            links = {
                (str(row.predecessor_id), str(row.successor_id))
                for row in await connection.execute(
                    select(Dependency.predecessor_id, Dependency.successor_id).where(
                        Dependency.workspace_id == workspace_id
                    )
                )
            }
            entries = set(
                map(str, await connection.scalars(
                    select(TimeEntry.id).where(TimeEntry.workspace_id == workspace_id)
                ))
            )  # fmt: skip
            allocations = {
                str(row.id): row
                for row in await connection.execute(
                    select(Allocation.id, Allocation.version, Allocation.note).where(
                        Allocation.workspace_id == workspace_id
                    )
                )
            }
    finally:
        await engine.dispose()

    stored = {"task": set(tasks), "time entry": entries, "allocation": set(allocations)}
    for kind, ids in stored.items():
        acknowledged = tally.created[kind]
        if ids != acknowledged:
            failures.append(
                f"{kind}s: {len(acknowledged - ids)} acknowledged but missing, "
                f"{len(ids - acknowledged)} stored but never acknowledged"
            )
    if links != tally.links:
        failures.append(
            f"links: {len(tally.links - links)} acknowledged but missing, "
            f"{len(links - tally.links)} stored but never acknowledged"
        )
    for link in links:
        predecessor, successor = tasks.get(link[0]), tasks.get(link[1])
        if predecessor is None or successor is None:
            continue
        if None in (successor.start_date, predecessor.finish_date) or (
            successor.start_date <= predecessor.finish_date
        ):
            failures.append(f"link {link}: the successor starts before its predecessor ends")
    for tracked in tally.tracked.values():
        row = (tasks if tracked.kind == "task" else allocations).get(tracked.url.rsplit("/")[-1])
        if row is None:
            continue  # already reported as missing
        held = {name: getattr(row, name) for name in tracked.values}
        if row.version != tracked.version or held != tracked.values:
            failures.append(
                f"{tracked.url}: version {row.version}, {held}; "
                f"acknowledged {tracked.version}, {tracked.values}"
            )
    return len(tasks) + len(links) + len(entries) + len(allocations), failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=Shape.clients)
    parser.add_argument("--seconds", type=float, default=Shape.seconds)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sqlite", action="store_true", help="a SQLite file, one worker")
    arguments = parser.parse_args()
    shape = Shape(clients=arguments.clients, seconds=arguments.seconds)
    with tempfile.TemporaryDirectory() as directory:
        base = None if arguments.sqlite else POSTGRESQL
        with fresh_database(base, Path(directory), "worklane_load") as database_url:
            migrate(database_url)
            log = Path(directory) / "server.log"
            workers = 1 if arguments.sqlite else arguments.workers
            with served(database_url, log, workers=workers) as server:
                report = asyncio.run(drive(server.url, database_url, shape))
    print(f"worklane serve --workers {workers}, {'SQLite' if arguments.sqlite else 'PostgreSQL'}")
    print("\n".join(report.lines()))
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
