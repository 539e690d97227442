"""Planning a build: which formats are stale, and which of their jobs must run again.

Two levels, both decided here. A format's fingerprint hashes every input of the build: the
glossary's content (glossary.toml, concepts/), the templates and catalogs, the code of the
package, the build date and the per-concept dates; a format whose fingerprint matches the
manifest's and whose files are intact is up to date, and is not even planned (an up-to-date
build never loads the glossary). A stale format's jobs are then planned, and each job whose key
(what its files show, and the code) matches the last build's, with its files intact, keeps
them: one changed concept lays out again only the PDFs that show what changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import termbase
from termbase.builddate import build_date, content_files, file_dates
from termbase.formats import Format
from termbase.manifest import JobRecord, Manifest, digest
from termbase.paths import PACKAGE, TEMPLATES
from termbase.render.contract import BuildContext, Job
from termbase.source_text import TextFileError, read_bytes, regular_files


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(
        p
        for p in regular_files(folder)
        if fnmatch(p.name, pattern) and "__pycache__" not in p.relative_to(folder).parts
    )


def _hash_files(hasher: hashlib._Hash, root: Path, pattern: str) -> None:
    _hash_paths(hasher, root, _files(root, pattern))


def _hash_paths(hasher: hashlib._Hash, root: Path, paths: list[Path]) -> None:
    for path in paths:
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            hasher.update(digest(read_bytes(path)).encode())
        except TextFileError as error:  # the loader reports it; the build is stale meanwhile
            hasher.update(f"unreadable: {error}".encode())


@cache
def code_digest() -> str:
    """One hash of the package's version and code."""
    hasher = hashlib.sha256(termbase.__version__.encode())
    _hash_files(hasher, PACKAGE, "*.py")
    return hasher.hexdigest()


@dataclass(frozen=True, slots=True)
class Inputs:
    """What every output is made from, read without loading the glossary: the dates, and one
    hash of them, the glossary's files, the templates and catalogs, and the code."""

    build_date: datetime
    file_dates: Mapping[str, datetime]
    digest: str

    @classmethod
    def read(cls, glossary_dir: Path) -> Inputs:
        built = build_date(glossary_dir)
        dates = file_dates(glossary_dir, built)
        hasher = hashlib.sha256(code_digest().encode())
        _hash_paths(hasher, glossary_dir, content_files(glossary_dir))
        _hash_files(hasher, TEMPLATES, "*")
        hasher.update(built.isoformat().encode())
        for name, date in sorted(dates.items()):
            hasher.update(f"{name}={date.isoformat()}".encode())
        return cls(built, dates, hasher.hexdigest())

    def fingerprint(self, format_name: str, only: frozenset[str] = frozenset()) -> str:
        """A format's fingerprint: the inputs of the build, the format, and the finer
        selection of its documents, if any (`build --only pdf:en-ru`)."""
        return digest(f"{self.digest}:{format_name}:{','.join(sorted(only))}".encode())


def job_key(key: str) -> str:
    """A job's key as recorded: what its renderer keyed it by, and the code."""
    return digest(f"{code_digest()}:{key}".encode())


def stale_formats(
    inputs: Inputs,
    manifest: Manifest,
    out_dir: Path,
    formats: Sequence[Format],
    *,
    force: bool = False,
    only: Mapping[str, frozenset[str]] | None = None,
) -> list[Format]:
    """The formats not up to date in `out_dir` (all of them with `force`): those to plan.
    None means the build has nothing to do, and the glossary need not be loaded."""
    stale = []
    for format_ in formats:
        record = manifest.formats.get(format_.name)
        current = (
            record is not None
            and record.fingerprint
            == inputs.fingerprint(format_.name, (only or {}).get(format_.name, frozenset()))
            and record.intact(out_dir)
        )
        if force or not current:
            stale.append(format_)
    return stale


@dataclass(frozen=True, slots=True)
class PlannedJob:
    """A job of a stale format, with its key as the manifest records it."""

    format: str
    job: Job
    key: str

    @property
    def id(self) -> tuple[str, str]:
        return (self.format, self.job.name)


@dataclass(frozen=True, slots=True)
class Plan:
    """The work of a build: every job of the stale formats, and which of them keep their files."""

    formats: tuple[Format, ...]
    """The stale formats, in build order."""
    fingerprints: Mapping[str, str]
    """Each stale format's fingerprint, by name."""
    jobs: tuple[PlannedJob, ...]
    kept: Mapping[tuple[str, str], JobRecord]
    """The jobs whose files are intact and whose key is unchanged, by (format, job)."""
    narrowed: frozenset[str] = frozenset()
    """The formats of which only some documents are built: their other jobs' records stay."""

    @property
    def to_run(self) -> tuple[PlannedJob, ...]:
        return tuple(p for p in self.jobs if p.id not in self.kept)


def plan(
    context: BuildContext,
    inputs: Inputs,
    manifest: Manifest,
    out_dir: Path,
    stale: Sequence[Format],
    *,
    force: bool = False,
    only: Mapping[str, frozenset[str]] | None = None,
) -> Plan:
    """The jobs of the `stale` formats (those of `only`, for a format it narrows), and those
    among them that can keep their last files."""
    only = only or {}
    chosen = {f.name: only.get(f.name, frozenset()) for f in stale}
    prints = {f.name: inputs.fingerprint(f.name, chosen[f.name]) for f in stale}
    jobs = tuple(
        PlannedJob(f.name, job, job_key(job.key))
        for f in stale
        for job in f.jobs(context, chosen[f.name])
    )
    kept = {}
    for planned in jobs if not force else ():
        record = manifest.job(planned.format, planned.job.name)
        if record and record.key == planned.key and record.intact(out_dir):
            kept[planned.id] = record
    return Plan(tuple(stale), prints, jobs, kept, frozenset(n for n, c in chosen.items() if c))
