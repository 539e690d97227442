"""`termbase attest [CORPUS...]`: count the terms in the usage corpus, write the evidence into
the glossary, and print what changed (or, `--show`, a concept's evidence with its lines)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from termbase.attest import CorpusError, attest, corpus_folders, write_evidence
from termbase.attest.cache import Cache
from termbase.attest.report import changes, json_report, shown, summary
from termbase.model import Glossary
from termbase.source_text import display_path
from termbase.terminal import printable

EXIT_ERROR = 2
"""Nothing was counted: no corpus, a corpus not described, an unknown concept to show."""


def run(
    glossary: Glossary,
    glossary_dir: Path,
    corpus: Sequence[Path],
    cache: Path | None,
    *,
    show: Sequence[str] = (),
    output: Literal["text", "json"] = "text",
) -> int:
    """Count, write the evidence files, report; the exit status."""
    unknown = [i for i in show if i not in {c.id for c in glossary.concepts}]
    if unknown:
        return _error(f"--show: no concept {', '.join(repr(i) for i in unknown)}")
    folders = list(corpus) or corpus_folders(glossary, glossary_dir)
    if not folders:
        return _error(
            "no corpus: name its folders in glossary.toml ([corpus] folders = [...]) or on the "
            "command line"
        )
    kept = Cache(cache)
    try:
        attestation = attest(glossary, folders, kept)
    except CorpusError as error:
        where = "" if corpus else " (glossary.toml [corpus] folders)"
        return _error(f"{error}{where}; no evidence was written")
    for problem in kept.problems:
        print(printable(f"warning: {problem}"), file=sys.stderr)
    try:
        written = write_evidence(glossary, glossary_dir, attestation)
    except OSError as error:
        return _error(
            f"cannot write the evidence in {display_path(glossary_dir)}: {error.strerror}"
        )
    if output == "json":
        report = json.dumps(
            json_report(glossary, attestation, written), ensure_ascii=False, indent=2
        )
        print(printable(report, json_escapes=True))
        return 0
    lines = (
        [line for concept_id in show for line in shown(glossary.concept(concept_id), attestation)]
        if show
        else list(changes(glossary, attestation))
    )
    for line in [*lines, *summary(glossary, attestation, written)]:
        print(printable(line))
    return 0


def _error(message: str) -> int:
    print(printable(f"error: {message}"), file=sys.stderr)
    return EXIT_ERROR
