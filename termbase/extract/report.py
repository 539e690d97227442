"""The coverage report of an extraction: readable text, or JSON for machines."""

from __future__ import annotations

from collections.abc import Iterator

from termbase.extract import Extraction, SourceReport
from termbase.extract.matching import Coverage, Verdict

_ORDER = (Coverage.UNMATCHED, Coverage.MATCHED, Coverage.IGNORED)
"""Unmatched first: they are what the reader has to act on."""


def text_report(extraction: Extraction) -> Iterator[str]:
    """The report, line by line: per source a summary, then its candidates by status."""
    for source in extraction.sources:
        yield f"{source.shown}: {_summary(source)}"
        for status in _ORDER:
            verdicts = source.with_status(status)
            if verdicts:
                yield f"  {status}:"
                yield from (f"    {_verdict(v)}" for v in verdicts)
    for path in extraction.skipped:
        yield f"{path}: skipped (not UTF-8 text)"
    total = sum(len(source.verdicts) for source in extraction.sources)
    counts = ", ".join(f"{extraction.count(status)} {status}" for status in _ORDER)
    yield f"{total} candidate(s) in {len(extraction.sources)} source(s): {counts}"


def _summary(source: SourceReport) -> str:
    return ", ".join(f"{len(source.with_status(status))} {status}" for status in _ORDER)


def _verdict(verdict: Verdict) -> str:
    candidate = verdict.candidate
    text = f"{candidate.line:>4}  {candidate.lang}  {candidate.text}"
    if verdict.form != candidate.text:
        text += f" (as “{verdict.form}”)"
    elif verdict.status is Coverage.UNMATCHED and candidate.variants:
        text += f" (also tried {', '.join(f'“{v}”' for v in candidate.variants)})"
    if verdict.status is Coverage.MATCHED:
        text += f" → {', '.join(verdict.concepts)}"
    text += f"  [{candidate.rule}]"
    if verdict.status is Coverage.IGNORED:
        text += f": {verdict.reason}"
    return text


def json_report(extraction: Extraction) -> dict[str, object]:
    """The report as JSON-ready data."""
    return {
        "sources": [
            {
                "path": source.shown,
                "file": source.file,
                "candidates": [_verdict_json(v) for v in source.verdicts],
            }
            for source in extraction.sources
        ],
        "skipped": list(extraction.skipped),
        "summary": {str(status): extraction.count(status) for status in _ORDER},
    }


def _verdict_json(verdict: Verdict) -> dict[str, object]:
    candidate = verdict.candidate
    return {
        "line": candidate.line,
        "text": candidate.text,
        "lang": candidate.lang,
        "rule": candidate.rule,
        "status": str(verdict.status),
        "matched_as": verdict.form if verdict.status is not Coverage.UNMATCHED else None,
        "concepts": list(verdict.concepts),
        "reason": verdict.reason,
        "variants": list(candidate.variants),
    }
