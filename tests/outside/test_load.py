"""The load driver (bench/load.py), small, against the served app: many clients writing with
Idempotency-Keys, retrying, dropping connections, and afterwards every acknowledged write
stored exactly once, every changed row at 1 + its acknowledged changes, and no 5xx."""

import os

from bench.load import Shape, drive
from tests.support.served import Server

SECONDS = float(os.environ.get("WORKLANE_OUTSIDE_LOAD_SECONDS", "4"))


async def test_load_with_retries_and_dropped_connections_loses_and_duplicates_nothing(
    server: Server, database_url: str
) -> None:
    report = await drive(server.url, database_url, Shape(clients=16, seconds=SECONDS))

    print("\n" + "\n".join(report.lines()))
    assert not report.failures, "\n".join(report.lines())
    assert report.tally.retried, "\n".join(report.lines())
    assert report.tally.dropped, "\n".join(report.lines())
