"""Extraction: candidate terms in source notes, matched to the glossary (`build.py extract`).

`markdown` finds the candidates of one note, `matching` tells matched, ignored and unmatched
apart, `report` prints the coverage and `review` appends the unmatched ones to a review file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.extract.markdown import Candidate, candidates
from termbase.extract.matching import Coverage, Matcher, Verdict
from termbase.source_text import MAX_SOURCE_BYTES, TextFileError, display_path, read_text

__all__ = [
    "Candidate",
    "Coverage",
    "ExtractError",
    "Extraction",
    "Matcher",
    "SourceReport",
    "Verdict",
    "candidates",
    "extract",
    "find_sources",
]


class ExtractError(Exception):
    """A source that cannot be read (missing, not UTF-8 text); the message says which."""


@dataclass(frozen=True, slots=True)
class Source:
    """A source note: where it is, and how the glossary cites it."""

    path: Path
    file: str
    """Relative to the folder named on the command line (the name alone for a named file)."""
    explicit: bool
    """Named on the command line (an unreadable one is an error, not a skipped file)."""


@dataclass(frozen=True, slots=True)
class SourceReport:
    """The verdicts on one source's candidates, in line order."""

    shown: str
    """The path as the user would type it."""
    file: str
    verdicts: tuple[Verdict, ...]

    def with_status(self, status: Coverage) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.status is status)


@dataclass(frozen=True, slots=True)
class Extraction:
    """The whole run: one report per source, and the files skipped as not text."""

    sources: tuple[SourceReport, ...]
    skipped: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    """What was found but could not be read, with its place."""

    def count(self, status: Coverage) -> int:
        return sum(len(source.with_status(status)) for source in self.sources)


def find_sources(paths: Sequence[Path]) -> list[Source]:
    """The files named, and every non-hidden file under the folders named, in order."""
    found: dict[Path, Source] = {}
    for path in paths:
        if path.is_file():
            found.setdefault(path.resolve(), Source(path, path.name, True))
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path)
                if file.is_file() and not any(p.startswith(".") for p in relative.parts):
                    found.setdefault(file.resolve(), Source(file, relative.as_posix(), False))
        elif path.is_symlink() or path.exists():  # a pipe, a device, a broken link: read_text
            found.setdefault(path.absolute(), Source(path, path.name, True))  # says which
        else:
            raise ExtractError(f"{path}: no such file or folder")
    return list(found.values())


def extract(paths: Sequence[Path], matcher: Matcher) -> Extraction:
    """Read every source under `paths` and judge each candidate; raise ExtractError first."""
    reports: list[SourceReport] = []
    skipped: list[str] = []
    warnings: list[str] = []
    for source in find_sources(paths):
        try:
            text = read_text(source.path, limit=MAX_SOURCE_BYTES)
        except TextFileError as error:
            if source.explicit:
                raise ExtractError(f"{error.location}: {error.message}") from None
            skipped.append(display_path(source.path))
            continue
        except OSError as error:
            raise ExtractError(f"{display_path(source.path)}: {error.strerror}") from None
        shown = display_path(source.path)
        problems: list[tuple[int, str]] = []
        found = candidates(text, source.file, problems)
        warnings += [f"{shown}:{line}: {message}" for line, message in problems]
        verdicts = tuple(matcher.classify(c) for c in found)
        reports.append(SourceReport(shown, source.file, verdicts))
    return Extraction(tuple(reports), tuple(skipped), tuple(warnings))
