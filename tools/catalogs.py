"""Keeping the UI catalogs in step with the code: `python -m tools.catalogs [DOMAIN...]`.

One gettext domain per mapping file in `templates/babel/<domain>.cfg` (core, and one per renderer),
so that renderers never edit each other's catalogs. Translations are written by people in the
`.po` files; this only adds new messages and drops unused ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from termbase.i18n import SOURCE_LANGUAGE, babel_locale
from termbase.paths import LOCALE_DIR, PACKAGE, TEMPLATES

SOURCE_TREE = PACKAGE.parent
"""The folder holding termbase/ and templates/: messages are extracted from a source tree."""
MAPPINGS = TEMPLATES / "babel"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "NP_": (1, 2)}
UI_LANGUAGES = ("ru", "zh-Hans", "de", "fr", "es", "pt", "it", "uk", "ja", "ko", "ar", "zh-Hant")
"""The languages of the UI catalogs: see docs/languages.md for which a native speaker reviewed."""


def domains() -> list[str]:
    return sorted(path.stem for path in MAPPINGS.glob("*.cfg"))


def extract(domain: str) -> Catalog:
    """The messages the code and templates of one domain use."""
    with (MAPPINGS / f"{domain}.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    template = Catalog(domain=domain, project="termbase")
    for path, line, message, comments, context in extract_from_dir(
        SOURCE_TREE, method_map, options_map, keywords=KEYWORDS
    ):
        template.add(message, None, [(path, line)], auto_comments=comments, context=context)
    return template


def po_path(domain: str, lang: str) -> Path:
    return LOCALE_DIR / str(babel_locale(lang)) / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(domain: str, lang: str) -> Catalog:
    path = po_path(domain, lang)
    if not path.exists():
        return Catalog(locale=babel_locale(lang), domain=domain, project="termbase")
    with path.open("rb") as file:
        return read_po(file, locale=babel_locale(lang), domain=domain)


def update(only: list[str]) -> None:
    """Add new messages to the catalogs of some domains (all when `only` is empty)."""
    for domain in only or domains():
        template = extract(domain)
        for lang in UI_LANGUAGES:
            catalog = read_catalog(domain, lang)
            catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
            catalog.obsolete.clear()
            catalog.fuzzy = False
            path = po_path(domain, lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as file:
                write_po(file, catalog, no_location=True, sort_output=True, width=100)
            missing = [m.id for m in catalog if m.id and not m.string]
            print(f"{path.relative_to(SOURCE_TREE)}: {len(missing)} untranslated", file=sys.stderr)


if __name__ == "__main__":
    assert SOURCE_LANGUAGE == "en", "catalogs translate from English"
    update(sys.argv[1:])
