"""The build date: when the glossary's content last changed, never the clock.

Taken, in order, from SOURCE_DATE_EPOCH (reproducible-builds.org), the latest git commit that
touched the glossary, or the newest modification time of its files.
"""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def build_date(glossary_dir: Path) -> datetime:
    """The glossary's date, in UTC, to the second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git_commit_time(glossary_dir)
    if not epoch:
        epoch = max(int(p.stat().st_mtime) for p in [glossary_dir, *glossary_dir.rglob("*")])
    return datetime.fromtimestamp(int(epoch), UTC)


def _git_commit_time(folder: Path) -> str | None:
    """The commit time of the last commit touching `folder`, when the folder is clean in git."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        if git("status", "--porcelain", "--", "."):
            return None  # uncommitted edits: the files are newer than any commit
        return git("log", "-1", "--format=%ct", "--", ".") or None
    except (OSError, subprocess.CalledProcessError):
        return None
