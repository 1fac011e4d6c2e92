from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.repository import AuthRepository
from app.auth.schemas import AuthConfig, LogIn, SignUp
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.security import digest, hash_password, random_secret, verify_password
from app.kit.errors import Conflict, Forbidden
from app.kit.ratelimit import hit, hits_so_far, too_many
from app.models import User


@dataclass(frozen=True)
class NewSession:
    user: User
    secret: str
    csrf_token: str
    max_age: int


@dataclass(frozen=True)
class LoginFailed:
    """A wrong email or password. Returned, not raised: the failure count must be committed."""


async def config(session: AsyncSession, settings: Settings) -> AuthConfig:
    has_users = await AuthRepository(session).any_user_exists()
    # A closed instance still lets the very first person in, to become its owner.
    return AuthConfig(signup_open=settings.signup_open or not has_users, has_users=has_users)


async def sign_up(session: AsyncSession, settings: Settings, data: SignUp) -> User:
    repo = AuthRepository(session)
    if not settings.signup_open and await repo.any_user_exists():
        raise Forbidden("Sign-up is closed; ask an admin to add you.", code="signup_closed")
    if await repo.user_by_email(data.email) is not None:
        raise Conflict("An account with this email already exists.", code="email_taken")
    return await repo.add_user(
        email=data.email, name=data.name, password_hash=hash_password(data.password)
    )


async def create_user(session: AsyncSession, *, email: str, name: str, password: str) -> User:
    """For the `create-user` command: the same rules as sign-up, whether or not it is open."""
    data = SignUp(email=email, name=name, password=password)
    repo = AuthRepository(session)
    if await repo.user_by_email(data.email) is not None:
        raise Conflict("An account with this email already exists.", code="email_taken")
    return await repo.add_user(
        email=data.email, name=data.name, password_hash=hash_password(data.password)
    )


def _failure_keys(email: str, client_address: str) -> list[str]:
    return [f"login-email:{email.lower()}", f"login-ip:{client_address}"]


async def log_in(
    session: AsyncSession,
    settings: Settings,
    data: LogIn,
    *,
    client_address: str,
    previous_secret: str | None,
) -> NewSession | LoginFailed:
    repo = AuthRepository(session)
    window = settings.login_failure_window_seconds
    keys = _failure_keys(data.email, client_address)
    # Throttled means refused even with the right password, or guessing could go on.
    for key in keys:
        failures, reset = await hits_so_far(session, key, window_seconds=window)
        if failures >= settings.login_failures_per_window:
            raise too_many(
                "Too many failed sign-ins; wait and try again.", reset, "login_throttled"
            )
    user = await repo.user_by_email(data.email)
    ok = verify_password(user.password_hash if user else None, data.password)
    if not ok or user is None or not user.is_active:
        for key in keys:
            await hit(session, key, window_seconds=window)
        return LoginFailed()
    if previous_secret:
        await repo.delete_session(digest(previous_secret))
    return await _start_session(repo, settings, user)


async def start_session(session: AsyncSession, settings: Settings, user: User) -> NewSession:
    return await _start_session(AuthRepository(session), settings, user)


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
