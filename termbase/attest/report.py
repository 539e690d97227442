"""What `attest` prints: the terms whose evidence changed, the share of preferred terms in use
per language, and (`--show`) a concept's evidence with each cited line, read from the corpus.

The cited lines are the corpus's text: they are shown where the corpus is, never written into
the glossary.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from termbase.attest import Attestation, excerpt
from termbase.model import Concept, Evidence, Glossary, Status, Term


@dataclass(frozen=True, slots=True)
class Share:
    """How many of a language's preferred terms the corpus attests."""

    lang: str
    attested: int
    counted: int

    def __str__(self) -> str:
        percent = f" ({100 * self.attested / self.counted:.0f} %)" if self.counted else ""
        return f"{self.lang} {self.attested} of {self.counted}{percent}"


def shares(glossary: Glossary, attestation: Attestation) -> list[Share]:
    """Per language the corpus has, the preferred terms in use and those counted."""
    found = []
    for lang in glossary.languages:
        counted = [
            evidence
            for concept in glossary.concepts
            for term, evidence in attestation.of(concept)
            if term.lang == lang and term.status is Status.PREFERRED
        ]
        if counted:
            found.append(Share(lang, sum(e.occurrences > 0 for e in counted), len(counted)))
    return found


def in_use(evidence: Evidence | None) -> str:
    """`24 uses in 9 documents, 3 corpora`; `no use`; `not counted`."""
    if evidence is None:
        return "not counted"
    if not evidence.occurrences:
        return "no use"
    return (
        f"{_counted(evidence.occurrences, 'use')} in {_counted(evidence.documents, 'document')}, "
        f"{_counted(len(evidence.corpora), 'corpus', 'corpora')}"
    )


def _counted(number: int, one: str, more: str | None = None) -> str:
    return f"{number} {one if number == 1 else more or one + 's'}"


def changes(glossary: Glossary, attestation: Attestation) -> Iterator[str]:
    """A line per term whose counts differ from the evidence the glossary had."""
    for concept in glossary.concepts:
        for term, evidence in attestation.of(concept):
            old = term.evidence
            if old is None or (old.occurrences, old.documents) != (
                evidence.occurrences,
                evidence.documents,
            ):
                yield (
                    f"{concept.id}: {term.lang} '{term.text}' ({term.status}): "
                    f"{in_use(evidence)} (was: {in_use(old)})"
                )


def shown(concept: Concept, attestation: Attestation) -> Iterator[str]:
    """A concept's evidence, term by term, each citation with its line from the corpus."""
    yield f"{concept.id} ({concept.location.path})"
    for term, evidence in attestation.of(concept):
        per_corpus = ", ".join(f"{name} {n}" for name, n in evidence.corpora)
        yield f"  {term.lang} '{term.text}' ({term.status}): {in_use(evidence)}" + (
            f"; {per_corpus}" if per_corpus else ""
        )
        for citation in evidence.citations:
            yield f"    {citation}"
            yield f"      | {excerpt(attestation.corpus.line(citation), term.text)}"


def summary(glossary: Glossary, attestation: Attestation, written: Sequence[str]) -> Iterator[str]:
    """How much was read, what was written, and the share of preferred terms in use."""
    documents = attestation.corpus.index.documents
    per_lang = ", ".join(
        f"{lang} {sum(d.lang == lang for d in documents)}"
        for lang in glossary.languages
        if lang in attestation.corpus.index.languages
    )
    yield (
        f"counted in {_counted(len(attestation.corpus.corpora), 'corpus', 'corpora')}, "
        f"{len(documents)} documents ({per_lang})"
    )
    yield f"{_counted(len(written), 'evidence file')} written or removed"
    yield "preferred terms in use: " + ", ".join(str(s) for s in shares(glossary, attestation))


def json_report(
    glossary: Glossary, attestation: Attestation, written: Sequence[str]
) -> dict[str, object]:
    """The whole evidence, each citation with its link and its line, for machines."""
    documents = attestation.corpus.index.documents
    return {
        "corpora": [
            {
                "name": corpus.name,
                "licence": source.licence
                if (source := glossary.corpus.source(corpus.name))
                else None,
                "documents": sum(d.corpus == corpus.name for d in documents),
            }
            for corpus in attestation.corpus.corpora
        ],
        "written": list(written),
        "preferred_in_use": {
            s.lang: {"attested": s.attested, "counted": s.counted}
            for s in shares(glossary, attestation)
        },
        "concepts": {
            concept.id: [
                _term_json(glossary, attestation, term, evidence)
                for term, evidence in attestation.of(concept)
            ]
            for concept in glossary.concepts
        },
    }


def _term_json(
    glossary: Glossary, attestation: Attestation, term: Term, evidence: Evidence
) -> dict[str, object]:
    return {
        "lang": term.lang,
        "text": term.text,
        "status": str(term.status),
        "occurrences": evidence.occurrences,
        "documents": evidence.documents,
        "corpora": dict(evidence.corpora),
        "citations": [
            {
                "citation": str(citation),
                "link": source.link(citation)
                if (source := glossary.corpus.source(citation.corpus))
                else None,
                "line": attestation.corpus.line(citation),
            }
            for citation in evidence.citations
        ],
    }
