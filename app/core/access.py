"""Who is calling, and may they do this? One answer for every route.

`CurrentCaller` authenticates (API token from the Authorization header, or the session cookie
with its CSRF header on unsafe methods). `Authorize(role, scope)` turns a caller into a
`Principal` inside one workspace: 404 when the caller is not in it (we never confirm that a
workspace exists), 403 when their role or their token's scopes fall short. A token never
exceeds its user's role: both checks always apply.
"""

import enum
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Request
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from app.auth.repository import AuthRepository
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import UNSAFE_METHODS, Session
from app.core.security import digest, is_well_formed_api_token
from app.kit.errors import Forbidden, NotFound, Unauthorized
from app.models import ApiToken, AuthSession, Member, User

SESSION_COOKIE = "wl_session"
CSRF_COOKIE = "wl_csrf"
CSRF_HEADER = "X-CSRF-Token"


class Role(enum.StrEnum):
    owner = "owner"
    admin = "admin"
    member = "member"
    viewer = "viewer"

    @property
    def rank(self) -> int:
        return _ROLE_RANK[self]


_ROLE_RANK = {Role.viewer: 0, Role.member: 1, Role.admin: 2, Role.owner: 3}

SCOPES: dict[str, str] = {
    "workspace:read": "Read the workspace, its members and teams",
    "projects:read": "Read projects",
    "projects:write": "Create and change projects",
    "tasks:read": "Read tasks, dependencies and schedules",
    "tasks:write": "Create and change tasks and dependencies",
    "time:read": "Read time entries and reports",
    "time:write": "Log and change time entries",
    "resources:read": "Read resources, allocations and workload",
    "resources:write": "Change resources and allocations",
    "admin": "Administer the workspace: settings, members, teams and API tokens",
}


@dataclass(frozen=True)
class Caller:
    user: User
    token: ApiToken | None = None
    auth_session: AuthSession | None = None
    # A token's member, loaded with it: the token's workspace needs no second lookup.
    member: Member | None = None


@dataclass(frozen=True)
class Principal:
    """The caller acting inside one workspace."""

    user: User
    member: Member
    role: Role
    token: ApiToken | None

    @property
    def workspace_id(self) -> uuid.UUID:
        return self.member.workspace_id

    @property
    def member_id(self) -> uuid.UUID:
        return self.member.id

    def at_least(self, role: Role) -> bool:
        return self.role.rank >= role.rank


_bearer = HTTPBearer(auto_error=False, description="API token: `Bearer wl_pat_...`")
_session_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="SPA session")


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def _caller_from_token(repo: AuthRepository, token: str, settings: Settings) -> Caller:
    invalid = Unauthorized("The API token is invalid, expired or revoked.", code="invalid_token")
    if not is_well_formed_api_token(token):
        raise invalid
    found = await repo.token_with_holder(digest(token))
    now = utcnow()
    if found is None:
        raise invalid
    row, member, user = found
    if row.revoked_at is not None or (row.expires_at and row.expires_at <= now):
        raise invalid
    if not user.is_active:
        raise invalid
    await repo.touch_token(row, now, timedelta(seconds=settings.token_last_used_resolution_seconds))
    return Caller(user=user, token=row, member=member)


async def _caller_from_cookie(
    repo: AuthRepository, request: Request, session_secret: str
) -> Caller:
    found = await repo.live_session_with_user(digest(session_secret), utcnow())
    auth_session, user = found if found else (None, None)
    if auth_session is None or user is None or not user.is_active:
        raise Unauthorized("Your session has ended; sign in again.", code="session_expired")
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent or sent != auth_session.csrf_token:
            raise Forbidden(
                f"Missing or wrong {CSRF_HEADER} header for a cookie-authenticated change.",
                code="csrf_failed",
            )
    return Caller(user=user, auth_session=auth_session)


async def current_caller(
    request: Request,
    session: Session,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    session_secret: Annotated[str | None, Depends(_session_cookie)],
) -> Caller:
    repo = AuthRepository(session)
    if bearer is not None:
        return await _caller_from_token(repo, bearer.credentials, _settings(request))
    if session_secret:
        return await _caller_from_cookie(repo, request, session_secret)
    raise Unauthorized("Sign in or send an API token.", code="not_authenticated")


CurrentCaller = Annotated[Caller, Depends(current_caller)]


class Authorize:
    """Dependency: the caller must belong to the path's workspace with `role`, and a token
    must carry `scope`."""

    def __init__(self, role: Role, scope: str) -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope}")
        self.role = role
        self.scope = scope

    async def __call__(
        self,
        caller: CurrentCaller,
        session: Session,
        workspace_id: Annotated[uuid.UUID, Path(description="Workspace id")],
    ) -> Principal:
        not_found = NotFound("No such workspace.", code="workspace_not_found")
        if caller.token is not None and caller.token.workspace_id != workspace_id:
            raise not_found
        member = caller.member or await AuthRepository(session).member_of(
            workspace_id, caller.user.id
        )
        if member is None:
            raise not_found
        role = Role(member.role)
        if role.rank < self.role.rank:
            raise Forbidden(
                f"This needs the {self.role.value} role or higher; you are {role.value}.",
                code="insufficient_role",
            )
        if caller.token is not None and self.scope not in caller.token.scopes:
            raise Forbidden(
                f"This API token lacks the '{self.scope}' scope.", code="insufficient_scope"
            )
        return Principal(user=caller.user, member=member, role=role, token=caller.token)


def requires(role: Role, scope: str) -> Any:
    return Depends(Authorize(role, scope))


def api_routes(app: FastAPI) -> Iterator[Any]:
    """Every API operation with its full path (`path_format`), `methods` and `dependant`,
    however deeply its router was included."""
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and route.include_in_schema:
            yield context


def route_authorization(route: Any) -> Authorize | None:
    """The `Authorize` a route depends on, found by walking its dependency tree."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        if isinstance(dependant.call, Authorize):
            return dependant.call
        pending.extend(dependant.dependencies)
    return None
