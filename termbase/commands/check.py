"""`termbase check`: validate the glossary and run the terminology checks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from termbase.commands.common import (
    Commands,
    add_command,
    add_format_option,
    add_glossary_option,
    print_findings,
)
from termbase.findings import GlossaryError, Severity
from termbase.terminal import printable

NAME = "check"


def add(commands: Commands, root: Path) -> None:
    parser = add_command(commands, NAME, "validate the glossary and run terminology QA")
    add_glossary_option(parser, root)
    add_format_option(parser, "the findings")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from termbase.checks import check
    from termbase.load import load_glossary

    try:
        findings = list(check(load_glossary(args.glossary)))
    except GlossaryError as error:
        findings = list(error.findings)
    if args.format == "json":
        shown = [f.placed(args.glossary).as_dict() for f in findings]
        print(printable(json.dumps(shown, ensure_ascii=False, indent=2), json_escapes=True))
    else:
        print_findings(findings, args.glossary, sys.stdout)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
