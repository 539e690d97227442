"""The JSON export: the whole glossary, for machines (and the round trip back to the model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import PurePosixPath
from typing import Any

from termbase.evidence import parse_citation
from termbase.languages import is_japanese
from termbase.model import (
    KIND_SYNONYMS,
    Citation,
    Concept,
    Contrast,
    CorpusSettings,
    CorpusSource,
    Domain,
    Evidence,
    FrozenMap,
    Glossary,
    InstanceWords,
    Kind,
    Location,
    Status,
    Term,
    TermType,
)
from termbase.readings import reading_of
from termbase.render.contract import BuildContext, Job, Output, one_job

PATH = PurePosixPath("glossary.json")
FORMAT_VERSION = 4
"""2: terms have `reading` (and `attested`, derived); concepts have `retired` and `replaced_by`,
retired ones included. 3: the kind `instance` (was `named-model`); the glossary's `instances`
words; a Japanese term's `reading` is the glossary's own (read back). 4: terms have `evidence`
(their use in the usage corpus), the glossary its `corpus` (the corpora's licences and
repositories)."""


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("json", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    yield Output(PATH, dumps(context.glossary).encode())


def dumps(glossary: Glossary) -> str:
    """The glossary as stable, human-readable JSON (keys in a fixed order, UTF-8 text)."""
    return json.dumps(to_data(glossary), ensure_ascii=False, indent=2) + "\n"


def to_data(glossary: Glossary) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "title": dict(glossary.title),
        "slug": glossary.slug,
        "description": dict(glossary.description),
        "languages": list(glossary.languages),
        "location": str(glossary.location),
        "non_translatables": list(glossary.non_translatables),
        "domains": [_domain(d) for d in glossary.domains],
        "instances": {
            f.name: dict(getattr(glossary.instances, f.name)) for f in fields(InstanceWords)
        },
        "corpus": {
            "folders": list(glossary.corpus.folders),
            "sources": [_source(s) for s in glossary.corpus.sources],
        },
        # The retired concepts too, marked, so that a tool can follow them to their replacement.
        "concepts": [_concept(c) for c in sorted((*glossary.concepts, *glossary.retired), key=_id)],
    }


def _domain(domain: Domain) -> dict[str, Any]:
    return {
        "id": domain.id,
        "order": domain.order,
        "name": dict(domain.names),
        "location": str(domain.location),
    }


def _source(source: CorpusSource) -> dict[str, Any]:
    return {
        "name": source.name,
        "licence": source.licence,
        "repository": source.repository,
        "commit": source.commit,
    }


def _concept(concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "kind": str(concept.kind),
        "domain": concept.domain,
        "terms": [_term(t) for t in concept.terms],
        "definition": dict(concept.definitions),
        "notes": dict(concept.notes),
        "broader": list(concept.broader),
        "related": list(concept.related),
        "examples": list(concept.examples),
        "instance_of": list(concept.instance_of),
        "contrast": [_contrast(c) for c in concept.contrasts],
        "maker": concept.maker,
        "year": concept.year,
        "retired": concept.retired,
        "replaced_by": concept.replaced_by,
        "location": str(concept.location),
    }


def _contrast(contrast: Contrast) -> dict[str, Any]:
    return {
        "with": contrast.other,
        "note": dict(contrast.notes),
        "location": str(contrast.location),
    }


def _id(concept: Concept) -> str:
    return concept.id


def _term(term: Term) -> dict[str, Any]:
    return {
        "text": term.text,
        "lang": term.lang,
        "status": str(term.status),
        "type": str(term.type),
        "pinyin": term.pinyin,  # the glossary's override, as written (read back)
        "reading": reading_of(term),  # what every output shows: pinyin (written or derived), kana
        "note": term.note,
        "homonym": term.homonym,
        # A general word: true (never checked on its own) or its context's concept ids.
        "general": term.general if term.general is None else list(term.general) or True,
        "sources": [f"{s.path}:{s.line}" for s in term.sources],
        "attested": bool(term.sources),  # in the source notes, or the glossary's own rendering
        "evidence": _evidence(term.evidence),
        "location": str(term.location),
    }


def _evidence(evidence: Evidence | None) -> dict[str, Any] | None:
    """A term's use in the corpus; null where it was not counted (no corpus, or a term newer
    than the evidence); `occurrences` 0 where it was counted and not found."""
    if evidence is None:
        return None
    return {
        "occurrences": evidence.occurrences,
        "documents": evidence.documents,
        "corpora": dict(evidence.corpora),
        "citations": [str(c) for c in evidence.citations],
    }


# Reading back ----------------------------------------------------------------------------------


def loads(text: str) -> Glossary:
    """The model from `dumps` output (for tools that read the export; the round-trip test).

    A Chinese term's `reading` is derived from the model, so it is not read back (a Japanese
    term's is the glossary's own); format 2's kind `named-model` is read as `instance`."""
    data = json.loads(text)
    concepts = [_read_concept(c) for c in data["concepts"]]
    return Glossary(
        title=FrozenMap(data["title"]),
        slug=data["slug"],
        description=FrozenMap(data["description"]),
        languages=tuple(data["languages"]),
        domains=tuple(
            Domain(d["id"], d["order"], FrozenMap(d["name"]), _location(d["location"]))
            for d in data["domains"]
        ),
        concepts=tuple(c for c in concepts if not c.retired),
        location=_location(data["location"]),
        retired=tuple(c for c in concepts if c.retired),
        non_translatables=tuple(data["non_translatables"]),
        instances=InstanceWords(
            **{key: FrozenMap(texts) for key, texts in data.get("instances", {}).items()}
        ),
        corpus=CorpusSettings(
            tuple(data["corpus"]["folders"]),
            tuple(CorpusSource(**s) for s in data["corpus"]["sources"]),
        ),
    )


