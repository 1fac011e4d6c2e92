"""Worker processes that each listen on their own socket of the same port (SO_REUSEPORT).

uvicorn's `--workers` share one listening socket, and whichever worker is awake when
connections arrive accepts every one that is waiting. Keep-alive connections opened together
(a reverse proxy's upstream pool, a load generator) then split 3/29 as often as 16/16, and the
worker holding 29 queues them on its core while the other idles: the slowest requests wait
several times longer. With SO_REUSEPORT each worker has its own socket and the kernel hands
every new connection to one of them by a hash of its addresses, so the split is even on
average, whoever is awake.
"""

import logging
import multiprocessing
import signal
import socket
import sys
import time
from multiprocessing.context import SpawnProcess
from types import FrameType

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors import Multiprocess

log = logging.getLogger("worklane")
CHECK_SECONDS = 0.5
STOP_SECONDS = 30.0


def serve(config: uvicorn.Config) -> int:
    """Serve `config` until stopped; the exit code. Several workers get a socket each where the
    kernel balances SO_REUSEPORT sockets (Linux), and share uvicorn's one elsewhere."""
    if config.workers > 1 and _reuse_port_balances():
        return Workers(config).run()
    if config.workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
    return 0


def _reuse_port_balances() -> bool:
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A socket bound to host:port that other processes of this user may bind too."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


def _work(config: uvicorn.Config) -> None:
    """One worker: its own listening socket and one uvicorn server on it."""
    config.configure_logging()
    try:
        sock = reuse_port_socket(config.host, config.port)
    except OSError as error:
        log.error("cannot listen on %s:%d: %s", config.host, config.port, error)
        sys.exit(STARTUP_FAILURE)
    uvicorn.Server(config).run(sockets=[sock])


class Workers:
    """`config.workers` processes serving `config`. A worker that dies is replaced; one that
    cannot start (uvicorn exits with STARTUP_FAILURE when the app or its lifespan fails) stops
    them all. SIGINT or SIGTERM stops them all, each finishing its requests."""

    def __init__(self, config: uvicorn.Config) -> None:
        self.config = config
        self.processes: list[SpawnProcess] = []
        # A plain flag: a signal handler that took a lock the interrupted main thread holds (an
        # Event's, say) would wait for it forever.
        self.stopping = False
        self.exit_code = 0

    def run(self) -> int:
        # Held (bound, never listening) while the workers live: the port is claimed before any
        # of them starts, port 0 becomes one port for all, and no listener of another user can
        # take the port between two workers' restarts.
        try:
            reserved = reuse_port_socket(self.config.host, self.config.port)
        except OSError as error:
            log.error("cannot listen on %s:%d: %s", self.config.host, self.config.port, error)
            return STARTUP_FAILURE
        with reserved:
            self.config.port = reserved.getsockname()[1]
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, self._stop)
            self.processes = [self._start() for _ in range(self.config.workers)]
            log.info("%d workers on %s:%d", self.config.workers, self.config.host, self.config.port)
            while not self.stopping:
                self._replace_dead()
                time.sleep(CHECK_SECONDS)
            self._stop_all()
        return self.exit_code

    def _start(self) -> SpawnProcess:
        process = multiprocessing.get_context("spawn").Process(target=_work, args=(self.config,))
        process.start()
        return process

    def _replace_dead(self) -> None:
        for index, process in enumerate(self.processes):
            if self.stopping:
                return  # Ctrl+C reaches the workers too: they are not dying, they are stopping
            if process.is_alive():
                continue
            if process.exitcode == STARTUP_FAILURE:
                # It failed before serving (the app, or the socket): every restart would too.
                log.error("worker %d failed to start; stopping", process.pid)
                self.exit_code = STARTUP_FAILURE
                self.stopping = True
                return
            log.warning("worker %d exited with %s; starting another", process.pid, process.exitcode)
            self.processes[index] = self._start()

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _stop_all(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
