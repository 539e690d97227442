"""The manifest: what the last builds into an output folder wrote, kept in `.manifest.json`.

Per format, the fingerprint of the inputs it was built from and, per job, its key and the hash
of each file it wrote; `termbase.plan` compares them with this build's to tell what is stale.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from termbase.render.contract import Output
from termbase.source_text import TextFileError, read_bytes

MANIFEST_NAME = ".manifest.json"
MAX_OUTPUT_BYTES = 1 << 32
"""A bound on the files the manifest's hashes are checked against: far above any output."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class JobRecord:
    """One job of the last build: its key, and the hash of each file it wrote."""

    key: str
    files: Mapping[str, str]

    @classmethod
    def of(cls, key: str, outputs: Iterable[Output]) -> JobRecord:
        return cls(key, dict(sorted((str(o.path), digest(o.data)) for o in outputs)))

    def intact(self, out_dir: Path) -> bool:
        """Every file is still there as written."""
        return all(self.as_written(out_dir, path) is not None for path in self.files)

    def as_written(self, out_dir: Path, path: str) -> bytes | None:
        """One of its files' bytes, None when it is gone, unreadable, no longer a file, or
        changed since it was written."""
        try:
            data = read_bytes(out_dir / path, limit=MAX_OUTPUT_BYTES)
        except TextFileError:
            return None
        return data if digest(data) == self.files[path] else None


@dataclass(frozen=True, slots=True)
class FormatRecord:
    """One format of the last build: its fingerprint and its jobs by name."""

    fingerprint: str
    jobs: Mapping[str, JobRecord]

    def intact(self, out_dir: Path) -> bool:
        return all(job.intact(out_dir) for job in self.jobs.values())


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the last builds into an output folder wrote, per format."""

    formats: Mapping[str, FormatRecord]

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads(read_bytes(out_dir / MANIFEST_NAME, limit=MAX_OUTPUT_BYTES))
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
        except (TextFileError, ValueError, KeyError, TypeError, AttributeError):
            return cls({})  # no manifest, or a damaged one: build everything

    def as_written(self, out_dir: Path, path: str) -> bytes | None:
        """A file's bytes as the last builds wrote it (None when none wrote it, or it changed:
        `JobRecord.as_written`)."""
        for record in self.formats.values():
            for job in record.jobs.values():
                if path in job.files:
                    return job.as_written(out_dir, path)
        return None

    def job(self, name: str, job: str) -> JobRecord | None:
        record = self.formats.get(name)
        return record.jobs.get(job) if record else None

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
