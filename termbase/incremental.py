"""Incremental builds: a format is rendered again only when one of its inputs changed.

A format's fingerprint hashes everything its outputs are made from: the glossary files, the
templates and catalogs, the code of the package, the build date and the per-concept dates. The
manifest in the output folder keeps each format's fingerprint and the hash of each file it wrote;
a format whose fingerprint matches and whose files are all still there, unchanged, is up to date.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import termbase
from termbase.render import TEMPLATES, BuildContext, Output

MANIFEST_NAME = ".manifest.json"
PACKAGE = Path(termbase.__file__).parent


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path, pattern: str) -> list[Path]:
    return sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


def inputs_digest(glossary_dir: Path, context: BuildContext) -> str:
    """One hash of every input shared by all formats."""
    hasher = hashlib.sha256(termbase.__version__.encode())
    for root, pattern in ((glossary_dir, "*"), (TEMPLATES, "*"), (PACKAGE, "*.py")):
        for path in _files(root, pattern):
            hasher.update(path.relative_to(root).as_posix().encode() + b"\0")
            hasher.update(_digest(path.read_bytes()).encode())
    hasher.update(context.build_date.isoformat().encode())
    for concept_id, date in sorted(context.concept_dates.items()):
        hasher.update(f"{concept_id}={date.isoformat()}".encode())
    return hasher.hexdigest()


def fingerprint(inputs: str, name: str) -> str:
    return _digest(f"{inputs}:{name}".encode())


@dataclass(frozen=True, slots=True)
class Manifest:
    """What the last builds into an output folder wrote, per format."""

    formats: Mapping[str, dict]

    @classmethod
    def read(cls, out_dir: Path) -> Manifest:
        try:
            data = json.loads((out_dir / MANIFEST_NAME).read_text())
            return cls(dict(data["formats"]))
        except (OSError, ValueError, KeyError, TypeError):
            return cls({})  # no manifest, or a damaged one: build everything

    def up_to_date(self, out_dir: Path, name: str, print_: str) -> bool:
        """True when format `name` was built from the same inputs and its files are intact."""
        entry = self.formats.get(name)
        if not entry or entry.get("fingerprint") != print_:
            return False
        for path, digest in entry.get("files", {}).items():
            target = out_dir / path
            if not target.is_file() or _digest(target.read_bytes()) != digest:
                return False
        return True

    def updated(self, rendered: Mapping[str, tuple[str, Iterable[Output]]]) -> Manifest:
        """The manifest after writing `rendered` (format → fingerprint and outputs)."""
        formats = dict(self.formats)
        for name, (print_, outputs) in rendered.items():
            files = {str(o.path): _digest(o.data) for o in outputs}
            formats[name] = {"fingerprint": print_, "files": dict(sorted(files.items()))}
        return Manifest(formats)

    def to_bytes(self) -> bytes:
        return (
            json.dumps({"formats": dict(sorted(self.formats.items()))}, indent=1) + "\n"
        ).encode()
