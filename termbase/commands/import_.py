"""`termbase import FILE`: a glossary from another tool's termbase (TBX, CSV, XLSX)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.commands.common import Commands, add_command, add_glossary_option
from termbase.terminal import printable

NAME = "import"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(
        commands,
        NAME,
        "make a glossary from a TBX, CSV or XLSX termbase",
        "Write a glossary (glossary.toml and one YAML file per concept) from a termbase: TBX v3 "
        "or v2 (martif), or a CSV or XLSX export, this tool's own or a CAT tool's (columns named "
        "by language: en, de-DE, German, en_Definition, English_Info...). Then say what could "
        "not be mapped. The folder must hold no glossary yet.",
    )
    parser.add_argument("file", metavar="FILE", type=Path, help="the termbase to import")
    add_glossary_option(parser, root)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.importer import UnreadableTermbaseError, import_file

    try:
        imported = import_file(args.file, args.glossary)
    except UnreadableTermbaseError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    concepts = sum(path.suffix == ".yaml" for path in imported.written)
    print(printable(f"wrote {args.glossary}: glossary.toml and {concepts} concept file(s)"))
    if imported.report:
        print("not mapped, or decided for you:")
        for line in imported.report:
            print(printable(f"  {line}"))
    print(printable(f"next: termbase check --glossary {args.glossary}"))
    return 0
