from typing import Annotated

from fastapi import APIRouter, Cookie, Request, Response, status
from starlette.responses import JSONResponse

from app.auth import service
from app.auth.access import CSRF_COOKIE, SESSION_COOKIE, CurrentCaller, SessionCaller
from app.auth.schemas import AuthConfig, LogIn, PasswordChange, SignUp, SignUpAccepted, User
from app.core.config import Settings
from app.core.db import Session, UnitOfWorkRoute
from app.kit.client_identity import client_address
from app.kit.errors import (
    Forbidden,
    TooManyRequests,
    Unauthorized,
    Unprocessable,
    problem_response,
    problem_responses,
)

router = APIRouter(route_class=UnitOfWorkRoute, tags=["auth"])
SIGNUP_ACCEPTED = "Sign in with this email and password to continue."


def _set_session_cookies(response: Response, settings: Settings, new: service.NewSession) -> None:
    common = {
        "max_age": new.max_age,
        "secure": settings.secure_cookies,
        "samesite": "lax",
        "path": "/",
    }
    response.set_cookie(SESSION_COOKIE, new.secret, httponly=True, **common)  # type: ignore[arg-type]
    # Readable by the SPA, which echoes it in X-CSRF-Token on every change.
    response.set_cookie(CSRF_COOKIE, new.csrf_token, httponly=False, **common)  # type: ignore[arg-type]


def _delete_session_cookies(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@router.get("/auth/config", operation_id="auth:config")
async def auth_config(request: Request, session: Session) -> AuthConfig:
    """Whether sign-up is open, for the sign-in page."""
    return await service.config(session, _settings(request))


@router.post(
    "/auth/signup",
    operation_id="auth:signup",
    status_code=status.HTTP_202_ACCEPTED,
    responses=problem_responses(Forbidden, Unprocessable, TooManyRequests),
)
async def sign_up(data: SignUp, request: Request, session: Session) -> SignUpAccepted:
    """Ask for an account; then sign in with the same email and password.

    The answer is the same whether or not the email is free, so nobody learns which addresses
    have accounts: a new account is made, or the owner of a taken address is told (a
    notification) and nothing else changes. Signing in then succeeds only for the address'
    owner."""
    await service.sign_up(
        session, _settings(request), data, client_address=client_address(request.scope)
    )
    return SignUpAccepted(detail=SIGNUP_ACCEPTED)


@router.post(
    "/auth/login",
    operation_id="auth:login",
    response_model=User,
    responses=problem_responses(Unauthorized, Unprocessable, TooManyRequests),
)
async def log_in(
    data: LogIn,
    request: Request,
    response: Response,
    session: Session,
    wl_session: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> User | JSONResponse:
    """Sign in with email and password; sets the session and CSRF cookies."""
    settings = _settings(request)
    result = await service.log_in(
        session,
        settings,
        data,
        client_address=client_address(request.scope),
        previous_secret=wl_session,
    )
    if isinstance(result, service.LoginFailed):
        return problem_response(
            Unauthorized("Invalid email or password.", code="invalid_credentials")
        )
    _set_session_cookies(response, settings, result)
    return User.model_validate(result.user)


@router.post(
    "/auth/logout",
    operation_id="auth:logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(Unauthorized, Unprocessable),
)
async def log_out(
    caller: CurrentCaller,
    session: Session,
    response: Response,
    wl_session: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> None:
    """End this browser session (API tokens are revoked separately)."""
    if caller.auth_session is not None:
        await service.log_out(session, wl_session)
    _delete_session_cookies(response)


@router.post(
    "/auth/logout-everywhere",
    operation_id="auth:logout_everywhere",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(Unauthorized, Forbidden, Unprocessable),
)
async def log_out_everywhere(caller: SessionCaller, session: Session, response: Response) -> None:
    """End every session of yours, this one included (needs a session, not an API token).

    API tokens are not sessions: revoke them in each workspace."""
    await service.log_out_everywhere(session, caller)
    _delete_session_cookies(response)


@router.post(
    "/auth/password",
    operation_id="auth:change_password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(Unauthorized, Forbidden, Unprocessable, TooManyRequests),
)
async def change_password(
    data: PasswordChange, caller: SessionCaller, request: Request, session: Session
) -> Response:
    """Change your password, given the current one; ends every other session of yours.

    Needs a session, not an API token. A wrong current password is a 422 at
    `/current_password`, and counts as a failed sign-in."""
    rejected = await service.change_password(
        session, _settings(request), caller, data, client_address=client_address(request.scope)
    )
    if rejected is not None:
        return problem_response(
            Unprocessable.at("/current_password", "is not your current password")
        )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", operation_id="me:get", responses=problem_responses(Unauthorized))
async def me(caller: CurrentCaller) -> User:
    """The signed-in user."""
    return User.model_validate(caller.user)
