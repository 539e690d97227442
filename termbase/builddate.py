"""The build date: when the glossary's content last changed, never the clock.

Taken, in order, from SOURCE_DATE_EPOCH (reproducible-builds.org), the latest git commit that
touched the glossary, or the newest modification time of its files.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from termbase.model import FrozenMap, Glossary
from termbase.paths import CONCEPTS_DIR, CONTENT, EVIDENCE_DIR, HEADER_FILE
from termbase.source_text import regular_files


def build_date(glossary_dir: Path) -> datetime:
    """The glossary's date, in UTC, to the second: of its content (`paths.CONTENT`) only, so
    that `extract --write` adding to review.yaml moves no date (new evidence does: the outputs
    show it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git_commit_time(glossary_dir)
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    newest = max(_mtime(p) for p in [glossary_dir / CONCEPTS_DIR, *content_files(glossary_dir)])
    return datetime.fromtimestamp(newest, UTC)


def content_files(glossary_dir: Path) -> list[Path]:
    """The regular files the outputs are made from, sorted: glossary.toml, concepts/ and
    evidence/."""
    header = glossary_dir / HEADER_FILE
    folders = [glossary_dir / CONCEPTS_DIR, glossary_dir / EVIDENCE_DIR]
    files = [path for folder in folders for path in regular_files(folder)]
    return sorted([header, *files] if header.is_file() else files)


def _mtime(path: Path) -> int:
    try:
        return int(path.stat().st_mtime)
    except OSError:  # gone since it was listed, or not a folder: the loader says so
        return 0


def _git_commit_time(folder: Path) -> str | None:
    """The commit time of the last commit touching `folder`, when the folder is clean in git."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        if git("status", "--porcelain", "--", *CONTENT):
            return None  # uncommitted edits: the files are newer than any commit
        return git("log", "-1", "--format=%ct", "--", *CONTENT) or None
    except (OSError, subprocess.CalledProcessError):
        return None


def file_dates(glossary_dir: Path, built: datetime | None = None) -> dict[str, datetime]:
    """When each file below the glossary folder last changed (UTC), by POSIX path relative to it.

    A file that is committed and unchanged is dated by the last commit that touched it, any other
    by its modification time, as `build_date` dates the whole folder; no date is later than
    `build_date`, so SOURCE_DATE_EPOCH caps them all. Renderers use these to tell which entries
    changed (an Anki note must look newer only when its concept changed). `built` is the folder's
    `build_date`, read when not given.
    """
    limit = build_date(glossary_dir) if built is None else built
    committed = _git_file_times(glossary_dir)
    dates = {}
    for path in content_files(glossary_dir):
        name = path.relative_to(glossary_dir).as_posix()
        if any(part.startswith(".") for part in name.split("/")):
            continue  # .git, editors' and systems' files
        epoch = committed.get(name) or _mtime(path)
        dates[name] = min(datetime.fromtimestamp(int(epoch), UTC), limit)
    return dates


def _git_file_times(folder: Path) -> dict[str, str]:
    """The commit time of each tracked file below `folder` that has no uncommitted change."""

    def git(*args: str) -> list[str]:
        return subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()

    try:
        changed = set(git("diff", "--name-only", "--relative", "HEAD", "--", *CONTENT))
        changed |= set(git("ls-files", "--others", "--exclude-standard", "--", *CONTENT))
        log = git("log", "--format=%x00%ct", "--name-only", "--relative", "--", *CONTENT)
    except (OSError, subprocess.CalledProcessError):
        return {}
    times: dict[str, str] = {}
    when = ""
    for line in log:
        if line.startswith("\0"):
            when = line[1:]
        elif line and line not in changed:
            times.setdefault(line, when)  # the log runs newest first
    return times


def concept_dates(
    glossary: Glossary, glossary_dir: Path, files: Mapping[str, datetime] | None = None
) -> FrozenMap[datetime]:
    """When each concept's file last changed, by concept id, from `files` (the `file_dates`
    of `glossary_dir`, read when not given)."""
    files = file_dates(glossary_dir) if files is None else files
    concepts = (*glossary.concepts, *glossary.retired)
    return FrozenMap({c.id: files[c.location.path] for c in concepts if c.location.path in files})
