"""`termbase new ID`: write the skeleton of a new concept file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.commands.common import Commands, add_command, add_glossary_option
from termbase.terminal import printable

NAME = "new"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "write the skeleton of a new concept file",
        "Write concepts/ID.yaml with a place for each term, definition and relation, in every "
        "language of the glossary; then fill it in and run check. An existing file is never "
        "overwritten.",
    )
    parser.add_argument("id", metavar="ID", help="the concept's id: kebab-case, as its file name")
    parser.add_argument("--domain", help="its domain (default: the glossary's first)")
    parser.add_argument(
        "--instance",
        "--named-model",
        action="store_true",
        help="an instance of a concept (a named model, a product, a place), not a concept",
    )
    add_glossary_option(parser, root)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.skeleton import SkeletonError, write_skeleton

    try:
        path = write_skeleton(args.glossary, args.id, domain=args.domain, instance=args.instance)
    except SkeletonError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    print(printable(f"{path}: fill in the terms and definitions, then run check"))
    return 0
