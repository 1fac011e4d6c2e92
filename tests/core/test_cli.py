"""The `worklane` command, through typer's CliRunner."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.core import serving
from app.core.config import get_settings


@pytest.fixture
def sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    database = tmp_path / "worklane.db"
    monkeypatch.setenv("WORKLANE_DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    get_settings.cache_clear()
    yield database
    get_settings.cache_clear()


def test_serve_with_several_workers_on_sqlite_is_refused_before_touching_the_database(
    sqlite_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = []
    monkeypatch.setattr(serving, "serve", lambda config: served.append(config) or 0)

    result = CliRunner().invoke(cli, ["serve", "--workers", "2"])

    assert result.exit_code == 2
    assert "--workers needs PostgreSQL" in result.output
    assert not sqlite_file.exists()
    assert served == []
