"""Problem details (RFC 9457): the one way every error leaves the API.

Raise a `Problem` subclass anywhere below the endpoint; the handlers in `install_error_handlers`
render it, FastAPI's validation errors and Starlette's HTTP errors as `application/problem+json`.
"""

import logging
import socket
from collections.abc import Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.db import DatabaseBusy, RequestTimedOut

log = logging.getLogger("worklane.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://worklane.dev/problems/"


class FieldError(BaseModel):
    pointer: str = Field(description="JSON pointer to the offending input, e.g. `/task_ids/3`.")
    detail: str


class ProblemDetail(BaseModel):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    code: str = Field(description="Stable machine-readable error code.")
    errors: list[FieldError] | None = None


Found = TypeVar("Found")


class Problem(Exception):
    status = 500
    code = "internal_error"
    title = "Internal server error"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        errors: Sequence[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        self.detail = detail or self.title
        if code is not None:
            self.code = code
        self.errors = list(errors) if errors is not None else None
        self.headers = headers
        self.extra = extra
        super().__init__(self.detail)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if self.errors is not None:
            body["errors"] = [error.model_dump() for error in self.errors]
        body.update(self.extra)
        return body


class BadRequest(Problem):
    status, code, title = 400, "bad_request", "Bad request"


class Unauthorized(Problem):
    status, code, title = 401, "unauthorized", "Authentication required"


class Forbidden(Problem):
    status, code, title = 403, "forbidden", "Forbidden"


class NotFound(Problem):
    status, code, title = 404, "not_found", "Not found"


def found(row: Found | None, detail: str, *, code: str) -> Found:
    """`row`, or a 404 `code` when there is none: how a service answers for a missing row."""
    if row is None:
        raise NotFound(detail, code=code)
    return row


class Conflict(Problem):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionFailed(Problem):
    status, code, title = 412, "precondition_failed", "Precondition failed"


class PayloadTooLarge(Problem):
    status, code, title = 413, "payload_too_large", "Payload too large"


class Unprocessable(Problem):
    status, code, title = 422, "validation_error", "Invalid input"

    @classmethod
    def at(cls, pointer: str, detail: str, *, code: str | None = None) -> "Unprocessable":
        """One invalid field, e.g. `Unprocessable.at("/due_date", "before start_date")`."""
        return cls(detail, code=code, errors=[FieldError(pointer=pointer, detail=detail)])


class TooManyRequests(Problem):
    status, code, title = 429, "rate_limited", "Too many requests"


class ServiceUnavailable(Problem):
    status, code, title = 503, "service_unavailable", "Service unavailable"


def _database_busy() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database is busy; retry shortly.",
        code="database_busy",
        headers={"Retry-After": "1"},
    )


def _database_unreachable() -> ServiceUnavailable:
    return ServiceUnavailable(
        "The database cannot be reached; retry shortly.",
        code="database_unavailable",
        headers={"Retry-After": "5"},
    )


# SQLite: SQLITE_BUSY, SQLITE_LOCKED (primary result codes, extended codes carry them in the
# low byte).
_SQLITE_BUSY_CODES = frozenset({5, 6})
# PostgreSQL SQLSTATEs (and classes) that say "not now" rather than "not this request": a
# connection exception, too many connections, a lock or statement timeout, the server shutting
# down or starting, a serialisation failure or deadlock (the transaction was rolled back).
_PG_BUSY_STATES = ("55P03", "57014", "40001", "40P01")
_PG_UNREACHABLE_STATES = ("08", "53300", "57P01", "57P02", "57P03")
# asyncpg's errors while connecting reach us as they are, not wrapped by SQLAlchemy.
_CONNECTING_ERRORS = (ConnectionError, TimeoutError, socket.gaierror)


def database_unavailable(exc: BaseException) -> ServiceUnavailable | None:
    """The 503 for an error that means the database cannot serve now (a lock or timeout, or it
    is out of reach), or None for any other error. Used for errors from the routes and from
    the middlewares alike."""
    if isinstance(exc, PoolTimeout | DatabaseBusy):
        return _database_busy()
    if isinstance(exc, _CONNECTING_ERRORS):
        return _database_unreachable()
    cause: object = exc
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return _database_unreachable()
        cause = exc.orig
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return _database_busy() if sqlite_code & 0xFF in _SQLITE_BUSY_CODES else None
    sqlstate = getattr(cause, "sqlstate", None)
    if not isinstance(sqlstate, str):
        return None
    if sqlstate.startswith(_PG_BUSY_STATES):
        return _database_busy()
    if sqlstate.startswith(_PG_UNREACHABLE_STATES):
        return _database_unreachable()
    return None


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(
        problem.body(),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _pointer(loc: Sequence[int | str]) -> str:
    # FastAPI prefixes the location with where it came from ("body", "query", "path", ...).
    source, *path = loc or ("body",)
    escaped = [str(part).replace("~", "~0").replace("/", "~1") for part in path]
    prefix = "" if source == "body" else f"/{source}"
    return prefix + "".join(f"/{part}" for part in escaped) or "/"


def _validation_problem(exc: RequestValidationError) -> Problem:
    errors = [
        FieldError(pointer=_pointer(err.get("loc", ())), detail=str(err.get("msg", "invalid")))
        for err in exc.errors()
    ]
    if any(err.get("type") == "json_invalid" for err in exc.errors()):
        return BadRequest(
            "The request body is not valid JSON.", code="malformed_json", errors=errors
        )
    summary = "; ".join(f"{e.pointer}: {e.detail}" for e in errors[:3])
    return Unprocessable(summary or "Invalid input", errors=errors)


_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Forbidden"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
}


def install_error_handlers(app: FastAPI) -> None:
    async def on_problem(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc)

    async def on_validation(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(_validation_problem(exc))

    async def on_http(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
        problem = Problem(
            str(exc.detail) if exc.detail else title, code=code, headers=dict(exc.headers or {})
        )
        problem.status, problem.title = exc.status_code, title
        return problem_response(problem)

    async def on_stale(_request: Request, _exc: Exception) -> JSONResponse:
        return problem_response(
            PreconditionFailed(
                "The resource was changed by someone else; fetch it again and retry.",
                code="stale_version",
            )
        )

    async def on_timeout(request: Request, exc: Exception) -> JSONResponse:
        log.warning("request timed out", extra={"path": request.url.path})
        return problem_response(
            ServiceUnavailable(
                "The request took too long and was abandoned; nothing was changed. Retry later, "
                "or ask for less at once.",
                code="request_timeout",
                headers={"Retry-After": "5"},
            )
        )

    async def on_integrity(_request: Request, exc: Exception) -> JSONResponse:
        # Services check their rules first; this is the safety net for a race they lost.
        log.warning("integrity error", extra={"error": str(getattr(exc, "orig", exc))[:200]})
        return problem_response(
            Conflict("The change conflicts with existing data.", code="constraint_violation")
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        unavailable = database_unavailable(exc)
        if unavailable is not None:
            error = str(exc)[:200]
            log.warning("database unavailable", extra={"path": request.url.path, "error": error})
            return problem_response(unavailable)
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(Problem("An unexpected error occurred."))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(StaleDataError, on_stale)
    app.add_exception_handler(IntegrityError, on_integrity)
    app.add_exception_handler(RequestTimedOut, on_timeout)
    # Database errors of the routes are answered here rather than by the last resort below,
    # which answers the same but also logs them as crashes of the application.
    for database_error in (DBAPIError, PoolTimeout, DatabaseBusy, *_CONNECTING_ERRORS):
        app.add_exception_handler(database_error, on_unexpected)
    app.add_exception_handler(Exception, on_unexpected)


def problem_responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries declaring the problems a route can answer with."""
    return {
        problem.status: {
            "model": ProblemDetail,
            "content": {PROBLEM_MEDIA_TYPE: {}},
            "description": problem.title,
        }
        for problem in problems
    }


# What a workspace route can answer besides success: reads, and writes with their conflicts.
READ_PROBLEMS = problem_responses(Unauthorized, Forbidden, NotFound, Unprocessable)
WRITE_PROBLEMS = {**READ_PROBLEMS, **problem_responses(Conflict, PreconditionFailed)}
