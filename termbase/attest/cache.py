"""The cache folder of `attest`: what took long to work out, kept until its inputs change.

Each entry is one file, a `marshal` of plain values beside the key they were made for; an
entry whose key differs, or which cannot be read, is made again. The cache is this machine's
(marshal's format is Python's own), outside the glossary, and may be deleted at any time.
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any

from termbase.source_text import display_path
from termbase.write import write_atomically


class Cache:
    """A cache folder (None for none: everything is made anew, nothing kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.problems: list[str] = []
        """Entries that could not be kept, with the reason: the next run is only slower."""

    def load(self, name: str, key: str) -> Any:
        """The value kept under `name` for `key`, or None."""
        if self.folder is None:
            return None
        try:
            stored_key, value = marshal.loads((self.folder / name).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return value if stored_key == key else None

    def store(self, name: str, key: str, value: Any) -> None:
        if self.folder is None:
            return
        path = self.folder / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, marshal.dumps((key, value)))
        except OSError as error:
            self.problems.append(f"cannot keep {display_path(path)}: {error.strerror}")
