"""English spelling: one convention in all English text. The glossary writes -ize (Oxford and
American spelling: summarization, recognize), so a word in -ise, -ised, -ising or -isation is
reported, unless the word is spelt -ise in every convention (supervise, noise, comprise).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from termbase.checks.base import finding, term_name, texts
from termbase.findings import Finding, Severity, message
from termbase.i18n import N_
from termbase.languages import is_english
from termbase.model import Glossary

ALWAYS_ISE = (
    *("advertise", "advise", "apprise", "arise", "bruise", "chastise", "circumcise", "comprise"),
    *("compromise", "concise", "cruise", "demise", "despise", "devise", "disguise", "enterprise"),
    *(
        "excise",
        "exercise",
        "expertise",
        "franchise",
        "guise",
        "improvise",
        "incise",
        "merchandise",
    ),
    *("noise", "otherwise", "paradise", "poise", "praise", "precise", "premise", "promise"),
    *("raise", "reprise", "revise", "rise", "supervise", "surmise", "surprise", "televise"),
    *("treatise",),
)
"""Words spelt -ise in every convention; so are they after a prefix (unsupervised, denoising)
and words in -wise (otherwise, pairwise)."""
PREFIXES = ("", "un", "de", "re", "pre", "dis", "mis", "over", "under", "self-", "sun")
_ISE = re.compile(r"\b([A-Za-z]+)is(e|es|ed|ing|ation|ations|er|ers)\b")


def ise_words(text: str) -> list[str]:
    """The words of `text` spelt -ise where the glossary's convention writes -ize."""
    found = []
    for match in _ISE.finditer(text):
        base = (match[1] + "ise").lower()
        prefixed = any(base.removeprefix(prefix) in ALWAYS_ISE for prefix in PREFIXES)
        if not (prefixed or base.endswith("wise")):
            found.append(match[0])
    return found


def check_ize_spelling(glossary: Glossary) -> Iterator[Finding]:
    """English terms, definitions and notes write -ize, not -ise."""
    for concept in glossary.concepts:
        items = [(t.text, t.lang, t.location, term_name(t)) for t in concept.terms]
        items += [(p.text, p.lang, p.location, p.field) for p in texts(concept)]
        for written, lang, where, subject in items:
            if is_english(lang) and (words := ise_words(written)):
                yield finding(
                    where,
                    Severity.WARNING,
                    "ise-spelling",
                    message(
                        N_("%(subject)s: '%(word)s'; the glossary spells -ize ('%(ize)s')"),
                        subject=subject,
                        word=words[0],
                        ize=_ize(words[0]),
                    ),
                    concept,
                    lang,
                )


def _ize(word: str) -> str:
    return re.sub(r"is(e|es|ed|ing|ation|ations|er|ers)$", r"iz\1", word)
