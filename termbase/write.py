"""Writing outputs: each file to a temporary name beside it, then renamed into place."""

from __future__ import annotations

import fcntl
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from termbase.rendering import Output


class OutputError(Exception):
    """An output that must not be written (two renderers claim one path, or a user's folder)."""


def check_paths(outputs: Iterable[Output]) -> None:
    """Refuse two outputs with one path (two concepts whose file names collide, say)."""
    seen: set[str] = set()
    for output in outputs:
        key = str(output.path).casefold()
        if key in seen:
            raise OutputError(f"two outputs would be written to {output.path}")
        seen.add(key)


def check_out_dir(out_dir: Path, protected: Iterable[Path]) -> None:
    """Refuse an output folder that is, or holds, a folder the user writes (the glossary)."""
    out = out_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if out == folder or out in folder.parents or folder in out.parents:
            raise OutputError(
                f"the output folder {out_dir} overlaps {folder}; choose another --out"
            )


LOCK_NAME = ".build.lock"
TEMPORARY_GLOB = ".*.tmp"


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock; a second build waits for the first to finish writing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_NAME).open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build writing to {out_dir} ...", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            remove_temporaries(out_dir)  # left by a build that was killed while writing
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def remove_temporaries(out_dir: Path) -> None:
    for stale in out_dir.rglob(TEMPORARY_GLOB):
        stale.unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_outputs(out_dir: Path, outputs: list[Output]) -> None:
    """Write every output below `out_dir`, each atomically; an interruption says what is stale."""
    check_paths(outputs)
    for done, output in enumerate(outputs):
        try:
            write_atomically(out_dir / output.path, output.data)
        except (KeyboardInterrupt, OSError) as error:
            stale = ", ".join(str(o.path) for o in outputs[done:])
            reason = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
            raise OutputError(f"{reason}; these outputs were not refreshed: {stale}") from None
