"""One Anki note per concept and deck edition: its fields, tags, GUID and modification time.

Fields hold the glossary's text only (labels live in the templates), so a note changes exactly
when its concept, or a concept whose terms it shows, changes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime

import genanki

from termbase.i18n import plural_category
from termbase.languages import full_stop, list_comma
from termbase.model import Concept, Glossary, Kind, Status, Term, TermType
from termbase.readings import has_readings, ruby_runs
from termbase.render.anki.notetype import PER_LANGUAGE, Edition, field_name, field_names
from termbase.render.contract import BuildContext, RenderError
from termbase.templating import lang_attributes

FIELDS_REVISED = datetime(2026, 12, 7, tzinfo=UTC)
"""Move forward when the way fields are written changes, so that imports update every note."""
TAG_PREFIX = "glossary"
RETIRED_TAG = "retired"
"""The tag of a retired concept's note: learners find them with `tag:retired`."""
ABBREVIATIONS = (TermType.ABBREVIATION, TermType.ACRONYM)


@dataclass(frozen=True, slots=True)
class NoteData:
    """What a deck needs to write one note."""

    guid: str
    fields: list[str]
    tags: list[str]
    mod: int
    """Seconds since the epoch when the note's content last changed (Anki updates only newer)."""


def guid(edition: Edition, concept: Concept) -> str:
    """The note's identity: the concept id in the variant's namespace (never its text)."""
    return genanki.guid_for("termbase", edition.key, concept.id)


def belongs(concept: Concept, edition: Edition) -> bool:
    """A concept is in a deck when it has a term in each of the deck's languages."""
    return all(concept.preferred(lang) for lang in edition.languages)


class LanguageFields:
    """Each concept's fields in one language, written once and shared by every deck showing
    that language (a concept is in three of the four decks of each of its languages)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._written: dict[tuple[str, str], dict[str, str]] = {}

    def __call__(self, concept: Concept, lang: str) -> dict[str, str]:
        key = (concept.id, lang)
        if key not in self._written:
            self._written[key] = _language_fields(self.glossary, concept, lang)
        return self._written[key]


def note_data(
    context: BuildContext,
    edition: Edition,
    concept: Concept,
    language_fields: LanguageFields | None = None,
) -> NoteData:
    """The note of `concept` in the deck of `edition` (pass one `language_fields` to all the
    decks of a build, so that fields are written once)."""
    fields_in = language_fields or LanguageFields(context.glossary)
    values = {"Id": concept.id, "Model": _model(concept, edition), "Maker": "", "Year": ""}
    if concept.kind is Kind.INSTANCE:
        values |= {"Maker": _text(concept.maker or ""), "Year": str(concept.year or "")}
    for lang in edition.languages:
        values |= fields_in(concept, lang)
    fields = [values[name] for name in field_names(edition)]
    return NoteData(guid(edition, concept), fields, tags(concept), modified(context, concept))


def modified(context: BuildContext, concept: Concept) -> int:
    """When the note last changed: its concept or a concept it names, or the field layout."""
    contrasted = (contrast.other for contrast in concept.contrasts)
    shown = (concept.id, *concept.broader, *concept.related, *concept.examples, *contrasted)
    if concept.replaced_by:  # a retired concept's note names its replacement only
        shown = (concept.id, concept.replaced_by)
    dates = [context.changed(concept_id) for concept_id in (*shown, *concept.instance_of)]
    return int(max(FIELDS_REVISED, *dates).timestamp())


def tags(concept: Concept) -> list[str]:
    """Tags for the domain, the kind and each source note the concept's terms come from."""
    sources = sorted({source.path for term in concept.terms for source in term.sources})
    return [
        f"{TAG_PREFIX}::domain::{_tag(concept.domain)}",
        f"{TAG_PREFIX}::kind::{_tag(concept.kind)}",
        *(f"{TAG_PREFIX}::source::{_tag(source)}" for source in sources),
        *([RETIRED_TAG] if concept.retired else []),
    ]


def _tag(text: str) -> str:
    return "_".join(text.split())  # Anki separates tags with spaces


def _model(concept: Concept, edition: Edition) -> str:
    """An instance's names in the deck's languages (usually one), for its example card."""
    if concept.kind is not Kind.INSTANCE:
        return ""
    names: dict[str, str] = {}
    for lang in edition.languages:
        term = concept.preferred(lang)
        if term and term.text not in names:
            names[term.text] = f"<span {lang_attributes(lang)}>{_escape(term.text)}</span>"
    return " · ".join(names.values())


def _language_fields(glossary: Glossary, concept: Concept, lang: str) -> dict[str, str]:
    if concept.replaced_by:
        return _retired_fields(glossary, concept, lang)
    preferred = concept.preferred(lang)
    admitted = [t for t in concept.terms_in(lang) if t.status is Status.ADMITTED]

    def named(ids: tuple[str, ...]) -> str:
        terms = (glossary.concept(concept_id).preferred(lang) for concept_id in ids)
        return _list([term for term in terms if term], lang)

    values = {
        "term": term_html(preferred) if preferred and concept.kind is Kind.CONCEPT else "",
        "abbreviations": _list([t for t in admitted if t.type in ABBREVIATIONS], lang),
        "variants": _list([t for t in admitted if t.type not in ABBREVIATIONS], lang),
        "deprecated": _deprecated(concept, lang),
        "definition": _text(concept.definitions.get(lang, "")),
        "notes": _text(concept.notes.get(lang, "")) + _contrasts(glossary, concept, lang),
        "broader": named(concept.broader),
        "related": named(concept.related),
        "examples": named(concept.examples),
        "instance_of": _kinds(glossary, concept, lang),
    }
    assert values.keys() == PER_LANGUAGE.keys()
    return {field_name(kind, lang): value for kind, value in values.items()}


