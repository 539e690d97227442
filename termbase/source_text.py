"""Reading a user's text file: bytes to str, with a place for every decoding problem."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from termbase.model import Location


class TextFileError(Exception):
    """A file that cannot be read as UTF-8 text; `location` says where it breaks."""

    def __init__(self, location: Location, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when inside it."""
    if not path.is_absolute():
        return str(path)
    return os.path.join(_display_folder(path.parent, os.getcwd()), path.name)


@lru_cache(maxsize=256)
def _display_folder(folder: Path, cwd: str) -> str:
    """A folder's shown form (cached: thousands of concept files share one folder)."""
    try:
        return os.path.relpath(folder, cwd)
    except ValueError:  # another drive on Windows
        return str(folder)


def location_of_offset(path: str, text: str, offset: int) -> Location:
    """The 1-based line and column of a character offset in `text`."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Location(path, line, column)


def read_text(path: Path) -> str:
    """The file's text: UTF-8, an optional BOM dropped, CRLF folded; NUL bytes refused."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig", errors="replace")
        raise TextFileError(
            location_of_offset(display_path(path), good, len(good)),
            f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8",
        ) from None
    if "\0" in text:
        raise TextFileError(
            location_of_offset(display_path(path), text, text.index("\0")),
            "NUL character in a text file",
        )
    return text.replace("\r\n", "\n")
