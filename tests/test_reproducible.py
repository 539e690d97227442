"""Reproducible builds: two clones of the repository build byte-identical outputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

# The PDFs are compared by their own test (a second process); here the formats quick to render.
FORMATS = "json,tbx,tsv,csv,anki"


def files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def clone_and_build(target: Path) -> dict[str, bytes]:
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(target)], check=True)
    subprocess.run(
        [sys.executable, "build.py", "build", "--only", FORMATS],
        cwd=target,
        check=True,
        capture_output=True,
    )
    return files(target / "output")


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git repository to clone")
def test_two_clones_build_identical_outputs(tmp_path: Path) -> None:
    first = clone_and_build(tmp_path / "first")
    second = clone_and_build(tmp_path / "second")
    assert first.keys() == second.keys() and len(first) >= 10
    assert [name for name in first if first[name] != second[name]] == []
