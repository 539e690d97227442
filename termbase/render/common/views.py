"""What the HTML and PDF templates show of a concept, shared: texts tagged with their language,
terms with their reading, links to other concepts, and the one rule for naming a concept.

The templates tag every run of text with its `lang`, because a fallback (a concept with no term
in the page's language) is not in the page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from termbase.languages import NO_LINGUISTIC_CONTENT, is_chinese, reading_tag
from termbase.model import Citation, Concept, Evidence, Glossary, Status, Term, TermType
from termbase.readings import reading_of


@dataclass(frozen=True, slots=True)
class Text:
    """A text and the language it is really in."""

    text: str
    lang: str


@dataclass(frozen=True, slots=True)
class TermView:
    """A term as shown: the term, and its reading (pinyin when it is written in Chinese
    characters, the glossary's kana for Japanese: `termbase.readings`)."""

    term: Term
    reading: str | None

    @classmethod
    def of(cls, term: Term) -> TermView:
        return cls(term, reading_of(term))

    @property
    def pinyin(self) -> str | None:
        """The reading of a Chinese term (the HTML search matches it)."""
        return self.reading if is_chinese(self.term.lang) else None

    @property
    def reading_lang(self) -> str:
        """The reading's language tag (`zh-Latn-pinyin`, `ja-Hira`)."""
        return reading_tag(self.term.lang) or self.term.lang

    @property
    def reading_class(self) -> str:
        """How a reading printed beside its term is styled: `pinyin` (italic Latin) or `kana`."""
        return "pinyin" if is_chinese(self.term.lang) else "kana"

    @property
    def ruby(self) -> Markup:
        """The term with a Japanese reading over it as ruby (furigana), else the term alone."""
        if self.reading is None or is_chinese(self.term.lang):
            return Markup.escape(self.term.text)
        return Markup("<ruby>%s<rp>(</rp><rt>%s</rt><rp>)</rp></ruby>") % (
            self.term.text,
            self.reading,
        )

    @property
    def text(self) -> str:
        return self.term.text

    @property
    def lang(self) -> str:
        return self.term.lang

    @property
    def status(self) -> Status:
        return self.term.status

    @property
    def type(self) -> TermType:
        return self.term.type

    @property
    def note(self) -> str | None:
        return self.term.note

    @property
    def cited(self) -> str:
        """Where the source notes have the term (`001_x.txt:7, 003_y.txt:12`); empty for the
        glossary's own rendering."""
        return ", ".join(f"{place.path}:{place.line}" for place in self.term.sources)

    @property
    def evidence(self) -> Evidence | None:
        """Its use in the usage corpus (None: not counted)."""
        return self.term.evidence

    @property
    def uses(self) -> int | None:
        """How often the usage corpus uses it (None: not counted)."""
        return self.term.evidence.occurrences if self.term.evidence else None

    @property
    def unattested(self) -> bool:
        """Counted in the usage corpus and found nowhere."""
        return self.uses == 0

    @property
    def own(self) -> bool:
        """The glossary's own rendering: neither the source notes nor the usage corpus have it."""
        return not self.term.sources and not self.uses


@dataclass(frozen=True, slots=True)
class CitationLink:
    """A line of the usage corpus that uses a term, as a link to the line where it is public."""

    citation: Citation
    href: str | None

    @property
    def short(self) -> str:
        """`hf-course/…/1.mdx:7`: the corpus and the file, for a link's text."""
        return (
            f"{self.citation.corpus}/…/{self.citation.path.rsplit('/', 1)[-1]}:{self.citation.line}"
        )


def citation_links(glossary: Glossary, evidence: Evidence | None) -> tuple[CitationLink, ...]:
    """A term's citations, each with its public address when its corpus has one."""
    if evidence is None:
        return ()
    sources = {source.name: source for source in glossary.corpus.sources}
    return tuple(
        CitationLink(c, source.link(c) if (source := sources.get(c.corpus)) else None)
        for c in evidence.citations
    )


@dataclass(frozen=True, slots=True)
class Link:
    """A reference to another concept, by its name in the page's language."""

    id: str
    name: Text
    local: bool = True
    """The concept is in the same document (a PDF volume may not hold it)."""


@dataclass(frozen=True, slots=True)
class Relation:
    """A labelled list of links (Broader concepts: …), in the page's language."""

    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ContrastView:
    """A concept not to be confused with this one, and how the two differ, in one language."""

    link: Link
    note: Text


def contrasts(
    glossary: Glossary, concept: Concept, lang: str, shown: frozenset[str] | None = None
) -> tuple[ContrastView, ...]:
    """The concept's contrasts in `lang` (the other concept named in it, the note in it when
    the glossary has one there); `shown`: the concepts of the document, when not all."""
    languages = (lang, *glossary.languages)
    found = []
    for contrast in concept.contrasts:
        other = glossary.concept(contrast.other)
        note_lang = next(code for code in languages if code in contrast.notes)
        link = Link(other.id, concept_name(other, languages), shown is None or other.id in shown)
        found.append(ContrastView(link, Text(contrast.notes[note_lang], note_lang)))
    return tuple(found)


def concept_name(concept: Concept, langs: Sequence[str]) -> Text:
    """A concept's name: its preferred term in the first of `langs` that has one (the page's
    language first, then the glossary's), else its id."""
    term = concept.name(langs)
    return Text(term.text, term.lang) if term else Text(concept.id, NO_LINGUISTIC_CONTENT)
