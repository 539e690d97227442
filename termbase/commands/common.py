"""What the commands share: the `--glossary`, `--out` and `--format` options, and printing the
findings of a glossary."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from termbase.findings import Finding, GlossaryError, summary
from termbase.model import Glossary
from termbase.paths import GLOSSARY_DIR, OUTPUT_DIR
from termbase.terminal import printable

Commands = argparse._SubParsersAction  # the subparsers of the command line
"""What a command adds its parser to."""


def add_command(
    commands: Commands, name: str, summary: str, description: str | None = None
) -> argparse.ArgumentParser:
    """A command's parser: `summary` in the list of commands, `description` in its help."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description or summary
    )
    parser.set_defaults(parser=parser)  # for a usage error found after parsing
    return parser


def add_glossary_option(parser: argparse.ArgumentParser, root: Path) -> None:
    parser.add_argument(
        "--glossary",
        type=Path,
        default=root / GLOSSARY_DIR,
        metavar="DIR",
        help=f"the glossary folder (default: {root / GLOSSARY_DIR})",
    )


def add_out_option(parser: argparse.ArgumentParser, root: Path) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=root / OUTPUT_DIR,
        metavar="DIR",
        help=f"the output folder (default: {root / OUTPUT_DIR})",
    )


def add_format_option(
    parser: argparse.ArgumentParser, what: str, choices: tuple[str, ...] = ("text", "json")
) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default="text",
        help=f"how to print {what} (default: text)",
    )


def load_or_report(glossary_dir: Path) -> Glossary | None:
    """The glossary, or None after printing every loader problem to stderr."""
    from termbase.load import load_glossary

    try:
        return load_glossary(glossary_dir)
    except GlossaryError as error:
        print_findings(error.findings, glossary_dir, sys.stderr)
        return None


def print_findings(findings: Sequence[Finding], glossary_dir: Path, stream: TextIO) -> None:
    """One line per finding, its places relative to the working directory, then a summary."""
    for finding in findings:
        print(printable(str(finding.placed(glossary_dir))), file=stream)
    print(summary(findings), file=sys.stderr)
