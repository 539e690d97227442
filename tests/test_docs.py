"""The documentation: the README stays a front door, and every relative link in it and in
docs/ leads to a file (and a heading) that exists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from helpers import ROOT

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
README_LINES = 150
"""The front door's size: what the project is, how to start, where the rooms are."""

_FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_INLINE_LINK = re.compile(r"\]\(\s*<?([^()\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def prose(page: Path) -> str:
    """The page without its code blocks and code spans, where a `[x](y)` is not a link."""
    return _CODE_SPAN.sub("", _FENCE.sub("", page.read_text(encoding="utf-8")))


def relative_links(page: Path) -> list[str]:
    """The targets of the page's links and images that are not web addresses."""
    text = prose(page)
    targets = _INLINE_LINK.findall(text) + _REFERENCE_LINK.findall(text)
    return [t for t in targets if not _SCHEME.match(t)]


def anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to `-`."""
    text = re.sub(r"`|\*\*|__", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The anchors of the page's headings (a repeated heading's second anchor ends in `-1`)."""
    found: set[str] = set()
    for heading in _HEADING.findall(_FENCE.sub("", page.read_text(encoding="utf-8"))):
        name, number = anchor(heading), 0
        while (name if not number else f"{name}-{number}") in found:
            number += 1
        found.add(name if not number else f"{name}-{number}")
    return found


def broken_links(page: Path) -> list[str]:
    """Each relative link of `page` whose file or heading does not exist, with the reason."""
    broken = []
    for target in relative_links(page):
        path, _, fragment = unquote(target).partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and linked.suffix == ".md" and fragment not in anchors(linked):
            broken.append(f"{target}: no heading #{fragment} in {linked.name}")
    return broken


def test_the_readme_is_a_front_door_of_at_most_150_lines() -> None:
    lines = len(README.read_text(encoding="utf-8").splitlines())
    assert lines <= README_LINES, f"README.md has {lines} lines: move the detail to docs/"


@pytest.mark.parametrize("document", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(document: Path) -> None:
    assert broken_links(document) == []


def test_the_link_check_sees_a_broken_file_a_broken_heading_and_skips_code(
    tmp_path: Path,
) -> None:
    (tmp_path / "there.md").write_text("# Using the outputs\n\n## PDFs: `[pdf]` settings\n")
    page = tmp_path / "page.md"
    page.write_text(
        "See [it](there.md#pdfs-pdf-settings), [top](there.md#using-the-outputs),\n"
        "[gone](missing.md), [wrong](there.md#nowhere), [web](https://example.org/x.md),\n"
        "`[code](nowhere.md)` and\n\n```\n[fenced](nowhere.md)\n```\n\n[ref]: also-missing.png\n"
    )
    assert broken_links(page) == [
        "missing.md: no such file",
        "there.md#nowhere: no heading #nowhere in there.md",
        "also-missing.png: no such file",
    ]
