"""Throwaway databases for tests: a SQLite file, or a fresh PostgreSQL database."""

import asyncio
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

ROOT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logging"] = False
    return config


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


async def _admin(url: str, statement: str) -> None:
    admin_url = make_url(url).set(database="postgres")
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


@contextmanager
def fresh_database(base_url: str | None, tmp_dir: Path, name: str) -> Iterator[str]:
    """A new empty database; PostgreSQL ones are dropped afterwards."""
    if not base_url or make_url(base_url).get_backend_name() == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_dir / (name + '.db')}"
        return
    database = f"{name}_{uuid.uuid4().hex[:8]}"
    url = make_url(base_url).set(database=database).render_as_string(hide_password=False)
    asyncio.run(_admin(url, f'CREATE DATABASE "{database}"'))
    try:
        yield url
    finally:
        asyncio.run(_admin(url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


@contextmanager
def recorded_statements(engine: AsyncEngine) -> Iterator[list[str]]:
    """The SQL `engine` sends through SQLAlchemy while the block runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
