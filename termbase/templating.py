"""Jinja2 environments for the renderers: autoescaped, strict, with the UI catalogs installed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from termbase import i18n, labels
from termbase.languages import is_rtl
from termbase.paths import TEMPLATES
from termbase.pinyin import reading


def bidi(lang: str) -> Markup:
    """` dir="rtl"` for an element of a right-to-left language, else nothing: the attribute
    sets the direction and isolates the run from the text around it (a term in an English line),
    and left-to-right pages stay as they were."""
    return Markup(' dir="rtl"') if is_rtl(lang) else Markup("")


def lang_attributes(lang: str) -> Markup:
    """An element's `lang` and, for a right-to-left language, its `dir` (HTML written in
    Python: the Anki fields)."""
    return Markup('lang="%s"') % lang + bidi(lang)


@cache
def environment(lang: str, templates: Path = TEMPLATES) -> jinja2.Environment:
    """The template environment for UI language `lang` (templates under `templates/`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(
        ui_lang=lang,
        label=lambda key, count=None, **values: labels.label(lang, key, count, **values),
        status_label=lambda status: labels.status_label(lang, status),
        term_type_label=lambda term_type: labels.term_type_label(lang, term_type),
        count=lambda what, n: labels.count(lang, what, n),
        language_name=lambda code: i18n.language_name(code, lang),
        long_date=lambda day: i18n.long_date(day, lang),
        bidi=bidi,
    )
    env.filters["pinyin"] = reading
    return env
