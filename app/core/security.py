"""Secrets: password hashing, API tokens and session secrets.

Only digests of tokens and session secrets are stored, so a copy of the database signs nobody in.
"""

import hashlib
import secrets
import string
import zlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIX = "wl_pat_"
_BASE62 = string.digits + string.ascii_letters
_TOKEN_BODY_LENGTH = 36
_CHECKSUM_LENGTH = 6


class _Passwords:
    """argon2id; the library's recommended cost unless configured (tests use a cheap one)."""

    def __init__(self) -> None:
        self.configure(PasswordHasher())

    def configure(self, hasher: PasswordHasher) -> None:
        self.hasher = hasher
        # Verifying against this when the email is unknown makes both failures take as long.
        self.dummy_hash = hasher.hash("not a real password")


_passwords = _Passwords()


def configure_password_hashing(*, time_cost: int, memory_cost_kib: int) -> None:
    _passwords.configure(PasswordHasher(time_cost=time_cost, memory_cost=memory_cost_kib))


def hash_password(password: str) -> str:
    return _passwords.hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        verified = _passwords.hasher.verify(password_hash or _passwords.dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return False
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
