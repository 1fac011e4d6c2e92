import uuid
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from app.api_tokens.repository import ApiTokenRepository
from app.api_tokens.schemas import ApiTokenCreate
from app.auth.access import Principal, Role
from app.core.clock import utcnow
from app.core.security import digest, new_api_token
from app.events import service as events
from app.kit.errors import NotFound, Unprocessable
from app.kit.etag import check_if_match
from app.kit.pagination import PageParams
from app.models import ApiToken
from app.workspaces import service as workspaces

# What events tell about a token: never its secret, digest or prefix.
FIELDS = ("name", "scopes", "expires_at")


def _check_expiry(
    expires_at: datetime | None, principal: Principal, max_lifetime_days: int | None
) -> None:
    """A new token expires in the future; no later than the token that makes it (a token may
    mint tokens, but never one that outlives it); and within the workspace's maximum lifetime.
    A token without an expiry lives forever, beyond any such limit."""
    now = utcnow()
    if expires_at is not None and expires_at <= now:
        raise Unprocessable.at("/expires_at", "must be in the future")
    limits: list[tuple[datetime, str]] = []
    maker = principal.token
    if maker is not None and maker.expires_at is not None:
        when = maker.expires_at.isoformat()
        limits.append((maker.expires_at, f"no later than {when}, when the token creating it does"))
    if max_lifetime_days is not None:
        limits.append(
            (
                now + timedelta(days=max_lifetime_days),
                f"at most {max_lifetime_days} days ahead (the workspace's maximum token lifetime)",
            )
        )
    for latest, rule in limits:
        if expires_at is None:
            raise Unprocessable.at("/expires_at", f"is required: it must be {rule}")
        if expires_at > latest:
            raise Unprocessable.at("/expires_at", f"must be {rule}")


async def create(
    session: AsyncSession, principal: Principal, data: ApiTokenCreate
) -> tuple[ApiToken, str]:
    """A new token for the caller; answers the row and the plaintext, which is never stored."""
    workspace = await workspaces.get(session, principal)
    _check_expiry(data.expires_at, principal, workspace.max_token_lifetime_days)
    if principal.token is not None and not set(data.scopes) <= set(principal.token.scopes):
        # A token may mint tokens, but never one that can do more than itself.
        raise Unprocessable.at("/scopes", "a token cannot grant scopes it does not have")
    plaintext = new_api_token()
    repo = ApiTokenRepository(session)
    token = ApiToken(
        workspace_id=principal.workspace_id,
        member_id=principal.member_id,
        name=data.name,
        prefix=plaintext[:12],
        digest=digest(plaintext),
        scopes=data.scopes,
        expires_at=data.expires_at,
    )
    await events.add_created(repo, principal, "api_token.created", token, FIELDS)
    return token, plaintext


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, *, everyone: bool
) -> tuple[list[ApiToken], str | None]:
    """The caller's tokens; admins may ask for every member's."""
    member_id = None if everyone and principal.at_least(Role.admin) else principal.member_id
    return await ApiTokenRepository(session).page_matching(
        principal.workspace_id, params, member_id=member_id
    )


async def revoke(
    session: AsyncSession, principal: Principal, token_id: uuid.UUID, if_match: str | None = None
) -> None:
    """Revoke a token at once; revoking a revoked token again changes nothing."""
    token = await ApiTokenRepository(session).get(principal.workspace_id, token_id)
    mine = token is not None and token.member_id == principal.member_id
    if token is None or not (mine or principal.at_least(Role.admin)):
        raise NotFound("No such API token.", code="token_not_found")
    check_if_match(if_match, token)
    if token.revoked_at is None:
        now = utcnow()
        token.revoked_at = now
        await session.flush()
        events.record_change(
            session,
            principal,
            "api_token.revoked",
            token,
            {"revoked_at": {"before": None, "after": now.isoformat()}},
        )
