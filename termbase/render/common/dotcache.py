"""dot's layouts kept between builds, by the graph they lay out: an edit of a definition changes
no concept map, so a build after it runs no `dot`.

A layout is kept in this process, and as a file in the cache folder: `$TERMBASE_CACHE/dot/`,
else `$XDG_CACHE_HOME/termbase/dot/` (`~/.cache/termbase/dot/`); `TERMBASE_CACHE=""` keeps
none on disk. A file is named by a digest of the graph's source and of the `dot` program that
laid it out, so another Graphviz lays the graphs out anew; it is written whole (under another
name, then renamed), and one that cannot be read is laid out again. The cache changes no output:
the same graph, laid out by the same `dot`, gives the same layout. Past `MAX_FILES` layouts, the
older half is removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

from termbase.paths import cache_dir

MAX_FILES = 20_000
"""The most layouts kept on disk (a few kilobytes each)."""
END = "stop\n"
"""How dot ends a graph's plain output: a file without it was not written whole."""
_kept: dict[str, str] = {}


def folder() -> Path | None:
    """Where layouts are kept on disk, or None (TERMBASE_CACHE set to nothing)."""
    return cache_dir("dot")


@cache
def _program(dot: str) -> str:
    """What identifies the `dot` program: its path, size and modification time."""
    path = shutil.which(dot)
    if path is None:
        return dot
    status = os.stat(path)
    return f"{os.path.realpath(path)}:{status.st_size}:{status.st_mtime_ns}"


def key(dot: str, source: str) -> str:
    return hashlib.sha256(f"{_program(dot)}\0{source}".encode()).hexdigest()


def get(dot: str, source: str) -> str | None:
    """The kept layout of `source`, or None."""
    name = key(dot, source)
    if name in _kept:
        return _kept[name]
    where = folder()
    if where is None:
        return None
    try:
        text = (where / f"{name}.plain").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.endswith(END):  # not a whole layout
        return None
    _kept[name] = plain = text.removesuffix(END)
    return plain


def put(dot: str, source: str, plain: str) -> None:
    """Keep a layout (`dot -Tplain` of one graph, without its `stop`); a disk that refuses it
    costs only the next build's `dot`."""
    name = key(dot, source)
    _kept[name] = plain
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=where, prefix=".", suffix=".tmp", delete=False
        ) as file:
            file.write(plain + END)
        os.replace(file.name, where / f"{name}.plain")
        _prune(where)
    except OSError:
        return


@cache
def _prune(where: Path) -> None:
    """Past MAX_FILES layouts, remove the older half (once a process)."""
    files = list(where.glob("*.plain"))
    if len(files) <= MAX_FILES:
        return
    for path in sorted(files, key=lambda p: p.stat().st_mtime)[: len(files) // 2]:
        path.unlink(missing_ok=True)
