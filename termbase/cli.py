"""The command line: `check`, `build` (the default) and `extract`."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from termbase.findings import Finding, GlossaryError, Severity
from termbase.model import Glossary

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GLOSSARY = ROOT / "glossary"
DEFAULT_OUT = ROOT / "output"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops a build as Ctrl-C does
    try:
        parser = _parser()
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            args = parser.parse_args(["build", *(argv if argv is not None else sys.argv[1:])])
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the trilingual AI glossary into Anki decks, PDFs, HTML and exports.",
        epilog="Without a command, builds every format.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = commands.add_parser("check", help="validate the glossary and run terminology QA")
    _add_glossary_option(check)
    _add_format_option(check, "the findings")
    check.set_defaults(run=run_check)

    build = commands.add_parser("build", help="render the outputs (default: all formats)")
    _add_glossary_option(build)
    build.add_argument(
        "--only",
        metavar="FORMAT,...",
        type=_format_list,
        help=f"render only these formats ({', '.join(_format_names())})",
    )
    build.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help="the output folder (default: output/)",
    )
    build.add_argument(
        "--force", action="store_true", help="render every format, even those up to date"
    )
    build.set_defaults(run=run_build)

    extract = commands.add_parser(
        "extract",
        help="find candidate terms in source notes and report their coverage by the glossary",
        description="Find candidate terms in markdown notes (files or folders, any extension) "
        "and report which match a concept, which the ignore list (glossary/ignore.toml) names, "
        "and which are unmatched. Exit status: 0 when none is unmatched, 1 when some are, "
        "2 on an error.",
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a note or a folder")
    _add_glossary_option(extract)
    extract.add_argument(
        "--write",
        action="store_true",
        help="append the unmatched candidates to glossary/review.yaml (never edits a concept)",
    )
    _add_format_option(extract, "the report")
    extract.set_defaults(run=run_extract)
    return parser


def _add_glossary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--glossary",
        type=Path,
        default=DEFAULT_GLOSSARY,
        metavar="DIR",
        help="the glossary folder (default: glossary/)",
    )


def _add_format_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=f"how to print {what} (default: text)",
    )


def _format_names() -> list[str]:
    from termbase.render import RENDERERS

    return list(RENDERERS)


def _format_list(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in _format_names()]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {', '.join(_format_names())}"
        )
    return names


def load_or_report(glossary_dir: Path) -> Glossary | None:
    """The glossary, or None after printing every loader problem to stderr."""
    from termbase.load import load_glossary

    try:
        return load_glossary(glossary_dir)
    except GlossaryError as error:
        _print_findings(error.findings, sys.stderr)
        return None


def _print_findings(findings: Sequence[Finding], stream: object) -> None:
    for finding in findings:
        print(finding, file=stream)  # type: ignore[arg-type]
    errors = sum(f.severity is Severity.ERROR for f in findings)
    print(f"{errors} error(s), {len(findings) - errors} other finding(s)", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    from termbase.checks import check
    from termbase.load import load_glossary

    try:
        findings = list(check(load_glossary(args.glossary)))
    except GlossaryError as error:
        findings = list(error.findings)
    if args.format == "json":
        json.dump([f.as_dict() for f in findings], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_findings(findings, sys.stdout)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def run_build(args: argparse.Namespace) -> int:
    from termbase.build import BuildError, build, stale_formats
    from termbase.incremental import Inputs

    formats = args.only or _format_names()
    inputs = Inputs.read(args.glossary) if args.glossary.is_dir() else None
    if inputs and not stale_formats(inputs, args.out, formats, force=args.force):
        for name in formats:  # nothing changed: the glossary need not even be loaded
            print(f"{name}: up to date")
        return 0
    glossary = load_or_report(args.glossary)
    if glossary is None:
        return 1
    try:
        written = build(glossary, args.glossary, args.out, formats, force=args.force, inputs=inputs)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, report in written.items():
        if report.up_to_date:
            print(f"{name}: up to date")
        else:
            kept = f", {report.kept} unchanged" if report.kept else ""
            print(f"{name}: {report.rendered} file(s){kept}")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from termbase.extract.command import EXIT_ERROR, run

    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return run(args.paths, glossary, args.glossary, write=args.write, output=args.format)
