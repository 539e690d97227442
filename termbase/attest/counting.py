"""Counting the glossary's terms in the corpus index, and choosing the lines to cite.

The terms are found as everywhere else in termbase (`occurrences.TermIndex`: normal forms,
Russian inflection, the longest match first, capitals kept for abbreviations and names), one
language at a time, in the passages of the documents in that language. A use is a match;
where two terms overlap only the longer one is used ("language model" inside "large language
model" is a use of the latter alone), so the counts of a concept's competing variants add up.

A language's evidence depends on all its terms (the longest match), on the corpus and the
code: it is kept in the cache under that key, so that an edit of one concept counts again only
the languages whose terms it changed.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass

from termbase.attest.cache import Cache
from termbase.attest.corpus import Document
from termbase.attest.index import CorpusIndex
from termbase.model import Citation, Evidence, Glossary, Term
from termbase.occurrences import TermIndex

CITATIONS = 3
"""How many lines are cited per term."""
BROKEN = 2
SENTENCE = 30
"""The characters a cited line should have to read as a sentence rather than a title."""

TermKey = tuple[str, str, str]
"""A term as counted: (concept id, language, text)."""


@dataclass(frozen=True, slots=True, order=True)
class Use:
    """One use of a term: in which document (its index), on which line."""

    document: int
    line: int
    citable: int
    """How well the line shows the use, lower is better: 0 a sentence on one line, 1 a title
    or a short line, `BROKEN` a use broken across two lines (never cited: its line does not
    hold it)."""


def term_key(concept_id: str, term: Term) -> TermKey:
    return (concept_id, term.lang, term.text)


def count(glossary: Glossary, index: CorpusIndex, cache: Cache) -> dict[TermKey, Evidence]:
    """The evidence of every term of the glossary's concepts in the languages the corpus has
    (a term found nowhere has its zero); each language's is kept in the cache."""
    found: dict[TermKey, Evidence] = {}
    for lang in sorted(index.languages & set(glossary.languages)):
        key, entry = _key(glossary, lang, index), f"evidence-{lang}.marshal"
        cached = cache.load(entry, key)
        if cached is None:
            cached = [(term, _plain(e)) for term, e in _language(glossary, lang, index).items()]
            cache.store(entry, key, cached)
        found.update((tuple(term), _evidence(plain)) for term, plain in cached)
    return found


def _language(glossary: Glossary, lang: str, index: CorpusIndex) -> dict[TermKey, Evidence]:
    uses = _count(glossary, lang, index)
    return {
        (key := term_key(concept.id, term)): evidence(uses.get(key, []), index.documents)
        for concept in glossary.concepts
        for term in concept.terms_in(lang)
    }


_Plain = tuple[int, int, tuple[tuple[str, int], ...], tuple[tuple[str, str, str, int], ...]]


def _plain(found: Evidence) -> _Plain:
    """Evidence as the cache keeps it: plain tuples (marshal's)."""
    return (found.occurrences, found.documents, found.corpora, tuple(map(astuple, found.citations)))


def _evidence(plain: _Plain) -> Evidence:
    occurrences, documents, corpora, citations = plain
    return Evidence(
        occurrences,
        documents,
        tuple((name, uses) for name, uses in corpora),
        tuple(Citation(*c) for c in citations),
    )


def _key(glossary: Glossary, lang: str, index: CorpusIndex) -> str:
    """What a language's uses depend on: the corpus and the code (the index's key), and every
    term of the language with what matching reads of it."""
    hasher = hashlib.sha256(f"{index.key}:{lang}".encode())
    for concept in glossary.concepts:
        for term in concept.terms_in(lang):
            hasher.update(f"{concept.id}\0{term.text}\0{term.status}\n".encode())
    return hasher.hexdigest()


def _count(glossary: Glossary, lang: str, index: CorpusIndex) -> dict[TermKey, list[Use]]:
    uses: dict[TermKey, list[Use]] = defaultdict(list)
    terms = TermIndex(glossary, lang)
    for document, passage in index.in_language(lang):
        for hit in terms.find(passage.text):
            line = passage.line + passage.text.count("\n", 0, hit.start)
            uses[term_key(hit.concept.id, hit.term)].append(
                Use(document, line, citable(passage.text, hit.start, hit.end))
            )
    return uses


def citable(text: str, start: int, end: int) -> int:
    """How well a line shows the use at `start:end` of `text` (`Use.citable`)."""
    if "\n" in text[start:end]:
        return BROKEN
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return 0 if len(line) >= SENTENCE and not line.startswith("#") else 1


def evidence(uses: Sequence[Use], documents: Sequence[Document]) -> Evidence:
    """What the uses of one term add up to, with the lines to cite."""
    per_corpus = Counter(documents[use.document].corpus for use in uses)
    used_in = {use.document for use in uses}
    return Evidence(
        occurrences=len(uses),
        documents=len(used_in),
        corpora=tuple(sorted(per_corpus.items())),
        citations=tuple(_citation(u, documents) for u in citations(uses, documents)),
    )


def citations(uses: Iterable[Use], documents: Sequence[Document]) -> list[Use]:
    """Up to `CITATIONS` uses to cite, as varied as the uses allow: the most citable use of
    each document, the documents taken in turn from each corpus (the corpora that use the
    term most first, and of a corpus its documents that use it most); then the next use of
    each, in the same order; never one line twice, nor a use broken across lines."""
    by_document: dict[int, list[Use]] = defaultdict(list)
    for use in uses:
        by_document[use.document].append(use)
    by_corpus: dict[str, list[int]] = defaultdict(list)
    for document in sorted(by_document, key=lambda d: (-len(by_document[d]), d)):
        by_corpus[documents[document].corpus].append(document)
    corpora = sorted(by_corpus, key=lambda c: (-sum(len(by_document[d]) for d in by_corpus[c]), c))
    order = {}
    for corpus_rank, corpus in enumerate(corpora):
        for document_rank, document in enumerate(by_corpus[corpus]):
            lines = sorted(
                {u.line: u for u in by_document[document] if u.citable < BROKEN}.values(),
                key=_citable_first,
            )
            for use_rank, use in enumerate(lines):
                order[use] = (use_rank, document_rank, corpus_rank)
    return sorted(order, key=order.__getitem__)[:CITATIONS]


def _citable_first(use: Use) -> tuple[int, int]:
    return (use.citable, use.line)


def _citation(use: Use, documents: Sequence[Document]) -> Citation:
    document = documents[use.document]
    return Citation(document.corpus, document.lang, document.path, use.line)
