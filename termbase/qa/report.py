"""`qa --format html` and `--format xlsx`: the findings as a reviewer works through them.

- HTML: one self-contained page (its style and script inline, nothing fetched): per finding the
  unit, the source and the target side by side with the concept's uses marked in the source and
  its renderings (or the wrong or deprecated term) in the target, the accepted terms; filters by
  kind and concept; an "accept" per finding, and the accepted ones saved as the JSON file that
  `qa --ignore` reads. In the UI language (`--lang`), through the `qa` catalog.
- XLSX: one row per finding, for project managers' spreadsheets (every text cell is text, never
  a formula: `cells.spreadsheet_text`).
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from termbase import i18n
from termbase.i18n import N_
from termbase.model import Glossary
from termbase.paths import TEMPLATES
from termbase.qa import Fault, QaFinding
from termbase.qa.bilingual import Segment
from termbase.qa.protect import Span
from termbase.render.common.cells import spreadsheet_text
from termbase.templating import environment

KIND_NAMES = {
    Fault.MISSING: N_("missing"),
    Fault.DEPRECATED: N_("deprecated term"),
    Fault.WRONG_TERM: N_("another concept's term"),
}
_MESSAGES = {
    Fault.MISSING: N_("'%(source)s' is not rendered; expected %(expected)s"),
    Fault.DEPRECATED: N_("'%(source)s': «%(target)s» is deprecated; expected %(expected)s"),
    Fault.WRONG_TERM: N_("'%(source)s': «%(target)s» is %(other)s; expected %(expected)s"),
}
_COUNTED = N_(
    "'%(source)s' is used %(uses)s times and rendered %(rendered)s; expected %(expected)s"
)


@dataclass(frozen=True, slots=True)
class Checked:
    """A finding with the segment it was found in and the segment's languages."""

    finding: QaFinding
    segment: Segment
    source_lang: str
    target_lang: str


def message(finding: QaFinding, lang: str) -> str:
    """A finding's message in UI language `lang`."""
    expected = " / ".join(f"«{t}»" for t in finding.expected)
    if finding.kind is Fault.MISSING and finding.source_count > 1:
        template, values = _COUNTED, {"uses": str(finding.source_count)}
        values["rendered"] = str(finding.target_count)
    else:
        template, values = _MESSAGES[finding.kind], {}
    values.update(
        source=finding.source_term,
        target=finding.target_term or "",
        other=f"'{finding.other_term}'",
        expected=expected,
    )
    return i18n.gettext(lang, template) % values


def html(checked: Sequence[Checked], glossary: Glossary, files: Sequence[str], lang: str) -> str:
    """The report as one HTML page."""
    names = {c.id: _concept_name(glossary, c.id, lang) for c in glossary.concepts}
    kinds = Counter(c.finding.kind for c in checked)
    concepts = Counter(c.finding.concept for c in checked)
    template = environment(lang).get_template("qa/report.html")
    return template.render(
        files=list(files),
        summary=i18n.gettext(lang, N_("%(findings)s finding(s) in %(files)s file(s)"))
        % {"findings": len(checked), "files": len(files)},
        kinds=[(str(k), i18n.gettext(lang, KIND_NAMES[k]), kinds[k]) for k in Fault if kinds[k]],
        concepts=sorted(((c, names[c], n) for c, n in concepts.items()), key=lambda x: x[1]),
        findings=[_item(c, names, lang) for c in checked],
        css=(TEMPLATES / "qa" / "report.css").read_text(encoding="utf-8"),
        script=(TEMPLATES / "qa" / "report.js").read_text(encoding="utf-8"),
    )


def _item(checked: Checked, names: dict[str, str], lang: str) -> dict[str, object]:
    finding, segment = checked.finding, checked.segment
    wrong = finding.target_term is not None
    good = finding.target_spans[:-1] if wrong else finding.target_spans
    bad = finding.target_spans[-1:] if wrong else ()
    return {
        "kind": str(finding.kind),
        "kind_name": i18n.gettext(lang, KIND_NAMES[finding.kind]),
        "file": finding.path,
        "line": finding.line,
        "unit": finding.unit,
        "concept": finding.concept,
        "concept_name": names[finding.concept],
        "message": message(finding, lang),
        "source_lang": checked.source_lang,
        "target_lang": checked.target_lang,
        "source_name": i18n.language_name(checked.source_lang, lang),
        "target_name": i18n.language_name(checked.target_lang, lang),
        "source": _marked(segment.source, {s: "src" for s in finding.source_spans}),
        "target": _marked(segment.target, {**{s: "ok" for s in good}, **{s: "bad" for s in bad}}),
        "expected": list(finding.expected),
    }


def _marked(text: str, marks: dict[Span, str]) -> list[dict[str, str]]:
    """The text in parts, the marked ones with their class. The spans index the NFKC text: the
    text as written where NFKC keeps its length (full-width Chinese punctuation stays so)."""
    normal = unicodedata.normalize("NFKC", text)
    text = text if len(normal) == len(text) else normal
    parts, position = [], 0
    for (start, end), mark in sorted(marks.items()):
        if start < position:
            continue
        parts += [
            {"text": text[position:start], "mark": ""},
            {"text": text[start:end], "mark": mark},
        ]
        position = end
    parts.append({"text": text[position:], "mark": ""})
    return [p for p in parts if p["text"]]


def _concept_name(glossary: Glossary, concept: str, lang: str) -> str:
    """A concept as the UI shows it: its preferred term in the UI language, else in English."""
    found = next(c for c in glossary.concepts if c.id == concept)
    for tag in (lang, glossary.languages[0]):
        terms = found.terms_in(tag) if tag in glossary.languages else ()
        if terms:
            return terms[0].text
    return concept


XLSX_COLUMNS = (
    N_("File"),
    N_("Line"),
    N_("Unit"),
    N_("Kind"),
    N_("Concept"),
    N_("Source term"),
    N_("Target term"),
    N_("Accepted terms"),
    N_("Message"),
    N_("Source"),
    N_("Target"),
)


def xlsx(checked: Sequence[Checked], lang: str) -> bytes:
    """The findings as a workbook: one row per finding, headed in the UI language."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = i18n.gettext(lang, N_("Findings"))[:31]
    sheet.append([i18n.gettext(lang, c) for c in XLSX_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in checked:
        f, s = item.finding, item.segment
        row = [
            f.path,
            f.line,
            f.unit,
            i18n.gettext(lang, KIND_NAMES[f.kind]),
            f.concept,
            f.source_term,
            f.target_term or "",
            " / ".join(f.expected),
            message(f, lang),
            s.source,
            s.target,
        ]
        sheet.append([spreadsheet_text(v) if isinstance(v, str) else v for v in row])
    for column, width in zip(
        "ABCDEFGHIJK", (28, 6, 16, 16, 20, 20, 20, 28, 48, 60, 60), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()
