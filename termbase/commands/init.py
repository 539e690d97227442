"""`termbase init [DIR] --languages en,de,ja`: start a new glossary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.commands.common import Commands, add_command
from termbase.paths import GLOSSARY_DIR, OUTPUT_DIR
from termbase.terminal import printable

NAME = "init"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "start a new glossary",
        "Write a glossary that checks and builds at once: DIR/glossary/glossary.toml (title, "
        "description and one domain in every language), one example concept and a .gitignore "
        "for the outputs. Nothing existing is overwritten.",
    )
    parser.add_argument(
        "folder",
        metavar="DIR",
        nargs="?",
        type=Path,
        default=root,
        help=f"the project folder, made if need be (default: {root})",
    )
    parser.add_argument(
        "--languages",
        required=True,
        type=_tags,
        metavar="TAG,...",
        help="the glossary's languages in display order, as BCP 47 tags: en,de,ja",
    )
    parser.add_argument("--title", help="the glossary's title (default: 'Glossary', translated)")
    parser.set_defaults(run=run)


def _tags(text: str) -> list[str]:
    return [tag.strip() for tag in text.split(",") if tag.strip()]


def run(args: argparse.Namespace) -> int:
    from termbase.scaffold import InitError, start

    try:
        started = start(args.folder, args.languages, args.title)
    except InitError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    for path in started.written:
        print(printable(f"wrote {path}"))
    for path in started.kept:
        print(
            printable(
                f"kept {path} as it was: add {OUTPUT_DIR}/ to it to keep the outputs out of git"
            )
        )
    here = [] if args.folder == Path() else [f"  cd {args.folder}"]
    steps = [
        "Next:",
        *here,
        f"  edit {GLOSSARY_DIR}/glossary.toml         # the title and description in each language",
        "  termbase new my-first-concept     # a concept file to fill in",
        "  termbase check                    # what is missing or wrong, with file and line",
        f"  termbase build                    # decks, PDFs, the site and exports in {OUTPUT_DIR}/",
        "  termbase serve --open             # the site, rebuilt as you edit",
    ]
    for step in steps:
        print(printable(step))
    return 0
