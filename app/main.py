"""The application factory: `uvicorn --factory app.main:create_app`."""

import copy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path
from starlette.types import ASGIApp

from app.allocations.endpoints import router as allocations_router
from app.api_tokens.endpoints import router as api_tokens_router
from app.auth.credentials import CredentialCache, CredentialWatchingSession, listen_for_changes
from app.auth.endpoints import router as auth_router
from app.calendars.endpoints import router as calendars_router
from app.comments.endpoints import router as comments_router
from app.core.config import Settings, get_settings
from app.core.db import (
    UnitOfWorkRoute,
    create_engine,
    create_read_sessionmaker,
    create_sessionmaker,
    create_writer_queue,
    is_sqlite,
)
from app.core.health import router as health_router
from app.core.logging import configure_logging
from app.core.runtime import tune_garbage_collector
from app.core.security import configure_password_hashing
from app.dependencies.endpoints import router as dependencies_router
from app.invitations.endpoints import router as invitations_router
from app.jobs import start_background_jobs
from app.kit.body_limit import BodyLimitMiddleware
from app.kit.errors import install_error_handlers
from app.kit.idempotency import IdempotencyKeys
from app.kit.limits import configure_work_limits
from app.kit.observability import Metrics, ObservabilityMiddleware
from app.kit.pagination import configure_cursor_signing
from app.kit.ratelimit import RateLimitMiddleware
from app.kit.routing import API_PREFIX
from app.kit.security_headers import SecurityHeadersMiddleware
from app.kit.static import IMMUTABLE, NO_CACHE, BuiltFiles
from app.kit.text import NulGuardMiddleware
from app.labels.endpoints import router as labels_router
from app.leveling.endpoints import router as leveling_router
from app.members.endpoints import router as members_router
from app.notifications.endpoints import router as notifications_router
from app.openapi import install_openapi
from app.projects.endpoints import router as projects_router
from app.rates.endpoints import router as rates_router
from app.recurring.endpoints import router as recurring_router
from app.reports.endpoints import router as reports_router
from app.reservations.endpoints import router as reservations_router
from app.resources.endpoints import router as resources_router
from app.schedules.endpoints import router as schedules_router
from app.stakeholders.endpoints import router as stakeholders_router
from app.statuses.endpoints import router as statuses_router
from app.tasks.endpoints import router as tasks_router
from app.teams.endpoints import router as teams_router
from app.time_entries.endpoints import router as time_entries_router
from app.timesheets.endpoints import router as timesheets_router
from app.work_types.endpoints import activities_router
from app.work_types.endpoints import router as work_types_router
from app.workload.endpoints import router as workload_router
from app.workspaces.endpoints import router as workspaces_router

# Matched in this order, one route after another: the busiest API (tasks) comes first.
DOMAIN_ROUTERS = (
    tasks_router,
    auth_router,
    workspaces_router,
    members_router,
    invitations_router,
    teams_router,
    api_tokens_router,
    projects_router,
    stakeholders_router,
    statuses_router,
    reservations_router,
    labels_router,
    comments_router,
    notifications_router,
    recurring_router,
    calendars_router,
    dependencies_router,
    schedules_router,
    time_entries_router,
    timesheets_router,
    work_types_router,
    rates_router,
    reports_router,
    resources_router,
    allocations_router,
    workload_router,
    leveling_router,
    activities_router,
)


class Worklane(FastAPI):
    """The app, its security headers outside everything else. Starlette answers an unhandled
    error from a layer outside every `add_middleware` one: there it would go without them."""

    def build_middleware_stack(self) -> ASGIApp:
        settings: Settings = self.state.settings
        return SecurityHeadersMiddleware(
            super().build_middleware_stack(), hsts=settings.secure_cookies
        )


