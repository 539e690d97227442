"""The spreadsheet export: one row per concept, columns per language (`csv/<slug>.csv`).

Columns: id, kind, domain, then for each language its preferred term, admitted variants,
deprecated terms and definition (for Chinese, the pinyin of the preferred term after it),
which of its terms the source notes have (`attested`; the others are the glossary's own
renderings), and each term's use in the usage corpus (`in_use`: `дообучение: 120 in 43
documents`; `citations`: `дообучение: corpus/hf-course/ru/...:29, ...`), where it was counted.
Several terms in one cell are separated by "; ". The column names are keys
(`ru.preferred`), like the JSON export's. RFC 4180 quoting; UTF-8 with a byte order mark, so that
Excel reads Cyrillic and Chinese correctly. A cell that a spreadsheet would run as a formula
(`=1+1`) starts with an apostrophe (`render.cells`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import PurePosixPath

from termbase.languages import is_chinese
from termbase.model import Concept, Glossary, Status, Term
from termbase.pinyin import reading
from termbase.render.common.cells import spreadsheet_text
from termbase.render.contract import BuildContext, Job, Output, one_job

FOLDER = PurePosixPath("csv")
SEPARATOR = "; "


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("csv", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    path = FOLDER / f"{context.glossary.slug}.csv"
    yield Output(path, table(context.glossary).encode("utf-8-sig"))


def table(glossary: Glossary) -> str:
    """The CSV text (lines end in CRLF, as RFC 4180 says)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(glossary))
    for concept in glossary.concepts:
        writer.writerow([spreadsheet_text(cell) for cell in row(glossary, concept)])
    return out.getvalue()


def header(glossary: Glossary) -> list[str]:
    columns = ["id", "kind", "domain"]
    for lang in glossary.languages:
        names = ["preferred", "pinyin"] if is_chinese(lang) else ["preferred"]
        names += ["variants", "deprecated", "definition", "attested", "in_use", "citations"]
        columns += [f"{lang}.{name}" for name in names]
    return columns


def row(glossary: Glossary, concept: Concept) -> list[str]:
    cells = [concept.id, str(concept.kind), concept.domain]
    for lang in glossary.languages:
        preferred = concept.preferred(lang)
        variants = concept.variants(lang)
        cells.append(preferred.text if preferred else "")
        if is_chinese(lang):
            cells.append(reading(preferred) if preferred else "")
        cells += [
            SEPARATOR.join(t.text for t in variants if t.status is Status.ADMITTED),
            SEPARATOR.join(t.text for t in variants if t.status is Status.DEPRECATED),
            concept.definitions.get(lang, ""),
            SEPARATOR.join(t.text for t in concept.terms_in(lang) if t.sources),
            SEPARATOR.join(_in_use(t) for t in concept.terms_in(lang) if t.evidence),
            SEPARATOR.join(
                f"{t.text}: {', '.join(str(c) for c in t.evidence.citations)}"
                for t in concept.terms_in(lang)
                if t.evidence and t.evidence.citations
            ),
        ]
    return cells


def _in_use(term: Term) -> str:
    """`дообучение: 120 in 43 documents`, `файнтюнинг: 0`."""
    evidence = term.evidence
    if not evidence or not evidence.occurrences:
        return f"{term.text}: 0"
    return f"{term.text}: {evidence.occurrences} in {evidence.documents} documents"
