"""The report of `attest --candidates`, read as `extract`'s is: per concept and language, how
often translators used the glossary's own terms where the English has the concept's, then
the renderings the glossary lacks, each with its counts and the lines where translators wrote
it (with the English line they translated, and both lines' text where the corpus is); and
the entries `--write` appends to the review file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from termbase.attest import UsageCorpus, excerpt
from termbase.attest.candidates import Candidate, Mined, Quote

ENGLISH = "the English term, kept"


def text_report(mined: Sequence[Mined], corpus: UsageCorpus, source: str) -> Iterator[str]:
    """The report, line by line: the concepts with candidates, then a summary; `source` is
    the language the translations were made from."""
    for entry in mined:
        if not entry.candidates:
            continue
        yield f"{entry.concept.id} ({entry.concept.location.path})"
        known = ", ".join(f"'{k.term.text}' {k.pairs}" for k in entry.known) or "none"
        yield (
            f"  {entry.lang}: {entry.pairs} aligned paragraphs translate the English term; the "
            f"glossary's terms are in {known}"
        )
        english = [t.text for t in entry.concept.terms_in(source)]
        for candidate in entry.candidates:
            yield f"    {_summary(candidate, entry.pairs)}"
            for quote in candidate.quotes:
                yield from _quote(quote, candidate.text, english, corpus)
    found = sum(len(entry.candidates) for entry in mined)
    concepts = len({entry.concept.id for entry in mined if entry.candidates})
    yield (
        f"{found} candidate(s) for {concepts} concept(s); {len(mined)} concept and language "
        "pair(s) have aligned paragraphs"
    )


def _summary(candidate: Candidate, pairs: int) -> str:
    english = f"; {ENGLISH}" if candidate.english else ""
    return (
        f"'{candidate.text}': {candidate.pairs} of the {pairs} paragraphs, {candidate.everywhere} "
        f"in all (Dice {candidate.dice:.2f}){english}"
    )


def _quote(quote: Quote, written: str, english: list[str], corpus: UsageCorpus) -> Iterator[str]:
    target, source = corpus.citation(quote.target), corpus.citation(quote.source)
    translated = corpus.line(source)
    term = next((t for t in english if t.casefold() in translated.casefold()), english[0])
    yield f"      {target}"
    yield f"        | {excerpt(corpus.line(target), written)}"
    yield f"        translates {source}"
    yield f"        | {excerpt(translated, term)}"


def json_report(mined: Sequence[Mined], corpus: UsageCorpus) -> list[dict[str, object]]:
    return [
        {
            "concept": entry.concept.id,
            "lang": entry.lang,
            "pairs": entry.pairs,
            "glossary": [
                {"text": k.term.text, "status": str(k.term.status), "pairs": k.pairs}
                for k in entry.known
            ],
            "candidates": [
                {
                    "text": c.text,
                    "key": c.key,
                    "pairs": c.pairs,
                    "everywhere": c.everywhere,
                    "dice": round(c.dice, 4),
                    "english": c.english,
                    "quotes": [_quote_json(q, corpus) for q in c.quotes],
                }
                for c in entry.candidates
            ],
        }
        for entry in mined
    ]


def _quote_json(quote: Quote, corpus: UsageCorpus) -> dict[str, str]:
    target, source = corpus.citation(quote.target), corpus.citation(quote.source)
    return {
        "citation": str(target),
        "line": corpus.line(target),
        "translates": str(source),
        "translated_line": corpus.line(source),
    }


def review_entries(mined: Sequence[Mined], corpus: UsageCorpus) -> list[dict[str, object]]:
    """An entry of the review file per candidate: its text and language, the concept, what
    was found, and the lines where translators wrote it."""
    return [
        {
            "text": c.text,
            "lang": entry.lang,
            "concept": entry.concept.id,
            "found": f"in {c.pairs} of {entry.pairs} aligned paragraphs (Dice {c.dice:.2f})"
            + (f"; {ENGLISH}" if c.english else ""),
            "sources": [str(corpus.citation(q.target)) for q in c.quotes],
        }
        for entry in mined
        for c in entry.candidates
    ]
