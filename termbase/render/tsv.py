"""OmegaT glossaries: one tab-separated UTF-8 file per language direction (`tsv/en-ru.txt`,
`tsv/zh-en.txt`: languages by their primary subtag, as in every output's file name).

OmegaT reads three columns — source term, target term, comment — splits each line at tabs,
trims the fields, and skips lines that start with `#`; nothing is quoted. So every preferred and
admitted source term gets its own row (OmegaT matches each in the text), pointing to the
preferred target term; the comment, in the target language, lists the admitted target variants,
the deprecated ones to avoid, and the definition. Tabs and line breaks inside a text become
spaces, the only way to keep a row one line of three fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import permutations
from pathlib import PurePosixPath

from babel.lists import format_list

from termbase.collation import sort_key
from termbase.i18n import babel_locale
from termbase.labels import label, status_label
from termbase.languages import is_chinese, slug
from termbase.model import Concept, Glossary, Status
from termbase.render.contract import BuildContext, Job, Output, one_job

FOLDER = PurePosixPath("tsv")
_BREAKS = re.compile(r"[\t\r\n\u0085\u2028\u2029]+")


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("tsv", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    glossary = context.glossary
    for source, target in permutations(glossary.languages, 2):
        yield Output(FOLDER / f"{slug((source, target))}.txt", omegat(glossary, source, target))


def omegat(glossary: Glossary, source: str, target: str) -> bytes:
    """The OmegaT glossary from `source` into `target`, as UTF-8 bytes."""
    title = field(glossary.title[source])
    # OmegaT reads the encoding of a .txt glossary from an Emacs-style first line.
    lines = [f"# {title}: {source} → {target} -*- coding: utf-8 -*-"]
    lines += ["\t".join(row) for row in rows(glossary, source, target)]
    return ("\n".join(lines) + "\n").encode()


def rows(glossary: Glossary, source: str, target: str) -> list[tuple[str, str, str]]:
    """(source term, preferred target term, comment), in the source language's dictionary order."""
    found = []
    for concept in glossary.concepts:
        preferred = concept.preferred(target)
        if preferred is None:
            continue
        note = comment(concept, target)
        usable = [t for t in concept.terms_in(source) if t.status is not Status.DEPRECATED]
        # A general word (*model*, *sample*) is left out where the concept has another term:
        # OmegaT would show the glossary's term beside every everyday use of it.
        if any(t.general is None for t in usable):
            usable = [t for t in usable if t.general is None]
        found += [(term.text, preferred.text, note, concept.id) for term in usable]
    found.sort(key=lambda row: (sort_key(row[0], source), row[3]))
    return [(_first(field(s)), field(t), field(c)) for s, t, c, _ in found]


def comment(concept: Concept, lang: str) -> str:
    """Admitted and deprecated terms and the definition, labelled in `lang`."""
    admitted = [t.text for t in concept.variants(lang) if t.status is Status.ADMITTED]
    deprecated = [t.text for t in concept.variants(lang) if t.status is Status.DEPRECATED]
    locale = babel_locale(lang)
    colon = "：" if is_chinese(lang) else ": "
    parts = []
    if admitted:
        parts.append(
            label(lang, "variants", len(admitted)) + colon + format_list(admitted, "or", locale)
        )
    if deprecated:
        avoid = status_label(lang, Status.DEPRECATED)
        parts.append(avoid[:1].upper() + avoid[1:] + colon + format_list(deprecated, "or", locale))
    if lang in concept.definitions:
        parts.append(label(lang, "definition") + colon + concept.definitions[lang])
    return " | ".join(parts)


def field(text: str) -> str:
    """A text as one TSV field: no tabs or line breaks, no spaces around (OmegaT trims them)."""
    return _BREAKS.sub(" ", text).strip()


def _first(text: str) -> str:
    """A first field that starts with `#` would be read as a comment line: a space keeps it
    a term (OmegaT trims the space)."""
    return f" {text}" if text.startswith("#") else text
