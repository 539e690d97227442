"""Shared fixtures: the small test glossary, the shipped glossary, and a way to copy them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from termbase.load import load_glossary
from termbase.model import Glossary

# In CI the property tests run a fixed set of examples, so a run is repeatable; locally they
# explore new examples on every run.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
SHIPPED = ROOT / "glossary"


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small test glossary."""
    return Path(shutil.copytree(MINI, tmp_path / "glossary"))


@pytest.fixture(scope="session")
def mini() -> Glossary:
    return load_glossary(MINI)


@pytest.fixture(scope="session")
def shipped() -> Glossary:
    return load_glossary(SHIPPED)


def run_build_py(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python build.py ARGS` as a user does, capturing its output."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="write the golden files in tests/golden/ anew instead of comparing (make golden)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
