"""The database failing under writing clients (PostgreSQL only): its connections killed, and
the server itself stopped and started again. Meanwhile every answer is a success or a 503
problem+json, within a bound (no request hangs); afterwards the service answers again by
itself, and the load driver (bench/load.py) finds no acknowledged write lost, none made twice
and no multi-row change (bulk update, reschedule) half made.

The tests run their own PostgreSQL cluster (initdb, pg_ctl) on a port of its own, so stopping
it touches nothing else, with two `worklane serve` processes on it."""

import asyncio
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from app.auth.credentials import LISTENER_APPLICATION_NAME
from app.core.db import is_sqlite
from bench.load import Report, Shape, drive
from tests.outside.conftest import ServedClients
from tests.support.database import fresh_database, migrate
from tests.support.places import place
from tests.support.served import Server, free_port, served_side_by_side

POSTGRESQL_BIN = Path("/usr/lib/postgresql/15/bin")
# Root may not run PostgreSQL: its commands run as the postgres user then.
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
SECONDS = float(os.environ.get("WORKLANE_OUTSIDE_FAULT_SECONDS", "5"))
OUTAGE_SECONDS = 2.0
# How long the servers here wait for a connection or a lock before answering 503.
WAIT_SECONDS = 2
# No answer takes longer than this, outage or not: the wait, and room for a busy machine.
ANSWER_BOUND_SECONDS = WAIT_SECONDS + 10.0
RECOVERY_BOUND_SECONDS = 15.0


