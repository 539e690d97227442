"""`build.py qa` at scale: `python -m benchmarks.qa N` checks an XLIFF of N segments.

The XLIFF (English → Russian) is made from the shipped glossary, deterministically: each
segment names two or three concepts among some fifteen words taken from the glossary's
definitions, and its translation renders them by their preferred or admitted Russian terms,
inflected by pymorphy3 into the genitive plural, the instrumental, or left as they are; one
segment in seven leaves a term out and one in eleven uses a deprecated term where the concept
has one. So the check meets a real vocabulary (some 1,400 Russian words) and real findings.

Prints one JSON line: segments, findings, and the command's wall seconds, user+sys CPU seconds
and peak RSS as `/usr/bin/time -v` reports them (the median run of `--runs`, default 3).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from benchmarks import ROOT, timed
from termbase.load import load_glossary
from termbase.model import Concept, Glossary, Status
from termbase.morphology import analyzer

_WORD = re.compile(r"[а-яё]+|[a-z]+", re.IGNORECASE)
_CASES = ({"gent", "plur"}, {"ablt"}, set())


def inflected(term: str, grammemes: set[str]) -> str:
    """A Russian term put into the grammemes where pymorphy3 can: its adjectives and its head
    noun, not the words after the head («моделью машинного обучения»)."""
    words = term.split(" ")
    for index, word in enumerate(words):
        parse = analyzer().parse(word)[0]
        if grammemes and parse.tag.POS in ("NOUN", "ADJF", "PRTF") and not word.isupper():
            form = parse.inflect(grammemes)
            words[index] = _cased(form.word, word) if form else word
        if parse.tag.POS == "NOUN":
            break
    return " ".join(words)


def _cased(form: str, word: str) -> str:
    """The inflected form with the capitals of the word (pymorphy3 gives lower case)."""
    return "".join(
        c.upper() if i < len(word) and word[i].isupper() else c for i, c in enumerate(form)
    )


def _target_term(concept: Concept, number: int, rng: random.Random) -> str | None:
    terms = concept.terms_in("ru")
    deprecated = [t for t in terms if t.status is Status.DEPRECATED]
    if number % 11 == 0 and deprecated:
        return deprecated[0].text
    if number % 7 == 0:
        return None
    good = [t for t in terms if t.status is not Status.DEPRECATED]
    return inflected(rng.choice(good).text, rng.choice(_CASES))


def _filler(glossary: Glossary, lang: str) -> list[str]:
    """The words of the definitions in `lang` that are in no term, so that the findings are
    the planted ones."""
    in_terms = {
        w.lower()
        for c in glossary.concepts
        for t in c.terms_in(lang)
        for w in _WORD.findall(t.text)
    }
    text = " ".join(c.definitions.get(lang, "") for c in glossary.concepts)
    return sorted(
        {w for w in _WORD.findall(text) if w.lower()[:4] not in {t[:4] for t in in_terms}}
    )


def segments(glossary: Glossary, count: int) -> list[tuple[str, str]]:
    rng = random.Random(16)
    concepts = [c for c in glossary.concepts if c.terms_in("en") and c.terms_in("ru")]
    english, russian = (_filler(glossary, lang) for lang in ("en", "ru"))
    found = []
    for number in range(1, count + 1):
        named = rng.sample(concepts, rng.choice((2, 3)))
        source = rng.sample(english, 12)
        target = rng.sample(russian, 12)
        for concept in named:
            source.insert(rng.randrange(len(source)), rng.choice(concept.terms_in("en")).text)
            if (term := _target_term(concept, number, rng)) is not None:
                target.insert(rng.randrange(len(target)), term)
        found.append((_sentence(source), _sentence(target)))
    return found


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def xliff(pairs: list[tuple[str, str]]) -> str:
    units = "".join(
        f'<trans-unit id="s{n}"><source>{escape(s)}</source><target>{escape(t)}</target>'
        "</trans-unit>\n"
        for n, (s, t) in enumerate(pairs, 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file original="bench" source-language="en-US" target-language="ru-RU" '
        f'datatype="plaintext"><body>\n{units}</body></file></xliff>\n'
    )


def timed_qa(path: Path) -> dict[str, float]:
    """One run of `build.py qa` under /usr/bin/time -v."""
    run = timed([sys.executable, "build.py", "qa", str(path)])
    if run.returncode not in (0, 1):
        raise SystemExit(f"qa exited with {run.returncode}")
    return {
        "findings": len(run.stdout.splitlines()),
        "wall_s": run.wall_s,
        "cpu_s": run.cpu_s,
        "peak_mb": run.peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("segments", type=int, nargs="?", default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pairs = segments(load_glossary(ROOT / "glossary"), args.segments)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.xlf"
        path.write_text(xliff(pairs))
        runs = sorted((timed_qa(path) for _ in range(args.runs)), key=lambda r: r["cpu_s"])
    median = runs[len(runs) // 2]
    print(
        json.dumps(
            {
                "segments": args.segments,
                "findings": median["findings"],
                "wall_s": round(median["wall_s"], 2),
                "cpu_s": round(median["cpu_s"], 2),
                "cpu_s_runs": [round(r["cpu_s"], 2) for r in runs],
                "peak_mb": round(median["peak_mb"]),
                "median_of": args.runs,
                "spread_s": round(statistics.pstdev(r["cpu_s"] for r in runs), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
