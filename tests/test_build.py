"""The build as a whole: parallel rendering, atomic writes under a lock, interruptions."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROOT, build_formats

pytestmark = pytest.mark.slow  # real build processes, killed and raced


def start_build(glossary: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            "--only",
            "json",
            "--glossary",
            str(glossary),
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_killed_build_leaves_every_output_old_or_new(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_formats(mini_dir, out, ["json"])
    old = (out / "glossary.json").read_bytes()
    definition = mini_dir / "concepts" / "llm.yaml"
    definition.write_text(definition.read_text().replace("huge amounts", "vast amounts"))
    for delay in (0.05, 0.1, 0.2, 0.3, 0.4, 0.6):
        process = start_build(mini_dir, out)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        data = (out / "glossary.json").read_bytes()
        assert data == old or b"vast amounts" in data
        json.loads(data)
    assert start_build(mini_dir, out).wait() == 0
    assert b"vast amounts" in (out / "glossary.json").read_bytes()
    assert not list(out.rglob("*.tmp"))


def test_sigterm_while_rendering_is_reported_and_writes_nothing(
    mini_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = start_build(mini_dir, out)
    time.sleep(0.05)  # still importing: the build has not reached the writing stage
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate()
    assert process.returncode != 0
    assert "Traceback" not in stderr
    assert not (out / "glossary.json").exists()


def test_two_builds_at_once_both_succeed_with_whole_files(mini_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    processes = [start_build(mini_dir, out) for _ in range(3)]
    assert [p.wait() for p in processes] == [0, 0, 0]
    assert json.loads((out / "glossary.json").read_text())["concepts"]
