"""Evidence of use: the glossary's terms counted in a usage corpus (`termbase attest`).

`corpus` finds the corpora and their documents, `prose` takes the prose out of a file, `index`
keeps every document's passages (cached), `count` finds the terms in them and chooses the lines
to cite, and the evidence is written into the glossary (`termbase.evidence` is its file
format), where the build reads it without the corpus. `align` and `candidates` mine the
translated documents for the renderings the glossary lacks (`attest --candidates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.attest.cache import Cache
from termbase.attest.corpus import Corpus, CorpusError, find_corpora
from termbase.attest.count import TermKey, by_term, count, term_key
from termbase.attest.index import CorpusIndex, corpus_index
from termbase.evidence import SUFFIX, dump
from termbase.model import Concept, Evidence, Glossary, Term
from termbase.paths import EVIDENCE_DIR
from termbase.write import write_atomically

__all__ = ["Attestation", "CorpusError", "attest", "corpus_folders", "write_evidence"]


@dataclass(frozen=True, slots=True)
class Attestation:
    """What the corpus says of the glossary's terms."""

    corpora: tuple[Corpus, ...]
    index: CorpusIndex
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


def attest(glossary: Glossary, folders: Sequence[Path], cache: Cache) -> Attestation:
    """Count the glossary's terms in the corpora of `folders`; CorpusError when a folder holds
    no corpus, or a corpus is not described in glossary.toml (its licence must be named)."""
    corpora = find_corpora(folders, glossary.languages)
    undescribed = [c.name for c in corpora if glossary.corpus.source(c.name) is None]
    if undescribed:
        raise CorpusError(
            f"glossary.toml: no [[corpus.sources]] for {', '.join(undescribed)}: give each "
            "corpus's name and licence (and its repository and commit, for links to its lines)"
        )
    index = corpus_index(corpora, cache)
    return Attestation(
        tuple(corpora), index, by_term(glossary, count(glossary, index, cache), index)
    )


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
