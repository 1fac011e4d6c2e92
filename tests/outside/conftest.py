"""The app served by `worklane serve` in its own process, on the test session's database, and
clients that reach it over real sockets: what in-process tests cannot see (work done after an
answer is sent, several connections at once) shows here."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.http import ClientFactory

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
STARTUP_SECONDS = 30.0


@dataclass(frozen=True)
class Server:
    url: str
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")


@pytest.fixture(scope="session")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    port = _free_port()
    url = f"http://{HOST}:{port}"
    log = tmp_path_factory.mktemp("server") / "server.log"
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "WORKLANE_DATABASE_URL": database_url,
        "WORKLANE_LOG_JSON": "false",
        "WORKLANE_LOG_LEVEL": "WARNING",
        "WORKLANE_SPA_DIST_DIR": "/nonexistent",
        "WORKLANE_PASSWORD_HASH_TIME_COST": "1",
        "WORKLANE_PASSWORD_HASH_MEMORY_KIB": "1024",
        # Counted (so the rate limiter's writes take part), but never reached.
        "WORKLANE_RATE_LIMIT_PER_MINUTE": "1000000",
        # Every client signs its people up from 127.0.0.1.
        "WORKLANE_SIGNUPS_PER_ADDRESS_PER_HOUR": "0",
        # What these tests check is that nothing fails or is lost, not how fast the machine
        # running the suite is: the bounded waits have tests of their own (tests/core/test_db.py,
        # tests/kit/test_idempotency.py), so here they are long enough for a busy CI machine.
        "WORKLANE_DATABASE_WAIT_SECONDS": "30",
        "WORKLANE_IDEMPOTENCY_WAIT_SECONDS": "30",
    }
    command = [
        str(Path(sys.executable).parent / "worklane"),
        *("serve", "--no-migrate", "--host", HOST, "--port", str(port)),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_up(process, url, log)
        yield Server(url, log)
    finally:
        process.terminate()
        process.wait(timeout=STARTUP_SECONDS)


class ServedClients(ClientFactory):
    """`ClientFactory`'s people and helpers, talking to the served app over sockets."""

    def __init__(self, url: str) -> None:
        super().__init__(app=None)
        self.url = url

    def client(
        self, *, address: str = HOST, headers: dict[str, str] | None = None
    ) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url=self.url, headers=headers, timeout=30)


@pytest.fixture
def outside(server: Server) -> ServedClients:
    return ServedClients(server.url)
