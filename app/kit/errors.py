"""Problem details (RFC 9457): the one way every error leaves the API.

Raise a `Problem` subclass anywhere below the endpoint; the handlers in `install_error_handlers`
render it, FastAPI's validation errors and Starlette's HTTP errors as `application/problem+json`.
"""

import logging
from collections.abc import Sequence
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

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

    async def on_integrity(_request: Request, exc: Exception) -> JSONResponse:
        # Services check their rules first; this is the safety net for a race they lost.
        log.warning("integrity error", extra={"error": str(getattr(exc, "orig", exc))[:200]})
        return problem_response(
            Conflict("The change conflicts with existing data.", code="constraint_violation")
        )

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(Problem("An unexpected error occurred."))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(StaleDataError, on_stale)
    app.add_exception_handler(IntegrityError, on_integrity)
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
