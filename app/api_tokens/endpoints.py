import uuid
from typing import Annotated

from fastapi import Query, Response, status

from app.api_tokens import service
from app.api_tokens.schemas import ApiToken, ApiTokenCreate, ApiTokenCreated
from app.auth.access import Ctx, Role, acting
from app.kit.errors import READ_PROBLEMS, Conflict, problem_responses
from app.kit.etag import IfMatch, set_etag
from app.kit.pagination import Page, PageQuery
from app.kit.routing import DELETES, workspace_router

router = workspace_router("api-tokens", tag="api tokens")

# Everyone may hold tokens for themselves; managing tokens through a token needs `admin`.
TokenOwner = Annotated[Ctx, acting(Role.viewer, "admin")]


@router.get("", operation_id="api_tokens:list", responses=READ_PROBLEMS)
async def list_tokens(
    ctx: TokenOwner,
    page: PageQuery,
    all_members: Annotated[bool, Query(alias="all", description="Admins: every member's.")] = False,
) -> Page[ApiToken]:
    """Your API tokens (never their secrets)."""
    return Page.of(ApiToken, await service.page(*ctx, page, everyone=all_members))


@router.post(
    "",
    operation_id="api_tokens:create",
    status_code=status.HTTP_201_CREATED,
    responses={**READ_PROBLEMS, **problem_responses(Conflict)},
)
async def create_token(
    data: ApiTokenCreate, ctx: TokenOwner, response: Response
) -> ApiTokenCreated:
    """Create an API token; the secret is in the answer's `token`, shown only this once.

    The answer is `Cache-Control: no-store`, and it is not kept for Idempotency-Key retries
    either: a retry with the same key creates no second token and answers 409
    `idempotency_secret_not_replayable` (list the tokens to find the one it made).
    """
    token, plaintext = await service.create(*ctx, data)
    set_etag(response, token)
    response.headers["Cache-Control"] = "no-store"
    return ApiTokenCreated.model_validate(
        {**ApiToken.model_validate(token).model_dump(), "token": plaintext}
    )


@router.delete("/{token_id}", operation_id="api_tokens:revoke", **DELETES)
async def revoke_token(token_id: uuid.UUID, ctx: TokenOwner, if_match: IfMatch = None) -> None:
    """Revoke a token at once (yours, or anyone's for admins); a stale `If-Match` is 412."""
    await service.revoke(*ctx, token_id, if_match)
