"""The `worklane` command."""

import asyncio
import json
import logging
import os
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from alembic import command
from alembic.config import Config

from app.core import serving
from app.core.config import Settings, get_settings
from app.core.db import is_sqlite
from app.core.logging import configure_logging
from app.core.security import random_secret

ROOT = Path(__file__).resolve().parent.parent
cli = typer.Typer(
    help="Worklane: projects, ongoing work, scheduling, capacity and time, over an HTTP API.",
    no_args_is_help=True,
    add_completion=False,
)
log = logging.getLogger("worklane")


def _alembic_config() -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["configure_logging"] = False
    return config


@cli.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Bring the database (WORKLANE_DATABASE_URL) up to date with the migrations."""
    command.upgrade(_alembic_config(), revision)


async def _has_users() -> bool:
    from app.auth.credentials import CredentialWatchingSession
    from app.auth.repository import AuthRepository
    from app.core.db import create_engine, create_sessionmaker

    engine = create_engine(get_settings().database_url)
    try:
        sessions = create_sessionmaker(engine, session_class=CredentialWatchingSession)
        async with sessions() as session:
            return await AuthRepository(session).any_user_exists()
    finally:
        await engine.dispose()


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (PostgreSQL only).")] = 1,
    migrate_first: Annotated[
        bool, typer.Option("--migrate/--no-migrate", help="Apply migrations before serving.")
    ] = True,
) -> None:
    """Serve the API and the web app."""
    settings = get_settings()
    if workers > 1 and is_sqlite(settings.database_url):
        # Each process would queue its writers apart from the others' (so they meet as busy
        # errors) and forget a revoked credential only when its own cache expires, a minute on.
        typer.echo(
            "error: --workers needs PostgreSQL (WORKLANE_DATABASE_URL=postgresql+asyncpg://...). "
            "On SQLite serve with one worker: several processes on one database file would "
            "contend for its write lock and keep accepting a revoked token or ended session "
            "for up to a minute.",
            err=True,
        )
        raise typer.Exit(2)
    configure_logging(settings.log_level, json_output=settings.log_json)
    if not settings.secret_key:
        # The workers start from this environment: one key for all, so a cursor made by one
        # works on every other.
        os.environ["WORKLANE_SECRET_KEY"] = random_secret()
    if migrate_first:
        migrate()
    if not asyncio.run(_has_users()):
        typer.echo(
            f"No users yet: open http://{host}:{port}/ to sign up "
            f"(or POST http://{host}:{port}/api/v1/auth/signup)."
        )
    raise typer.Exit(serving.serve(uvicorn_config(settings, host=host, port=port, workers=workers)))


def uvicorn_config(settings: Settings, *, host: str, port: int, workers: int) -> uvicorn.Config:
    # The client address (rate limits, sign-in throttling) comes from X-Forwarded-For only
    # when the peer is a proxy we were told to trust.
    return uvicorn.Config(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        log_config=None,
    )


@cli.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Sign-in email.")],
    name: Annotated[str, typer.Option(help="Display name.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create an account, even when sign-up is closed."""
    from app.auth import service
    from app.auth.credentials import CredentialWatchingSession
    from app.core.db import create_engine, create_sessionmaker
    from app.kit.errors import Problem

    async def run() -> None:
        engine = create_engine(get_settings().database_url)
        try:
            sessions = create_sessionmaker(engine, session_class=CredentialWatchingSession)
            async with sessions() as session:
                await service.create_user(session, email=email, name=name, password=password)
                await session.commit()
        finally:
            await engine.dispose()

    try:
        asyncio.run(run())
    except (Problem, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Created {email}.")


@cli.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the schema.")] = ROOT
    / "openapi"
    / "openapi.json",
) -> None:
    """Write the OpenAPI schema (the SPA's types are generated from it)."""
    from app.main import create_app

    schema = create_app().openapi()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(schema, indent=2, sort_keys=False) + "\n")
    typer.echo(f"Wrote {output}.")


def main() -> None:
    cli()