def _location(text: str) -> Location:
    path, line, column = text.rsplit(":", 2)
    return Location(path, int(line), int(column))


def _read_concept(data: dict[str, Any]) -> Concept:
    return Concept(
        id=data["id"],
        kind=KIND_SYNONYMS.get(data["kind"]) or Kind(data["kind"]),
        domain=data["domain"],
        terms=tuple(_read_term(t) for t in data["terms"]),
        definitions=FrozenMap(data["definition"]),
        notes=FrozenMap(data["notes"]),
        broader=tuple(data["broader"]),
        related=tuple(data["related"]),
        examples=tuple(data["examples"]),
        instance_of=tuple(data["instance_of"]),
        contrasts=tuple(
            Contrast(c["with"], FrozenMap(c["note"]), _location(c["location"]))
            for c in data["contrast"]
        ),
        maker=data["maker"],
        year=data["year"],
        retired=data["retired"],
        replaced_by=data["replaced_by"],
        location=_location(data["location"]),
    )


def _general(value: bool | list[str] | None) -> tuple[str, ...] | None:
    """`Term.general` from the export: null, true (never checked) or the context's ids."""
    if value is None:
        return None
    return () if value is True else tuple(value or ())


def _read_term(data: dict[str, Any]) -> Term:
    return Term(
        text=data["text"],
        lang=data["lang"],
        status=Status(data["status"]),
        type=TermType(data["type"]),
        pinyin=data["pinyin"],
        reading=data["reading"] if is_japanese(data["lang"]) else None,
        note=data["note"],
        homonym=data["homonym"],
        general=_general(data["general"]),
        sources=tuple(
            Location(path, int(line)) for path, line in (s.rsplit(":", 1) for s in data["sources"])
        ),
        evidence=_read_evidence(data["evidence"]),
        location=_location(data["location"]),
    )


def _read_evidence(data: dict[str, Any] | None) -> Evidence | None:
    if data is None:
        return None
    return Evidence(
        data["occurrences"],
        data["documents"],
        tuple(data["corpora"].items()),
        tuple(_citation(c) for c in data["citations"]),
    )


def _citation(text: str) -> Citation:
    citation = parse_citation(text)
    if citation is None:
        raise ValueError(f"not a citation: {text!r}")
    return citation
