"""The Anki note type of each deck edition: its fields, card templates, CSS, id and revision.

Anki keeps a learner's reviews across imports only while the note type keeps its fields and
templates: a package whose note type has other field or template names is imported as a new
note type and its notes are not applied to the old ones. So the lists below are versioned:
changing a field or template name means raising `SCHEMA_VERSION` (a new note type, new notes),
and changing only what the templates or CSS show means moving `TEMPLATES_REVISED` forward
(Anki updates a note type only from a newer one). `tests/test_render_anki.py` pins both.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import genanki
from markupsafe import Markup

from termbase import i18n, labels
from termbase.i18n import N_
from termbase.labels import instance_words
from termbase.languages import editions, primary, slug
from termbase.model import InstanceWords
from termbase.readings import has_readings
from termbase.render.common import faces
from termbase.templating import environment

SCHEMA_VERSION = 1
"""Raise when a field or template is added, removed or renamed (a new note type for learners)."""
TEMPLATES_REVISED = datetime(2026, 12, 8, tzinfo=UTC)
"""Move forward when the templates, CSS or their labels change, so that imports update them."""

PER_LANGUAGE = {
    "term": "Term",
    "abbreviations": "Abbreviations",
    "variants": "Variants",
    "deprecated": "Deprecated",
    "definition": "Definition",
    "notes": "Notes",
    "broader": "Broader",
    "related": "Related",
    "examples": "Examples",
    "instance_of": "Instance of",
}
"""The fields each language has, named `<name> <CODE>` ("Term ZH")."""
RUBY = set(PER_LANGUAGE) - {"definition", "notes"}
"""Fields of terms with readings, `银行[yín háng]`: shown as ruby, read by TTS without them."""
TTS_LOCALES = {"en": "en_US", "ru": "ru_RU", "zh": "zh_CN"}
"""The voice Anki's text-to-speech uses for each language."""
MORE = N_("More")
"""The summary of the folded part of a card's back."""
MODEL_TEMPLATE = "Model → kind"
"""The example card of a named model ("CLIP → which kind of model?")."""


