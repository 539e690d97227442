"""A non-editable install: the wheel carries the templates and catalogs, and the installed
`termbase` command checks and builds a glossary from any folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from helpers import MINI, ROOT

pytestmark = pytest.mark.slow

LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "output", "build", "*.egg-info", "__pycache__", ".*cache"
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the project's wheel installed, not editable; the
    libraries it needs come from the test environment's site-packages."""
    scratch = tmp_path_factory.mktemp("install")
    source = Path(shutil.copytree(ROOT, scratch / "source", ignore=LEFT_OUT))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(scratch / "wheel"), "."],
        cwd=source,
        check=True,
    )
    venv = scratch / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    [wheel] = (scratch / "wheel").glob("termbase-*.whl")
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv)})["purelib"])
    subprocess.run([*pip, "install", "--no-deps", "--target", str(purelib), str(wheel)], check=True)
    # The dependencies, not the project: a .pth names the test environment's site-packages
    # (whose own .pth files, the editable install among them, are not read from there).
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def python(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(venv / "bin" / "python"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )


def run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed `termbase` command (as `python -m termbase`)."""
    return python(venv, "-m", "termbase", *args, cwd=cwd)


def test_the_installed_package_has_its_templates_inside(installed: Path, tmp_path: Path) -> None:
    code = (
        "import termbase.paths as p; print(p.TEMPLATES); print(len(list(p.TEMPLATES.rglob('*'))))"
    )
    result = python(installed, "-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    folder, count = result.stdout.split()
    assert Path(folder).is_relative_to(installed) and int(count) > 30


def test_the_wheel_declares_the_console_script(installed: Path, tmp_path: Path) -> None:
    code = "from importlib.metadata import entry_points; print(entry_points(name='termbase'))"
    result = python(installed, "-c", code, cwd=tmp_path)
    assert "termbase.cli:run" in result.stdout, result.stderr


def test_the_installed_command_checks_and_builds_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    glossary = Path(shutil.copytree(MINI, tmp_path / "my glossary"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert run(installed, "--version", cwd=elsewhere).stdout.startswith("termbase ")
    checked = run(installed, "check", "--glossary", str(glossary), cwd=elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    out = tmp_path / "out"
    built = run(installed, "build", "--glossary", str(glossary), "--out", str(out), cwd=elsewhere)
    assert built.returncode == 0, built.stderr
    made = {p.relative_to(out).parts[0] for p in out.rglob("*") if p.is_file()}
    assert made >= {"anki", "csv", "glossary.json", "html", "pdf", "tbx", "tsv"}
