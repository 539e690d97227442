"""The evidence files: `evidence/<concept id>.yaml`, what `attest` counted in the usage corpus.

One file per concept, so that concepts added on two branches merge, and a reviewer reads a
change of usage in `git diff`: per language, in the concept's order of terms, each term with
its occurrences, its documents, its occurrences per corpus and up to three lines to cite.
The files hold counts and line numbers only, never the corpus's text, which belongs to its
authors. `attest` writes them whole (every string quoted, keys in one order), so that the same
corpus and glossary give the same bytes on any machine; the loader reads them into each term's
`evidence`, so that the build never needs the corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from termbase.findings import Finding, Message, Severity
from termbase.model import Citation, Concept, Evidence, Location, Term
from termbase.paths import EVIDENCE_DIR
from termbase.source_text import TextFileError, read_text, regular_files
from termbase.yamlnodes import NodeReader, YAMLSyntaxError, compose

SUFFIX = ".yaml"
HEADER = (
    "# What `termbase attest` counted in the usage corpus (glossary.toml [corpus]): per term, "
    "its\n# occurrences, documents, occurrences per corpus and lines to cite. Counts only, no "
    "corpus text.\n# Written by attest: run it again rather than editing this file.\n"
)
TERM_KEYS = ("term", "occurrences", "documents", "corpora", "citations")
CITATION = re.compile(r"corpus/(?P<corpus>[^/]+)/(?P<lang>[^/]+)/(?P<path>.+):(?P<line>[1-9]\d*)")

TermEvidence = tuple[Term, Evidence]


def path_of(concept_id: str) -> str:
    """Where a concept's evidence is, relative to the glossary folder."""
    return f"{EVIDENCE_DIR}/{concept_id}{SUFFIX}"


def dump(evidence: Sequence[TermEvidence]) -> str:
    """A concept's evidence file: the terms in the order given (the concept's), grouped by
    language. A term found nowhere is written with its zero, so that "counted, not found" and
    "not counted" stay apart."""
    lines = [HEADER.rstrip("\n")]
    lang = None
    for term, found in evidence:
        if term.lang != lang:
            lang = term.lang
            lines.append(f"{_quoted(lang)}:")
        lines.append(f"  - term: {_quoted(term.text)}")
        lines.append(f"    occurrences: {found.occurrences}")
        if not found.occurrences:
            continue
        lines.append(f"    documents: {found.documents}")
        lines.append("    corpora:")
        lines += [f"      {_quoted(name)}: {count}" for name, count in found.corpora]
        lines.append("    citations:" if found.citations else "    citations: []")
        lines += [f"      - {_quoted(str(citation))}" for citation in found.citations]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (a JSON string is one), whatever the text holds."""
    return json.dumps(text, ensure_ascii=False)


def parse_citation(text: str) -> Citation | None:
    match = CITATION.fullmatch(text)
    if match is None:
        return None
    return Citation(match["corpus"], match["lang"], match["path"], int(match["line"]))


def with_evidence(
    root: Path, concepts: Iterable[Concept], findings: list[Finding]
) -> list[Concept]:
    """The concepts with each term's evidence from `evidence/`, where there is any; problems
    (a file that is no YAML, a wrong shape) go to `findings`."""
    by_id = {concept.id: concept for concept in concepts}
    for path in _files(root):
        shown = f"{EVIDENCE_DIR}/{path.name}"
        concept = by_id.get(path.stem)
        if concept is None:
            continue  # a concept deleted since: no output shows it, and attest removes it
        found = _read(path, shown, concept, findings)
        if found:
            terms = tuple(replace(t, evidence=found.get((t.lang, t.text))) for t in concept.terms)
            by_id[concept.id] = replace(concept, terms=terms)
    return list(by_id.values())


def _files(root: Path) -> list[Path]:
    folder = root / EVIDENCE_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in regular_files(folder) if p.parent == folder and p.suffix == SUFFIX)


def _read(
    path: Path, shown: str, concept: Concept, findings: list[Finding]
) -> dict[tuple[str, str], Evidence]:
    """The evidence by (language, term text); the terms a file names that the concept no
    longer has are left out (the evidence checks report what is not counted)."""
    try:
        root = compose(read_text(path, shown), shown)
    except TextFileError as error:
        findings.append(_error(error.location, error.code, error.message, concept.id))
        return {}
    except YAMLSyntaxError as error:
        findings.append(error.finding)
        return {}
    if root is None:
        return {}
    reader = _Reader(shown, concept.id)
    found = reader.read(root)
    findings += reader.findings
    return found if not reader.findings else {}


def _error(where: Location, code: str, text: str, concept: str | None = None) -> Finding:
    return Finding(where, Severity.ERROR, code, Message(text), concept)


class _Reader(NodeReader):
    """Reads one evidence file: `<lang>: [{term, occurrences, documents, corpora, citations}]`."""

    def read(self, root: yaml.Node) -> dict[tuple[str, str], Evidence]:
        found: dict[tuple[str, str], Evidence] = {}
        for lang, terms in (self.mapping(root, "") or {}).items():
            for index, item in enumerate(self.sequence(terms, lang)):
                field = f"{lang}[{index}]"
                fields = self.mapping(item, field, known=TERM_KEYS, required=TERM_KEYS[:2])
                if fields and "term" in fields and "occurrences" in fields:
                    text = self.text(fields["term"], f"{field}.term")
                    evidence = self.evidence(fields, field)
                    if text is not None and evidence is not None:
                        found[(lang, text)] = evidence
        return found

    def evidence(self, fields: dict[str, yaml.Node], field: str) -> Evidence | None:
        occurrences = self.count(fields["occurrences"], f"{field}.occurrences")
        documents = (
            self.count(fields["documents"], f"{field}.documents") if "documents" in fields else 0
        )
        corpora = []
        per_corpus = (
            self.mapping(fields["corpora"], f"{field}.corpora") if "corpora" in fields else None
        )
        for name, node in (per_corpus or {}).items():
            count = self.count(node, f"{field}.corpora.{name}")
            if count is not None:
                corpora.append((name, count))
        citations = []
        listed = (
            self.texts(fields["citations"], f"{field}.citations") if "citations" in fields else []
        )
        for node, text in listed:
            citation = parse_citation(text)
            if citation is None:
                self.error(
                    node,
                    "bad-citation",
                    f"{field}.citations: expected corpus/<name>/<lang>/<path>:<line>, got '{text}'",
                )
            else:
                citations.append(citation)
        if occurrences is None or documents is None:
            return None
        return Evidence(occurrences, documents, tuple(sorted(corpora)), tuple(citations))

    def count(self, node: yaml.Node, field: str) -> int | None:
        value = self.integer(node, field)
        if value is not None and value < 0:
            self.error(node, "wrong-type", f"{field}: expected a count, got {value}")
            return None
        return value
