import uuid

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

# What events tell about a token: never its secret, digest or prefix.
FIELDS = ("name", "scopes", "expires_at")


async def create(
    session: AsyncSession, principal: Principal, data: ApiTokenCreate
) -> tuple[ApiToken, str]:
    """A new token for the caller; answers the row and the plaintext, which is never stored."""
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise Unprocessable.at("/expires_at", "must be in the future")
    if principal.token is not None and not set(data.scopes) <= set(principal.token.scopes):
        # A token may mint tokens, but never one that can do more than itself.
        raise Unprocessable.at("/scopes", "a token cannot grant scopes it does not have")
    plaintext = new_api_token()
    token = await ApiTokenRepository(session).add(
        ApiToken(
            workspace_id=principal.workspace_id,
            member_id=principal.member_id,
            name=data.name,
            prefix=plaintext[:12],
            digest=digest(plaintext),
            scopes=data.scopes,
            expires_at=data.expires_at,
        )
    )
    events.record_created(session, principal, "api_token.created", token, FIELDS)
    return token, plaintext


async def page(
    session: AsyncSession, principal: Principal, params: PageParams, *, everyone: bool
) -> tuple[list[ApiToken], str | None]:
    """The caller's tokens; admins may ask for every member's."""
    member_id = None if everyone and principal.at_least(Role.admin) else principal.member_id
    return await ApiTokenRepository(session).page(
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
