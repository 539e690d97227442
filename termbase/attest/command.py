"""`termbase attest [CORPUS...]`: count the terms in the usage corpus, write the evidence into
the glossary, and print what changed (or, `--show`, a concept's evidence with its lines);
`--candidates`: the renderings mined from the corpus's translations (`--write`: appended to
the review file)."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from termbase.attest import (
    CorpusError,
    UsageCorpus,
    attest,
    corpus_folders,
    read_corpus,
    write_evidence,
)
from termbase.attest.cache import Cache
from termbase.attest.report import changes, json_report, shown, summary
from termbase.model import Glossary
from termbase.source_text import display_path
from termbase.terminal import printable

EXIT_ERROR = 2
"""Nothing was done: no corpus, a corpus not described, an unknown concept to show."""

Output = Literal["text", "json"]


def run(
    glossary: Glossary,
    glossary_dir: Path,
    corpus: Sequence[Path],
    cache: Path | None,
    *,
    show: Sequence[str] = (),
    candidates: bool = False,
    write: bool = False,
    output: Output = "text",
) -> int:
    """Count and write the evidence files (or mine the candidates), report; the exit status."""
    unknown = [i for i in show if i not in {c.id for c in glossary.concepts}]
    if unknown:
        return _error(f"--show: no concept {', '.join(repr(i) for i in unknown)}")
    if write and not candidates:
        return _error("--write appends the mined candidates: give --candidates too")
    folders = list(corpus) or corpus_folders(glossary, glossary_dir)
    if not folders:
        return _error(
            "no corpus: name its folders in glossary.toml ([corpus] folders = [...]) or on the "
            "command line"
        )
    kept = Cache(cache)
    try:
        usage = read_corpus(glossary, folders, kept)
    except CorpusError as error:
        where = "" if corpus else " (glossary.toml [corpus] folders)"
        return _error(f"{error}{where}; nothing was written")
    try:
        if candidates:
            return _candidates(glossary, glossary_dir, usage, write=write, output=output)
        return _evidence(glossary, glossary_dir, usage, kept, show=show, output=output)
    finally:
        for problem in kept.problems:
            print(printable(f"warning: {problem}"), file=sys.stderr)


def _evidence(
    glossary: Glossary,
    glossary_dir: Path,
    usage: UsageCorpus,
    cache: Cache,
    *,
    show: Sequence[str],
    output: Output,
) -> int:
    attestation = attest(glossary, usage, cache)
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


def _candidates(
    glossary: Glossary, glossary_dir: Path, usage: UsageCorpus, *, write: bool, output: Output
) -> int:
    # Here, not at the top: mining needs jieba and pypinyin, which counting does without.
    from termbase.attest.candidates import mine
    from termbase.attest.mined import json_report as mined_json
    from termbase.attest.mined import review_entries
    from termbase.attest.mined import text_report as mined_text
    from termbase.extract.matching import IgnoreListError, load_ignore_list
    from termbase.extract.review import REVIEW_FILE, ReviewFileError, append_entries

    try:
        mined = mine(glossary, usage.corpora, usage.index, load_ignore_list(glossary_dir))
        added = append_entries(glossary_dir, review_entries(mined, usage)) if write else 0
    except (IgnoreListError, ReviewFileError) as error:
        return _error(str(error))
    if output == "json":
        report = json.dumps(mined_json(mined, usage), ensure_ascii=False, indent=2)
        print(printable(report, json_escapes=True))
    else:
        for line in mined_text(mined, usage, glossary.languages[0]):
            print(printable(line))
    if write:
        where = glossary_dir / REVIEW_FILE
        print(
            printable(f"{added} new entr{'y' if added == 1 else 'ies'} in {where}"), file=sys.stderr
        )
    return 0


def _error(message: str) -> int:
    print(printable(f"error: {message}"), file=sys.stderr)
    return EXIT_ERROR