def _retired_fields(glossary: Glossary, concept: Concept, lang: str) -> dict[str, str]:
    """A retired concept's note, short: its term (its cards ask what they asked) and, where its
    cards show their answer, the concept that replaced it: a term card's variants, a named
    model's kinds (see templates/anki/answer.html and kinds.html)."""
    values = dict.fromkeys(PER_LANGUAGE, "")
    preferred = concept.preferred(lang)
    replacement = glossary.concept(concept.replaced_by or "").preferred(lang)
    named = ""
    if replacement:
        named = (
            f'<span class="terms replaced" {lang_attributes(lang)}>{term_html(replacement)}</span>'
        )
    if concept.kind is Kind.CONCEPT:
        values["term"] = term_html(preferred) if preferred else ""
        values["variants"] = named
    else:
        values["instance_of"] = named
    return {field_name(kind, lang): value for kind, value in values.items()}


def _kinds(glossary: Glossary, concept: Concept, lang: str) -> str:
    """An instance's kinds: the first is the answer to "which kind of X is this?", the
    others follow as more to know (card.css sets them apart). A full stop, hidden on the card,
    ends the answer for text-to-speech, which reads the field without its markup: without it
    the voice runs the main kind into the list."""
    terms = [t for i in concept.instance_of if (t := glossary.concept(i).preferred(lang))]
    if not terms:
        return ""
    main = f'<span class="kind">{term_html(terms[0])}</span>'
    others = list_comma(lang).join(term_html(term) for term in terms[1:])
    also = f'<span class="pause">{full_stop(lang)}</span><span class="also">{others}</span>'
    return f'<span class="kinds" {lang_attributes(lang)}>{main}{also if others else ""}</span>'


def _contrasts(glossary: Glossary, concept: Concept, lang: str) -> str:
    """A line per concept not to be confused with this one, in the Notes field (a field of its
    own would be a new note type, and learners would lose their reviews): the other concept's
    term and how the two differ; card.css labels it ("Not to be confused with"), from the
    template, so that the field holds the glossary's text only, like every field."""
    lines = []
    for contrast in concept.contrasts:
        other = glossary.concept(contrast.other).preferred(lang)
        note = contrast.notes.get(lang)
        if other and note:
            lines.append(
                f'<div class="contrast" {lang_attributes(lang)}><b>{_escape(other.text)}</b><br>'
                f"{_text(note)}</div>"
            )
    return "".join(lines)


def _deprecated(concept: Concept, lang: str) -> str:
    """One line per deprecated term, struck through, with the reason when the glossary gives it."""
    return "".join(
        f'<div class="avoid" {lang_attributes(lang)}><s>{term_html(term)}</s>'
        + (f' <span class="why">{_text(term.note)}</span>' if term.note else "")
        + "</div>"
        for term in concept.terms_in(lang)
        if term.status is Status.DEPRECATED
    )


def _list(terms: list[Term], lang: str) -> str:
    """Terms in a line, with the language's own comma (TTS pauses there too), marked with the
    plural category of their number, for the label's form (see templates/anki/_rows.html)."""
    if not terms:
        return ""
    comma = list_comma(lang)
    items = comma.join(term_html(term) for term in terms)
    plural = plural_category(lang, len(terms))
    return f'<span class="terms plural-{plural}" {lang_attributes(lang)}>{items}</span>'


def _text(text: str) -> str:
    """Plain text as field HTML: escaped, line breaks kept, `[` not read as Anki markup."""
    return _escape(text).replace("\n", "<br>")


def _escape(text: str) -> str:
    r"""Text as field HTML that shows as written: HTML escaped; `[` `]` as references, so that
    Anki's ruby filters do not read them; an empty element after each backslash, so that
    MathJax, which looks for `\(` and `\[` within one run of text, typesets no `\(x^2\)`."""
    if "\x1f" in text:
        raise RenderError(f"{text!r}: contains Anki's field separator (U+001F)")
    escaped = html.escape(text, quote=False).replace("[", "&#91;").replace("]", "&#93;")
    return escaped.replace("\\", "\\<span></span>")


def term_html(term: Term) -> str:
    """A term as field HTML; a Chinese term a word at a time, ` 大[dà] 模型[móxíng]`, a Japanese
    one whole, ` 包丁[ほうちょう]`, for Anki's ruby filters (`furigana`, `kanji`)."""
    if not has_readings(term.lang):
        return _escape(term.text)
    try:
        runs = ruby_runs(term)
    except ValueError as error:
        raise RenderError(f"{term.location}: {error}") from None
    # The filters read `base[reading]` after a space, and drop that space: add one.
    return "".join(
        f" {_escape(text)}[{_escape(reading)}]" if reading else _escape(text)
        for text, reading in runs
    )
