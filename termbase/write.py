"""Writing outputs: one generation at a time, all of it or none, under the output folder's lock.

A build's files (and the manifest that records them) are written in two phases:

1. The journal `.termbase-journal.json` lists, for each file, a temporary name beside its
   target, `.termbase-<build>.<name>.tmp` (a name no other program uses, with this build's
   random id); then every file is written to its temporary. An error or an interruption here
   removes the temporaries the journal lists and the journal: the old outputs are untouched.
2. The journal is marked committed, and each temporary is renamed over its target, SIGINT and
   SIGTERM held back until the last rename is done; then the journal is removed.

A build killed outright (`kill -9`) leaves its journal. The next build into the folder reads it
before anything else: a committed one is finished (the remaining renames), any other undone (its
temporaries removed). So once a build has run, the outputs are all of one generation. Nothing
but the files a journal names is ever removed: a user's `.notes.tmp` beside the outputs stays.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import secrets
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from termbase.render.contract import Output
from termbase.source_text import TextFileError, not_a_file, read_bytes
from termbase.terminal import printable

LOCK_NAME = ".build.lock"
JOURNAL_NAME = ".termbase-journal.json"
JOURNAL_NAMES = (JOURNAL_NAME, JOURNAL_NAME + ".tmp")
"""The journal, and its temporary while it is being committed."""
TEMPORARY_PREFIX = ".termbase-"


class OutputError(Exception):
    """An output that cannot or must not be written; the message says which and why."""


def check_paths(outputs: Iterable[Output]) -> None:
    """Refuse two outputs with one path (two concepts whose file names collide, say)."""
    seen: set[str] = set()
    for output in outputs:
        key = str(output.path).casefold()
        if key in seen:
            raise OutputError(f"two outputs would be written to {output.path}")
        seen.add(key)


def check_out_dir(
    out_dir: Path,
    protected: Iterable[Path],
    files: Iterable[str] = (),
    folders: Iterable[str] = (),
) -> None:
    """Refuse an output folder that is not a folder, or is, or holds, a folder the user writes
    (the glossary); and one where the lock, the journal or `files` (the manifest) could not be
    written, or where something else stands in the place of one of `folders` (`html`, where
    a format's files go): checked before the minutes of rendering, not after."""
    if (kind := _kind(out_dir)) not in (None, "a folder"):
        raise OutputError(f"the output folder {out_dir} is {kind}; choose another --out")
    check_targets(
        out_dir,
        map(PurePosixPath, (LOCK_NAME, *JOURNAL_NAMES, *files)),
        map(PurePosixPath, folders),
    )
    out = out_dir.resolve()
    for folder in protected:
        folder = folder.resolve()
        if out == folder or out in folder.parents or folder in out.parents:
            raise OutputError(
                f"the output folder {out_dir} overlaps {folder}; choose another --out"
            )


def _kind(path: Path) -> str | None:
    """What `path` is (`a file`, `a folder`, `a named pipe (FIFO)`), or None when nothing."""
    try:
        return not_a_file(os.stat(path).st_mode) or "a file"
    except FileNotFoundError:
        return None
    except OSError as error:  # a loop of links, a file on the path
        return f"unusable ({os.strerror(error.errno or 0).lower()})"


def check_targets(
    out_dir: Path, paths: Iterable[PurePosixPath], folders: Iterable[PurePosixPath] = ()
) -> None:
    """Refuse, before anything is written, a target that is a folder (or a pipe, a device), or
    whose folder (or one of `folders`) is not a folder: the renames of the second phase must
    not fail. The folders are checked first: a file where a folder goes is what to remove."""
    paths = list(paths)
    needed = {*folders, *(parent for path in paths for parent in path.parents)}
    for folder in sorted(needed - {PurePosixPath(".")}):
        if (kind := _kind(out_dir / folder)) not in (None, "a folder"):
            raise OutputError(f"{out_dir / folder} is {kind}, where outputs go; remove it")
    for path in paths:
        if (kind := _kind(out_dir / path)) not in (None, "a file"):
            raise OutputError(f"{out_dir / path} is {kind}, not a file; remove it")


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock, after finishing or undoing what a killed build left; a
    second build waits for the first to finish writing."""
    lock_path = out_dir / LOCK_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise OutputError(f"cannot lock {lock_path}: {reason(error)}") from None
    with os.fdopen(descriptor, "w") as lock:
        if kind := not_a_file(os.fstat(descriptor).st_mode):
            raise OutputError(f"cannot lock {lock_path}: it is {kind}; remove it")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(printable(f"waiting for another build writing to {out_dir} ..."), file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            try:
                recover(out_dir)
            except OSError as error:
                raise OutputError(
                    f"cannot finish the writing of a build that was killed: {_os_message(error)}"
                ) from None
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def reason(error: OSError) -> str:
    """`no space left on device`: why a file could not be written, without the path."""
    if error.errno == errno.EISDIR:
        return "it is a folder; remove it"
    if error.errno in (errno.EEXIST, errno.ENOTDIR):
        return "a file stands where a folder must be"
    return os.strerror(error.errno).lower() if error.errno else str(error)


@dataclass(frozen=True, slots=True)
class Journal:
    """What a build is writing: its id, whether it is committed, and each (temporary, target)
    pair, as POSIX paths relative to the output folder."""

    build: str
    files: tuple[tuple[PurePosixPath, PurePosixPath], ...]
    committed: bool = False

    @classmethod
    def planned(cls, paths: Sequence[PurePosixPath]) -> Journal:
        build = secrets.token_hex(6)
        return cls(build, tuple((_temporary(path, build), path) for path in paths))

    def to_bytes(self) -> bytes:
        files = [[str(temporary), str(target)] for temporary, target in self.files]
        data = {"build": self.build, "committed": self.committed, "files": files}
        return json.dumps(data, indent=1).encode() + b"\n"

    @classmethod
    def read(cls, out_dir: Path) -> Journal | None:
        """The journal a killed build left, or None (none, or one not of this tool's making)."""
        try:
            data = json.loads(read_bytes(out_dir / JOURNAL_NAME))
            build = data["build"]
            files = tuple(
                (PurePosixPath(temporary), PurePosixPath(target))
                for temporary, target in data["files"]
            )
            journal = cls(build, files, data["committed"] is True)
        except (TextFileError, ValueError, KeyError, TypeError):
            return None
        ours = all(
            temporary == _temporary(target, build) and _inside(target)
            for temporary, target in files
        )
        return journal if isinstance(build, str) and build.isalnum() and ours else None

    def write(self, out_dir: Path) -> None:
        """Write the journal: in place while nothing is staged (a torn journal then names no
        temporary that exists), through a temporary once files are staged."""
        path = out_dir / JOURNAL_NAME
        if not self.committed:
            path.write_bytes(self.to_bytes())
            return
        staged = out_dir / (JOURNAL_NAME + ".tmp")
        staged.write_bytes(self.to_bytes())
        os.replace(staged, path)

    def finish(self, out_dir: Path) -> None:
        """Rename every temporary still there over its target; remove the journal."""
        for temporary, target in self.files:
            with suppress(FileNotFoundError):  # renamed before the kill
                os.replace(out_dir / temporary, out_dir / target)
        self.forget(out_dir)

    def undo(self, out_dir: Path) -> None:
        """Remove every temporary of the journal, and the journal."""
        for temporary, _ in self.files:
            with suppress(FileNotFoundError):
                os.unlink(out_dir / temporary)
        self.forget(out_dir)

    @staticmethod
    def forget(out_dir: Path) -> None:
        for name in JOURNAL_NAMES:
            if _kind(out_dir / name) == "a file":  # a folder of that name is refused later
                os.unlink(out_dir / name)


def _temporary(target: PurePosixPath, build: str) -> PurePosixPath:
    return target.with_name(f"{TEMPORARY_PREFIX}{build}.{target.name}.tmp")


def _inside(path: PurePosixPath) -> bool:
    """A relative path that stays below the output folder."""
    return not path.is_absolute() and ".." not in path.parts and str(path) not in ("", ".")


def recover(out_dir: Path) -> None:
    """Finish (committed) or undo (not committed) the write of a build that was killed; a
    journal that cannot be read, or names files that are not its own, is removed alone."""
    journal = Journal.read(out_dir)
    if journal is None:
        Journal.forget(out_dir)
    elif journal.committed:
        journal.finish(out_dir)
    else:
        journal.undo(out_dir)


def settle(out_dir: Path) -> None:
    """Finish or undo, under the lock, what a build killed while writing into `out_dir` left:
    until then its outputs may be of two generations. Nothing to do (and no lock taken) when
    no journal is there, as after every build that ended."""
    if (out_dir / JOURNAL_NAME).exists():
        with build_lock(out_dir):
            pass  # taking the lock recovers


def write_generation(out_dir: Path, outputs: Sequence[Output]) -> None:
    """Write `outputs` below `out_dir` as one generation (see the module's docstring); hold the
    output folder's lock (`build_lock`) around it. Raises `OutputError` when a file cannot be
    written (nothing was then), or when a rename fails (the next build finishes them)."""
    check_paths(outputs)
    check_targets(out_dir, [*(o.path for o in outputs), *map(PurePosixPath, JOURNAL_NAMES)])
    journal = Journal.planned([o.path for o in outputs])
    target = out_dir / JOURNAL_NAME
    try:
        journal.write(out_dir)
        for (temporary, target_name), output in zip(journal.files, outputs, strict=True):
            target = out_dir / target_name
            _write_file(out_dir / temporary, output.data)
    except BaseException as error:
        journal.undo(out_dir)
        if isinstance(error, OSError):
            message = f"cannot write {target}: {reason(error)}; nothing was written"
            raise OutputError(message) from None
        raise
    with _signals_held():
        try:
            committed = Journal(journal.build, journal.files, committed=True)
            committed.write(out_dir)
        except OSError as error:
            journal.undo(out_dir)
            raise OutputError(f"{_os_message(error)}; nothing was written") from None
        try:
            committed.finish(out_dir)
        except OSError as error:
            raise OutputError(
                f"{_os_message(error)}; some outputs are not yet replaced: the next build "
                f"into {out_dir} replaces them"
            ) from None


def _write_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as file:
        file.write(data)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)


def _os_message(error: OSError) -> str:
    """`cannot write out/x.json: no space left on device`."""
    return f"cannot write {error.filename}: {reason(error)}" if error.filename else reason(error)


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done, then deliver the first one: the
    renames of a generation take milliseconds, and must not stop halfway. (Python runs signal
    handlers in the main thread, which alone can hold them; elsewhere nothing is held.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {signum: signal.signal(signum, lambda n, _: received.append(n)) for signum in held}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)
    if received:
        signal.raise_signal(received[0])


def write_atomically(path: Path, data: bytes) -> None:
    """Write one file so that a reader sees the old file or the new one, never half: through
    a temporary beside it, named as only this tool names files, removed on failure."""
    temporary = path.with_name(f"{TEMPORARY_PREFIX}{secrets.token_hex(6)}.{path.name}.tmp")
    try:
        _write_file(temporary, data)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
