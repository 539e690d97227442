"""UI words every output shares: field labels, term statuses and types, counts.

Marked with `N_` for extraction into the `core` catalog; translate them with `i18n.gettext`.
"""

from __future__ import annotations

from termbase.i18n import N_, NP_, gettext, ngettext, plural_forms
from termbase.model import Evidence, InstanceWords, Kind, Status, TermType

FIELDS = {
    "term": N_("Term"),
    "terms": N_("Terms"),
    "definition": N_("Definition"),
    "notes": N_("Notes"),
    "domain": N_("Domain"),
    "instance_of": N_("Instance of"),
    "contrast": N_("Not to be confused with"),
    "maker": N_("Made by"),
    "year": N_("Year"),
    "sources": N_("Sources"),
    "pinyin": N_("Pinyin"),
    "index": N_("Index"),
    "contents": N_("Contents"),
    "built_on": N_("Built on %(date)s"),
}

COUNTED = {
    "abbreviation": NP_("Abbreviation", "Abbreviations"),
    "variants": NP_("Variant", "Variants"),
    "broader": NP_("Broader concept", "Broader concepts"),
    "related": NP_("Related concept", "Related concepts"),
    "examples": NP_("Example", "Examples"),
}
"""Labels of lists, in the plural form for the list's length («Сокращения LLM, БЯМ»)."""

STATUSES = {
    Status.PREFERRED: N_("preferred"),
    Status.ADMITTED: N_("admitted"),
    Status.DEPRECATED: N_("deprecated"),
}

TERM_TYPES = {
    TermType.FULL_FORM: N_("full form"),
    TermType.ABBREVIATION: N_("abbreviation"),
    TermType.ACRONYM: N_("acronym"),
    TermType.VARIANT: N_("variant"),
}

CONCEPT = N_("concept")
INSTANCE_WORDS = {
    "name": N_("instance"),
    "box": N_("an instance"),
    "lines": N_("a concept and its instances"),
    "main_kind": N_(
        "an instance under the concept it is first an instance of (its others are in its entry)"
    ),
    "question": N_("Which concept is this an instance of, above all?"),
}
"""What an instance is called where the glossary's `[instances]` does not say (`InstanceWords`
has a field for each key)."""


COUNTS = {
    "concepts": NP_("%(num)d concept", "%(num)d concepts"),
    "terms": NP_("%(num)d term", "%(num)d terms"),
}

IN_USE = N_("in use: %(uses)s in %(documents)s, %(corpora)s")
"""A term's evidence: `in use: 258 times in 31 documents, 4 corpora`."""
IN_USE_COUNTS = {
    "uses": NP_("%(num)d time", "%(num)d times"),
    "documents": NP_("%(num)d document", "%(num)d documents"),
    "corpora": NP_("%(num)d corpus", "%(num)d corpora"),
}
"""The counts of `IN_USE`, each translated in the form that sentence needs (Russian «в 31
документе из 4 корпусов»)."""
NOT_IN_USE = N_("not found in the usage corpus")


def label(lang: str, key: str, count: int | None = None, **values: object) -> str:
    """A field label in `lang`, with `%(name)s` values filled in; a list's label (`COUNTED`)
    needs the list's length, `count`."""
    if key in COUNTED:
        if count is None:
            raise ValueError(f"the label '{key}' needs the count of what it labels")
        return ngettext(lang, COUNTED[key], count)
    text = gettext(lang, FIELDS[key])
    return text % values if values else text


def plural_labels(lang: str, key: str) -> dict[str, str]:
    """A list's label in each CLDR plural category of `lang`, for a text whose count is known
    only where it is shown (an Anki card: see templates/anki/card.css)."""
    return plural_forms(lang, COUNTED[key])


def status_label(lang: str, status: Status) -> str:
    return gettext(lang, STATUSES[status])


def term_type_label(lang: str, term_type: TermType) -> str:
    return gettext(lang, TERM_TYPES[term_type])


def kind_label(lang: str, kind: Kind, words: InstanceWords) -> str:
    """A kind's name: "concept", or what the glossary calls its instances ("named model")."""
    return gettext(lang, CONCEPT) if kind is Kind.CONCEPT else instance_words(lang, "name", words)


def instance_words(lang: str, key: str, words: InstanceWords) -> str:
    """One of the glossary's `[instances]` texts in `lang` (`key`: a field of `InstanceWords`),
    else the UI's default wording."""
    given: dict[str, str] = dict(getattr(words, key))
    return given.get(lang) or gettext(lang, INSTANCE_WORDS[key])


def count(lang: str, what: str, n: int) -> str:
    """`what` (a key of `COUNTS`) counted in `lang`: 1 термин, 2 термина, 5 терминов."""
    return ngettext(lang, COUNTS[what], n) % {"num": n}


def in_use(lang: str, evidence: Evidence) -> str:
    """What a term's evidence says, in `lang`: how much it is used, or that it is not."""
    if not evidence.occurrences:
        return gettext(lang, NOT_IN_USE)
    counts = {
        "uses": evidence.occurrences,
        "documents": evidence.documents,
        "corpora": len(evidence.corpora),
    }
    return gettext(lang, IN_USE) % {
        key: ngettext(lang, IN_USE_COUNTS[key], n) % {"num": n} for key, n in counts.items()
    }
