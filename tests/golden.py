"""Golden files: outputs kept in tests/golden/, compared as text with a readable diff.

`make golden` (pytest --update-golden -m golden) writes them anew; review their diff like code.
Outputs whose lines are too long or too few to diff well are kept in a normal form: XML indented
(`pretty_xml`), a CSV file as one field a line (`csv_records`), an HTML page as the fragment a
test looks at (`html_fragment`).
A golden file may carry a revision (the date Anki compares): when the code changes what a
golden file shows, the revision must move forward too, or learners' collections would not take
the change (a change of the fixture's text alone needs no new revision).
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from lxml import etree, html

GOLDEN = Path(__file__).parent / "golden"
REFRESH = "run `make golden` and review the diff of tests/golden/"
LAYOUT = frozenset({"x", "y", "width", "height", "d", "viewbox", "points", "transform"})
"""The attributes of a concept map's SVG that Graphviz computes: left out of HTML fragments, so
that they show what the templates made, not where another Graphviz release put a box."""


def compare(name: str, text: str, *, update: bool, revision: str | None = None) -> None:
    """Fail, with a unified diff, unless tests/golden/<name> holds `text` (and `revision`)."""
    path = GOLDEN / name
    current = (f"revision: {revision}\n" if revision else "") + text
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(current, encoding="utf-8")
        return
    kept = path.read_text(encoding="utf-8") if path.exists() else ""
    if kept == current:
        return
    diff = "".join(
        difflib.unified_diff(
            kept.splitlines(keepends=True),
            current.splitlines(keepends=True),
            f"tests/golden/{name}",
            "now",
            n=2,
        )
    )
    advice = REFRESH
    if revision and kept.startswith(f"revision: {revision}\n"):
        advice = (
            f"if the code changed what learners see, move its revision ({revision}) forward "
            f"(Anki takes only newer notes and note types); then {REFRESH}"
        )
    raise AssertionError(f"{name} differs from its golden file; {advice}\n{diff}")


def pretty_xml(data: bytes) -> str:
    """An XML document indented two spaces an element; its declaration, doctype and the
    processing instructions around its root each on a line."""
    root = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
    etree.indent(root, space="  ")
    info = root.getroottree().docinfo
    lines = [f'<?xml version="{info.xml_version}" encoding="{info.encoding}"?>']
    lines += [info.doctype] if info.doctype else []
    lines += [
        etree.tostring(node, encoding="unicode", with_tail=False)
        for node in [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
    ]
    return "\n".join(lines) + "\n"


def csv_records(data: bytes) -> str:
    """A CSV file as one record after another, a field a line (`column: value`, a line break
    in a value indented), after a line that says how its bytes begin and end lines (a BOM,
    CRLF): a change to one field shows as one changed line."""
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    header, records = rows[0], rows[1:]
    ends = "CRLF" if "\r\n" in text else "LF"
    lines = [f"# UTF-8{' with a BOM' if text.startswith(chr(0xFEFF)) else ''}, {ends} line ends"]
    for record in records:
        lines.append("")
        for name, value in zip(header, record, strict=True):
            lines.append(f"{name}: {value}".rstrip(" ").replace("\n", "\n  "))
    return "\n".join(lines) + "\n"


def html_fragment(data: bytes, xpath: str) -> str:
    """The first element of an HTML page that `xpath` selects, indented; a concept map's
    coordinates left out (`LAYOUT`)."""
    found = html.fromstring(data).xpath(xpath)
    assert found, f"nothing on the page matches {xpath}"
    element = found[0]
    element.tail = None
    for node in element.iter("svg"):
        for child in node.iter():
            for name in LAYOUT & set(child.attrib):
                del child.attrib[name]
    etree.indent(element, space="  ")
    return etree.tostring(element, encoding="unicode", method="html") + "\n"
