import uuid
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from app.auth.credentials import SessionRef, TokenRef
from app.kit.repository import Repository
from app.models import ApiToken, AuthSession, LoginThrottle, Member, Notification, User

# The kind of notification that tells an address' owner of a sign-up with it.
SIGNUP_ATTEMPT = "signup_attempt"


class AuthRepository(Repository):
    """Users, sessions and API tokens. Read across workspaces: a credential is found by its
    digest before any workspace is known, and people sign in once for all their workspaces."""

    async def user_by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    async def user(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def any_user_exists(self) -> bool:
        return (await self.session.scalar(select(User.id).limit(1))) is not None

    async def add_user(self, *, email: str, name: str, password_hash: str) -> User:
        user = User(email=email.lower(), name=name, password_hash=password_hash)
        self.session.add(user)
        await self.session.flush()
        return user

    async def add_user_unless_taken(self, *, email: str, name: str, password_hash: str) -> bool:
        """Add the user, or answer False when the email is taken: a concurrent sign-up with the
        same email loses to the unique key inside a savepoint, and the request goes on."""
        if await self.user_by_email(email) is not None:
            return False
        try:
            async with self.session.begin_nested():
                await self.add_user(email=email, name=name, password_hash=password_hash)
        except IntegrityError:
            return False
        return True

    async def note_signup_attempt(self, email: str, now: datetime) -> None:
        """Tell the owner of `email` that someone tried to sign up with it: one unread notice
        at most, in their oldest workspace (an inbox belongs to a membership; someone in no
        workspace has none, and is not told until an email sender exists)."""
        user = await self.user_by_email(email)
        if user is None:
            return
        member = await self.session.scalar(
            select(Member).where(Member.user_id == user.id).order_by(Member.id).limit(1)
        )
        unread = await self.session.scalar(
            select(Notification.id).where(
                Notification.user_id == user.id,
                Notification.kind == SIGNUP_ATTEMPT,
                Notification.read_at.is_(None),
            )
        )
        if member is None or unread is not None:
            return
        self.session.add(
            Notification(
                workspace_id=member.workspace_id,
                user_id=user.id,
                recipient_id=member.id,
                kind=SIGNUP_ATTEMPT,
                summary="Someone tried to sign up with your email address. If it was you, "
                "sign in instead; if not, nothing has changed.",
                created_at=now,
            )
        )
        await self.session.flush()

    async def add_session(
        self, *, user_id: uuid.UUID, digest: str, csrf_token: str, expires_at: datetime
    ) -> AuthSession:
        auth_session = AuthSession(
            user_id=user_id, digest=digest, csrf_token=csrf_token, expires_at=expires_at
        )
        self.session.add(auth_session)
        await self.session.flush()
        return auth_session

    async def live_session_with_user(
        self, digest: str, now: datetime
    ) -> tuple[AuthSession, User] | None:
        row = (
            await self.session.execute(
                select(AuthSession, User)
                .join(User, User.id == AuthSession.user_id)
                .where(AuthSession.digest == digest, AuthSession.expires_at > now)
            )
        ).first()
        return (row[0], row[1]) if row else None

    async def delete_session(self, digest: str) -> None:
        await self.session.execute(delete(AuthSession).where(AuthSession.digest == digest))

    async def delete_sessions_of(
        self, user_id: uuid.UUID, *, keep: uuid.UUID | None = None
    ) -> None:
        """End every session of the user, but `keep`."""
        statement = delete(AuthSession).where(AuthSession.user_id == user_id)
        if keep is not None:
            statement = statement.where(AuthSession.id != keep)
        await self.session.execute(statement)

    async def delete_ended_sessions(self, now: datetime, idle_since: datetime) -> int:
        """Delete the sessions past their lifetime or idle since before `idle_since`."""
        result = await self.session.execute(
            delete(AuthSession).where(
                or_(AuthSession.expires_at <= now, AuthSession.last_seen_at <= idle_since)
            )
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def touch_session(
        self, auth_session: SessionRef, now: datetime, resolution: timedelta
    ) -> bool:
        """Record activity at most once per `resolution`; answers whether it wrote."""
        if now - auth_session.last_seen_at < resolution:
            return False
        # When a session was last used is not a credential: the cache stays.
        await self.session.execute(
            update(AuthSession)
            .where(AuthSession.id == auth_session.id)
            .values(last_seen_at=now)
            .execution_options(synchronize_session=False, credentials_unchanged=True)
        )
        return True

    async def lock_login_failures(self, key: str) -> LoginThrottle:
        """The pair's failures, its row locked until the transaction ends, so attempts of one
        pair are checked one after another (the row is made if the pair has none)."""
        dialect = self.session.get_bind().dialect.name
        upsert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(LoginThrottle)
        statement = (
            upsert.values(key=key, failures=0)
            .on_conflict_do_update(
                index_elements=["key"], set_={"failures": LoginThrottle.failures}
            )
            .returning(LoginThrottle)
        )
        row: LoginThrottle = (await self.session.scalars(statement)).one()
        return row

    async def record_login_failures(self, key: str, failures: int, at: datetime) -> None:
        await self.session.execute(
            update(LoginThrottle)
            .where(LoginThrottle.key == key)
            .values(failures=failures, last_failed_at=at)
        )

    async def forget_login_failures(self, key: str) -> None:
        await self.session.execute(delete(LoginThrottle).where(LoginThrottle.key == key))

    async def delete_old_login_failures(self, before: datetime) -> int:
        result = await self.session.execute(
            delete(LoginThrottle).where(LoginThrottle.last_failed_at < before)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def token_with_holder(self, digest: str) -> tuple[ApiToken, Member, User] | None:
        """The token, its member and their user, in one round trip."""
        row = (
            await self.session.execute(
                select(ApiToken, Member, User)
                .join(
                    Member,
                    (Member.workspace_id == ApiToken.workspace_id)
                    & (Member.id == ApiToken.member_id),
                )
                .join(User, User.id == Member.user_id)
                .where(ApiToken.digest == digest)
            )
        ).first()
        return (row[0], row[1], row[2]) if row else None

    async def touch_token(self, token: TokenRef, now: datetime, resolution: timedelta) -> bool:
        """Record use at most once per `resolution`, so reading with a token rarely writes.
        Answers whether it wrote."""
        if token.last_used_at is not None and now - token.last_used_at < resolution:
            return False
        # A plain UPDATE: it must not bump the token's version (that is for people's edits),
        # nor clear the credential cache (when a token was last used is not a credential).
        await self.session.execute(
            update(ApiToken)
            .where(ApiToken.workspace_id == token.workspace_id, ApiToken.id == token.id)
            .values(last_used_at=now)
            .execution_options(synchronize_session=False, credentials_unchanged=True)
        )
        return True

    async def member_of(self, workspace_id: uuid.UUID, user_id: uuid.UUID) -> Member | None:
        return await self.session.scalar(
            select(Member).where(Member.workspace_id == workspace_id, Member.user_id == user_id)
        )
