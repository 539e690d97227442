"""Reading a user's files: regular files only, within a size limit, bytes to str, with a place
for every problem.

A name in the glossary may be anything the file system allows: a folder called `x.yaml`, a
named pipe (which blocks whoever opens it), a device, a link to nowhere or to itself. Only a
regular file is opened; everything else is a `TextFileError` saying what the name is.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from termbase.model import Location

MAX_FILE_BYTES = 1 << 20
"""The largest glossary file read (glossary.toml, a concept, ignore.toml, review.yaml): 1 MiB,
some 500 times the largest concept file. A larger one is refused before it is parsed: a
YAML file of a million terms would take minutes and gigabytes to load."""
MAX_SOURCE_BYTES = 16 << 20
"""The largest source note `extract` reads: 16 MiB."""


class TextFileError(Exception):
    """A file that cannot be read as UTF-8 text; `location` says where it breaks."""

    def __init__(self, location: Location, message: str, code: str = "encoding") -> None:
        super().__init__(message)
        self.location = location
        self.message = message
        self.code = code
        """What kind of problem: encoding, missing-file, not-a-file, unreadable, too-large."""


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it,
    else as given."""
    if not path.is_absolute():
        return str(path)
    return os.path.join(_display_folder(path.parent, os.getcwd()), path.name)


@lru_cache(maxsize=256)
def _display_folder(folder: Path, cwd: str) -> str:
    """A folder's shown form (cached: thousands of concept files share one folder)."""
    try:
        relative = os.path.relpath(folder, cwd)
    except ValueError:  # another drive on Windows
        return str(folder)
    return str(folder) if relative.split(os.sep)[0] == os.pardir else relative


def location_of_offset(path: str, text: str, offset: int) -> Location:
    """The 1-based line and column of a character offset in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(path, line, column)


def not_a_file(mode: int) -> str | None:
    """What a file system entry is when it is not a regular file (`a folder`), else None."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    )
    return next((name for test, name in kinds if test(mode)), None)


def read_bytes(path: Path, shown: str | None = None, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path` (links followed); anything else is refused with
    a `TextFileError` about the whole of `shown` (the path as shown, `display_path` by default).

    What is not a regular file is never opened: opening a named pipe blocks until someone
    writes to it, and opening a device may do anything."""
    where = Location(shown if shown is not None else display_path(path), 0)
    try:
        kind = not_a_file(os.stat(path).st_mode)
        if kind:
            raise TextFileError(where, f"{kind}, not a file", "not-a-file")
        with open(path, "rb", opener=_nonblocking) as file:
            info = os.fstat(file.fileno())  # the entry may have changed since the stat
            if kind := not_a_file(info.st_mode):
                raise TextFileError(where, f"{kind}, not a file", "not-a-file")
            if info.st_size > limit:
                raise _too_large(where, info.st_size, limit)
            data = file.read(limit + 1)
    except OSError as error:
        raise TextFileError(where, *_os_problem(path, error)) from None
    if len(data) > limit:  # it grew since the fstat
        raise _too_large(where, len(data), limit)
    return data


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | os.O_NONBLOCK | os.O_CLOEXEC)


def _too_large(where: Location, size: int, limit: int) -> TextFileError:
    return TextFileError(
        where, f"{size:,} bytes; a file may have at most {limit:,} bytes", "too-large"
    )


def _os_problem(path: Path, error: OSError) -> tuple[str, str]:
    """The message and code of a file that cannot be opened."""
    if error.errno == errno.ENOENT and path.is_symlink():
        return f"a symbolic link to {os.readlink(path)!r}, which does not exist", "missing-file"
    if error.errno == errno.ENOENT:
        return "no such file", "missing-file"
    if error.errno == errno.ELOOP:
        return "a loop of symbolic links", "unreadable"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied", "unreadable"
    if error.errno == errno.ENOTDIR:
        return "a folder on its path is a file", "missing-file"
    return f"cannot be read: {error.strerror or error}", "unreadable"


def decode(data: bytes, shown: str) -> str:
    """The text of a file's bytes: UTF-8, an optional BOM dropped, CRLF folded; NUL refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        raise TextFileError(
            location_of_offset(shown, good, len(good)),
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        ) from None
    if "\0" in text:
        raise TextFileError(
            location_of_offset(shown, text, text.index("\0")), "NUL character in a text file"
        )
    return text.replace("\r\n", "\n")


def read_text(path: Path, shown: str | None = None, *, limit: int = MAX_FILE_BYTES) -> str:
    """The text of the regular file at `path`: UTF-8, an optional BOM dropped, CRLF folded; NUL
    bytes, files that are not regular and files over `limit` bytes refused (`TextFileError`)."""
    shown = shown if shown is not None else display_path(path)
    return decode(read_bytes(path, shown, limit=limit), shown)


def regular_files(folder: Path) -> Iterator[Path]:
    """The regular files below `folder`, in no particular order: links to files followed, links
    to folders not (so a link loop cannot recurse), pipes, devices and broken links left out."""
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent, name)
            try:
                if stat.S_ISREG(os.stat(path).st_mode):
                    yield path
            except OSError:
                continue  # a broken link or a loop: whoever reads it reports it
