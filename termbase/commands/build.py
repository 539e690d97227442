"""`termbase build` (the default command): render the outputs of what changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.commands.common import (
    Commands,
    add_command,
    add_glossary_option,
    add_out_option,
    print_findings,
)
from termbase.findings import GlossaryError
from termbase.formats import FORMATS, Format, Selection, SelectionError, check_selection, selection
from termbase.terminal import printable

NAME = "build"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "render the outputs (default: every format)",
        "Render the glossary into every format (or those of --only), after checking it: "
        "a glossary with errors is not built. Only what changed since the last build is "
        "rendered again.",
    )
    add_glossary_option(parser, root)
    parser.add_argument(
        "--only",
        metavar="FORMAT,...",
        type=_formats,
        help="render only these formats: "
        + "; ".join(f"{f.name} ({f.summary})" for f in FORMATS)
        + ". Some PDFs only: pdf:EDITION (pdf:en-ru, pdf:en-ru-zh), pdf:cheatsheet, "
        "pdf:reference, pdf:a4, pdf:letter (pdf:en-ru,pdf:a4 is the EN-RU sheet on A4)",
    )
    add_out_option(parser, root)
    parser.add_argument(
        "--force",
        action="store_true",
        help="render every format, even those up to date, and even when check finds errors",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing but errors (no progress, no summary)",
    )
    parser.set_defaults(run=run)


def _formats(text: str) -> tuple[list[Format], Selection]:
    items = [item.strip() for item in text.split(",") if item.strip()]
    if not items:
        raise argparse.ArgumentTypeError(
            f"no format given; choose from {', '.join(f.name for f in FORMATS)}"
        )
    try:
        return selection(items)
    except SelectionError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    from termbase.build import Build, BuildError
    from termbase.progress import for_stream

    formats, only = args.only or (list(FORMATS), {})
    _check_selection(args, only)
    progress = for_stream(sys.stderr, quiet=args.quiet)
    say = (lambda *_: None) if args.quiet else print
    try:
        build = Build(
            args.glossary, args.out, formats, force=args.force, progress=progress, only=only
        )
        result = build.run()
    except BuildError as error:
        if error.findings:
            print_findings(error.findings, args.glossary, sys.stderr)
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    for name, report in result.reports.items():
        where = ", ".join(str(args.out / folder) for folder in report.folders)
        if report.up_to_date:
            say(f"{name}: up to date ({where})" if where else f"{name}: up to date")
        else:
            kept = f", {report.kept} kept" if report.kept else ""
            say(f"{name}: {report.rendered} file(s) written{kept} in {where}")
    for format_ in formats:
        if format_.opens and (args.out / format_.opens).is_file():
            say(f"open {args.out / format_.opens} first")
    return 0


def _check_selection(args: argparse.Namespace, only: Selection) -> None:
    """A finer choice (`pdf:en-de`) the glossary has not is a usage error, found before the
    glossary is loaded: from its header alone. A header that cannot be read is left for the
    build to report, with every other problem."""
    if not only:
        return
    from termbase.load import load_header

    try:
        check_selection(only, load_header(args.glossary))
    except GlossaryError:
        return
    except SelectionError as error:
        args.parser.error(f"argument --only: {error}")
