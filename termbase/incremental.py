"""Incremental builds: only the outputs whose inputs changed are rendered again.

Two levels. A format's fingerprint hashes every input of the build: the glossary files, the
templates and catalogs, the code of the package, the build date and the per-concept dates; a
format whose fingerprint matches and whose files are all intact is up to date and not even
planned. Otherwise its jobs are planned, and each job whose key (what its files show, and the
code) matches the last build's, with its files intact, keeps them: one changed concept lays out
again only the PDFs that show what changed.

The manifest in the output folder keeps, per format, the fingerprint and, per job, its key and
the hash of each file it wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import termbase
from termbase.builddate import build_date, file_dates
from termbase.render import TEMPLATES, Output

MANIFEST_NAME = ".manifest.json"
PACKAGE = Path(termbase.__file__).parent


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def _hash_files(hasher: hashlib._Hash, root: Path, pattern: str) -> None:
    for path in _files(root, pattern):
        hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
        hasher.update(_digest(path.read_bytes()).encode())


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
        _hash_files(hasher, glossary_dir, "*")
        _hash_files(hasher, TEMPLATES, "*")
        hasher.update(built.isoformat().encode())
        for name, date in sorted(dates.items()):
            hasher.update(f"{name}={date.isoformat()}".encode())
        return cls(built, dates, hasher.hexdigest())


def fingerprint(inputs: str, name: str) -> str:
    """A format's fingerprint: the inputs of the build, and the format."""
    return _digest(f"{inputs}:{name}".encode())


def job_key(key: str) -> str:
    """A job's key as recorded: what its renderer keyed it by, and the code."""
    return _digest(f"{code_digest()}:{key}".encode())


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One job of the last build: its key, and the hash of each file it wrote."""

    key: str
    files: Mapping[str, str]

    @classmethod
    def of(cls, key: str, outputs: Iterable[Output]) -> JobRecord:
        return cls(key, dict(sorted((str(o.path), _digest(o.data)) for o in outputs)))

    def intact(self, out_dir: Path) -> bool:
        """Every file is still there as written."""
        for path, digest in self.files.items():
            target = out_dir / path
            if not target.is_file() or _digest(target.read_bytes()) != digest:
                return False
        return True


@dataclass(frozen=True, slots=True)
class FormatRecord:
    """One format of the last build: its fingerprint and its jobs by name."""

    fingerprint: str
    jobs: Mapping[str, JobRecord]


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the last builds into an output folder wrote, per format."""

    formats: Mapping[str, FormatRecord]

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text())
            return cls(
                {
                    name: FormatRecord(
                        entry["fingerprint"],
                        {
                            job: JobRecord(record["key"], dict(record["files"]))
                            for job, record in entry["jobs"].items()
                        },
                    )
                    for name, entry in data["formats"].items()
                }
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls({})  # no manifest, or a damaged one: build everything

    def up_to_date(self, out_dir: Path, name: str, print_: str) -> bool:
        """True when format `name` was built from the same inputs and its files are intact."""
        record = self.formats.get(name)
        return (
            record is not None
            and record.fingerprint == print_
            and all(job.intact(out_dir) for job in record.jobs.values())
        )

    def stale(self, out_dir: Path, prints: Mapping[str, str], *, force: bool = False) -> list[str]:
        """The formats of `prints` (name → fingerprint) not up to date (all with `force`)."""
        return [
            name
            for name, print_ in prints.items()
            if force or not self.up_to_date(out_dir, name, print_)
        ]

    def kept(self, out_dir: Path, name: str, job: str, key: str) -> JobRecord | None:
        """The last build's record of a job, when its key is `key` and its files are intact."""
        record = self.formats.get(name)
        found = record.jobs.get(job) if record else None
        return found if found and found.key == key and found.intact(out_dir) else None

    def updated(self, formats: Mapping[str, FormatRecord]) -> Manifest:
        """The manifest with these formats' records replaced."""
        return Manifest({**self.formats, **formats})

    def to_bytes(self) -> bytes:
        data = {
            name: {
                "fingerprint": record.fingerprint,
                "jobs": {
                    job: {"key": entry.key, "files": dict(entry.files)}
                    for job, entry in sorted(record.jobs.items())
                },
            }
            for name, record in sorted(self.formats.items())
        }
        return (json.dumps({"formats": data}, indent=1) + "\n").encode()
