"""Servers under test and the load on them: uvicorn in its own process, wrk as the client.

wrk keeps `concurrency` connections busy (a closed loop) from one thread; a Lua script rotates
the request paths and the API tokens, and prints wrk's summary as one JSON line. The server's
CPU time is read from /proc around each run (Linux).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
START_TIMEOUT = 60.0
RESULT_MARK = "BENCH_RESULT "
LUA = """
local paths = {%(paths)s}
local tokens = {%(tokens)s}
local sent = 0

function request()
  sent = sent + 1
  local i = sent
  local headers = {["Authorization"] = "Bearer " .. tokens[i %% #tokens + 1]}
  return wrk.format("GET", paths[i %% #paths + 1], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  local quantiles = {}
  for i = 1, %(quantiles)d - 1 do
    quantiles[i] = latency:percentile(100 * i / %(quantiles)d)
  end
  quantiles[%(quantiles)d] = latency.max
  io.write(string.format(
    '%(mark)s{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"failures": %%d, "quantiles_us": [%%s]}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, table.concat(quantiles, ",")))
end
"""
# Latency quantiles kept per run: enough for the p99 of several runs' requests together (see
# pooled_percentile), to a thousandth of their number.
QUANTILES = 1000


@dataclass(frozen=True)
class Server:
    name: str
    factory: str  # "module:function" returning the ASGI app
    env: dict[str, str]
    workers: int


@dataclass(frozen=True)
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    failures: int  # non-2xx/3xx answers, socket errors and timeouts
    # The latencies at 1/QUANTILES, 2/QUANTILES... of the requests, the last one the slowest.
    quantiles_ms: tuple[float, ...]
    # CPU time of the server process per request: unlike requests/s, barely moved by whatever
    # else runs on the machine.
    cpu_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def pooled_percentile(loads: Sequence[Load], percent: float) -> float:
    """The latency under which `percent` of all the requests of `loads` were answered, as if
    they had been one run: each run's quantiles stand for equal shares of its requests."""
    weighted = sorted(
        (latency, load.requests / len(load.quantiles_ms))
        for load in loads
        for latency in load.quantiles_ms
    )
    wanted = sum(load.requests for load in loads) * percent / 100
    reached = 0.0
    for latency, weight in weighted:
        reached += weight
        if reached >= wanted:
            return latency
    return weighted[-1][0]


def require_wrk() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")


def write_script(directory: Path, paths: Sequence[str], tokens: Sequence[str]) -> Path:
    script = directory / "tasks_list.lua"
    script.write_text(
        LUA
        % {
            "paths": ",".join(json.dumps(p) for p in paths),
            "tokens": ",".join(json.dumps(t) for t in tokens),
            "mark": RESULT_MARK,
            "quantiles": QUANTILES,
        }
    )
    return script


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Running:
    base: str
    pid: int

    def cpu_seconds(self) -> float:
        """User plus system CPU time so far of the server process and its worker processes
        (Linux /proc)."""
        return sum(_cpu_seconds(pid) for pid in (self.pid, *_children(self.pid)))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


@contextmanager
def serving(server: Server, probe: str, token: str) -> Iterator[Running]:
    """`server` in its own processes (bench.serve), once it answers `probe` with a 200."""
    port = _free_port()
    serve = [sys.executable, "-m", "bench.serve", server.factory, HOST, str(port)]
    command = [*serve, str(server.workers)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=server.env, stdout=log, stderr=log)
        try:
            base = f"http://{HOST}:{port}"
            _wait_until_ready(process, base + probe, token, log)
            yield Running(base, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(process: subprocess.Popen[bytes], url: str, token: str, log: Any) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            sys.exit(f"the server exited ({process.returncode}):\n{log.read().decode()[-3000:]}")
        try:
            answer = httpx.get(url, headers={"Authorization": f"Bearer {token}"}, timeout=5)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        if answer.status_code != 200:
            sys.exit(f"GET {url}: {answer.status_code} {answer.text[:500]}")
        return
    sys.exit(f"the server did not answer {url} within {START_TIMEOUT:.0f} s")


def fetch(base: str, paths: Sequence[str], token: str) -> list[Any]:
    """The JSON answers to `paths`, one request at a time."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        answers = [client.get(path) for path in paths]
    for path, answer in zip(paths, answers, strict=True):
        if answer.status_code != 200:
            sys.exit(f"GET {path}: {answer.status_code} {answer.text[:500]}")
    return [answer.json() for answer in answers]


def wrk(running: Running, script: Path, *, seconds: int, concurrency: int) -> Load:
    command = [
        "wrk", "--threads", "1", "--connections", str(concurrency),
        "--duration", f"{seconds}s", "--timeout", "30s", "--script", str(script), running.base,
    ]  # fmt: skip
    cpu_before = running.cpu_seconds()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    cpu = running.cpu_seconds() - cpu_before
    line = next((ln for ln in output.splitlines() if ln.startswith(RESULT_MARK)), None)
    if line is None:
        sys.exit(f"no result from wrk:\n{output}")
    result = json.loads(line.removeprefix(RESULT_MARK))
    return Load(
        requests=result["requests"],
        seconds=result["duration_us"] / 1e6,
        p50_ms=result["p50_us"] / 1e3,
        p99_ms=result["p99_us"] / 1e3,
        quantiles_ms=tuple(us / 1e3 for us in result["quantiles_us"]),
        failures=result["failures"],
        cpu_ms=cpu * 1e3 / max(result["requests"], 1),
    )
