"""`worklane serve --workers N` (app/core/serving.py): the workers, each on its own socket."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from uvicorn.config import STARTUP_FAILURE

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="SO_REUSEPORT balances connections on Linux"
)
ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
WAIT_SECONDS = 30.0
CONNECTIONS = 32


@dataclass(frozen=True)
class Supervisor:
    process: subprocess.Popen[bytes]
    port: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _start(port: int, workers: int, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tests.support.pid_server", str(port), str(workers)]
    command.extend(options)
    return subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)


@contextmanager
def supervisor(workers: int = 2) -> Iterator[Supervisor]:
    port = _free_port()
    process = _start(port, workers)
    try:
        yield Supervisor(process, port)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=WAIT_SECONDS)


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _ask(port: int, connection: Connection, path: str = "/") -> int:
    await _send(port, connection, path)
    return await _answer(connection)


async def _send(port: int, connection: Connection, path: str) -> None:
    _, writer = connection
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n\r\n".encode())
    await writer.drain()


async def _answer(connection: Connection) -> int:
    reader, _ = connection
    head = await reader.readuntil(b"\r\n\r\n")
    return int(await reader.readexactly(_content_length(head)))


def _content_length(head: bytes) -> int:
    for line in head.lower().split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name == b"content-length":
            return int(value)
    raise AssertionError(f"no content-length in {head!r}")


async def _serving_pids(port: int, connections: int) -> list[int]:
    """The worker behind each of `connections` connections opened together, then used."""
    opened = await asyncio.gather(
        *(asyncio.open_connection(HOST, port) for _ in range(connections))
    )
    try:
        return list(await asyncio.gather(*(_ask(port, pair) for pair in opened)))
    finally:
        for _, writer in opened:
            writer.close()


async def _burst_while_one_worker_is_busy(port: int) -> Counter[int]:
    """The workers behind CONNECTIONS connections opened while one worker is blocked."""
    blocker = await asyncio.open_connection(HOST, port)
    await _send(port, blocker, "/block")
    await asyncio.sleep(0.1)
    pids = await _serving_pids(port, CONNECTIONS)
    await _answer(blocker)
    blocker[1].close()
    return Counter(pids)


def _wait_for_workers(port: int, count: int, exclude: frozenset[int] = frozenset()) -> set[int]:
    """Until `count` distinct workers (none of them in `exclude`) have answered."""
    deadline = time.monotonic() + WAIT_SECONDS
    seen: set[int] = set()
    while time.monotonic() < deadline:
        try:
            seen |= set(asyncio.run(_serving_pids(port, 4))) - exclude
        except OSError:
            time.sleep(0.1)
            continue
        if len(seen) >= count:
            return seen
    raise AssertionError(f"{count} workers did not answer within {WAIT_SECONDS} s: {seen}")


def test_connections_opened_together_are_spread_over_the_workers() -> None:
    with supervisor(workers=2) as running:
        _wait_for_workers(running.port, 2)
        shares = Counter(asyncio.run(_serving_pids(running.port, CONNECTIONS)))
    # Each connection lands on either socket by a hash: a split worse than 6/26 has a chance
    # of about 1 in 9,000.
    assert len(shares) == 2
    assert min(shares.values()) >= 6, shares


def test_a_busy_worker_still_gets_its_share_of_new_connections() -> None:
    with supervisor(workers=2) as running:
        _wait_for_workers(running.port, 2)
        shares = asyncio.run(_burst_while_one_worker_is_busy(running.port))
    # On one shared socket the idle worker would accept all of them, to be served one by one.
    assert len(shares) == 2
    assert min(shares.values()) >= 6, shares


def test_a_worker_that_dies_is_replaced() -> None:
    with supervisor(workers=2) as running:
        workers = _wait_for_workers(running.port, 2)
        killed = workers.pop()
        os.kill(killed, signal.SIGKILL)
        after = _wait_for_workers(running.port, 2, exclude=frozenset({killed}))
    assert killed not in after
    assert workers <= after


def test_stopping_the_supervisor_stops_every_worker() -> None:
    with supervisor(workers=2) as running:
        workers = _wait_for_workers(running.port, 2)
        running.process.send_signal(signal.SIGTERM)
        assert running.process.wait(timeout=WAIT_SECONDS) == 0
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_a_port_taken_by_another_server_fails_at_once() -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        process = _start(taken.getsockname()[1], workers=2)
        _, stderr = process.communicate(timeout=WAIT_SECONDS)
    assert process.returncode == STARTUP_FAILURE
    assert b"cannot listen" in stderr


def test_workers_whose_app_cannot_start_stop_the_supervisor() -> None:
    process = _start(_free_port(), 2, "broken")
    try:
        process.communicate(timeout=WAIT_SECONDS)
    finally:
        process.kill()
    assert process.returncode == STARTUP_FAILURE
