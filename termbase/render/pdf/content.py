"""What the PDF templates show, prepared in Python so the templates only lay it out.

An edition is the languages of one sheet (`("en", "ru")`, or all three); the first language is the
UI language. Every text carries its `lang` so the template can tag each run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from termbase import labels
from termbase.collation import in_dictionary_order
from termbase.i18n import N_, gettext, language_name
from termbase.model import Concept, Glossary, Kind, Status, Term, TermType
from termbase.render.common.index import IndexEntry, IndexLetter, index_letters
from termbase.render.common.views import (
    ContrastView,
    Link,
    Relation,
    TermView,
    Text,
    concept_name,
    contrasts,
)

INDEX_COLUMNS = 3
LABEL = N_("%(label)s:")
LABELLED = N_("%(label)s: %(value)s")
INDEX_TITLE = N_("Index: %(language)s")
SHORT_FORMS = (TermType.ABBREVIATION, TermType.ACRONYM)
Shown = frozenset[str] | None
"""The ids of the concepts a PDF shows; None for every concept."""


@dataclass(frozen=True, slots=True)
class Headword:
    """A concept's preferred term in one language, with its short forms beside it."""

    term: TermView
    short_forms: tuple[TermView, ...]


@dataclass(frozen=True, slots=True)
class Row:
    """One concept on the cheat sheet: its headword in each language of the edition."""

    concept_id: str
    headwords: tuple[Headword, ...]

    @property
    def uniform(self) -> bool:
        """The same single term in every language (a named model, say): printed once."""
        texts = {(h.term.text, h.short_forms) for h in self.headwords}
        return len(texts) == 1 and not self.headwords[0].short_forms


@dataclass(frozen=True, slots=True)
class Variant:
    """A term other than the headword, with its status as printed in the term's language: the
    badge sits in that language's column."""

    term: TermView
    status: str


@dataclass(frozen=True, slots=True)
class Side:
    """One language of a reference entry."""

    lang: str
    headword: Headword
    variants: tuple[Variant, ...]
    definition: str | None
    note: str | None
    contrasts: tuple[ContrastView, ...] = ()
    """Concepts not to be confused with this one, named and told apart in this language."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One concept in the reference: a side per language, then its relations."""

    concept_id: str
    number: str
    """Its entry number, "2.4": the 4th concept of the 2nd domain (`numbering`)."""
    sides: tuple[Side, ...]
    relations: tuple[Relation, ...]
    facts: tuple[str, ...]
    """Maker and year of a named model, as printed ("Made by OpenAI")."""


@dataclass(frozen=True, slots=True)
class Group:
    """A domain: its name in each language of the edition, and its concepts."""

    domain_id: str
    number: int
    """The domain's number in the reference: the first part of its entries' numbers."""
    names: tuple[Text, ...]
    rows: tuple[Row, ...]
    entries: tuple[Entry, ...]

    @property
    def table_rows(self) -> tuple[Row, ...]:
        """The rows that differ between languages: a line each on the cheat sheet."""
        return tuple(r for r in self.rows if not r.uniform)

    @property
    def uniform_rows(self) -> tuple[Row, ...]:
        """The rows written alike in every language: one list of names on the cheat sheet."""
        return tuple(r for r in self.rows if r.uniform)


