"""UI words every output shares: field labels, term statuses and types, counts.

Marked with `N_` for extraction into the `core` catalog; translate them with `i18n.gettext`.
"""

from __future__ import annotations

from termbase.i18n import N_, NP_, gettext, ngettext
from termbase.model import Kind, Status, TermType

FIELDS = {
    "term": N_("Term"),
    "terms": N_("Terms"),
    "definition": N_("Definition"),
    "notes": N_("Notes"),
    "domain": N_("Domain"),
    "broader": N_("Broader concepts"),
    "related": N_("Related concepts"),
    "examples": N_("Examples"),
    "instance_of": N_("Instance of"),
    "maker": N_("Made by"),
    "year": N_("Year"),
    "sources": N_("Sources"),
    "pinyin": N_("Pinyin"),
    "abbreviation": N_("Abbreviation"),
    "variants": N_("Variants"),
    "index": N_("Index"),
    "contents": N_("Contents"),
    "built_on": N_("Built on %(date)s"),
}

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

KINDS = {
    Kind.CONCEPT: N_("concept"),
    Kind.NAMED_MODEL: N_("named model"),
}


COUNTS = {
    "concepts": NP_("%(num)d concept", "%(num)d concepts"),
    "terms": NP_("%(num)d term", "%(num)d terms"),
}


def label(lang: str, key: str, **values: object) -> str:
    """A field label in `lang`, with `%(name)s` values filled in."""
    text = gettext(lang, FIELDS[key])
    return text % values if values else text


def status_label(lang: str, status: Status) -> str:
    return gettext(lang, STATUSES[status])


def term_type_label(lang: str, term_type: TermType) -> str:
    return gettext(lang, TERM_TYPES[term_type])


def kind_label(lang: str, kind: Kind) -> str:
    return gettext(lang, KINDS[kind])


def count(lang: str, what: str, n: int) -> str:
    """`what` ("concepts" or "terms") counted in `lang`: 1 термин, 2 термина, 5 терминов."""
    return ngettext(lang, COUNTS[what], n) % {"num": n}