def _add_routes(app: FastAPI, router: APIRouter, prefix: str = "") -> None:
    """Put a router's routes directly on the app, under `prefix`. `include_router` would nest
    it, and FastAPI matches nested routers level by level (each level twice), which cost about
    a millisecond a request over our hundred routes; one flat list is matched once."""
    for route in router.routes:
        if not isinstance(route, UnitOfWorkRoute):
            raise TypeError(f"{route!r}: routers take route_class=UnitOfWorkRoute")
        flat = copy.copy(route)
        flat.path = prefix + route.path
        flat.path_regex, flat.path_format, flat.param_convertors = compile_path(flat.path)
        app.router.routes.append(flat)


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serve the built SPA at `/`; unknown non-API paths get index.html (client-side routes).

    Compressed and cached by app/kit/static.py: the hashed /assets for a year, the rest (index.html)
    revalidated on every load."""
    if not (dist / "index.html").is_file():
        return
    app.mount("/assets", BuiltFiles(dist / "assets", cache_control=IMMUTABLE), name="assets")
    pages = BuiltFiles(dist, cache_control=NO_CACHE)
    # The build is fixed while we serve it: list its files once instead of probing per request.
    # Compressed variants are not pages of their own: they are sent in place of their original.
    files = {
        str(p.relative_to(dist)): (p.resolve(), p.stat())
        for p in dist.rglob("*")
        if p.is_file() and str(p.resolve()) not in pages.variants
    }
    index = files["index.html"]

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if path == "api" or path.startswith("api/"):
            # A mistyped API path is a 404 problem, not the web app's page.
            raise StarletteHTTPException(status_code=404)
        file, stat_result = files.get(path, index)
        return pages.file_response(file, stat_result, request.scope)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, json_output=settings.log_json)
    configure_password_hashing(
        time_cost=settings.password_hash_time_cost,
        memory_cost_kib=settings.password_hash_memory_kib,
        concurrency=settings.password_hash_concurrency,
    )
    configure_cursor_signing(settings.secret_key)
    configure_work_limits(settings)
    engine = create_engine(
        settings.database_url,
        echo=settings.database_echo,
        pool_size=settings.database_pool_size,
        wait_seconds=settings.database_wait_seconds,
        statement_timeout_seconds=settings.statement_timeout_seconds,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        tune_garbage_collector()
        credential_listener = listen_for_changes(engine, app.state.credentials)
        jobs = (
            start_background_jobs(app.state.sessionmaker, settings)
            if settings.run_background_jobs
            else None
        )
        yield
        if jobs is not None:
            jobs.cancel()
        if credential_listener is not None:
            await credential_listener.stop()
        await engine.dispose()

    app = Worklane(
        title="Worklane API",
        version="0.1.0",
        lifespan=lifespan,
        # Served by install_openapi, from files of the app's own.
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    # On PostgreSQL other processes change credentials too: the cache serves nothing until
    # the lifespan's listener hears them.
    app.state.credentials = CredentialCache(
        settings.credential_cache_seconds, enabled=is_sqlite(settings.database_url)
    )
    # Every session watches for credential changes, and clears this cache when it commits one;
    # on SQLite every writer of the process takes its turn in one queue.
    watching = {
        "session_class": CredentialWatchingSession,
        "credentials": app.state.credentials,
        "writers": create_writer_queue(settings.database_url, settings.database_wait_seconds),
    }
    app.state.sessionmaker = create_sessionmaker(engine, **watching)
    app.state.read_sessionmaker = create_read_sessionmaker(engine, **watching)
    app.state.idempotency_keys = IdempotencyKeys(settings)
    app.state.metrics = Metrics()

    install_error_handlers(app)
    # Listed innermost first: observability wraps everything, so it sees every answer.
    app.add_middleware(NulGuardMiddleware)
    app.add_middleware(RateLimitMiddleware, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(ObservabilityMiddleware, metrics=app.state.metrics)

    _add_routes(app, health_router)
    for router in DOMAIN_ROUTERS:
        _add_routes(app, router, API_PREFIX)
    install_openapi(app, docs=settings.api_docs)
    _mount_spa(app, Path(settings.spa_dist_dir))
    return app
