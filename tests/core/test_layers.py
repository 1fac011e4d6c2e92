"""The floors of docs/design.md §1: imports only point down, the engines stay pure, and no
import closes a circle. The contract is written once, in pyproject.toml's [tool.importlinter];
import-linter checks it against every import in app/, those inside functions included."""

import re
import tomllib
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[2]


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_imports_keep_the_floors(capsys: pytest.CaptureFixture[str]) -> None:
    broken = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert broken == 0, capsys.readouterr().out


def test_the_design_lists_the_domains_in_the_contracts_order() -> None:
    floors = _contracts()["floors"]["layers"]
    assert isinstance(floors, list)
    domains = floors[1 : floors.index("capacity")]
    design = (ROOT / "docs" / "design.md").read_text()
    written = re.search(r"domains, from the bottom up: (.+?)\.\n", design, re.S)
    assert written is not None, "docs/design.md §1 names the domains in order"
    assert re.findall(r"`(\w+)`", written.group(1)) == list(reversed(domains))
