"""The UI in three languages: gettext catalogs (Babel), names of languages, dates.

Catalogs live in `templates/locale/<locale>/LC_MESSAGES/<domain>.po` (`paths.LOCALE_DIR`), one
domain per output (core, anki, pdf, html, ...), and are compiled in memory when first used: the
`.po` files are the only thing committed. English is the source language and needs no catalog.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from termbase.paths import LOCALE_DIR

SOURCE_LANGUAGE = "en"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention for "mark, translate later")
    """Mark a string for extraction without translating it here."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a singular/plural pair for extraction; translate it with `ngettext`."""
    return singular, plural


def babel_locale(lang: str) -> Locale:
    """The Babel locale of a BCP 47 tag: `zh-Hans` → `zh_Hans`."""
    return Locale.parse(lang, sep="-")


@cache
def translations(lang: str, locale_dir: Path = LOCALE_DIR) -> NullTranslations:
    """All catalogs of one language merged (a null catalog for English)."""
    folder = locale_dir / str(babel_locale(lang)) / "LC_MESSAGES"
    merged: NullTranslations = NullTranslations()
    for po_file in sorted(folder.glob("*.po")):
        with po_file.open("rb") as source:
            catalog = read_po(source, locale=babel_locale(lang), domain=po_file.stem)
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        catalog_translations = Translations(compiled, domain=po_file.stem)
        if isinstance(merged, Translations):
            merged.merge(catalog_translations)
        else:
            merged = catalog_translations
    return merged


def has_catalog(lang: str, locale_dir: Path = LOCALE_DIR) -> bool:
    """Whether the UI speaks `lang`: English, or a language with catalogs in `locale_dir`."""
    return lang == SOURCE_LANGUAGE or (locale_dir / str(babel_locale(lang))).is_dir()


def without_catalog(languages: Iterable[str]) -> tuple[str, ...]:
    """The languages the UI does not speak: their pages, decks and PDFs are labelled in English."""
    return tuple(lang for lang in languages if not has_catalog(lang))


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


def ngettext(lang: str, forms: tuple[str, str], n: int) -> str:
    """The plural form for `n` in `lang` of an `NP_` pair (Russian has three forms)."""
    return translations(lang).ngettext(*forms, n)


def plural_category(lang: str, n: int) -> str:
    """The CLDR plural category of `n` in `lang` (one, few, many, other: Babel's rules)."""
    return str(babel_locale(lang).plural_form(n))


def plural_forms(lang: str, forms: tuple[str, str]) -> dict[str, str]:
    """An `NP_` pair translated for each CLDR plural category of `lang` that a count can have
    (for texts whose count is known only where they are shown: a script, a card's CSS)."""
    found: dict[str, str] = {}
    for n in range(200):
        found.setdefault(plural_category(lang, n), ngettext(lang, forms, n))
    return found


def language_name(lang: str, in_lang: str) -> str:
    """The name of language `lang` written in language `in_lang` (`ru` in `zh-Hans`: 俄语)."""
    return babel_locale(lang).get_language_name(babel_locale(in_lang)) or lang


def long_date(day: date, lang: str) -> str:
    """A date as people write it in `lang` (23 November 2026, 23 ноября 2026 г., 2026年11月23日)."""
    return format_date(day, format="long", locale=babel_locale(lang))
