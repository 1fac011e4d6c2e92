import secrets

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.exceptions import HTTPException

from app.core.config import Settings
from app.core.db import UnitOfWorkRoute

router = APIRouter(route_class=UnitOfWorkRoute, tags=["health"])


@router.get("/healthz", operation_id="health:live", include_in_schema=True)
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="health:ready")
async def readyz(request: Request) -> JSONResponse:
    """The database answers."""
    try:
        async with request.app.state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def _check_scrape(request: Request) -> None:
    """Metrics name every route and how busy it is: only a scrape with the metrics secret reads
    them, and without a secret configured nobody does."""
    settings: Settings = request.app.state.settings
    if settings.metrics_token is None:
        raise HTTPException(404)
    expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
    sent = request.headers.get("authorization", "").encode()
    if not secrets.compare_digest(sent, expected):
        raise HTTPException(
            401, "Send the metrics token as a bearer token.", {"WWW-Authenticate": "Bearer"}
        )


@router.get(
    "/metrics",
    operation_id="health:metrics",
    response_class=PlainTextResponse,
    responses={401: {"description": "Without the metrics token (WORKLANE_METRICS_TOKEN)"}},
)
async def metrics(request: Request) -> PlainTextResponse:
    """Prometheus metrics: request counts and latency by route and status.

    Needs `Authorization: Bearer <WORKLANE_METRICS_TOKEN>`; without that setting, 404."""
    _check_scrape(request)
    body = generate_latest(request.app.state.metrics.registry)
    return PlainTextResponse(body, media_type=CONTENT_TYPE_LATEST)
