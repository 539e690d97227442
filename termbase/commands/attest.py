"""`termbase attest [CORPUS...]`: count the glossary's terms in a usage corpus and write the
evidence (or, `--candidates`, mine the corpus's translations for renderings)."""

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

NAME = "attest"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "count the glossary's terms in a usage corpus and write the evidence",
        "Count every term of the glossary in the usage corpus (the folders of glossary.toml's "
        "[corpus], or those given), in prose only (not in code, URLs or markup), Russian in any "
        "inflected form; write each concept's counts and up to three lines to cite into "
        "glossary/evidence/, which the build shows; print the terms whose counts changed. "
        "Exit status: 0 when it is done, 2 on an error.",
    )
    parser.add_argument(
        "corpus",
        nargs="*",
        type=Path,
        metavar="CORPUS",
        help="a corpus folder, or a folder of corpora (default: glossary.toml's [corpus] folders)",
    )
    add_glossary_option(parser, root)
    parser.add_argument(
        "--show",
        metavar="ID,...",
        type=lambda text: [i.strip() for i in text.split(",") if i.strip()],
        default=[],
        help="print these concepts' evidence, each cited line with its text from the corpus",
    )
    parser.add_argument(
        "--candidates",
        action="store_true",
        help="instead, report the renderings translators used where the English has a "
        "concept's term and the glossary lacks (mined from the corpus's translations)",
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help="with --candidates: append them to glossary/review.yaml (never edits a concept)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="where the corpus index is kept between runs (default: the user's cache folder, "
        "~/.cache/termbase/attest/, or $TERMBASE_CACHE/attest/)",
    )
    add_format_option(parser, "the report")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.attest.command import EXIT_ERROR, run
    from termbase.paths import cache_dir

    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return run(
        glossary,
        args.glossary,
        args.corpus,
        args.cache or cache_dir("attest"),
        show=args.show,
        candidates=args.candidates,
        write=args.write,
        output=args.format,
    )
