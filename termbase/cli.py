"""The command line, `termbase` (and `build.py` in a clone): check, build, extract, qa, new."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import termbase
from termbase import formats as output_formats
from termbase.findings import Finding, GlossaryError, Severity
from termbase.model import Glossary
from termbase.paths import CACHE_DIR, GLOSSARY_DIR, OUTPUT_DIR
from termbase.terminal import printable

EXIT_INTERRUPTED = 130
"""The exit status after Ctrl-C or SIGTERM, as a shell reports a process ended by SIGINT."""


def run(root: Path | None = None, prog: str = "termbase") -> NoReturn:
    """The process's entry (build.py, the `termbase` script): `main`, then exit with its status.

    After an interruption the process ends at once, skipping the interpreter's teardown: after
    WeasyPrint ran, freeing its objects takes a second or two, and an interrupted build must
    stop within one. Nothing is left to do by then: the workers were stopped, the outputs are
    as they were (`termbase.write`)."""
    status = main(root=root, prog=prog)
    if status == EXIT_INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)


def main(
    argv: Sequence[str] | None = None, *, root: Path | None = None, prog: str = "termbase"
) -> int:
    """Run the command line; return the exit status. `root` is the folder whose `glossary/`
    and `output/` are the defaults (the working directory when not given)."""
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops a build as Ctrl-C does
    try:
        parser = _parser(root or Path(), prog)
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            args = parser.parse_args(["build", *(argv if argv is not None else sys.argv[1:])])
        return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parser(root: Path, prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="A trilingual glossary rendered into Anki decks, PDFs, HTML and exports.",
        epilog="Without a command, builds every format.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {termbase.__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, summary: str, description: str | None = None) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, description=description or summary)

    check = command("check", "validate the glossary and run terminology QA")
    _add_glossary_option(check, root)
    _add_format_option(check, "the findings")
    check.set_defaults(run=run_check)

    build = command(
        "build",
        "render the outputs (default: every format)",
        "Render the glossary into every format (or those of --only), after checking it: "
        "a glossary with errors is not built. Only what changed since the last build is "
        "rendered again.",
    )
    _add_glossary_option(build, root)
    build.add_argument(
        "--only",
        metavar="FORMAT,...",
        type=_format_list,
        help="render only these formats: "
        + "; ".join(f"{f.name} ({f.summary})" for f in output_formats.FORMATS)
        + ". Some PDFs only: pdf:EDITION (pdf:en-ru, pdf:en-ru-zh), pdf:cheatsheet, "
        "pdf:reference, pdf:a4, pdf:letter (pdf:en-ru,pdf:a4 is the EN-RU sheet on A4)",
    )
    _add_out_option(build, root)
    build.add_argument(
        "--force",
        action="store_true",
        help="render every format, even those up to date, and even when check finds errors",
    )
    build.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing but errors (no progress, no summary)",
    )
    build.set_defaults(run=run_build)

    serve = command(
        "serve",
        "serve the HTML glossary and rebuild it as you edit",
        "Build, then serve the HTML glossary (output/html/) on 127.0.0.1 only; watch the "
        "glossary and the templates, rebuild the HTML within a couple of seconds of a save and "
        "reload the open pages, then rebuild the other formats. A glossary that cannot be built "
        "is reported in the terminal and on the page, and the last good output is served. "
        "Ctrl-C stops it.",
    )
    _add_glossary_option(serve, root)
    _add_out_option(serve, root)
    serve.add_argument(
        "--port", type=int, default=8000, help="the port (default: 8000; 0 picks a free one)"
    )
    serve.add_argument("--open", action="store_true", help="open the glossary in a browser")
    serve.set_defaults(run=run_serve)

    extract = command(
        "extract",
        "find candidate terms in source notes and report their coverage by the glossary",
        "Find candidate terms in markdown notes (files or folders, any extension) "
        "and report which match a concept, which the ignore list (glossary/ignore.toml) names, "
        "and which are unmatched. Exit status: 0 when none is unmatched, 1 when some are, "
        "2 on an error.",
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a note or a folder")
    _add_glossary_option(extract, root)
    extract.add_argument(
        "--write",
        action="store_true",
        help="append the unmatched candidates to glossary/review.yaml (never edits a concept)",
    )
    _add_format_option(extract, "the report")
    extract.set_defaults(run=run_extract)

    qa = command(
        "qa",
        "check translations (XLIFF, TMX, PO, CSV, TSV) against the glossary",
        "Check bilingual files against the glossary: in each translated segment, every "
        "glossary term of the source must be rendered by one of the concept's preferred or "
        "admitted terms in the target (Russian in any inflected form), never by a deprecated "
        "one. Reads XLIFF 1.2 and 2.x (.xlf, .xliff, .sdlxliff, .mqxliff, .mxliff), TMX, PO, "
        "and two-column CSV and TSV (.csv, .tsv, .tab, .txt). Exit status: 0 when nothing is "
        "found, 1 when something is, 2 when a file could not be checked.",
    )
    qa.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a bilingual file")
    _add_glossary_option(qa, root)
    qa.add_argument(
        "--source",
        metavar="LANG",
        help="the source language (default: the one the file names; en-US, zh-CN are read)",
    )
    qa.add_argument(
        "--target", metavar="LANG", help="the target language (default: the one the file names)"
    )
    qa.add_argument(
        "--ignore",
        type=Path,
        metavar="FILE",
        help="accepted exceptions: lines of `UNIT CONCEPT`, or a .json list as --format json "
        "prints",
    )
    _add_format_option(qa, "the findings")
    qa.set_defaults(run=run_qa)

    attest = command(
        "attest",
        "count the glossary's terms in a usage corpus and write the evidence",
        "Count every term of the glossary in the usage corpus (the folders of glossary.toml's "
        "[corpus], or those given), in prose only (not in code, URLs or markup), Russian in any "
        "inflected form; write each concept's counts and up to three lines to cite into "
        "glossary/evidence/, which the build shows; print the terms whose counts changed. "
        "Exit status: 0 when the evidence was written, 2 on an error.",
    )
    attest.add_argument(
        "corpus",
        nargs="*",
        type=Path,
        metavar="CORPUS",
        help="a corpus folder, or a folder of corpora (default: glossary.toml's [corpus] folders)",
    )
    _add_glossary_option(attest, root)
    attest.add_argument(
        "--show",
        metavar="ID,...",
        type=lambda text: [i.strip() for i in text.split(",") if i.strip()],
        default=[],
        help="print these concepts' evidence, each cited line with its text from the corpus",
    )
    attest.add_argument(
        "--cache",
        type=Path,
        default=root / CACHE_DIR,
        metavar="DIR",
        help=f"where the corpus index is kept between runs (default: {root / CACHE_DIR})",
    )
    attest.add_argument(
        "--candidates",
        action="store_true",
        help="instead, report the renderings translators used where the English has a "
        "concept's term and the glossary lacks (mined from the corpus's translations)",
    )
    attest.add_argument(
        "--write",
        action="store_true",
        help="with --candidates: append them to glossary/review.yaml (never edits a concept)",
    )
    _add_format_option(attest, "the report")
    attest.set_defaults(run=run_attest)

    new = command(
        "new",
        "write the skeleton of a new concept file",
        "Write concepts/ID.yaml with a place for each term, definition and relation, in every "
        "language of the glossary; then fill it in and run check. An existing file is never "
        "overwritten.",
    )
    new.add_argument("id", metavar="ID", help="the concept's id: kebab-case, as its file name")
    new.add_argument("--domain", help="its domain (default: the glossary's first)")
    new.add_argument(
        "--named-model", action="store_true", help="a named model (GPT-4), not a concept"
    )
    _add_glossary_option(new, root)
    new.set_defaults(run=run_new)
    return parser


def _add_glossary_option(parser: argparse.ArgumentParser, root: Path) -> None:
    parser.add_argument(
        "--glossary",
        type=Path,
        default=root / GLOSSARY_DIR,
        metavar="DIR",
        help=f"the glossary folder (default: {root / GLOSSARY_DIR})",
    )


def _add_out_option(parser: argparse.ArgumentParser, root: Path) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=root / OUTPUT_DIR,
        metavar="DIR",
        help=f"the output folder (default: {root / OUTPUT_DIR})",
    )


def _add_format_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help=f"how to print {what} (default: text)",
    )


def _format_list(text: str) -> tuple[list[output_formats.Format], output_formats.Selection]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    try:
        if names:
            return output_formats.selection(names)
        unknown = "(none given)"
    except KeyError as error:
        unknown = ", ".join(repr(n) for n in str(error).strip("'").split(", "))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    raise argparse.ArgumentTypeError(
        f"unknown format {unknown}; choose from {', '.join(output_formats.NAMES)}"
    )


def load_or_report(glossary_dir: Path) -> Glossary | None:
    """The glossary, or None after printing every loader problem to stderr."""
    from termbase.load import load_glossary

    try:
        return load_glossary(glossary_dir)
    except GlossaryError as error:
        _print_findings(error.findings, glossary_dir, sys.stderr)
        return None


def _print_findings(findings: Sequence[Finding], glossary_dir: Path, stream: TextIO) -> None:
    """One line per finding, its places relative to the working directory, then a summary."""
    for finding in findings:
        print(printable(str(finding.placed(glossary_dir))), file=stream)
    print(_summary(findings), file=sys.stderr)


def _summary(findings: Sequence[Finding]) -> str:
    """`1 error(s), 2 warning(s), 3 note(s)`: the findings counted by severity."""
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    return (
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} note(s)"
    )


def run_check(args: argparse.Namespace) -> int:
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
        _print_findings(findings, args.glossary, sys.stdout)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def run_build(args: argparse.Namespace) -> int:
    from termbase.build import Build, BuildError
    from termbase.progress import for_stream

    formats, only = args.only or (list(output_formats.FORMATS), {})
    progress = for_stream(sys.stderr, quiet=args.quiet)
    say = (lambda *_: None) if args.quiet else print
    try:
        build = Build(
            args.glossary, args.out, formats, force=args.force, progress=progress, only=only
        )
        if not build.stale:
            for format_ in formats:  # nothing changed: the glossary need not even be loaded
                say(f"{format_.name}: up to date")
            return 0
        glossary = load_or_report(args.glossary)
        if glossary is None:
            return 1
        result = build.run(glossary)
    except GlossaryError as error:
        _print_findings(error.findings, args.glossary, sys.stderr)
        print(
            "error: check finds errors in the glossary; nothing was built (--force builds anyway)",
            file=sys.stderr,
        )
        return 1
    except BuildError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    if any(f.severity is not Severity.INFO for f in result.findings) and not args.quiet:
        print(f"check: {_summary(result.findings)}; `check` lists them", file=sys.stderr)
    for name, report in result.reports.items():
        where = ", ".join(str(args.out / folder) for folder in report.folders)
        if report.up_to_date:
            say(f"{name}: up to date ({where})")
        else:
            kept = f", {report.kept} kept" if report.kept else ""
            say(f"{name}: {report.rendered} file(s) written{kept} in {where}")
    start = args.out / "html" / "index.html"
    if start.is_file():
        say(f"open {start} first")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from termbase.serve import serve

    try:
        return serve(args.glossary, args.out, port=args.port, open_browser=args.open)
    except OSError as error:  # the port is taken, say
        print(f"error: cannot serve on port {args.port}: {error.strerror}", file=sys.stderr)
        return 1


def run_extract(args: argparse.Namespace) -> int:
    from termbase.extract.command import EXIT_ERROR, run

    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return run(args.paths, glossary, args.glossary, write=args.write, output=args.format)


def run_qa(args: argparse.Namespace) -> int:
    from termbase.qa.command import EXIT_ERROR, run

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
    )


def run_attest(args: argparse.Namespace) -> int:
    from termbase.attest.command import EXIT_ERROR, run

    glossary = load_or_report(args.glossary)
    if glossary is None:
        return EXIT_ERROR
    return run(
        glossary,
        args.glossary,
        args.corpus,
        args.cache,
        show=args.show,
        candidates=args.candidates,
        write=args.write,
        output=args.format,
    )


def run_new(args: argparse.Namespace) -> int:
    from termbase.skeleton import SkeletonError, write_skeleton

    try:
        path = write_skeleton(
            args.glossary, args.id, domain=args.domain, named_model=args.named_model
        )
    except SkeletonError as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return 1
    print(printable(f"{path}: fill in the terms and definitions, then run check"))
    return 0
