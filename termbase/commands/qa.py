"""`termbase qa FILE...`: check translations against the glossary."""

from __future__ import annotations

import argparse
from pathlib import Path

from termbase.commands.common import (
    Commands,
    add_command,
    add_format_option,
    add_glossary_option,
    load_or_report,
)

NAME = "qa"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "check translations (XLIFF, TMX, PO, CSV, TSV) against the glossary",
        "Check bilingual files against the glossary: in each translated segment, every "
        "glossary term of the source must be rendered by one of the concept's preferred or "
        "admitted terms in the target (Russian in any inflected form), never by a deprecated "
        "one. Reads XLIFF 1.2 and 2.x (.xlf, .xliff, .sdlxliff, .mqxliff, .mxliff), TMX, PO, "
        "and two-column CSV and TSV (.csv, .tsv, .tab, .txt). Exit status: 0 when nothing is "
        "found, 1 when something is, 2 when a file could not be checked.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a bilingual file")
    add_glossary_option(parser, root)
    parser.add_argument(
        "--source",
        metavar="LANG",
        help="the source language (default: the one the file names; en-US, zh-CN are read)",
    )
    parser.add_argument(
        "--target", metavar="LANG", help="the target language (default: the one the file names)"
    )
    parser.add_argument(
        "--ignore",
        type=Path,
        metavar="FILE",
        help="accepted exceptions: lines of `UNIT CONCEPT`, or a .json list as --format json "
        "prints",
    )
    parser.add_argument(
        "--non-translatables",
        type=Path,
        metavar="FILE",
        help="names that stay as they are (one a line), besides glossary.toml's; never checked",
    )
    add_format_option(parser, "the findings", ("text", "json", "html", "xlsx"))
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the html or xlsx report to FILE (html: else to standard output)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ru", "zh-Hans"),
        default="en",
        help="the language of the html and xlsx reports (default: en)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.qa.runner import EXIT_ERROR, run

    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return run(
        args.files,
        glossary,
        source=args.source,
        target=args.target,
        ignore=args.ignore,
        output=args.format,
        report=args.output,
        non_translatables=args.non_translatables,
        lang=args.lang,
    )
