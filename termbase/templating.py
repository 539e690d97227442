"""Jinja2 environments for the renderers: autoescaped, strict, with the UI catalogs installed."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from termbase import i18n, labels
from termbase.languages import is_chinese, is_rtl, list_comma
from termbase.paths import TEMPLATES, cache_dir
from termbase.pinyin import reading


def bidi(lang: str, ui_lang: str = "en") -> Markup:
    """The `dir` of an element in `lang` on a page in `ui_lang`: `rtl` for a right-to-left
    language, `ltr` for a left-to-right one on a right-to-left page, else none (left-to-right
    pages stay as they were). The attribute sets the direction and isolates the run from the
    text around it: an Arabic term in an English line, an English definition on an Arabic page."""
    if is_rtl(lang):
        return Markup(' dir="rtl"')
    return Markup(' dir="ltr"') if is_rtl(ui_lang) else Markup("")


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
        bytecode_cache=_compiled_templates(),
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
        bidi=lambda text_lang: bidi(text_lang, lang),
        arrow="←" if is_rtl(lang) else "→",  # pointing the way the page reads
        list_comma=list_comma,
    )
    env.filters["pinyin"] = reading
    env.tests["chinese"] = is_chinese
    return env


@cache
def _compiled_templates() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept between processes (`paths.cache_dir`), or None.

    Compiling the templates costs some 0.12 s of CPU per UI language in every process that
    renders with them (a build, each of its workers); read from this cache, 5 ms. A template is
    compiled again when its source changes (Jinja compares a checksum), and Jinja writes each
    file whole, under another name, then renames it. A folder that cannot be made or written
    (a read-only home) is no cache."""
    folder = cache_dir("jinja")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None
