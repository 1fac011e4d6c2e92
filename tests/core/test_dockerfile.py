"""The image's defaults fit production (no Docker engine needed: its instructions are read, and
its start command is run by the shell it names, with a stand-in for `worklane`)."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
RUNTIME = DOCKERFILE.rsplit("\nFROM ", 1)[1]
URLS = {
    "WORKLANE_DATABASE_URL": "postgresql+asyncpg://worklane:secret@db:5432/worklane",
    "WORKLANE_PUBLIC_URL": "https://worklane.example.com",
}


def _start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The image's CMD, with `worklane` printing its arguments instead of serving."""
    stand_in = tmp_path / "worklane"
    stand_in.write_text('#!/bin/sh\necho "worklane $*"\n')
    stand_in.chmod(0o755)
    cmd = re.search(r"^CMD (\[.*\])$", RUNTIME, re.MULTILINE)
    assert cmd is not None
    command = json.loads(cmd.group(1))
    path = f"{tmp_path}:{os.environ['PATH']}"
    return subprocess.run(
        command, env={"PATH": path, **env}, capture_output=True, text=True, check=False
    )


def test_the_image_runs_as_a_user_without_privileges() -> None:
    users = re.findall(r"^USER (\S+)$", RUNTIME, re.MULTILINE)

    assert users == ["worklane"]


def test_the_image_guesses_no_database() -> None:
    instructions = [line for line in RUNTIME.splitlines() if not line.startswith("#")]

    assert not any("WORKLANE_DATABASE_URL=" in line for line in instructions)


def test_the_image_checks_its_health_on_the_liveness_route() -> None:
    check = re.search(r"^HEALTHCHECK .*\n\s+CMD (.*)$", RUNTIME, re.MULTILINE)

    assert check is not None
    assert "http://127.0.0.1:8000/healthz" in check.group(1)


@pytest.mark.parametrize("missing", sorted(URLS))
def test_the_image_does_not_start_without_a_database_and_public_url(
    tmp_path: Path, missing: str
) -> None:
    env = {name: value for name, value in URLS.items() if name != missing}

    started = _start(tmp_path, **env)

    assert started.returncode != 0
    assert f"set {missing}" in started.stderr
    assert "worklane serve" not in started.stdout


def test_the_image_serves_on_all_addresses_when_told_both(tmp_path: Path) -> None:
    started = _start(tmp_path, **URLS)

    assert started.returncode == 0
    assert started.stdout == "worklane serve --host 0.0.0.0 --port 8000\n"
