"""Joining the parts of a document (the reference, a long cheat sheet) into one PDF: continuous
pages, one outline, working links.

Each part is laid out by WeasyPrint on its own (`pdf.parted_jobs`), so a link to an entry in
another part cannot be resolved there: the templates write every link to an entry as an
external link `x-entry:<anchor>`, and the join turns each into a link to the named destination
of that anchor, gathered from every part. The outline is the parts' outlines one after the
other. The running headers and the footers ("Page 3 of 40") count every page, so they are not in
the parts: they are laid out last, as a document of empty pages of the same size
(`furniture`), and each of its pages is laid over the page of the joined PDF. A part may hold
several sections (domains), each running header starting at the page of its anchor.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pikepdf

from termbase.render.pdf.content import Section

ENTRY_LINK = "x-entry:"
"""The scheme of the links the join resolves: `x-entry:c-gpt-4` is the anchor `c-gpt-4`."""


@dataclass(frozen=True, slots=True)
class _Bookmark:
    title: str
    page: int
    """Its page in the joined PDF, from 0."""
    left: float
    top: float
    children: tuple[_Bookmark, ...]


def join(
    parts: Sequence[bytes],
    sections: Sequence[Sequence[Section]],
    furniture: Callable[[list[str]], bytes],
) -> bytes:
    """The parts as one PDF, with the document's information of the first. `sections` gives
    each part's running headers; `furniture(headers)` gives the PDF of the headers and footers
    of as many pages as `headers` (a running header per page)."""
    opened = [pikepdf.open(io.BytesIO(data)) for data in parts]
    joined = pikepdf.open(io.BytesIO(parts[0]))
    destinations, bookmarks, firsts = {}, [], []
    for part in opened:
        offset = len(joined.pages) if part is not opened[0] else 0
        if part is not opened[0]:
            joined.pages.extend(part.pages)
        firsts.append(offset)
        destinations.update(_destinations(part, joined, offset))
        bookmarks.extend(_bookmarks(part, offset))
    _resolve_links(joined)
    _write_destinations(joined, destinations)
    _write_outline(joined, bookmarks)
    headers = _running_headers(sections, firsts, destinations, joined)
    _lay_over(joined, pikepdf.open(io.BytesIO(furniture(headers))))
    return _saved(joined)


def _running_headers(
    sections: Sequence[Sequence[Section]],
    firsts: Sequence[int],
    destinations: dict[str, pikepdf.Array],
    joined: pikepdf.Pdf,
) -> list[str]:
    """The running header of each page of the joined PDF: a part's from its first page (in
    `firsts`), each of its sections' from the page of its anchor on."""
    numbers = _page_numbers(joined)
    starts: dict[int, str] = {}
    for first, its_sections in zip(firsts, sections, strict=True):
        starts[first] = its_sections[0].header
        for section in its_sections:
            if section.anchor is not None:
                starts[numbers[destinations[section.anchor][0].objgen]] = section.header
    headers: list[str] = []
    for page in range(len(joined.pages)):
        headers.append(starts.get(page, headers[-1] if headers else ""))
    return headers


def _page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages)}


def _destinations(part: pikepdf.Pdf, joined: pikepdf.Pdf, offset: int) -> dict[str, pikepdf.Array]:
    """The part's named destinations (WeasyPrint writes one flat /Names array), moved to its
    pages in the joined PDF."""
    names = part.Root.get("/Names")
    dests = names.get("/Dests") if names is not None else None
    if dests is None:
        return {}
    numbers = _page_numbers(part)
    flat = list(dests.Names)
    found = {}
    for name, target in zip(flat[::2], flat[1::2], strict=True):
        page = joined.pages[offset + numbers[target[0].objgen]].obj
        found[str(name)] = pikepdf.Array([page, *list(target)[1:]])
    return found


def _bookmarks(part: pikepdf.Pdf, offset: int) -> list[_Bookmark]:
    numbers = _page_numbers(part)

    def convert(item: pikepdf.OutlineItem) -> _Bookmark:
        destination = item.destination
        assert isinstance(destination, pikepdf.Array), "WeasyPrint writes explicit destinations"
        _page, _fit, left, top, *_zoom = list(destination)
        children = tuple(convert(child) for child in item.children)
        page = offset + numbers[destination[0].objgen]
        return _Bookmark(item.title, page, float(left), float(top), children)

    with part.open_outline() as outline:
        return [convert(item) for item in outline.root]


def _resolve_links(joined: pikepdf.Pdf) -> None:
    """Each `x-entry:` link becomes a link to its named destination."""
    for page in joined.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(ENTRY_LINK):
                del annotation["/A"]
                annotation.Dest = pikepdf.String(uri.removeprefix(ENTRY_LINK))


def _write_destinations(joined: pikepdf.Pdf, destinations: dict[str, pikepdf.Array]) -> None:
    flat: list[object] = []
    for name in sorted(destinations):
        flat += [pikepdf.String(name), destinations[name]]
    names = joined.Root.get("/Names")
    if names is None:
        joined.Root.Names = names = pikepdf.Dictionary()
    names.Dests = joined.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _write_outline(joined: pikepdf.Pdf, bookmarks: list[_Bookmark]) -> None:
    def item(bookmark: _Bookmark) -> pikepdf.OutlineItem:
        page = joined.pages[bookmark.page].obj
        destination = pikepdf.Array([page, pikepdf.Name.XYZ, bookmark.left, bookmark.top, 0])
        made = pikepdf.OutlineItem(bookmark.title, destination)
        made.children.extend(item(child) for child in bookmark.children)
        return made

    with joined.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(item(b) for b in bookmarks)


def _lay_over(joined: pikepdf.Pdf, furniture: pikepdf.Pdf) -> None:
    """Draw each furniture page over the joined page of the same number and size. Each form
    has a name of its own, `/Furniture<n>`: the pages of a part share one resource dictionary
    (as WeasyPrint writes them), and pikepdf's `add_overlay` would draw random names, where two
    builds must give the same bytes."""
    assert len(furniture.pages) == len(joined.pages), "a page of furniture per page"
    for number, (page, over) in enumerate(zip(joined.pages, furniture.pages, strict=True), 1):
        name = pikepdf.Name(f"/Furniture{number}")
        form = joined.copy_foreign(over.as_form_xobject())
        page.add_resource(form, pikepdf.Name.XObject, name)
        page.contents_add(joined.make_stream(b"q\n"), prepend=True)
        page.contents_add(joined.make_stream(b"Q\nq " + bytes(name) + b" Do Q\n"))


def _saved(pdf: pikepdf.Pdf) -> bytes:
    """The PDF's bytes, the same for the same content (no random /ID, no timestamps)."""
    buffer = io.BytesIO()
    pdf.remove_unreferenced_resources()
    pdf.save(buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()
