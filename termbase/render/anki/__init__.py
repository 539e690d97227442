"""Anki decks: one .apkg per language pair and a trilingual one, a subdeck per domain.

Learners import a deck, study for weeks, then import the next version: that import must update
their notes and keep every review. So everything Anki matches on is stable (GUIDs, note type and
deck ids from the concept id and the deck edition; deck names from the glossary's titles), and
each note's modification time moves forward only when its content changed (see `notes`).
The note type is in `notetype`, the field values in `notes`, the file in `package`.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import PurePosixPath

import genanki

from termbase import i18n
from termbase.i18n import N_
from termbase.labels import count, label
from termbase.model import Domain, Glossary
from termbase.render.anki.notes import LanguageFields, belongs, note_data
from termbase.render.anki.notetype import (
    TEMPLATES_REVISED,
    Edition,
    NoteType,
    deck_editions,
    stable_id,
)
from termbase.render.anki.package import DatedNote, Package, assign_ids
from termbase.render.contract import BuildContext, Job, Output, one_job
from termbase.templating import lang_attributes

FOLDER = PurePosixPath("anki")
UPDATE_HINT = N_(
    "Importing a newer version of this deck updates its cards and keeps your review history."
)


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("anki", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    language_fields = LanguageFields(context.glossary)
    for edition in deck_editions(context.glossary.languages):
        path = FOLDER / f"{context.glossary.slug}-{edition.key}.apkg"
        yield Output(path, package(context, edition, language_fields).to_bytes())


def package(
    context: BuildContext, edition: Edition, language_fields: LanguageFields | None = None
) -> Package:
    """The deck of one edition: a parent deck and a subdeck per domain that has concepts in it."""
    glossary = context.glossary
    language_fields = language_fields or LanguageFields(glossary)
    note_type = NoteType(
        edition, glossary.title[edition.languages[0]], context.templates, glossary.instances
    )
    parent = genanki.Deck(
        stable_id("deck", edition.key), deck_name(glossary, edition), description(context, edition)
    )
    decks, notes = [parent], list[DatedNote]()
    for domain in glossary.domains:
        retired = [c for c in glossary.retired if c.domain == domain.id]
        in_domain = [*glossary.in_domain(domain.id), *retired]
        concepts = [c for c in in_domain if belongs(c, edition)]
        if not concepts:
            continue
        deck = genanki.Deck(
            stable_id("deck", edition.key, domain.id), deck_name(glossary, edition, domain)
        )
        for concept in concepts:
            data = note_data(context, edition, concept, language_fields)
            ords = note_type.card_ords(data.fields)
            # due: new cards come in glossary order, domain by domain
            note = DatedNote(note_type, data, ords=ords, due=len(notes) + 1)
            deck.add_note(note)
            notes.append(note)
        decks.append(deck)
    assign_ids(notes)
    return Package(decks, note_type_time=TEMPLATES_REVISED, date=context.build_date)


def deck_name(glossary: Glossary, edition: Edition, domain: Domain | None = None) -> str:
    """`AI Model Types · Типы моделей ИИ (EN–RU)::02 Generative models · Генеративные модели`.

    Anki finds a learner's deck by its name, so the name comes from the glossary's titles only.
    Anki lists subdecks by name: the domain's place in the glossary's order, in two digits,
    puts them in that order.
    """
    parent = " · ".join(_part(glossary.title[lang]) for lang in edition.languages)
    name = f"{parent} ({edition.label})"
    if domain is not None:
        place = glossary.domains.index(domain) + 1
        names = " · ".join(_part(domain.names[lang]) for lang in edition.languages)
        name += f"::{place:02d} {names}"
    return name


def _part(text: str) -> str:
    return text.replace("::", ":")  # `::` would nest a deck


def description(context: BuildContext, edition: Edition) -> str:
    """The deck's description in each of its languages (shown before studying)."""
    glossary = context.glossary
    concepts = sum(belongs(concept, edition) for concept in glossary.concepts)  # not retired
    paragraphs = []
    for lang in edition.languages:
        built = label(lang, "built_on", date=i18n.long_date(context.build_date.date(), lang))
        lines = [
            glossary.description[lang],
            f"{count(lang, 'concepts', concepts)} · {built}",
            i18n.gettext(lang, UPDATE_HINT),
        ]
        body = "<br>".join(html.escape(line, quote=False) for line in lines)
        paragraphs.append(f"<p {lang_attributes(lang)}>{body}</p>")
    return "\n".join(paragraphs)
