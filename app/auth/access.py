"""Who is calling, and may they do this? One answer for every route.

`CurrentCaller` authenticates (API token from the Authorization header, or the session cookie
with its CSRF header on unsafe methods, which also keeps the session from idling out) and
charges the request to the user's rate limit. `Authorize(role, scope)` turns a caller into a
`Principal` inside one workspace: 404 when the caller is not in it (we never confirm that a
workspace exists), 403 when their role or their token's scopes fall short. A token never
exceeds its user's role: both checks always apply. Outside a workspace, `requires_scope`
holds a token to a scope, and `SessionCaller` refuses tokens (changes to the account itself).
"""

import enum
import hmac
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Annotated, Any, NamedTuple

from fastapi import Depends, FastAPI, Path, Request
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.credentials import (
    MISSING,
    CredentialCache,
    MemberRef,
    SessionRef,
    TokenRef,
    UserRef,
    read_generation,
)
from app.auth.repository import AuthRepository
from app.core.clock import utcnow
from app.core.config import Settings
from app.core.db import UNSAFE_METHODS, Session
from app.core.security import digest, is_well_formed_api_token
from app.kit.errors import Forbidden, NotFound, Unauthorized
from app.kit.ratelimit import charge_identity

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
    """Who is calling: immutable snapshots, safe to keep in the credential cache."""

    user: UserRef
    token: TokenRef | None = None
    auth_session: SessionRef | None = None
    # A token's member, read with it: the token's workspace needs no second lookup.
    member: MemberRef | None = None


@dataclass(frozen=True)
class Principal:
    """The caller acting inside one workspace."""

    user: UserRef
    member: MemberRef
    role: Role
    token: TokenRef | None

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


def _credentials(request: Request) -> CredentialCache:
    cache: CredentialCache = request.app.state.credentials
    return cache


def _touch_resolution(request: Request) -> timedelta:
    return timedelta(seconds=_settings(request).last_used_resolution_seconds)


def _invalid_token() -> Unauthorized:
    return Unauthorized("The API token is invalid, expired or revoked.", code="invalid_token")


def _session_ended() -> Unauthorized:
    return Unauthorized("Your session has ended; sign in again.", code="session_expired")


async def _token_caller(repo: AuthRepository, token_digest: str) -> Caller:
    """The unrevoked token with its member and user, read from the database."""
    found = await repo.token_with_holder(token_digest)
    if found is None or found[0].revoked_at is not None:
        raise _invalid_token()
    token, member, user = found
    return Caller(user=UserRef.of(user), token=TokenRef.of(token), member=MemberRef.of(member))


def _usable_token(caller: Caller, now: datetime) -> TokenRef:
    token = caller.token
    if token is None or not caller.user.is_active:
        raise _invalid_token()
    if token.expires_at and token.expires_at <= now:
        raise _invalid_token()
    return token


async def _caller_from_token(request: Request, session: AsyncSession, secret: str) -> Caller:
    if not is_well_formed_api_token(secret):
        raise _invalid_token()
    cache, repo = _credentials(request), AuthRepository(session)
    key = ("token", digest(secret))
    # A cached caller was current at this generation; a fresh read, as of its transaction's.
    generation = cache.generation
    cached = cache.get(key)
    if isinstance(cached, Caller):
        caller = cached
    else:
        caller = await _token_caller(repo, key[1])
        generation = read_generation(session)
    now = utcnow()
    token = _usable_token(caller, now)
    if await repo.touch_token(token, now, _touch_resolution(request)):
        caller = replace(caller, token=replace(token, last_used_at=now))
        cache.refresh(key, caller, generation=generation)
    if cached is MISSING:
        cache.put(key, caller, generation=generation)
    return caller


async def _session_caller(repo: AuthRepository, session_digest: str) -> Caller:
    """The live session with its user, read from the database."""
    found = await repo.live_session_with_user(session_digest, utcnow())
    if found is None:
        raise _session_ended()
    auth_session, user = found
    return Caller(user=UserRef.of(user), auth_session=SessionRef.of(auth_session))


def _usable_session(caller: Caller, now: datetime, idle: timedelta) -> SessionRef:
    auth_session = caller.auth_session
    if auth_session is None or not caller.user.is_active:
        raise _session_ended()
    if auth_session.expires_at <= now or auth_session.last_seen_at + idle <= now:
        raise _session_ended()
    return auth_session


def _check_csrf(request: Request, auth_session: SessionRef) -> None:
    if request.method not in UNSAFE_METHODS:
        return
    sent = request.headers.get(CSRF_HEADER, "")
    # Constant time: how long a wrong guess takes must not tell how much of it was right.
    if not sent or not hmac.compare_digest(sent.encode(), auth_session.csrf_token.encode()):
        raise Forbidden(
            f"Missing or wrong {CSRF_HEADER} header for a cookie-authenticated change.",
            code="csrf_failed",
        )


async def _caller_from_cookie(request: Request, session: AsyncSession, secret: str) -> Caller:
    cache, repo = _credentials(request), AuthRepository(session)
    key = ("session", digest(secret))
    generation = cache.generation
    cached = cache.get(key)
    if isinstance(cached, Caller):
        caller = cached
    else:
        caller = await _session_caller(repo, key[1])
        generation = read_generation(session)
    now = utcnow()
    idle = timedelta(hours=_settings(request).session_idle_hours)
    auth_session = _usable_session(caller, now, idle)
    _check_csrf(request, auth_session)
    # Activity keeps an idle session alive; written at most once per resolution, like a
    # token's last use.
    if await repo.touch_session(auth_session, now, _touch_resolution(request)):
        caller = replace(caller, auth_session=replace(auth_session, last_seen_at=now))
        cache.refresh(key, caller, generation=generation)
    if cached is MISSING:
        cache.put(key, caller, generation=generation)
    return caller


