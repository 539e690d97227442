"""Reproducible builds: two clones of the repository, built by two processes with other hash
seeds, time zones and locales, give byte-identical outputs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git repository to clone"),
]

# The PDFs are compared by their own test (two processes); here every other format.
FORMATS = "json,tbx,tsv,csv,xlsx,anki,html"


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def clone_and_build(target: Path, **environment: str) -> dict[str, bytes]:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    subprocess.run(
        [sys.executable, "build.py", "build", "--only", FORMATS],
        cwd=target,
        check=True,
        capture_output=True,
        env={**os.environ, **environment},
    )
    return files(target / "output")


def test_two_clones_build_identical_outputs(tmp_path: Path) -> None:
    first = clone_and_build(tmp_path / "first", PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C.UTF-8")
    second = clone_and_build(
        tmp_path / "second", PYTHONHASHSEED="2", TZ="Asia/Shanghai", LC_ALL="ru_RU.UTF-8"
    )
    assert first.keys() == second.keys() and len(first) >= 20
    assert [name for name in first if first[name] != second[name]] == []
