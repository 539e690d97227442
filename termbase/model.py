"""The glossary model: immutable, validated, concept-oriented (as in a termbase).

Only `termbase.load` builds these objects; every later stage reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar
from urllib.parse import quote

V = TypeVar("V")


class FrozenMap(Mapping[str, V]):
    """A read-only, hashable, picklable mapping (for per-language texts)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, V] | None = None) -> None:
        self._items: dict[str, V] = dict(items or {})

    def __getitem__(self, key: str) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self._items) == dict(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[type, tuple[dict[str, V]]]:
        return (FrozenMap, (self._items,))


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A 1-based place in a file: used by every error, finding and source citation. Line 0
    is the file (or folder) as a whole: one that cannot be read at all."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path


class Status(StrEnum):
    """The administrative status of a term (TBX administrativeStatus)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


class TermType(StrEnum):
    """The form of a term (TBX termType)."""

    FULL_FORM = "full-form"
    ABBREVIATION = "abbreviation"
    ACRONYM = "acronym"
    VARIANT = "variant"


class Kind(StrEnum):
    """What a concept entry describes: a general concept, or an instance of one (a single,
    named thing: a named model, a product, a person, a place)."""

    CONCEPT = "concept"
    INSTANCE = "instance"


KIND_SYNONYMS = {"named-model": Kind.INSTANCE}
"""Older names of the kinds, still read: the first glossary called its instances named models."""


@dataclass(frozen=True, slots=True, order=True)
class Citation:
    """A line of the usage corpus that uses a term: `corpus/<name>/<lang>/<path>:<line>`, where
    `<path>` is the file's path in its corpus's repository (`termbase attest`)."""

    corpus: str
    lang: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"corpus/{self.corpus}/{self.lang}/{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """How much a term is used in the usage corpus, as `termbase attest` counted it: what the
    outputs show beside the term, so that a settled equivalent and the glossary's own choice
    do not look alike."""

    occurrences: int
    documents: int
    """How many of the corpus's documents use the term."""
    corpora: tuple[tuple[str, int], ...] = ()
    """The occurrences in each corpus that has any, by corpus name (sorted)."""
    citations: tuple[Citation, ...] = ()
    """Up to three lines that use the term, from different corpora and documents first."""


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: Status
    type: TermType
    location: Location
    pinyin: str | None = None
    """Pinyin with tone marks for a Chinese term; None means derive it (pypinyin)."""
    reading: str | None = None
    """How a Japanese term is read, in kana (furigana): shown as ruby over the term."""
    note: str | None = None
    """Why a term is admitted or deprecated, in the term's own language."""
    homonym: bool = False
    """The same text may name another concept that is also marked as a homonym."""
    sources: tuple[Location, ...] = ()
    """Where the term occurs in the source notes (file name, line)."""
    general: tuple[str, ...] | None = None
    """A word of everyday language too (*model*, *sample*): None for a term that is only a term;
    else the concepts whose nearby use makes it the term (`qa` checks it only there), none at
    all when it is never checked on its own. Translators' exports carry the mark."""
    evidence: Evidence | None = None
    """Its use in the usage corpus (`evidence/<concept>.yaml`); None where `attest` has not
    counted it (no corpus, or the term is newer than the evidence)."""


@dataclass(frozen=True, slots=True)
class Contrast:
    """Another concept that is not to be confused with this one, and how the two differ."""

    other: str
    """The other concept's id."""
    notes: FrozenMap[str]
    """The difference in one line, per language; written to read the same from either end."""
    location: Location
    """Where the contrast is written (in one of the two concepts' files)."""


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept entry: its terms in every language, definitions and relations."""

    id: str
    kind: Kind
    domain: str
    terms: tuple[Term, ...]
    """All terms, grouped by language in glossary order, preferred term first."""
    definitions: FrozenMap[str]
    location: Location
    notes: FrozenMap[str] = field(default_factory=FrozenMap)
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    """Ids of instances that are examples of this concept (those written here, then those
    whose `instance_of` names it: the `Glossary` completes both ends)."""
    instance_of: tuple[str, ...] = ()
    """For an instance: the ids of the concepts it is an instance of (written here, then those
    whose `examples` name it)."""
    contrasts: tuple[Contrast, ...] = ()
    """Concepts not to be confused with this one: those written here, then those whose
    `contrast` names this one (the `Glossary` completes both ends)."""
    maker: str | None = None
    """For an instance: who made it (the organisation behind a model or a product)."""
    year: int | None = None
    """For an instance: the year it was first released or made."""
    retired: bool = False
    """No longer in the glossary: kept only so that learners' Anki notes can say so."""
    replaced_by: str | None = None
    """For a retired concept: the id of the concept that took its place."""
    places: FrozenMap[Location] = field(default_factory=FrozenMap, compare=False)
    """Where each field's value starts in the file: "domain", "broader[0]", "definition.ru", ..."""

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """The terms in one language, preferred first."""
        return tuple(term for term in self.terms if term.lang == lang)

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in a language (None when the language is missing)."""
        return next(
            (t for t in self.terms if t.lang == lang and t.status is Status.PREFERRED),
            None,
        )

    def name(self, langs: Iterable[str]) -> Term | None:
        """The preferred term in the first of `langs` that has one."""
        return next((term for lang in langs if (term := self.preferred(lang))), None)

    def variants(self, lang: str) -> tuple[Term, ...]:
        """The admitted and deprecated terms in a language."""
        return tuple(t for t in self.terms_in(lang) if t.status is not Status.PREFERRED)


@dataclass(frozen=True, slots=True)
class Domain:
    """A subject field that groups concepts (generative models, tasks, ...)."""

    id: str
    order: int
    names: FrozenMap[str]
    location: Location


PAPERS = ("a4", "letter")
"""The papers a PDF can be written on (their sizes: `render.pdf.paper`)."""
PDF_KINDS = ("cheatsheet", "reference")
"""The kinds of PDF document: a cheat sheet per edition, the reference in every language."""


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Which PDFs to make: glossary.toml's `[pdf]` table."""

    editions: tuple[tuple[str, ...], ...] | None = None
    """The languages of each cheat sheet, the first its UI language; None for every pair of
    the glossary's languages, then all of them (`languages.editions`)."""
    reference: bool = True
    """Whether to make the reference edition (in all the glossary's languages)."""
    papers: tuple[str, ...] = PAPERS
    """The papers every PDF is written on."""


@dataclass(frozen=True, slots=True)
class InstanceWords:
    """How a glossary names its instances (glossary.toml's `[instances]`), per language: each
    text a whole phrase, since grammar differs (a language left out takes the UI's default)."""

    name: FrozenMap[str] = field(default_factory=FrozenMap)
    """The kind's name: "named model"."""
    box: FrozenMap[str] = field(default_factory=FrozenMap)
    """A concept map's box of one: "a named model"."""
    lines: FrozenMap[str] = field(default_factory=FrozenMap)
    """What the maps' dotted lines join: "a kind of model and its named models"."""
    main_kind: FrozenMap[str] = field(default_factory=FrozenMap)
    """What an overview map's dotted line joins: "a named model under its main kind (its other
    kinds are in its entry)"."""
    question: FrozenMap[str] = field(default_factory=FrozenMap)
    """The prompt of an instance's flashcard: "Which kind of model is this, above all?"."""


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """One corpus of the usage corpus, as glossary.toml's `[[corpus.sources]]` describes it:
    whose texts it holds, under which licence, and where its lines can be read."""

    name: str
    """The corpus's folder name, as citations give it."""
    licence: str
    repository: str | None = None
    """The address of its repository (`https://github.com/owner/name`), when public."""
    commit: str | None = None
    """The commit its files were taken from, which a citation's link points into."""

    def link(self, citation: Citation) -> str | None:
        """The public address of a cited line: the file at the commit, at the line. A notebook
        whose Markdown cells were extracted (`x.ipynb.md`) numbers the lines of the extracted
        text, not of the notebook: its link is the notebook, without a line."""
        if not self.repository or not self.commit:
            return None
        base = f"{self.repository.rstrip('/')}/blob/{self.commit}/"
        if citation.path.endswith(".ipynb.md"):
            return base + quote(citation.path.removesuffix(".md"))
        return f"{base}{quote(citation.path)}#L{citation.line}"


@dataclass(frozen=True, slots=True)
class CorpusSettings:
    """glossary.toml's `[corpus]`: where `attest` finds the usage corpus, and what each of its
    corpora is. The build reads only `sources`: it never needs the corpus itself."""

    folders: tuple[str, ...] = ()
    """Folders of corpora, relative to the glossary folder."""
    sources: tuple[CorpusSource, ...] = ()

    def source(self, name: str) -> CorpusSource | None:
        return next((s for s in self.sources if s.name == name), None)


@dataclass(frozen=True, slots=True)
class Glossary:
    """The whole, validated glossary."""

    title: FrozenMap[str]
    description: FrozenMap[str]
    languages: tuple[str, ...]
    """Language tags in display order: ("en", "ru", "zh-Hans")."""
    domains: tuple[Domain, ...]
    """Sorted by their order."""
    concepts: tuple[Concept, ...]
    """Sorted by id; the retired ones are apart, in `retired`."""
    location: Location
    retired: tuple[Concept, ...] = ()
    """Retired concepts (`retired: true`), sorted by id: only the Anki decks and the JSON
    export show them; no other concept may refer to them."""
    pdf: PdfSettings = field(default_factory=PdfSettings)
    """Which PDFs to make (glossary.toml's `[pdf]`)."""
    slug: str = "glossary"
    """The stem of every output file's name (`ai-glossary-en-ru.apkg`): glossary.toml's
    `slug`, else made from the title."""
    non_translatables: tuple[str, ...] = ()
    """Names that stay as they are in translations (glossary.toml): `qa` never checks them."""
    instances: InstanceWords = field(default_factory=InstanceWords)
    """What the glossary calls its instances (glossary.toml's `[instances]`)."""
    corpus: CorpusSettings = field(default_factory=CorpusSettings)
    """The usage corpus behind the terms' evidence (glossary.toml's `[corpus]`)."""
    _by_id: FrozenMap[Concept] = field(init=False, repr=False, compare=False)
    _narrower: FrozenMap[tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        concepts = with_both_ends(self.concepts)
        object.__setattr__(self, "concepts", concepts)
        object.__setattr__(self, "_by_id", FrozenMap({c.id: c for c in concepts}))
        object.__setattr__(self, "_narrower", FrozenMap(_inverse(concepts, "broader")))

    def concept(self, concept_id: str) -> Concept:
        """The concept with this id (KeyError when there is none)."""
        return self._by_id[concept_id]

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id (KeyError when there is none)."""
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def in_domain(self, domain_id: str) -> tuple[Concept, ...]:
        """The concepts of one domain, sorted by id."""
        return tuple(c for c in self.concepts if c.domain == domain_id)

    def narrower(self, concept_id: str) -> tuple[str, ...]:
        """The concepts whose `broader` names this one, by id."""
        return self._narrower.get(concept_id, ())


def _inverse(concepts: Iterable[Concept], relation: str) -> dict[str, tuple[str, ...]]:
    """For each concept id, the ids of the concepts that name it in `relation`, in id order."""
    found: dict[str, list[str]] = defaultdict(list)
    for concept in concepts:
        for target in getattr(concept, relation):
            found[target].append(concept.id)
    return {target: tuple(sorted(ids)) for target, ids in found.items()}


def with_both_ends(concepts: tuple[Concept, ...]) -> tuple[Concept, ...]:
    """The concepts with `examples` and `instance_of` completed from each other, and each
    contrast shown at both of its ends.

    The two name one relation from its two ends ("GPT-4 is an instance of large language model",
    "GPT-4 is an example of a large language model"); the glossary may write it at either end,
    and every output shows it at both. A contrast is symmetric: written once, it belongs to both.
    """
    instances = _inverse(concepts, "instance_of")
    kinds = _inverse(concepts, "examples")
    contrasts = _contrasts_from_the_other_end(concepts)
    completed = []
    for concept in concepts:
        examples = _merged(concept.examples, instances.get(concept.id, ()))
        instance_of = _merged(concept.instance_of, kinds.get(concept.id, ()))
        written = {c.other for c in concept.contrasts}
        derived = tuple(c for c in contrasts.get(concept.id, ()) if c.other not in written)
        if (examples, instance_of, derived) != (concept.examples, concept.instance_of, ()):
            concept = replace(
                concept,
                examples=examples,
                instance_of=instance_of,
                contrasts=concept.contrasts + derived,
            )
        completed.append(concept)
    return tuple(completed)


def _contrasts_from_the_other_end(concepts: Iterable[Concept]) -> dict[str, list[Contrast]]:
    """For each concept id, the contrasts written on the concepts it is contrasted with, as
    seen from its end (the same notes, pointing back), in id order."""
    found: dict[str, list[Contrast]] = defaultdict(list)
    for concept in concepts:
        for contrast in concept.contrasts:
            found[contrast.other].append(replace(contrast, other=concept.id))
    return found


def _merged(written: tuple[str, ...], derived: tuple[str, ...]) -> tuple[str, ...]:
    """The written ids, then the derived ones not among them."""
    return written + tuple(i for i in derived if i not in written)
