"""`build.py extract PATH...`: run an extraction, print its report, optionally write the review."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Literal

from termbase.extract import ExtractError, extract
from termbase.extract.matching import Coverage, IgnoreListError, Matcher, load_ignore_list
from termbase.extract.report import json_report, text_report
from termbase.extract.review import REVIEW_FILE, ReviewFileError, append_review
from termbase.model import Glossary
from termbase.terminal import printable

EXIT_UNMATCHED = 1
"""Candidates remain that are neither matched nor ignored."""
EXIT_ERROR = 2
"""Nothing could be reported: a missing source, a broken glossary, ignore list or review file."""


def run(
    paths: list[Path],
    glossary: Glossary,
    glossary_dir: Path,
    *,
    write: bool = False,
    output: Literal["text", "json"] = "text",
) -> int:
    """Report on `paths`; with `write`, append the unmatched candidates to the review file."""
    try:
        matcher = Matcher(glossary, load_ignore_list(glossary_dir))
        extraction = extract(paths, matcher)
        added = append_review(glossary_dir, extraction) if write else 0
    except (ExtractError, IgnoreListError, ReviewFileError) as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return EXIT_ERROR
    for warning in extraction.warnings:
        print(printable(f"warning: {warning}"), file=sys.stderr)
    for entry, concepts in matcher.shadowed():
        print(
            printable(
                f"warning: ignore entry '{entry.text}' is a term of {', '.join(concepts)}; "
                "the concept wins (remove the entry)"
            ),
            file=sys.stderr,
        )
    if output == "json":
        report = json.dumps(json_report(extraction), ensure_ascii=False, indent=2)
        print(printable(report, json_escapes=True))
    else:
        for line in text_report(extraction):
            print(printable(line))
    if write:
        where = glossary_dir / REVIEW_FILE
        print(
            printable(f"{added} new entr{'y' if added == 1 else 'ies'} in {where}"), file=sys.stderr
        )
    return EXIT_UNMATCHED if extraction.count(Coverage.UNMATCHED) else 0
