"""Test harness: one real database per test session (a SQLite file, or a throwaway PostgreSQL
database when WORKLANE_TEST_DATABASE_URL points at one), migrated with Alembic, and the app
driven over real HTTP through httpx's ASGI transport.

Tests don't share rows: every factory makes new users and workspaces with unique names, so
tests can run in any order against one migrated database and see real commits (which the
concurrency tests need).
"""

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from app.core.config import Settings
from app.main import create_app
from tests.support.database import fresh_database, migrate
from tests.support.http import ClientFactory


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = os.environ.get("WORKLANE_TEST_DATABASE_URL")
    with fresh_database(base, Path(tmp_path_factory.mktemp("db")), "worklane_test") as url:
        migrate(url)
        yield url


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        rate_limit_per_minute=0,
        login_failures_per_address=1000,
        # Every test signs its people up from the one address.
        signups_per_address_per_hour=0,
        log_json=False,
        log_level="WARNING",
        spa_dist_dir="/nonexistent",
        # Real argon2id, at a cost that keeps hundreds of sign-ups quick.
        password_hash_time_cost=1,
        password_hash_memory_kib=1024,
        # Periodic jobs would write rows behind the tests' backs.
        run_background_jobs=False,
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[object]:
    application = create_app(settings)
    # What a server starts too: on PostgreSQL, the credential cache's change listener.
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def clients(app: object) -> ClientFactory:
    return ClientFactory(app)


@pytest.fixture(scope="session")
def sessionmaker(app: object) -> async_sessionmaker[AsyncSession]:
    return app.state.sessionmaker  # type: ignore[attr-defined, no-any-return]


@pytest.fixture(scope="session")
def engine(app: object) -> AsyncEngine:
    return app.state.engine  # type: ignore[attr-defined, no-any-return]
