"""Evidence of use: the glossary's terms counted in a usage corpus (`termbase attest`).

`corpus` finds the corpora and their documents, `prose` takes the prose out of a file, `index`
keeps every document's passages (cached), `count` finds the terms in them and chooses the lines
to cite, and the evidence is written into the glossary (`termbase.evidence` is its file
format), where the build reads it without the corpus. `align` and `candidates` mine the
translated documents for the renderings the glossary lacks (`attest --candidates`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.attest.cache import Cache
from termbase.attest.corpus import Corpus, CorpusError, cited_file, cited_line, find_corpora
from termbase.attest.counting import TermKey, Use, count, term_key
from termbase.attest.index import CorpusIndex, corpus_index
from termbase.evidence import SUFFIX, dump
from termbase.model import Citation, Concept, Evidence, Glossary, Term
from termbase.paths import EVIDENCE_DIR
from termbase.write import write_atomically

__all__ = [
    "EXCERPT",
    "Attestation",
    "CorpusError",
    "UsageCorpus",
    "attest",
    "corpus_folders",
    "excerpt",
    "read_corpus",
    "write_evidence",
]


@dataclass(frozen=True, slots=True)
class UsageCorpus:
    """The corpora read, and their index."""

    corpora: tuple[Corpus, ...]
    index: CorpusIndex

    def citation(self, use: Use) -> Citation:
        """How a use is cited: `corpus/<name>/<lang>/<path>:<line>`."""
        document = self.index.documents[use.document]
        return Citation(document.corpus, document.lang, document.path, use.line)

    def line(self, citation: Citation) -> str:
        """The cited line's text, trimmed ('' where it cannot be read)."""
        file = cited_file([c.folder for c in self.corpora], citation)
        return cited_line(file, citation.line) if file else ""


EXCERPT = 160
"""The width of a cited line a text report shows, around what it cites (a Chinese character
is two columns wide)."""


def excerpt(line: str, cited: str) -> str:
    """The part of a long line around the first place that looks like `cited` (the text, or
    its first letters: an inflected form), with … where it is cut."""
    widths = [2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line]
    if sum(widths) <= EXCERPT:
        return line
    folded = line.casefold()
    at = folded.find(cited.casefold())
    start = at if at >= 0 else max(folded.find(cited.casefold()[:4]), 0)
    before = EXCERPT // 3
    while start > 0 and before > 0:
        start -= 1
        before -= widths[start]
    end, width = start, 0
    while end < len(line) and width < EXCERPT:
        width += widths[end]
        end += 1
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


@dataclass(frozen=True, slots=True)
class Attestation:
    """What the corpus says of the glossary's terms."""

    corpus: UsageCorpus
    evidence: dict[TermKey, Evidence]
    """Every term in the languages the corpus has, found or not."""

    def of(self, concept: Concept) -> list[tuple[Term, Evidence]]:
        """The evidence of a concept's terms, in its order of terms."""
        return [
            (term, self.evidence[key])
            for term in concept.terms
            if (key := term_key(concept.id, term)) in self.evidence
        ]


def corpus_folders(glossary: Glossary, glossary_dir: Path) -> list[Path]:
    """The folders glossary.toml's `[corpus]` names, resolved from the glossary folder."""
    return [glossary_dir / folder for folder in glossary.corpus.folders]


def read_corpus(glossary: Glossary, folders: Sequence[Path], cache: Cache) -> UsageCorpus:
    """The corpora of `folders` and their index; CorpusError when a folder holds no corpus,
    or a corpus is not described in glossary.toml (its licence must be named)."""
    corpora = find_corpora(folders, glossary.languages)
    undescribed = [c.name for c in corpora if glossary.corpus.source(c.name) is None]
    if undescribed:
        raise CorpusError(
            f"glossary.toml: no [[corpus.sources]] for {', '.join(undescribed)}: give each "
            "corpus's name and licence (and its repository and commit, for links to its lines)"
        )
    return UsageCorpus(tuple(corpora), corpus_index(corpora, cache))


def attest(glossary: Glossary, corpus: UsageCorpus, cache: Cache) -> Attestation:
    """Count the glossary's terms in the corpus."""
    return Attestation(corpus, count(glossary, corpus.index, cache))


def write_evidence(glossary: Glossary, glossary_dir: Path, attestation: Attestation) -> list[str]:
    """Write each concept's evidence file where its content changed, and remove those of
    concepts the glossary no longer has; return the files written and removed (relative to
    the glossary folder)."""
    folder = glossary_dir / EVIDENCE_DIR
    folder.mkdir(exist_ok=True)
    changed = []
    for concept in glossary.concepts:
        found = attestation.of(concept)
        if not found:
            continue
        path = folder / f"{concept.id}{SUFFIX}"
        data = dump(found).encode()
        if not path.is_file() or path.read_bytes() != data:
            write_atomically(path, data)
            changed.append(f"{EVIDENCE_DIR}/{path.name}")
    current = {f"{c.id}{SUFFIX}" for c in glossary.concepts}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name not in current:
            path.unlink()
            changed.append(f"{EVIDENCE_DIR}/{path.name}")
    return changed