@dataclass(frozen=True, slots=True)
class Index:
    """Every term of one language in dictionary order, grouped by initial letter; its entries
    point at entry numbers (not pages: see `numbering`)."""

    lang: str
    title: str
    """"Index: English", in the UI language."""
    letters: tuple[IndexLetter, ...]

    @staticmethod
    def columns(letter: IndexLetter) -> tuple[tuple[IndexEntry, ...], ...]:
        """A letter's entries in INDEX_COLUMNS columns, filled top to bottom, the first ones
        longest."""
        entries = letter.entries
        size = -(-len(entries) // INDEX_COLUMNS)
        return tuple(entries[i : i + size] for i in range(0, len(entries), size))


def _short_forms(concept: Concept, lang: str) -> tuple[Term, ...]:
    """The admitted abbreviations and acronyms printed beside the preferred term."""
    return tuple(
        t for t in concept.terms_in(lang) if t.status is Status.ADMITTED and t.type in SHORT_FORMS
    )


def headword(concept: Concept, lang: str) -> Headword | None:
    preferred = concept.preferred(lang)
    if preferred is None:
        return None
    shorts = tuple(TermView.of(t) for t in _short_forms(concept, lang))
    return Headword(TermView.of(preferred), shorts)


def _missing(concept: Concept, lang: str) -> Headword:
    """A placeholder for a language a concept has no term in (`check` reports it)."""
    empty = Term("—", lang, Status.PREFERRED, TermType.FULL_FORM, concept.location)
    return Headword(TermView(empty, None), ())


def row(concept: Concept, langs: tuple[str, ...]) -> Row:
    return Row(
        concept.id,
        tuple(headword(concept, lang) or _missing(concept, lang) for lang in langs),
    )


def side(glossary: Glossary, concept: Concept, lang: str, shown: Shown = None) -> Side:
    head = headword(concept, lang) or _missing(concept, lang)
    printed = {head.term.text, *(s.text for s in head.short_forms)}
    variants = tuple(
        Variant(TermView.of(t), labels.status_label(lang, t.status))
        for t in concept.variants(lang)
        if t.text not in printed
    )
    return Side(
        lang,
        head,
        variants,
        concept.definitions.get(lang),
        concept.notes.get(lang),
        contrasts(glossary, concept, lang, shown),
    )


def _link(glossary: Glossary, concept_id: str, ui_lang: str, shown: Shown) -> Link:
    name = concept_name(glossary.concept(concept_id), (ui_lang, *glossary.languages))
    return Link(concept_id, name, local=shown is None or concept_id in shown)


RELATIONS = (
    ("instance_of", "instance_of"),
    ("broader", "broader"),
    ("related", "related"),
    ("examples", "examples"),
)


def relations(
    glossary: Glossary, concept: Concept, ui_lang: str, shown: Shown = None
) -> tuple[Relation, ...]:
    found = []
    for attribute, key in RELATIONS:
        ids = getattr(concept, attribute)
        if ids:
            links = tuple(_link(glossary, i, ui_lang, shown) for i in ids)
            label = gettext(ui_lang, LABEL) % {"label": labels.label(ui_lang, key, len(links))}
            found.append(Relation(label, links))
    return tuple(found)


def facts(glossary: Glossary, concept: Concept, ui_lang: str) -> tuple[str, ...]:
    if concept.kind is not Kind.INSTANCE:
        return ()
    found = [labels.kind_label(ui_lang, concept.kind, glossary.instances)]
    for key, value in (("maker", concept.maker), ("year", concept.year)):
        if value:
            values = {"label": labels.label(ui_lang, key), "value": value}
            found.append(gettext(ui_lang, LABELLED) % values)
    return tuple(found)


def entry(
    glossary: Glossary,
    concept: Concept,
    langs: tuple[str, ...],
    shown: Shown = None,
    number: str = "",
) -> Entry:
    ui_lang = langs[0]
    return Entry(
        concept.id,
        number,
        tuple(side(glossary, concept, lang, shown) for lang in langs),
        relations(glossary, concept, ui_lang, shown),
        facts(glossary, concept, ui_lang),
    )


def _in_order(glossary: Glossary, domain_id: str, lang: str) -> list[Concept]:
    return in_dictionary_order(glossary.in_domain(domain_id), lang)


def numbering(glossary: Glossary, lang: str) -> dict[str, str]:
    """Each concept's entry number, as terminology standards number theirs: "2.4" is the 4th
    concept, in dictionary order of `lang`, of the 2nd non-empty domain. The index and the
    cross-references point at these numbers, not at pages, so a document is laid out once
    (a page reference needs a second pass, and ties every part to every other)."""
    numbers = {}
    domains = [d for d in glossary.domains if glossary.in_domain(d.id)]
    for domain_number, domain in enumerate(domains, 1):
        for number, concept in enumerate(_in_order(glossary, domain.id, lang), 1):
            numbers[concept.id] = f"{domain_number}.{number}"
    return numbers


def groups(
    glossary: Glossary, langs: tuple[str, ...], shown: Shown = None, *, entries: bool = True
) -> tuple[Group, ...]:
    """Each non-empty domain in glossary order, its concepts in dictionary order of langs[0]
    (only those in `shown`, when given), numbered as in `numbering`; with the reference's
    `entries` only when asked (a cheat sheet shows rows: making entries it would not show was
    most of the time spent planning its job)."""
    found = []
    numbers = numbering(glossary, langs[0])
    domains = [d for d in glossary.domains if glossary.in_domain(d.id)]
    for domain_number, domain in enumerate(domains, 1):
        concepts = [
            c for c in _in_order(glossary, domain.id, langs[0]) if shown is None or c.id in shown
        ]
        if not concepts:
            continue
        names = tuple(Text(domain.names.get(lang, domain.id), lang) for lang in langs)
        found.append(
            Group(
                domain.id,
                domain_number,
                names,
                tuple(row(c, langs) for c in concepts),
                tuple(entry(glossary, c, langs, shown, numbers[c.id]) for c in concepts)
                if entries
                else (),
            )
        )
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Volume:
    """One PDF of the reference: all of it, or for a large glossary a domain or part of one."""

    slug: str
    """`""` for the whole reference, else the domain id (`tasks`, or `tasks-2` for a part)."""
    domain_id: str | None
    concept_ids: frozenset[str] | None
    """The concepts in this volume; None for all of them."""


WHOLE = Volume("", None, None)
"""The whole glossary in one PDF."""


VOLUME_SIZE = 300
"""The most concepts in one reference PDF (about 90 pages). WeasyPrint lays a document with page
references out again until its page numbers settle, more often the longer it is (3 times at 28
pages, 5 at 240), and keeps every page in memory: a larger glossary's reference is split into
volumes, a domain (or a part of one, in dictionary order) each, which lay out in parallel and
let one edited concept lay out only its own volume again."""


def volumes(glossary: Glossary, first_lang: str) -> tuple[Volume, ...]:
    """The reference in one volume, or split by domain when it has over VOLUME_SIZE concepts."""
    if len(glossary.concepts) <= VOLUME_SIZE:
        return (WHOLE,)
    found = []
    for domain in glossary.domains:
        concepts = _in_order(glossary, domain.id, first_lang)
        count = -(-len(concepts) // VOLUME_SIZE)  # parts of a large domain, of equal size
        size = -(-len(concepts) // count) if concepts else 1
        parts = [concepts[i : i + size] for i in range(0, len(concepts), size)]
        for number, part in enumerate(parts, 1):
            slug = domain.id if len(parts) == 1 else f"{domain.id}-{number}"
            found.append(Volume(slug, domain.id, frozenset(c.id for c in part)))
    return tuple(found)


def index(glossary: Glossary, lang: str, ui_lang: str, shown: Shown = None) -> Index:
    """The index of `lang` (of the concepts in `shown`, when given), titled in `ui_lang`."""
    title = gettext(ui_lang, INDEX_TITLE) % {"language": language_name(lang, ui_lang)}
    return Index(lang, title, index_letters(glossary, lang, shown))


PART_SIZE = 25
"""The most entries in one part of the reference (about 10 pages): whole domains, consecutive,
or a run of a larger one. Each part is a WeasyPrint document of its own, which costs time
besides its pages, so small domains share a part; and an edit lays out one part again, so
parts stay small (docs/performance.md)."""


@dataclass(frozen=True, slots=True)
class Section:
    """Where a running header begins in a part: at the page of `anchor` (the part's first page
    when None), until the next section's."""

    anchor: str | None
    header: str


@dataclass(frozen=True, slots=True)
class Part:
    """A run of pages of the reference, laid out on its own and kept between builds: the
    title page with the first domains' entries, domains (or a run of one's entries), or the
    index of one language. `join` joins the parts into one PDF."""

    slug: str
    sections: tuple[Section, ...]
    """Its running headers (domain or index names), each from its anchor's page on."""
    front: bool = False
    """It opens the document: the title block, the descriptions and the contents."""
    continues: bool = False
    """It continues a domain begun by the part before (no heading anchor or bookmark)."""
    groups: tuple[Group, ...] = ()
    index: Index | None = None


def parts(groups: tuple[Group, ...], indexes: tuple[Index, ...]) -> tuple[Part, ...]:
    """The reference's parts, each starting a page: consecutive domains of at most PART_SIZE
    entries in all, or runs of PART_SIZE entries of a larger one, then an index per language;
    the first part opens the document."""
    found = list(_packed(groups, PART_SIZE))
    for index_ in indexes:
        section = Section(None, index_.title)
        found.append(Part(f"index-{index_.lang}", (section,), not found, index=index_))
    return tuple(found)


SHEET_PART_SIZE = 400
"""The most rows of a cheat sheet laid out as one WeasyPrint document. A longer sheet (a large
glossary's: hundreds of pages) is laid out in parts of at most that many rows, on every core,
and joined as the reference is: a document holds every box of its pages until it is drawn."""


def sheet_parts(groups: tuple[Group, ...]) -> tuple[Part, ...]:
    """A cheat sheet's parts: consecutive domains of at most SHEET_PART_SIZE rows in all, or
    runs of SHEET_PART_SIZE rows of a larger one; one part for a sheet of that many rows or
    fewer. The first part opens the sheet (its masthead)."""
    return tuple(_packed(groups, SHEET_PART_SIZE))


def _packed(groups: tuple[Group, ...], size: int) -> Iterator[Part]:
    """Parts of consecutive domains of at most `size` concepts in all, or runs of `size`
    concepts of a larger one, each starting a page; the first opens the document."""
    packed: list[Group] = []
    first = True

    def close() -> Iterator[Part]:
        nonlocal first
        if packed:
            slug = "-to-".join(dict.fromkeys((packed[0].domain_id, packed[-1].domain_id)))
            sections = tuple(Section(f"d-{g.domain_id}", g.names[0].text) for g in packed)
            yield Part(slug, sections, first, groups=tuple(packed))
            first = False
            packed.clear()

    for group in groups:
        if len(group.rows) > size:
            yield from close()
            yield from _runs(group, size, front=first)
            first = False
        else:
            if sum(len(g.rows) for g in packed) + len(group.rows) > size:
                yield from close()
            packed.append(group)
    yield from close()


def _runs(group: Group, size: int, *, front: bool) -> list[Part]:
    """A large domain's parts: runs of `size` concepts, the first one anchored."""
    runs = [group.rows[i : i + size] for i in range(0, len(group.rows), size)]
    found = []
    for number, rows in enumerate(runs, 1):
        shown = {r.concept_id for r in rows}
        entries = tuple(e for e in group.entries if e.concept_id in shown)
        part = Group(group.domain_id, group.number, group.names, rows, entries)
        section = Section(f"d-{group.domain_id}" if number == 1 else None, group.names[0].text)
        slug = f"{group.domain_id}-{number}"
        found.append(Part(slug, (section,), front and number == 1, number > 1, groups=(part,)))
    return found
