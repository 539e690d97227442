"""The UI catalogs: every string the code and templates use is translated in ru and zh-Hans."""

from __future__ import annotations

import pytest

from tools.catalogs import UI_LANGUAGES, domains, extract, read_catalog


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("domain", domains())
def test_every_ui_string_is_translated(domain: str, lang: str) -> None:
    used = {m.id if isinstance(m.id, str) else m.id[0] for m in extract(domain) if m.id}
    catalog = read_catalog(domain, lang)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = sorted(used - translated)
    assert not missing, f"run `make messages` and translate in {domain}.po ({lang}): {missing}"


@pytest.mark.parametrize("lang", UI_LANGUAGES)
@pytest.mark.parametrize("domain", domains())
def test_translations_keep_the_placeholders(domain: str, lang: str) -> None:
    # Babel's checks: a translation of "term '%(term)s'" must use %(term)s, and no other name.
    problems = [
        (m.id, str(error)) for m, errors in read_catalog(domain, lang).check() for error in errors
    ]
    assert not problems


@pytest.mark.parametrize("lang", UI_LANGUAGES)
def test_a_message_of_several_domains_has_one_translation(lang: str) -> None:
    # The catalogs of a language are merged (i18n.translations): a message translated two ways
    # would change one output's wording when another domain is added.
    seen: dict[str, tuple[str, str]] = {}
    for domain in domains():
        for message in read_catalog(domain, lang):
            if not message.id or not message.string:
                continue
            first = seen.setdefault(str(message.id), (str(message.string), domain))
            assert first[0] == str(message.string), (message.id, first, domain)
