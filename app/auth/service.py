import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.auth.access import Caller
from app.auth.repository import AuthRepository
from app.auth.schemas import AuthConfig, LogIn, PasswordChange, SignUp
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.security import digest, hash_password, random_secret, verify_password
from app.kit.errors import Conflict, Forbidden
from app.kit.ratelimit import hit, hits_so_far, too_many
from app.models import User

_THROTTLED = "login_throttled"
# The most doublings a sign-in delay takes: 2**30 seconds is far beyond any cap.
_MAX_DOUBLINGS = 30


@dataclass(frozen=True)
class NewSession:
    user: User
    secret: str
    csrf_token: str
    max_age: int


@dataclass(frozen=True)
class LoginFailed:
    """A wrong email or password. Returned, not raised: the failure count must be committed."""


@dataclass(frozen=True)
class PasswordRejected:
    """The current password given with a change was wrong; returned like `LoginFailed`."""


async def config(session: AsyncSession, settings: Settings) -> AuthConfig:
    has_users = await AuthRepository(session).any_user_exists()
    # A closed instance still lets the very first person in, to become its owner.
    return AuthConfig(signup_open=settings.signup_open or not has_users, has_users=has_users)


async def sign_up(
    session: AsyncSession, settings: Settings, data: SignUp, *, client_address: str
) -> None:
    """Make the account, or, when the email is taken, tell its owner: the caller learns
    nothing either way (the same answer, in the same time: the password is hashed in both
    cases), and signs in next, which only the address' owner can."""
    repo = AuthRepository(session)
    if not settings.signup_open and await repo.any_user_exists():
        raise Forbidden("Sign-up is closed; ask an admin to invite you.", code="signup_closed")
    await _count_signup(session, settings, client_address)
    password_hash = await hash_password(data.password)
    made = await repo.add_user_unless_taken(
        email=data.email, name=data.name, password_hash=password_hash
    )
    if not made:
        await repo.note_signup_attempt(data.email, utcnow())


async def _count_signup(session: AsyncSession, settings: Settings, client_address: str) -> None:
    """Counted in the request's transaction: a sign-up that fails is not counted, and the
    count's row stays locked until this one ends, so sign-ups from one address queue."""
    limit = settings.signups_per_address_per_hour
    if limit <= 0:
        return
    key = "signup-ip:" + digest(client_address)
    count, reset = await hit(session, key, window_seconds=3600)
    if count > limit:
        raise too_many(
            "Too many accounts made from this address; try again later.", reset, "signup_throttled"
        )


async def create_user(session: AsyncSession, *, email: str, name: str, password: str) -> User:
    """For the `create-user` command: the same rules as sign-up, whether or not it is open."""
    data = SignUp(email=email, name=name, password=password)
    repo = AuthRepository(session)
    if await repo.user_by_email(data.email) is not None:
        raise Conflict("An account with this email already exists.", code="email_taken")
    return await repo.add_user(
        email=data.email, name=data.name, password_hash=await hash_password(data.password)
    )


def login_delay(settings: Settings, failures: int) -> timedelta:
    """How long a pair with `failures` recent failures waits before its next try: nothing for
    the first few, then doubling with each failure, up to the cap."""
    beyond = failures - settings.login_free_failures
    if beyond < 0:
        return timedelta()
    seconds = settings.login_delay_seconds * 2 ** min(beyond, _MAX_DOUBLINGS)
    return timedelta(seconds=min(seconds, settings.login_max_delay_seconds))