@dataclass(frozen=True)
class Cluster:
    data: Path
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def _pg_ctl(self, *arguments: str) -> None:
        command = [*AS_POSTGRES, str(POSTGRESQL_BIN / "pg_ctl"), "-D", str(self.data)]
        subprocess.run([*command, *arguments], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-w", "-l", str(self.data / "server.log"), "-o", options, "start")

    def stop(self) -> None:
        self._pg_ctl("-w", "-m", "fast", "stop")


@pytest.fixture(scope="module")
def cluster(database_url: str) -> Iterator[Cluster]:
    if is_sqlite(database_url):
        pytest.skip("database faults are PostgreSQL's")
    if not (POSTGRESQL_BIN / "initdb").exists():
        pytest.skip(f"no PostgreSQL binaries in {POSTGRESQL_BIN}")
    home = Path(tempfile.mkdtemp(prefix="worklane-cluster-"))
    if AS_POSTGRES:
        shutil.chown(home, user="postgres")
    data = home / "data"
    initdb = [str(POSTGRESQL_BIN / "initdb"), "-D", str(data), "-U", "postgres"]
    subprocess.run(
        [*AS_POSTGRES, *initdb, "--auth=trust", "--no-sync"], check=True, capture_output=True
    )
    running = Cluster(data, free_port())
    running.start()
    try:
        yield running
    finally:
        subprocess.run([*AS_POSTGRES, str(POSTGRESQL_BIN / "pg_ctl"), "-D", str(data), "-m",
                        "immediate", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def database(cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(cluster.url(), tmp_path_factory.mktemp("db"), "worklane_faults") as url:
        migrate(url)
        yield url


@pytest.fixture(scope="module")
def servers(database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Server]]:
    """Two `worklane serve` processes on the cluster, each with its own credential cache."""
    logs = tmp_path_factory.mktemp("servers")
    waits = {"WORKLANE_DATABASE_WAIT_SECONDS": str(WAIT_SECONDS)}
    with served_side_by_side(database, [logs / "a.log", logs / "b.log"], [1, 1], waits) as both:
        yield both


def assert_held(report: Report) -> None:
    shown = "\n".join(report.lines())
    print("\n" + shown)
    assert not report.failures, shown
    assert report.slowest < ANSWER_BOUND_SECONDS, shown


async def available(send: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:
    """The first answer of `send` that is not a 503 (the service recovered), within a bound."""
    started = time.monotonic()
    while time.monotonic() - started < RECOVERY_BOUND_SECONDS:
        answer = await send()
        if answer.status_code != 503:
            return answer
        await asyncio.sleep(0.1)
    raise AssertionError(f"still unavailable after {RECOVERY_BOUND_SECONDS} s: {answer.text}")


async def recovered(server: Server) -> float:
    """Seconds until `server` is ready again."""
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=server.url, timeout=ANSWER_BOUND_SECONDS) as client:
        ready = await available(lambda: client.get("/readyz"))
    assert ready.status_code == 200, ready.text
    return time.monotonic() - started


async def kill_connections(cluster: Cluster, database: str, *, listeners: bool = True) -> int:
    """Terminate the backends of `database` (the credential listeners' too, or not); how many."""
    admin = create_async_engine(cluster.url(), poolclass=NullPool)
    spared = "" if listeners else LISTENER_APPLICATION_NAME
    kill = text(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
        " WHERE datname = :name AND pid <> pg_backend_pid() AND application_name <> :spared"
    )
    try:
        async with admin.connect() as connection:
            found = await connection.execute(
                kill, {"name": database.rsplit("/", 1)[1], "spared": spared}
            )
            return int(found.scalar_one())
    finally:
        await admin.dispose()


async def test_killed_connections_answer_503_or_succeed_and_lose_nothing(
    cluster: Cluster, database: str, servers: list[Server]
) -> None:
    killed = 0

    async def keep_killing() -> None:
        nonlocal killed
        until = time.monotonic() + SECONDS
        while time.monotonic() < until:
            await asyncio.sleep(0.5)
            killed += await kill_connections(cluster, database)

    shape = Shape(clients=8, seconds=SECONDS, outages=True)
    report = await drive(servers[0].url, database, shape, meanwhile=keep_killing)

    print(f"\n{killed} connections killed")
    assert killed > 0
    assert_held(report)
    await recovered(servers[0])


async def test_a_list_read_on_a_killed_connection_is_503_and_the_next_one_succeeds(
    cluster: Cluster, database: str, servers: list[Server]
) -> None:
    where = await place(ServedClients(servers[0].url))
    token = await where.owner.token(where.wid, ["tasks:read"])
    script = ServedClients(servers[0].url).bearer(token["token"])
    # Twice: the token is cached, and the list runs as the driver's own prepared statement
    # (app/kit/sql.py, plain_rows), which reads through the pool's connection alone.
    for _ in range(2):
        assert (await script.get(where.tasks)).status_code == 200
    # The pool's connections only: with the listener up, the cache still serves the token.
    assert await kill_connections(cluster, database, listeners=False) > 0

    answers = [await script.get(where.tasks) for _ in range(3)]

    assert answers[0].status_code in (200, 503), answers[0].text
    assert [a.status_code for a in answers[1:]] == [200, 200], [a.text for a in answers]


async def test_a_restart_answers_503_meanwhile_and_recovers_with_nothing_lost(
    cluster: Cluster, database: str, servers: list[Server]
) -> None:
    seen: dict[str, float] = {}

    async def restart() -> None:
        await asyncio.sleep(1)
        await asyncio.to_thread(cluster.stop)
        async with httpx.AsyncClient(timeout=ANSWER_BOUND_SECONDS) as client:
            for server in servers:
                ready = await client.get(f"{server.url}/readyz")
                assert ready.status_code == 503, ready.text
        await asyncio.sleep(OUTAGE_SECONDS)
        await asyncio.to_thread(cluster.start)
        seen["recovery"] = max([await recovered(server) for server in servers])

    shape = Shape(clients=8, seconds=SECONDS, outages=True)
    report = await drive(servers[0].url, database, shape, meanwhile=restart)

    print(f"\nrecovered {seen['recovery']:.2f} s after the database was back")
    assert report.tally.unavailable.total() > 0
    assert_held(report)


async def test_a_token_revoked_before_the_listeners_reconnect_is_refused_on_every_process(
    cluster: Cluster, servers: list[Server]
) -> None:
    where = await place(ServedClients(servers[0].url))
    token = await where.owner.token(where.wid, ["tasks:read"])
    scripts = [ServedClients(s.url).bearer(token["token"]) for s in servers]
    for script in scripts:  # each process caches the token now
        assert (await script.get(where.tasks)).status_code == 200

    await asyncio.to_thread(cluster.stop)
    await asyncio.sleep(OUTAGE_SECONDS)
    await asyncio.to_thread(cluster.start)
    # At once, before the listeners' next try: the processes never hear of this revocation.
    url = f"{where.api_tokens}/{token['id']}"
    revoked = await available(lambda: where.owner.client.delete(url))

    assert revoked.status_code == 204, revoked.text
    for script in scripts:
        refused = await available(lambda: script.get(where.tasks))  # noqa: B023 - awaited here
        assert refused.status_code == 401, refused.text
