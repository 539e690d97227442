"""One layout, every paper: each PDF is laid out once and printed on A4 and on US Letter.

The layout page is as narrow as the narrowest paper and as tall as the tallest (A4), with
margins that leave a text block fitting every paper (Letter is 6 mm wider and 18 mm shorter than
A4). Each paper then shows that page centred on itself: the same lines, page breaks, page numbers,
links and bookmarks, and margins of at least those asked for. WeasyPrint lays out about three
pages a second and writes about ten: laying out once nearly halves the PDF stage.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

PX_PER_MM = 96 / 25.4
"""CSS pixels per millimetre: WeasyPrint measures pages in CSS pixels."""


@dataclass(frozen=True, slots=True)
class Paper:
    width_mm: float
    height_mm: float


PAPERS = {"a4": Paper(210, 297), "letter": Paper(215.9, 279.4)}
"""File name suffix → paper size."""
LAYOUT = Paper(min(p.width_mm for p in PAPERS.values()), max(p.height_mm for p in PAPERS.values()))
"""The page every PDF is laid out on."""


@dataclass(frozen=True, slots=True)
class Margins:
    """The smallest margins wanted on any paper, in millimetres."""

    top: float
    side: float
    bottom: float

    def page_css(self) -> str:
        """The `@page` size and margins that leave a text block fitting every paper."""
        spare = (LAYOUT.height_mm - min(p.height_mm for p in PAPERS.values())) / 2
        top, bottom = self.top + spare, self.bottom + spare
        return (
            f"size: {LAYOUT.width_mm}mm {LAYOUT.height_mm}mm; "
            f"margin: {top:.2f}mm {self.side}mm {bottom:.2f}mm"
        )


def on_paper(document: Any, paper: Paper) -> Any:
    """The WeasyPrint `Document`, laid out on LAYOUT, with each page centred on `paper`."""
    if paper == LAYOUT:
        return document
    return document.copy([_centred(page, paper) for page in document.pages])


def _centred(page: Any, paper: Paper) -> Any:
    """A copy of a WeasyPrint `Page` of the paper's size, its content moved to the centre.

    A page's content is drawn by `page.paint` and placed by its public positions (anchors,
    links, bookmarks, in CSS pixels from its top-left corner): the copy shifts all of them.
    """
    dx = (paper.width_mm * PX_PER_MM - page.width) / 2
    dy = (paper.height_mm * PX_PER_MM - page.height) / 2
    moved = copy.copy(page)
    moved.width, moved.height = paper.width_mm * PX_PER_MM, paper.height_mm * PX_PER_MM
    moved.anchors = {
        name: (x1 + dx, y1 + dy, x2 + dx, y2 + dy)
        for name, (x1, y1, x2, y2) in page.anchors.items()
    }
    moved.links = [
        (kind, target, (x1 + dx, y1 + dy, x2 + dx, y2 + dy), box)
        for kind, target, (x1, y1, x2, y2), box in page.links
    ]
    moved.bookmarks = [
        (level, label, (x + dx, y + dy), state) for level, label, (x, y), state in page.bookmarks
    ]

    def paint(stream: Any, scale: float = 1) -> None:
        with stream.stacked():
            stream.transform(e=dx * scale, f=dy * scale)
            page.paint(stream, scale)

    moved.paint = paint
    return moved
