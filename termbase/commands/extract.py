"""`termbase extract PATH...`: find candidate terms in source notes, print how the glossary
covers them, optionally append the unmatched ones to the review file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Literal

from termbase.commands.common import (
    Commands,
    add_command,
    add_format_option,
    add_glossary_option,
    load_or_report,
)
from termbase.model import Glossary
from termbase.terminal import printable

EXIT_UNMATCHED = 1
"""Candidates remain that are neither matched nor ignored."""
EXIT_ERROR = 2
"""Nothing could be reported: a missing source, a broken glossary, ignore list or review file."""

NAME = "extract"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "find candidate terms in source notes and report their coverage by the glossary",
        "Find candidate terms in markdown notes (files or folders, any extension) "
        "and report which match a concept, which the ignore list (glossary/ignore.toml) names, "
        "and which are unmatched. Exit status: 0 when none is unmatched, 1 when some are, "
        "2 on an error.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a note or a folder")
    add_glossary_option(parser, root)
    parser.add_argument(
        "--write",
        action="store_true",
        help="append the unmatched candidates to glossary/review.yaml (never edits a concept)",
    )
    add_format_option(parser, "the report")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return report(args.paths, glossary, args.glossary, write=args.write, output=args.format)


def report(
    paths: list[Path],
    glossary: Glossary,
    glossary_dir: Path,
    *,
    write: bool = False,
    output: Literal["text", "json"] = "text",
) -> int:
    """Report on `paths`; with `write`, append the unmatched candidates to the review file."""
    from termbase.extract import ExtractError, extract
    from termbase.extract.matching import Coverage, IgnoreListError, Matcher, load_ignore_list
    from termbase.extract.report import json_report, text_report
    from termbase.extract.review import REVIEW_FILE, ReviewFileError, append_review

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
