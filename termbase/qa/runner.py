"""Running `termbase qa FILE...`: read each bilingual file, check it against the glossary,
print or write the findings and the summary, and give the exit status."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from termbase.languages import glossary_language, script_of
from termbase.model import Glossary
from termbase.qa import Checker, Fault, QaFinding
from termbase.qa import report as reports
from termbase.qa.bilingual import Bilingual, BilingualFileError, Segment, read
from termbase.qa.ignore import Exceptions, IgnoreFileError, load, read_list_file
from termbase.qa.report import Checked
from termbase.terminal import printable

EXIT_FINDINGS = 1
"""Some segment renders a glossary concept wrongly."""
EXIT_ERROR = 2
"""A file could not be read or its languages are not the glossary's: it was not checked."""


class LanguageError(BilingualFileError):
    """A file's language pair is not one the glossary can check: `file: error: why`."""


class OptionError(Exception):
    """An option names a language the glossary does not have."""


@dataclass
class Tally:
    """What was checked, for the closing summary."""

    files: int = 0
    segments: int = 0
    untranslated: int = 0
    ignored: int = 0
    kinds: Counter[str] = field(default_factory=Counter)


def run(
    paths: list[Path],
    glossary: Glossary,
    *,
    source: str | None = None,
    target: str | None = None,
    ignore: Path | None = None,
    output: Literal["text", "json", "html", "xlsx"] = "text",
    report: Path | None = None,
    non_translatables: Path | None = None,
    lang: str = "en",
) -> int:
    """Check each file; print its findings (or why it could not be checked), or write them as
    a report to `report` (HTML also to standard output); the exit status."""
    try:
        exceptions = load(ignore, {c.id for c in glossary.concepts}) if ignore else Exceptions([])
        pair = (_named(source, glossary, "--source"), _named(target, glossary, "--target"))
        names = (*glossary.non_translatables, *_names(non_translatables))
        if output == "xlsx" and report is None:
            raise OptionError("--format xlsx writes a workbook: give --output FILE")
    except (IgnoreFileError, OptionError) as error:
        print(printable(f"error: {error}"), file=sys.stderr)
        return EXIT_ERROR
    checkers: dict[tuple[str, str], Checker] = {}
    findings: list[Checked] = []
    tally = Tally()
    status = 0
    for path in paths:
        try:
            bilingual = read(path, glossary.languages, target=pair[1])
            languages = _pair(bilingual, glossary, *pair)
        except BilingualFileError as error:
            print(printable(str(error)), file=sys.stderr)
            status = EXIT_ERROR
            continue
        if languages not in checkers:
            checkers[languages] = Checker(glossary, *languages, names=names)
        found = _check(checkers[languages], bilingual, exceptions, tally)
        if output == "text":
            for finding, _ in found:
                print(printable(str(finding)))
        findings += [Checked(f, s, *languages) for f, s in found]
    if output == "json":
        text = json.dumps([c.finding.as_dict() for c in findings], ensure_ascii=False, indent=2)
        print(printable(text, json_escapes=True))
    elif output in ("html", "xlsx"):
        files = [str(p) for p in paths]
        data = (
            reports.html(findings, glossary, files, lang).encode()
            if output == "html"
            else reports.xlsx(findings, lang)
        )
        if report is None:
            sys.stdout.write(data.decode())
        elif not _write(report, data):
            status = EXIT_ERROR
    if tally.files:
        print(_summary(tally, len(findings)), file=sys.stderr)
    return status or (EXIT_FINDINGS if findings else 0)


def _write(path: Path, data: bytes) -> bool:
    """The report written whole (a temporary file renamed), or an error line."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        print(
            printable(f"{path}: error: cannot write the report: {error.strerror}"), file=sys.stderr
        )
        return False
    return True


def _names(path: Path | None) -> list[str]:
    """The non-translatables in a file, one a line (`#` starts a comment)."""
    if path is None:
        return []
    lines = (line.split("#", 1)[0].strip() for line in read_list_file(path).splitlines())
    return [line for line in lines if line]


def _check(
    checker: Checker, bilingual: Bilingual, exceptions: Exceptions, tally: Tally
) -> list[tuple[QaFinding, Segment]]:
    tally.files += 1
    found = []
    for segment in bilingual.segments:
        if not segment.target.strip():
            tally.untranslated += 1
            continue
        tally.segments += 1
        for finding in checker.check(bilingual.path, segment):
            if exceptions.accepts(finding):
                tally.ignored += 1
            else:
                tally.kinds[finding.kind] += 1
                found.append((finding, segment))
    return found


def _named(tag: str | None, glossary: Glossary, option: str) -> str | None:
    """The glossary language an option names (None when not given)."""
    if tag is None:
        return None
    lang = glossary_language(tag, glossary.languages)
    if lang is None:
        raise OptionError(f"{option} {tag}: {_not_ours(glossary)}")
    return lang


def _pair(
    bilingual: Bilingual, glossary: Glossary, source: str | None, target: str | None
) -> tuple[str, str]:
    """The file's language pair as glossary languages: the options', else the file's own (a PO
    file names no source language: the glossary's first, as gettext's msgids are English)."""
    shown = bilingual.path
    if target is None and bilingual.other_targets:
        every = ", ".join([str(bilingual.target_lang), *bilingual.other_targets])
        raise LanguageError(shown, f"several target languages ({every}); choose one with --target")
    found = []
    for option, given, written, role in (
        ("--source", source, bilingual.source_lang, "source"),
        ("--target", target, bilingual.target_lang, "target"),
    ):
        if role == "source" and written is None and not bilingual.names_source:
            written = glossary.languages[0]
        if given is None:
            if written is None:
                raise LanguageError(shown, f"the file names no {role} language; give {option}")
            given = glossary_language(written, glossary.languages)
            if given is None:
                raise LanguageError(
                    shown, f"{role} language {written}: {_why_not(written, glossary)}"
                )
        found.append(given)
    if found[0] == found[1]:
        raise LanguageError(shown, f"source and target are both {found[0]}; nothing to check")
    return found[0], found[1]


def _why_not(tag: str, glossary: Glossary) -> str:
    """Why a file's language cannot be checked: Traditional Chinese against a glossary whose
    Chinese is Simplified gets the reason and the way out, any other the glossary's languages."""
    simplified = [lang for lang in glossary.languages if script_of(lang) == "Hans"]
    if script_of(tag) == "Hant" and simplified:
        return (
            f"Traditional Chinese, but the glossary's Chinese is Simplified ({simplified[0]}): "
            "its terms would match almost nothing; convert the file to Simplified Chinese, "
            f"then check it (with --target {simplified[0]} if it still names {tag})"
        )
    return _not_ours(glossary)


def _not_ours(glossary: Glossary) -> str:
    return f"not a language of the glossary ({', '.join(glossary.languages)})"


def _summary(tally: Tally, count: int) -> str:
    kinds = ", ".join(f"{tally.kinds[k]} {k}" for k in Fault if tally.kinds[k])
    parts = [f"{count} finding(s)" + (f" ({kinds})" if kinds else "")]
    parts.append(f"{tally.segments} segment(s) checked in {tally.files} file(s)")
    if tally.untranslated:
        parts.append(f"{tally.untranslated} not translated yet")
    if tally.ignored:
        parts.append(f"{tally.ignored} accepted by --ignore")
    return "; ".join(parts)
