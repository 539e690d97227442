"""The corpus index: every document's prose passages, read once and kept in the cache.

Reading the corpus and cutting it into passages is what a first `attest` spends most on; the
index keeps the passages, in NFKC (as matching reads text), and is read back in a fraction of
that while no corpus file and no code changed: its key is the code's digest, Python's version,
and each corpus file's path, size and modification time.
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from termbase.attest.cache import Cache
from termbase.attest.corpus import Corpus, Document, read_document
from termbase.attest.prose import Passage, passages
from termbase.plan import code_digest

CACHE_ENTRY = "corpus-index.marshal"


@dataclass(frozen=True, slots=True)
class CorpusIndex:
    """The passages of every document of the corpora, by document."""

    key: str
    """What the index was made from: the code, and every corpus file's size and date."""
    documents: tuple[Document, ...]
    """Sorted (corpus, language, path); the documents that are not text are left out."""
    passages: tuple[tuple[Passage, ...], ...]
    """Each document's passages, in NFKC, in the order of `documents`."""

    def in_language(self, lang: str) -> list[tuple[int, Passage]]:
        """The passages in one language, each with its document's index."""
        return [
            (index, passage)
            for index, document in enumerate(self.documents)
            if document.lang == lang
            for passage in self.passages[index]
        ]

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(d.lang for d in self.documents)


def corpus_index(corpora: Sequence[Corpus], cache: Cache) -> CorpusIndex:
    """The index of `corpora`, from the cache when it is current there (and kept there when
    not)."""
    key = _key(corpora)
    if cached := cache.load(CACHE_ENTRY, key):
        documents, found = cached
        return CorpusIndex(
            key,
            tuple(Document(*d) for d in documents),
            tuple(tuple(Passage(*passage) for passage in p) for p in found),
        )
    index = _index(key, corpora)
    documents = tuple((d.corpus, d.lang, d.path) for d in index.documents)
    found = tuple(tuple((p.line, p.paragraph, p.text) for p in ps) for ps in index.passages)
    cache.store(CACHE_ENTRY, key, (documents, found))
    return index


def _index(key: str, corpora: Sequence[Corpus]) -> CorpusIndex:
    documents, found = [], []
    for corpus in corpora:
        for document in corpus.documents:
            text = read_document(corpus, document)
            if text is not None:
                documents.append(document)
                normal = unicodedata.normalize("NFKC", text)
                found.append(tuple(passages(normal, _suffix(document.path))))
    return CorpusIndex(key, tuple(documents), tuple(found))


def _suffix(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def _key(corpora: Sequence[Corpus]) -> str:
    hasher = hashlib.sha256(f"{code_digest()}:{sys.version}".encode())
    for corpus in corpora:
        for document in corpus.documents:
            try:
                stat = document.file(corpus.folder).stat()
            except OSError:
                continue  # read_document leaves it out too
            line = f"{corpus.folder.resolve()}\0{document.lang}\0{document.path}\0"
            hasher.update(f"{line}{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()
