"""The migrations alone build the schema the models describe, on either engine, both ways."""

import asyncio
import os
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.core.db import create_engine
from app.models import Base
from tests.support.database import alembic_config, fresh_database


async def _drift(url: str) -> list[object]:
    engine = create_engine(url)
    async with engine.connect() as connection:
        diff = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), Base.metadata)
        )
    await engine.dispose()
    return list(diff)


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
