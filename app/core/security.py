"""Secrets: password hashing, API tokens and session secrets.

Only digests of tokens and session secrets are stored, so a copy of the database signs nobody in.
"""

import asyncio
import hashlib
import secrets
import string
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIX = "wl_pat_"
_BASE62 = string.digits + string.ascii_letters
_TOKEN_BODY_LENGTH = 36
_CHECKSUM_LENGTH = 6
Result = TypeVar("Result")


class _Passwords:
    """argon2id; the library's recommended cost unless configured (tests use a cheap one).

    A hash at production cost takes about 200 ms of CPU and 64 MiB: it runs in a thread of a
    small pool of its own, so the event loop keeps answering other requests meanwhile, and the
    pool's size caps how many run (and how much memory they take) at once.
    """

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argon2")
        self.configure(PasswordHasher(), concurrency=1)

    def configure(self, hasher: PasswordHasher, *, concurrency: int) -> None:
        self.hasher = hasher
        # Verifying against this when the email is unknown makes both failures take as long.
        self.dummy_hash = hasher.hash("not a real password")
        replaced, self.pool = (
            self.pool,
            ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="argon2"),
        )
        replaced.shutdown(wait=False)  # hashes under way finish, then its threads end

    async def run(self, work: Callable[[], Result]) -> Result:
        return await asyncio.get_running_loop().run_in_executor(self.pool, work)


_passwords = _Passwords()


def configure_password_hashing(
    *, time_cost: int, memory_cost_kib: int, concurrency: int, hasher: PasswordHasher | None = None
) -> None:
    """Set the cost and the pool; `hasher` replaces argon2id's own (tests measure with a slow
    one)."""
    hasher = hasher or PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib)
    _passwords.configure(hasher, concurrency=concurrency)


async def hash_password(password: str) -> str:
    hasher = _passwords.hasher
    return await _passwords.run(lambda: hasher.hash(password))


def _verify(hasher: PasswordHasher, password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether `password` matches; an unknown account (no hash) costs as much and fails."""
    hasher, stored = _passwords.hasher, password_hash or _passwords.dummy_hash
    verified = await _passwords.run(lambda: _verify(hasher, stored, password))
    return verified and password_hash is not None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def random_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def _base62(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, rem = divmod(number, 62)
        chars.append(_BASE62[rem])
    return "".join(reversed(chars))


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode()), _CHECKSUM_LENGTH)


def new_api_token() -> str:
    """`wl_pat_` + random base62 + a CRC32 checksum, so scanners can spot leaked tokens."""
    body = "".join(secrets.choice(_BASE62) for _ in range(_TOKEN_BODY_LENGTH))
    return TOKEN_PREFIX + body + _checksum(body)


def is_well_formed_api_token(token: str) -> bool:
    if not token.startswith(TOKEN_PREFIX):
        return False
    rest = token[len(TOKEN_PREFIX) :]
    if len(rest) != _TOKEN_BODY_LENGTH + _CHECKSUM_LENGTH or any(c not in _BASE62 for c in rest):
        return False
    body, checksum = rest[:_TOKEN_BODY_LENGTH], rest[_TOKEN_BODY_LENGTH:]
    return secrets.compare_digest(_checksum(body), checksum)
