"""Signing in and up under attack: growing delays per (email, address), a limit per address,
and password hashing that never holds up other requests."""

import asyncio
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher

from app.auth.service import login_delay
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.security import configure_password_hashing, verify_password
from tests.support.http import PASSWORD, ClientFactory, app_with, unique_email

# The sign-in throttle as it ships: the suite's own settings switch it off.
SHIPPED_THROTTLE = {
    name: field.default
    for name, field in Settings.model_fields.items()
    if name.startswith(("login_", "signups_"))
}


async def _log_in(clients: ClientFactory, address: str, email: str, password: str) -> Any:
    return await clients.client(address=address).post(
        "/api/v1/auth/login", json={"email": email, "password": password}
    )


class _Clock:
    """`utcnow` for the sign-in rules, moved by hand."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = utcnow()
        monkeypatch.setattr("app.auth.service.utcnow", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def test_the_delay_doubles_with_each_failure_after_the_free_ones_up_to_the_cap() -> None:
    settings = Settings(login_free_failures=3, login_delay_seconds=2, login_max_delay_seconds=60)

    delays = [login_delay(settings, failures).total_seconds() for failures in range(1, 10)]

    assert delays == [0, 0, 2, 4, 8, 16, 32, 60, 60]


async def test_failures_from_one_address_never_refuse_the_right_password_from_another(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    _Clock(monkeypatch)  # stopped: no delay runs out while the guesses go on
    async with app_with(settings, **SHIPPED_THROTTLE) as app:
        clients = ClientFactory(app)
        person = await clients.user()
        guesses = [
            (await _log_in(clients, "10.3.0.1", person.email, f"guess-{n}")).status_code
            for n in range(12)
        ]

        mine = await _log_in(clients, "10.3.0.2", person.email, PASSWORD)

    assert guesses[:3] == [401, 401, 401]
    assert set(guesses[3:]) == {429}
    assert mine.status_code == 200


async def test_each_failure_beyond_the_free_ones_doubles_the_wait(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _Clock(monkeypatch)
    async with app_with(settings, **{**SHIPPED_THROTTLE, "login_delay_seconds": 10}) as app:
        clients = ClientFactory(app)
        email, waits = unique_email(), []
        for _ in range(3):
            assert (await _log_in(clients, "10.3.1.1", email, "wrong-pass")).status_code == 401
        for _ in range(3):
            refused = await _log_in(clients, "10.3.1.1", email, "wrong-pass")
            waits.append(int(refused.headers["Retry-After"]))
            clock.advance(waits[-1])
            assert (await _log_in(clients, "10.3.1.1", email, "wrong-pass")).status_code == 401

    assert refused.status_code == 429
    assert refused.json()["code"] == "login_throttled"
    assert waits == [10, 20, 40]


async def test_the_right_password_after_the_wait_signs_in_and_forgets_the_failures(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = _Clock(monkeypatch)
    async with app_with(settings, **SHIPPED_THROTTLE) as app:
        clients = ClientFactory(app)
        person = await clients.user()
        for _ in range(4):
            await _log_in(clients, "10.3.2.1", person.email, "wrong-pass")
        while_waiting = await _log_in(clients, "10.3.2.1", person.email, PASSWORD)
        clock.advance(int(while_waiting.headers["Retry-After"]))

        after = await _log_in(clients, "10.3.2.1", person.email, PASSWORD)
        typo = await _log_in(clients, "10.3.2.1", person.email, "wrong-pass")

    assert while_waiting.status_code == 429
    assert after.status_code == 200
    assert typo.status_code == 401  # a fresh start: the first failures are free again


async def test_an_address_failing_for_many_emails_is_refused_for_every_email(
    settings: Settings, clients: ClientFactory
) -> None:
    # Signed up (and in) where failures from the tests' own address do not count yet.
    person = await clients.user()
    async with app_with(settings, login_failures_per_address=5) as app:
        throttled = ClientFactory(app)
        for _ in range(5):
            await _log_in(throttled, "10.3.3.1", unique_email(), "wrong-pass")

        from_there = await _log_in(throttled, "10.3.3.1", person.email, PASSWORD)
        from_elsewhere = await _log_in(throttled, "10.3.3.2", person.email, PASSWORD)

    assert from_there.status_code == 429
    assert from_there.json()["code"] == "login_throttled"
    assert int(from_there.headers["Retry-After"]) >= 1
    assert from_elsewhere.status_code == 200


async def test_signups_from_one_address_are_limited(settings: Settings) -> None:
    async with app_with(settings, signups_per_address_per_hour=2) as app:
        clients = ClientFactory(app)

        async def sign_up(address: str) -> Any:
            body = {"email": unique_email(), "password": PASSWORD, "name": "New"}
            return await clients.client(address=address).post("/api/v1/auth/signup", json=body)

        answers = [(await sign_up("10.4.0.1")).status_code for _ in range(3)]
        elsewhere = await sign_up("10.4.0.2")
        refused = await sign_up("10.4.0.1")

    assert answers == [202, 202, 429]
    assert elsewhere.status_code == 202
    assert refused.json()["code"] == "signup_throttled"
    assert int(refused.headers["Retry-After"]) >= 1


class _SlowHasher(PasswordHasher):
    """Verifies as slowly as argon2id at production cost, blocking its thread as it would, and
    notes how many verifications ran at once."""

    SECONDS = 0.3

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024)
        self.running = self.most = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(self.SECONDS)
        with self._lock:
            self.running -= 1
        return super().verify(hash, password)


@pytest.fixture
def slow_hasher(settings: Settings) -> Iterator[_SlowHasher]:
    hasher = _SlowHasher()
    configure_password_hashing(time_cost=1, memory_cost_kib=1024, concurrency=2, hasher=hasher)
    yield hasher
    configure_password_hashing(
        time_cost=settings.password_hash_time_cost,
        memory_cost_kib=settings.password_hash_memory_kib,
        concurrency=settings.password_hash_concurrency,
    )


async def test_other_requests_are_answered_while_logins_verify(
    clients: ClientFactory, slow_hasher: _SlowHasher
) -> None:
    people = [await clients.user() for _ in range(3)]
    reader = await clients.user()
    finished: dict[str, float] = {}

    async def log_in(index: int) -> None:
        person = people[index]
        answer = await _log_in(clients, f"10.5.0.{index + 1}", person.email, PASSWORD)
        assert answer.status_code == 200
        finished[f"login {index}"] = time.monotonic()

    async def read() -> None:
        await asyncio.sleep(0.05)  # the logins are verifying by now
        assert (await reader.client.get("/api/v1/me")).status_code == 200
        finished["read"] = time.monotonic()

    await asyncio.gather(*(log_in(index) for index in range(3)), read())

    assert min(finished, key=finished.__getitem__) == "read"


async def test_at_most_the_configured_number_of_hashes_run_at_once(
    slow_hasher: _SlowHasher,
) -> None:
    stored = slow_hasher.hash(PASSWORD)

    results = await asyncio.gather(*(verify_password(stored, PASSWORD) for _ in range(5)))

    assert results == [True] * 5
    assert slow_hasher.most == 2
