"""WeasyPrint as the PDFs use it: imported only when PDFs are made, one font configuration per
process, and the user-agent stylesheet without the rules no template needs.

WeasyPrint's user-agent stylesheet styles the pseudo-elements of footnotes and notes
(`::footnote-call`, `::note-marker`, ...). A selector of a pseudo-element alone matches every
element, so WeasyPrint computes five more styles for each element of every document, whether or
not it has a footnote. No template floats anything into a footnote or a note area (a test checks
the templates), so those rules are left out: the PDFs are byte for byte the same, and laying
them out costs less (docs/performance.md).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from termbase.render.pdf.breaks import with_breaks

FOOTNOTE_RULES = re.compile(r"::(?:footnote|note)-[\w-]+")
"""Selectors of the pseudo-elements of footnotes and notes, which the user-agent rules style."""


@cache
def fonts() -> Any:
    """This process's WeasyPrint font configuration, shared by every document it lays out.

    A document laid out with a fresh one reads its fonts and builds its shaping caches again;
    sharing one makes the parts of the reference cheaper, and the PDFs are byte for byte the
    same. The templates declare no `@font-face`, which a shared configuration would gather from
    every document."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def warm_up() -> None:
    """Import WeasyPrint, make this process's font configuration and user-agent stylesheet
    (`Job.prepare`) before the build forks its workers, which share them instead of each paying
    for the import. Drawing a first page here as well, to warm their caches, cost a cold build
    more than it saved the workers."""
    fonts()
    html_class()


@cache
def html_class() -> Any:
    """WeasyPrint's HTML document, with the user-agent stylesheet without footnotes and notes."""
    from weasyprint import CSS, HTML
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    # Its counter styles are WeasyPrint's own, which every document copies already
    # (`HTML._ua_counter_style`); they are read here into a dictionary of their own, as `disc`
    # and `decimal` may be defined once only.
    stylesheet = CSS(string=_without_footnote_rules(UA), counter_style=CounterStyle())

    class Document(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [stylesheet]

    return Document


def _without_footnote_rules(css: str) -> str:
    """The stylesheet's text without its rules whose selectors are all of footnotes' or notes'
    pseudo-elements; every other rule as written."""
    import tinycss2

    lines = css.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    cut: list[tuple[int, int]] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule" and _only_footnotes(rule.prelude):
            start = offsets[rule.source_line - 1] + rule.source_column - 1
            cut.append((start, css.index("}", start) + 1))
    kept, position = [], 0
    for start, end in cut:
        kept.append(css[position:start])
        position = end
    return "".join(kept) + css[position:]


def _only_footnotes(prelude: list[Any]) -> bool:
    """Whether every selector of a rule is of a footnote's or a note's pseudo-element."""
    import tinycss2

    selectors = tinycss2.serialize(prelude).split(",")
    return all(FOOTNOTE_RULES.search(selector) for selector in selectors)


def lay_out(source: str) -> Any:
    """The laid-out WeasyPrint document of an HTML page, with a break opportunity in every run
    of text too long for a word (`breaks`)."""
    return html_class()(string=with_breaks(source)).render(font_config=fonts())
