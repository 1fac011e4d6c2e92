"""The app served by `worklane serve` in its own process, on the test session's database, and
clients that reach it over real sockets: what in-process tests cannot see (work done after an
answer is sent, several connections at once) shows here."""

from collections.abc import Iterator

import httpx
import pytest

from tests.support.http import ClientFactory
from tests.support.served import HOST, Server, served


@pytest.fixture(scope="session")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("server") / "server.log"
    # What these tests check is that nothing fails or is lost, not how fast the machine
    # running the suite is: the bounded waits have tests of their own (tests/core/test_db.py,
    # tests/kit/test_idempotency.py, tests/outside/test_faults.py), so here they are long
    # enough for a busy CI machine.
    waits = {"WORKLANE_DATABASE_WAIT_SECONDS": "30", "WORKLANE_IDEMPOTENCY_WAIT_SECONDS": "30"}
    with served(database_url, log, environment=waits) as running:
        yield running


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
