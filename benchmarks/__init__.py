"""Benchmarks: `make bench` times the build's stages and whole builds; nothing here fails on a
number (the figures go in docs/performance.md)."""

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The repository: its glossary/ and build.py are what the benchmarks time."""


@dataclass(frozen=True, slots=True)
class Timed:
    """One process as `/usr/bin/time -v` saw it, and what it printed."""

    wall_s: float
    cpu_s: float
    """User and system CPU seconds."""
    peak_mb: float
    stdout: str
    returncode: int


def timed(command: Sequence[str], cwd: Path = ROOT) -> Timed:
    """Run `command` under `/usr/bin/time -v`."""
    run = subprocess.run(
        ["/usr/bin/time", "-v", *command], cwd=cwd, capture_output=True, text=True, check=False
    )
    report = dict(
        line.strip().rsplit(": ", 1) for line in run.stderr.splitlines() if line.startswith("\t")
    )
    if "User time (seconds)" not in report:
        raise SystemExit(run.stderr)
    wall = report["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    return Timed(
        wall_s=float(wall[-1]) + 60 * float(wall[-2]),
        cpu_s=float(report["User time (seconds)"]) + float(report["System time (seconds)"]),
        peak_mb=int(report["Maximum resident set size (kbytes)"]) / 1024,
        stdout=run.stdout,
        returncode=run.returncode,
    )