def stable_id(*keys: str) -> int:
    """An id for Anki from stable keys (never from text that may change, never from the clock)."""
    digest = hashlib.sha256("\x1f".join(("termbase-anki", *keys)).encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


@dataclass(frozen=True, slots=True)
class Edition:
    """One deck: a pair of the glossary's languages, or all of them."""

    languages: tuple[str, ...]

    @property
    def key(self) -> str:
        """The edition in file names, GUIDs and ids: `en-ru`."""
        return slug(self.languages)

    @property
    def label(self) -> str:
        """The edition as learners read it: `EN–RU`."""
        return "–".join(primary(lang).upper() for lang in self.languages)


def deck_editions(languages: tuple[str, ...]) -> tuple[Edition, ...]:
    """A deck per edition of the glossary's languages (`languages.editions`)."""
    return tuple(Edition(langs) for langs in editions(languages))


@cache
def field_name(kind: str, lang: str) -> str:
    return f"{PER_LANGUAGE[kind]} {primary(lang).upper()}"


def field_names(edition: Edition) -> list[str]:
    """The note's fields, in order; the first (the concept id) is also its sort field."""
    per_language = [field_name(kind, lang) for lang in edition.languages for kind in PER_LANGUAGE]
    return ["Id", "Model", *per_language, "Maker", "Year"]


def _direction_name(lang: str, edition: Edition) -> str:
    """A term card's template: asked in `lang`, answered in the others (`EN → RU, ZH`)."""
    others = ", ".join(primary(other).upper() for other in edition.languages if other != lang)
    return f"{primary(lang).upper()} → {others}"


# Templates --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fields:
    """Anki template syntax for one language's fields, for the Jinja templates to write."""

    lang: str

    @property
    def ruby(self) -> bool:
        """Whether the language's terms carry readings, written `包丁[ほうちょう]` in fields."""
        return has_readings(self.lang)

    def open(self, kind: str) -> Markup:
        return _anki(f"#{self._name(kind)}")

    def close(self, kind: str) -> Markup:
        return _anki(f"/{self._name(kind)}")

    def show(self, kind: str) -> Markup:
        """The field as HTML (Chinese terms with their pinyin as ruby)."""
        return _anki(self._name(kind), "furigana" if self.ruby and kind in RUBY else "")

    def plain(self, kind: str) -> Markup:
        """The field without pinyin (for a question in Chinese)."""
        return _anki(self._name(kind), "kanji" if self.ruby and kind in RUBY else "")

    def tts(self, kind: str) -> Markup:
        locale = TTS_LOCALES.get(primary(self.lang), self.lang.replace("-", "_"))
        return _anki(self._name(kind), "kanji" if self.ruby else "", f"tts {locale}")

    def plural_labels(self, key: str) -> str:
        """A list's label in each plural category, as the CSS properties card.css reads."""
        return self.strings(**labels.plural_labels(self.lang, key))

    def strings(self, **texts: str) -> str:
        """Texts for card.css to show, as CSS custom properties: `--also:"also:"`."""
        return ";".join(f"--{name}:{_css_string(text)}" for name, text in texts.items())

    def _name(self, kind: str) -> str:
        return field_name(kind, self.lang) if kind in PER_LANGUAGE else kind


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _anki(name: str, *filters: str) -> Markup:
    """`{{tts zh_CN:kanji:Term ZH}}`: Anki applies the filters right to left."""
    return Markup("{{%s}}") % ":".join([*reversed([f for f in filters if f]), name])


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    front: str
    back: str
    gate: str
    """The field that must be filled for the card to exist (Anki's rule, made explicit)."""


def templates(edition: Edition, folder: Path, words: InstanceWords) -> list[Template]:
    """The card templates of a edition, labelled in its languages (an instance's card asks the
    glossary's question: `words`)."""
    cards = []
    for lang in edition.languages:
        values = {"f": Fields(lang), "names": _names(lang, edition)}
        front = _render(folder, "anki/term_front.html", lang, back=False, **values)
        question = _render(folder, "anki/term_front.html", lang, back=True, **values)
        order = _answer_order(lang, edition)
        back = _back(edition, folder, question, "anki/answer.html", order, asked=lang)
        cards.append(
            Template(_direction_name(lang, edition), front, back, field_name("term", lang))
        )
    prompts = [
        _render(
            folder, "anki/model_prompt.html", lang, question=instance_words(lang, "question", words)
        )
        for lang in edition.languages
    ]
    first = edition.languages[0]
    front = _render(folder, "anki/model_front.html", first, f=Fields(first), prompts=prompts)
    question = Markup("{{FrontSide}}")
    back = _back(edition, folder, question, "anki/kinds.html", edition.languages, asked=None)
    return [*cards, Template(MODEL_TEMPLATE, front, back, "Model")]


def _answer_order(asked: str, edition: Edition) -> tuple[str, ...]:
    """The answer's languages first, then the question's."""
    return (*(lang for lang in edition.languages if lang != asked), asked)


def _names(asked: str, edition: Edition) -> list[tuple[str, str]]:
    """The question's language, then the answers', each named in itself."""
    order = (asked, *_answer_order(asked, edition)[:-1])
    return [(lang, i18n.language_name(lang, lang)) for lang in order]


def _back(
    edition: Edition,
    folder: Path,
    question: Markup,
    answer: str,
    order: tuple[str, ...],
    asked: str | None,
) -> str:
    """The question, the answer in each language but the question's (`answer` template), then
    every language's details, folded: the answer stays short on a phone, nothing is shown twice."""
    answers = [_render(folder, answer, lang, f=Fields(lang)) for lang in order if lang != asked]
    details = [
        _render(folder, "anki/details.html", lang, f=Fields(lang), asked=lang == asked, facts=not i)
        for i, lang in enumerate(order)
    ]
    more = [(lang, i18n.gettext(lang, MORE)) for lang in edition.languages]
    return _render(
        folder,
        "anki/back.html",
        edition.languages[0],
        question=question,
        answers=answers,
        details=details,
        more=more,
    )


def _render(folder: Path, name: str, lang: str, **values: object) -> Markup:
    text = environment(lang, folder).get_template(name).render(**values)
    return Markup("\n".join(line for line in text.splitlines() if line.strip()))


# The note type ----------------------------------------------------------------------------------


class NoteType(genanki.Model):
    """A genanki model whose cards follow the templates' gate fields (not a guess by chevron)."""

    def __init__(self, edition: Edition, title: str, folder: Path, words: InstanceWords) -> None:
        cards = templates(edition, folder, words)
        names = field_names(edition)
        super().__init__(
            model_id=stable_id("note type", edition.key, f"v{SCHEMA_VERSION}"),
            name=f"{title} {edition.label} v{SCHEMA_VERSION}",
            fields=[{"name": name} for name in names],
            templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in cards],
            css=(folder / "anki" / "card.css").read_text(encoding="utf-8")
            + f"\n{faces.rules(edition.languages, system=True)}\n",
            sort_field_index=0,
        )
        self.gate_fields = [names.index(t.gate) for t in cards]

    @property
    def _req(self) -> list[list[object]]:
        return [[ord_, "all", [gate]] for ord_, gate in enumerate(self.gate_fields)]

    def card_ords(self, fields: list[str]) -> list[int]:
        """The templates that give a card for a note with these field values."""
        return [ord_ for ord_, gate in enumerate(self.gate_fields) if fields[gate]]