async def _password_matches(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    password_hash: str | None,
    password: str,
    client_address: str,
) -> bool:
    """Check a password (against `password_hash`; None: no such account) under the sign-in
    throttle.

    Refused with 429 while this (email, address) pair waits out its delay, or once the address
    has failed too often in the window, whatever the email: the right password too, or guessing
    would go on. Failures from one address never slow another address down, so nobody can lock
    someone else out. A failure is counted in the request's transaction (the caller returns its
    answer rather than raising, so it commits); a success forgets the pair's failures.
    """
    repo, now = AuthRepository(session), utcnow()
    address_key = "login-ip:" + digest(client_address)
    window = settings.login_failure_window_seconds
    failed_here, reset = await hits_so_far(session, address_key, window_seconds=window)
    if failed_here >= settings.login_failures_per_address:
        raise too_many("Too many failed sign-ins from here; wait and try again.", reset, _THROTTLED)
    pair_key = digest(f"login:{email.lower()}\n{client_address}")
    pair = await repo.lock_login_failures(pair_key)
    failures = _recent_failures(settings, pair.failures, pair.last_failed_at, now)
    if failures and pair.last_failed_at is not None:
        retry_at = pair.last_failed_at + login_delay(settings, failures)
        if now < retry_at:
            wait = math.ceil((retry_at - now).total_seconds())
            raise too_many("Too many failed sign-ins; wait and try again.", wait, _THROTTLED)
    if await verify_password(password_hash, password):
        await repo.forget_login_failures(pair_key)
        return True
    await repo.record_login_failures(pair_key, failures + 1, now)
    await hit(session, address_key, window_seconds=window)
    return False


def _recent_failures(
    settings: Settings, failures: int, last_failed_at: datetime | None, now: datetime
) -> int:
    """Failures count until a day (`login_failure_memory_hours`) passes without one."""
    memory = timedelta(hours=settings.login_failure_memory_hours)
    if last_failed_at is None or last_failed_at <= now - memory:
        return 0
    return failures


async def log_in(
    session: AsyncSession,
    settings: Settings,
    data: LogIn,
    *,
    client_address: str,
    previous_secret: str | None,
) -> NewSession | LoginFailed:
    repo = AuthRepository(session)
    user = await repo.user_by_email(data.email)
    matches = await _password_matches(
        session,
        settings,
        email=data.email,
        password_hash=user.password_hash if user else None,
        password=data.password,
        client_address=client_address,
    )
    if not matches or user is None or not user.is_active:
        return LoginFailed()
    if previous_secret:
        await repo.delete_session(digest(previous_secret))
    return await _start_session(repo, settings, user)


async def change_password(
    session: AsyncSession,
    settings: Settings,
    caller: Caller,
    data: PasswordChange,
    *,
    client_address: str,
) -> PasswordRejected | None:
    """Set a new password, given the current one, and end every other session of the user:
    whoever else was signed in with the old password is signed out. API tokens stay."""
    repo = AuthRepository(session)
    user, auth_session = await repo.user(caller.user.id), caller.auth_session
    assert user is not None  # the user of a live session
    assert auth_session is not None  # a `SessionCaller`
    matches = await _password_matches(
        session,
        settings,
        email=user.email,
        password_hash=user.password_hash,
        password=data.current_password,
        client_address=client_address,
    )
    if not matches:
        return PasswordRejected()
    user.password_hash = await hash_password(data.new_password)
    await session.flush()
    await repo.delete_sessions_of(user.id, keep=auth_session.id)
    return None


async def _start_session(repo: AuthRepository, settings: Settings, user: User) -> NewSession:
    secret, csrf_token = random_secret(), random_secret(24)
    ttl = timedelta(hours=settings.session_ttl_hours)
    await repo.add_session(
        user_id=user.id, digest=digest(secret), csrf_token=csrf_token, expires_at=utcnow() + ttl
    )
    return NewSession(user, secret, csrf_token, int(ttl.total_seconds()))


async def log_out(session: AsyncSession, secret: str | None) -> None:
    if secret:
        await AuthRepository(session).delete_session(digest(secret))


async def log_out_everywhere(session: AsyncSession, caller: Caller) -> None:
    """End every session of the user, this one too. API tokens stay."""
    await AuthRepository(session).delete_sessions_of(caller.user.id)


async def purge_ended_sessions(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> int:
    """Delete sessions past their lifetime or idle timeout, and sign-in failures nobody
    remembers any more (a periodic job); answers how many sessions went."""
    now = utcnow()
    async with sessionmaker() as session:
        repo = AuthRepository(session)
        idle_since = now - timedelta(hours=settings.session_idle_hours)
        ended = await repo.delete_ended_sessions(now, idle_since)
        await repo.delete_old_login_failures(
            now - timedelta(hours=settings.login_failure_memory_hours)
        )
        await session.commit()
    return ended
