"""`termbase init`: a new glossary that checks and builds from the first command.

It writes `glossary/glossary.toml` (title, description, one domain, in every language), one
example concept (the concept "glossary" itself, in the languages the UI speaks) and a
`.gitignore` for the outputs. Its texts come from the UI catalogs, so a German glossary starts
in German; a language without a catalog starts in English, for the user to translate. Nothing
is made up and nothing existing is overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.lists import format_list

from termbase.i18n import (
    N_,
    SOURCE_LANGUAGE,
    babel_locale,
    gettext,
    has_catalog,
    language_name,
)
from termbase.languages import is_known
from termbase.load import derived_slug
from termbase.paths import CONCEPTS_DIR, GLOSSARY_DIR, HEADER_FILE, OUTPUT_DIR
from termbase.skeleton import create

TITLE = N_("Glossary")
DESCRIPTION = N_("A glossary in %(languages)s.")
DOMAIN = N_("General")
TERM = N_("glossary")
DEFINITION = N_(
    "A list of the terms of a subject with their definitions, in one or more languages."
)
EXAMPLE_ID = "glossary"
DOMAIN_ID = "general"
IGNORED = f"{OUTPUT_DIR}/"


class InitError(Exception):
    """The glossary cannot be started; the message says why."""


@dataclass(frozen=True, slots=True)
class Started:
    """What `init` wrote, and what it left alone."""

    written: tuple[Path, ...]
    kept: tuple[Path, ...]


def start(folder: Path, languages: Sequence[str], title: str | None = None) -> Started:
    """Write a new glossary below `folder` (its `glossary/` and `.gitignore`)."""
    _check_languages(languages)
    glossary_dir = folder / GLOSSARY_DIR
    header = glossary_dir / HEADER_FILE
    if header.exists():
        raise InitError(f"{header} exists already: this folder has a glossary")
    titles = {lang: title or gettext(lang, TITLE) for lang in languages}
    files = {
        header: header_text(languages, titles),
        glossary_dir / CONCEPTS_DIR / f"{EXAMPLE_ID}.yaml": example_text(languages),
    }
    ignore = folder / ".gitignore"
    kept = (ignore,) if ignore.exists() else ()
    if not kept:
        files[ignore] = f"# What `termbase build` writes\n{IGNORED}\n"
    for path, text in files.items():
        try:
            create(path, text)
        except FileExistsError as error:
            raise InitError(str(error)) from None
    return Started(tuple(files), kept)


def _check_languages(languages: Sequence[str]) -> None:
    if not languages:
        raise InitError("name the glossary's languages: --languages en,de,ja")
    unknown = [tag for tag in languages if not is_known(tag)]
    if unknown:
        raise InitError(
            f"unknown language tag {', '.join(map(repr, unknown))} (BCP 47: en, de, zh-Hant)"
        )
    if len(set(languages)) != len(languages):
        raise InitError("a language is named twice")


def header_text(languages: Sequence[str], titles: dict[str, str]) -> str:
    """The text of glossary.toml."""
    lines = [
        "# The glossary's header: its languages, the stem of its output files, its title and",
        "# description, and its domains. Concepts live one per file in concepts/<id>.yaml.",
        f"languages = [{', '.join(quoted(lang) for lang in languages)}]",
        f"slug = {quoted(derived_slug(titles, languages))}",
        "",
        "[title]",
        *(f"{lang} = {quoted(titles[lang])}" for lang in languages),
        "",
        "[description]",
        *(f"{lang} = {quoted(describe_languages(lang, languages))}" for lang in languages),
        "",
        "[[domains]]",
        f"id = {quoted(DOMAIN_ID)}",
        "order = 1",
        f"name = {{ {_inline({lang: gettext(lang, DOMAIN) for lang in languages})} }}",
    ]
    return "\n".join(lines) + "\n"


def describe_languages(lang: str, languages: Sequence[str]) -> str:
    """ "A glossary in English, German and Japanese.", in `lang` (in English, names included,
    when the UI does not speak it)."""
    written = lang if has_catalog(lang) else SOURCE_LANGUAGE
    names = [language_name(other, written) for other in languages]
    listed = format_list(names, locale=babel_locale(written))
    return gettext(lang, DESCRIPTION) % {"languages": listed}


def example_text(languages: Sequence[str]) -> str:
    """The example concept: "glossary", in each language the UI speaks (else in English)."""
    lines = ["kind: concept", f"domain: {DOMAIN_ID}", "terms:"]
    for lang in languages:
        lines += [
            f"  {lang}:",
            f"    - text: {quoted(gettext(lang, TERM))}",
            "      status: preferred",
        ]
    lines.append("definition:")
    lines += [f"  {lang}: {quoted(gettext(lang, DEFINITION))}" for lang in languages]
    return "\n".join(lines) + "\n"


def quoted(text: str) -> str:
    """A quoted string for TOML and YAML alike (JSON's quoting is valid in both): how init and
    import write glossary.toml."""
    return json.dumps(text, ensure_ascii=False)


def _inline(texts: dict[str, str]) -> str:
    return ", ".join(f"{lang} = {quoted(text)}" for lang, text in texts.items())