async def current_caller(
    request: Request,
    session: Session,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    session_secret: Annotated[str | None, Depends(_session_cookie)],
) -> Caller:
    if bearer is not None:
        caller = await _caller_from_token(request, session, bearer.credentials)
    elif session_secret:
        caller = await _caller_from_cookie(request, session, session_secret)
    else:
        raise Unauthorized("Sign in or send an API token.", code="not_authenticated")
    # From here on the request counts against the user, whichever credential they sent.
    charge_identity(request.scope, f"user:{caller.user.id}")
    return caller


async def _membership(
    request: Request, session: AsyncSession, workspace_id: uuid.UUID, user_id: uuid.UUID
) -> MemberRef | None:
    """The user's membership of the workspace, or None; "not a member" is cached too."""
    cache = _credentials(request)
    key = ("member", workspace_id, user_id)
    found = cache.get(key)
    if found is None or isinstance(found, MemberRef):
        return found
    row = await AuthRepository(session).member_of(workspace_id, user_id)
    member = MemberRef.of(row) if row else None
    cache.put(key, member, generation=read_generation(session))
    return member


CurrentCaller = Annotated[Caller, Depends(current_caller)]


def session_caller(caller: CurrentCaller) -> Caller:
    """Dependency: the caller signed in with a session. Changing the account itself (its
    password, its sessions) is for the person, not for a workspace's API token."""
    if caller.auth_session is None:
        raise Forbidden(
            "This needs a signed-in session; API tokens cannot do it.", code="session_required"
        )
    return caller


SessionCaller = Annotated[Caller, Depends(session_caller)]


def _insufficient_scope(scope: str) -> Forbidden:
    return Forbidden(f"This API token lacks the '{scope}' scope.", code="insufficient_scope")


class AuthorizeCaller:
    """Dependency for routes outside any workspace (the caller's own things across
    workspaces): anyone signed in, but a token must carry `scope`."""

    def __init__(self, scope: str) -> None:
        if scope not in SCOPES:
            raise ValueError(f"unknown scope {scope}")
        self.scope = scope

    async def __call__(self, caller: CurrentCaller) -> Caller:
        if caller.token is not None and self.scope not in caller.token.scopes:
            raise _insufficient_scope(self.scope)
        return caller


def requires_scope(scope: str) -> Any:
    return Depends(AuthorizeCaller(scope))


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
        request: Request,
        caller: CurrentCaller,
        session: Session,
        workspace_id: Annotated[uuid.UUID, Path(description="Workspace id")],
    ) -> Principal:
        not_found = NotFound("No such workspace.", code="workspace_not_found")
        if caller.token is not None and caller.token.workspace_id != workspace_id:
            raise not_found
        member = caller.member or await _membership(request, session, workspace_id, caller.user.id)
        if member is None:
            raise not_found
        role = Role(member.role)
        if role.rank < self.role.rank:
            raise Forbidden(
                f"This needs the {self.role.value} role or higher; you are {role.value}.",
                code="insufficient_role",
            )
        if caller.token is not None and self.scope not in caller.token.scopes:
            raise _insufficient_scope(self.scope)
        return Principal(user=caller.user, member=member, role=role, token=caller.token)


class Ctx(NamedTuple):
    """What every service function takes first: the request's session, and the principal
    acting through it. An endpoint hands it on whole (`service.get(*ctx, label_id)`)."""

    session: AsyncSession
    principal: Principal


def acting(role: Role, scope: str) -> Any:
    """The `Ctx` of a route that needs `role` in the path's workspace and, from a token,
    `scope`: a domain's `auth.py` names it, `TasksRead = Annotated[Ctx, acting(...)]`."""
    authorize = Authorize(role, scope)

    async def ctx(principal: Annotated[Principal, Depends(authorize)], session: Session) -> Ctx:
        return Ctx(session, principal)

    return Depends(ctx)


def api_routes(app: FastAPI) -> Iterator[Any]:
    """Every API operation with its full path (`path_format`), `methods` and `dependant`,
    however deeply its router was included."""
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and route.include_in_schema:
            yield context


def route_dependencies(route: Any) -> Iterator[Any]:
    """Every dependency a route's endpoint has, however deep, in the order FastAPI solves
    them."""
    pending = list(reversed(route.dependant.dependencies))
    while pending:
        dependant = pending.pop()
        yield dependant.call
        pending.extend(reversed(dependant.dependencies))


def route_authorization(route: Any) -> Authorize | None:
    """The `Authorize` a route depends on."""
    return next((call for call in route_dependencies(route) if isinstance(call, Authorize)), None)


def route_token_scope(route: Any) -> str | None:
    """The scope a token needs for the route, inside a workspace or not."""
    authorization = (
        call for call in route_dependencies(route) if isinstance(call, Authorize | AuthorizeCaller)
    )
    return next((call.scope for call in authorization), None)


def route_needs_session(route: Any) -> bool:
    """Whether the route refuses API tokens."""
    return session_caller in route_dependencies(route)
