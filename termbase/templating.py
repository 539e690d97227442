"""Jinja2 environments for the renderers: autoescaped, strict, with the UI catalogs installed."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from termbase import i18n, labels
from termbase.languages import list_comma
from termbase.paths import TEMPLATES
from termbase.pinyin import reading


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
        kind_label=lambda kind: labels.kind_label(lang, kind),
        count=lambda what, n: labels.count(lang, what, n),
        language_name=lambda code: i18n.language_name(code, lang),
        long_date=lambda day: i18n.long_date(day, lang),
        list_comma=list_comma,
    )
    env.filters["pinyin"] = reading
    return env
