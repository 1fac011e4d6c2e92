"""The migrations alone build the schema the models describe, on either engine, both ways."""

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from app.core.config import Settings
from app.core.db import create_engine
from app.main import create_app
from app.models import Base
from tests.support.database import alembic_config, fresh_database
from tests.support.http import ClientFactory
from tests.time_entries.factories import log, office

BEFORE_WORK_TYPES = "7f1a3c5e9b02"


async def _drift(url: str) -> list[object]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    await engine.dispose()
    return list(diff)


async def _rows(url: str, sql: str, **values: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        rows = [tuple(row) for row in await connection.execute(text(sql), values)]
    await engine.dispose()
    return rows


async def _time_logged_as_a_new_work_type(url: str) -> None:
    """In a fresh database: one time entry, logged as a work type made for it."""
    app = create_app(
        Settings(
            database_url=url,
            spa_dist_dir="/nonexistent",
            run_background_jobs=False,
            password_hash_time_cost=1,
            password_hash_memory_kib=1024,
        )
    )
    async with app.router.lifespan_context(app):
        place = await office(ClientFactory(app))
        created = await place.owner.client.post(
            f"{place.base}/work-types", json={"key": "design", "name": "Design"}
        )
        assert created.status_code == 201, created.text
        await log(place, place.member, work_type="design")


@pytest.fixture(scope="module")
def scratch_url(tmp_path_factory: pytest.TempPathFactory):
    base = os.environ.get("WORKLANE_TEST_DATABASE_URL")
    with fresh_database(
        base, Path(tmp_path_factory.mktemp("migrations")), "worklane_migrations"
    ) as url:
        yield url


def test_upgrade_downgrade_upgrade_leaves_no_drift(scratch_url: str) -> None:
    config = alembic_config(scratch_url)

    command.upgrade(config, "head")
    command.downgrade(config, "base")
    command.upgrade(config, "head")

    assert asyncio.run(_drift(scratch_url)) == []


def test_there_is_exactly_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))

    assert len(script.get_heads()) == 1


def test_the_rename_to_work_types_keeps_every_row_both_ways(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    base = os.environ.get("WORKLANE_TEST_DATABASE_URL")
    with fresh_database(base, Path(tmp_path_factory.mktemp("rename")), "worklane_rename") as url:
        config = alembic_config(url)
        command.upgrade(config, "head")
        asyncio.run(_time_logged_as_a_new_work_type(url))

        command.downgrade(config, BEFORE_WORK_TYPES)
        before = asyncio.run(_rows(url, "SELECT activity FROM time_entry"))
        kinds = asyncio.run(_rows(url, "SELECT count(*) FROM activity WHERE key = 'design'"))
        command.upgrade(config, "head")
        after = asyncio.run(_rows(url, "SELECT work_type FROM time_entry"))

        assert (before, kinds, after) == ([("design",)], [(1,)], [("design",)])
        assert asyncio.run(_drift(url)) == []
