"""`worklane serve` in its own process, on a given database, as tests/outside and the load
driver (bench/load.py) run it: real sockets, real worker processes."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Generous: importing the app takes seconds on a busy machine.
STARTUP_SECONDS = 180.0

# What a served app under test needs that production does not.
TEST_ENVIRONMENT = {
    "WORKLANE_LOG_JSON": "false",
    "WORKLANE_LOG_LEVEL": "WARNING",
    "WORKLANE_SPA_DIST_DIR": "/nonexistent",
    "WORKLANE_PASSWORD_HASH_TIME_COST": "1",
    "WORKLANE_PASSWORD_HASH_MEMORY_KIB": "1024",
    # Counted (so the rate limiter's writes take part), but never reached.
    "WORKLANE_RATE_LIMIT_PER_MINUTE": "1000000",
    # Every client signs its people up from 127.0.0.1.
    "WORKLANE_SIGNUPS_PER_ADDRESS_PER_HOUR": "0",
}


@dataclass(frozen=True)
class Server:
    url: str
    log: Path
    pid: int


def free_port() -> int:
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


@contextmanager
def served(
    database_url: str, log: Path, *, workers: int = 1, environment: dict[str, str] | None = None
) -> Iterator[Server]:
    """`worklane serve --workers N` on a free port of 127.0.0.1 and the migrated database
    `database_url`, with TEST_ENVIRONMENT and `environment` on top; stopped afterwards."""
    with served_side_by_side(database_url, [log], [workers], environment) as (server,):
        yield server


@contextmanager
def served_side_by_side(
    database_url: str,
    logs: Sequence[Path],
    workers: Sequence[int],
    environment: dict[str, str] | None = None,
) -> Iterator[list[Server]]:
    """Several `served` apps on one database, each with its log and number of workers,
    started at the same time (each takes seconds to import the app)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "WORKLANE_DATABASE_URL": database_url,
        **TEST_ENVIRONMENT,
        **(environment or {}),
    }
    started: list[tuple[subprocess.Popen[bytes], Server]] = []
    try:
        for log, count in zip(logs, workers, strict=True):
            port = free_port()
            command = [
                str(Path(sys.executable).parent / "worklane"),
                *("serve", "--no-migrate", "--host", HOST, "--port", str(port)),
                *("--workers", str(count)),
            ]
            with log.open("wb") as output:
                process = subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
                )
            started.append((process, Server(f"http://{HOST}:{port}", log, process.pid)))
        for process, server in started:
            _wait_until_up(process, server.url, server.log)
        yield [server for _, server in started]
    finally:
        for process, _ in started:
            process.terminate()
        for process, _ in started:
            try:
                process.wait(timeout=STARTUP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
