"""The mini glossary's translator exports and parts of its HTML pages, against their golden
files in tests/golden/: a change to an output shows as a diff of the lines it changed.

After an intended change, `make golden` writes the files anew; review their diff like code.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import PurePosixPath

import pytest

from golden import GOLDEN, compare, csv_records, html_fragment, pretty_xml
from helpers import outputs_of
from termbase.checks import check
from termbase.model import Glossary
from termbase.render.contract import BuildContext

pytestmark = pytest.mark.golden

BUILD_DATE = datetime(2026, 1, 1, tzinfo=UTC)
NORMAL_FORMS: dict[str, tuple[str, Callable[[bytes], str]]] = {
    ".json": ("", bytes.decode),
    ".txt": ("", bytes.decode),
    ".tbx": ("", pretty_xml),
    ".csv": (".txt", csv_records),
}
"""How each kind of file is kept: the golden file's added suffix, and the text it holds."""
EXPORTS = ("json", "tbx", "tsv", "csv")
FRAGMENTS = {
    "html/en/index.llm.html": ("html/en/index.html", "//article[@id='llm']"),
    "html/en/alignment.llm.html": ("html/en/alignment.html", "//tr[@id='llm']"),
    "html/en/terms.first-letter.html": ("html/en/terms.html", "//section[@class='letter']"),
    "html/zh-Hans/terms.first-letter.html": (
        "html/zh-Hans/terms.html",
        "//section[@class='letter']",
    ),
}
"""Golden files of HTML: one concept's entry, its row of the alignment view, and the first
letter of the index of terms (whose order is each language's), cut from their pages."""


@pytest.fixture(scope="module")
def outputs(mini: Glossary) -> dict[str, dict[PurePosixPath, bytes]]:
    """Every output of the exports and the HTML, as a build makes them, by format."""
    context = BuildContext(mini, BUILD_DATE, findings=tuple(check(mini)))
    return {
        name: {o.path: o.data for o in outputs_of(name, context)} for name in (*EXPORTS, "html")
    }


def golden_name(format_name: str, path: PurePosixPath) -> str:
    return f"{format_name}/{path.name}{NORMAL_FORMS[path.suffix][0]}"


@pytest.mark.parametrize("format_name", EXPORTS)
def test_exports_match_their_golden_files(
    outputs: dict[str, dict[PurePosixPath, bytes]], format_name: str, update_golden: bool
) -> None:
    made = outputs[format_name]
    names = {golden_name(format_name, path) for path in made}
    stale = sorted(
        name
        for path in (GOLDEN / format_name).glob("*")
        if (name := f"{format_name}/{path.name}") not in names
    )
    for name in stale if update_golden else ():
        (GOLDEN / name).unlink()
    assert update_golden or not stale, f"no output is kept in {stale}: `make golden` removes them"
    differing = []
    for path, data in sorted(made.items()):
        try:
            compare(
                golden_name(format_name, path),
                NORMAL_FORMS[path.suffix][1](data),
                update=update_golden,
            )
        except AssertionError as difference:
            differing.append(str(difference))
    assert not differing, "\n\n".join(differing)


@pytest.mark.parametrize("name", FRAGMENTS)
def test_html_fragments_match_their_golden_files(
    outputs: dict[str, dict[PurePosixPath, bytes]], name: str, update_golden: bool
) -> None:
    page, xpath = FRAGMENTS[name]
    compare(name, html_fragment(outputs["html"][PurePosixPath(page)], xpath), update=update_golden)
