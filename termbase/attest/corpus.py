"""The usage corpus on disk: corpora, their documents per language, and their translations.

The layout is the shipped corpus's: `<folder>/<name>/<lang>/<path>`, where `<lang>` is one of
the glossary's language tags and `<path>` is the file's path in the corpus's repository, so
that a line is cited as `corpus/<name>/<lang>/<path>:<line>`. Beside the language folders,
`parallel.tsv` lists the documents that translate one another: a header row of language tags,
then a row per document, each cell a path relative to the corpus folder (empty where that
language has none). A folder given to `attest` is one corpus (it has language folders) or a
folder of corpora.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from termbase.model import Citation
from termbase.source_text import MAX_SOURCE_BYTES, TextFileError, display_path, read_text

PARALLEL_FILE = "parallel.tsv"


class CorpusError(Exception):
    """A corpus that cannot be read as one (missing, no language folders, a name twice)."""


@dataclass(frozen=True, slots=True, order=True)
class Document:
    """One file of a corpus, in one language."""

    corpus: str
    lang: str
    path: str
    """Below the language folder: the file's path in the corpus's repository."""

    def file(self, folder: Path) -> Path:
        """The file, in the corpus `folder`."""
        return folder / self.lang / self.path


@dataclass(frozen=True, slots=True)
class Corpus:
    """One corpus: its folder, and its documents in the glossary's languages, sorted."""

    name: str
    folder: Path
    documents: tuple[Document, ...]

    def translations(self) -> list[dict[str, Document]]:
        """The rows of `parallel.tsv`: each the documents of one text, by language (only
        those in the corpus); a corpus without the file has none. Raises CorpusError for a
        file that is not a table of language tags and paths."""
        path = self.folder / PARALLEL_FILE
        if not path.is_file():
            return []
        try:
            rows = list(csv.reader(io.StringIO(read_text(path)), delimiter="\t"))
        except TextFileError as error:
            raise CorpusError(f"{error.location}: {error.message}") from None
        if not rows:
            return []
        header, known = rows[0], set(self.documents)
        found = []
        for number, row in enumerate(rows[1:], 2):
            if len(row) > len(header):
                raise CorpusError(
                    f"{display_path(path)}:{number}: {len(row)} cells under a header of "
                    f"{len(header)} languages"
                )
            documents = {
                lang: Document(self.name, lang, cell.removeprefix(f"{lang}/"))
                for lang, cell in zip(header, row, strict=False)
                if cell
            }
            found.append({lang: d for lang, d in documents.items() if d in known})
        return [row for row in found if len(row) > 1]


def find_corpora(folders: Sequence[Path], languages: Sequence[str]) -> list[Corpus]:
    """The corpora in `folders`, sorted by name; raise CorpusError for a folder that is
    missing or holds no corpus, and for two corpora of one name."""
    found: dict[str, Corpus] = {}
    for folder in folders:
        if not folder.is_dir():
            what = "not a folder" if folder.exists() else "no such folder"
            raise CorpusError(f"{display_path(folder)}: {what}")
        inside = [folder] if _has_languages(folder, languages) else _subfolders(folder, languages)
        if not inside:
            raise CorpusError(
                f"{display_path(folder)}: no corpus here (a corpus has a folder per language: "
                f"{', '.join(languages)})"
            )
        for corpus_folder in inside:
            corpus = _read(corpus_folder, languages)
            if corpus.name in found:
                raise CorpusError(
                    f"{display_path(corpus_folder)}: a second corpus named '{corpus.name}' "
                    f"(the first is {display_path(found[corpus.name].folder)})"
                )
            found[corpus.name] = corpus
    return [found[name] for name in sorted(found)]


def _has_languages(folder: Path, languages: Iterable[str]) -> bool:
    return any((folder / lang).is_dir() for lang in languages)


def _subfolders(folder: Path, languages: Sequence[str]) -> list[Path]:
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_dir() and not p.name.startswith(".") and _has_languages(p, languages)
    )


def _read(folder: Path, languages: Sequence[str]) -> Corpus:
    documents = []
    for lang in languages:
        root = folder / lang
        if root.is_dir():
            documents += [
                Document(folder.name, lang, path.relative_to(root).as_posix())
                for path in root.rglob("*")
                if path.is_file()
                and not any(part.startswith(".") for part in path.relative_to(root).parts)
            ]
    return Corpus(folder.name, folder, tuple(sorted(documents)))


def read_document(corpus: Corpus, document: Document) -> str | None:
    """The document's text; None when it is not UTF-8 text (left out of the counts)."""
    try:
        return read_text(document.file(corpus.folder), limit=MAX_SOURCE_BYTES)
    except TextFileError:
        return None


def cited_file(folders: Sequence[Path], citation: Citation) -> Path | None:
    """The file a citation names, in one of the corpus `folders` (each a corpus or a folder of
    corpora); None where it is not, or where the citation would lead out of its corpus."""
    parts = PurePosixPath(citation.path).parts
    if ".." in parts or PurePosixPath(citation.path).is_absolute() or "/" in citation.corpus:
        return None
    for folder in folders:
        for corpus in (folder / citation.corpus, folder):
            if corpus.name != citation.corpus or not corpus.is_dir():
                continue
            file = corpus / citation.lang / citation.path
            if file.is_file() and file.resolve().is_relative_to(corpus.resolve()):
                return file
    return None


def cited_line(file: Path, number: int) -> str:
    """Line `number` of a corpus file, trimmed ('' where the file cannot be read or is
    shorter): the corpus's text, to show where the corpus is, never to keep."""
    lines = _lines(file)
    return lines[number - 1].strip() if 0 < number <= len(lines) else ""


@cache
def _lines(path: Path) -> list[str]:
    try:
        return read_text(path, limit=MAX_SOURCE_BYTES).split("\n")
    except TextFileError:
        return []
