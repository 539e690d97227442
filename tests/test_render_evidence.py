"""The evidence of use in the outputs: the HTML entry (counts, citations linked to their lines,
the corpora's licences), the alignment view (counts beside each term, two filters), and the
reference PDF (a discreet mark on a term the corpus does not have). The CSV, TBX and JSON carry
it too (their own tests). The glossary is `attested`: the attest test glossary counted in its
made-up corpus."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import outputs_of
from termbase.checks import check
from termbase.model import Glossary
from termbase.render.contract import BuildContext
from termbase.render.pdf import part_html, reference, sheet_html
from termbase.render.pdf.content import WHOLE

DATE = datetime(2026, 11, 23, tzinfo=UTC)
COURSE = "https://github.com/example/course/blob/0123456789abcdef0123456789abcdef01234567/"


@pytest.fixture(scope="module")
def site(attested: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    context = BuildContext(attested, DATE, findings=tuple(check(attested)))
    for output in outputs_of("html", context):
        (folder / output.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / output.path).write_bytes(output.data)
    return folder / "html"


def entry(site: Path, ui: str, concept_id: str) -> str:
    text = (site / ui / "index.html").read_text(encoding="utf-8")
    found = re.search(rf'<article class="concept" id="{concept_id}">.*?</article>', text, re.S)
    assert found, concept_id
    return found[0]


def test_an_entry_gives_each_term_its_use_and_links_its_citations(site: Path) -> None:
    token = entry(site, "en", "token")
    assert '<span class="count">in use: 9 times in 3 documents, 2 corpora</span>' in token
    assert (
        f'<a class="citation" href="{COURSE}docs/intro.md#L8" '
        'title="corpus/course/en/docs/intro.md:8">course/…/intro.md:8</a>'
    ) in token
    assert '<span class="evidence none"><span class="count">not found in the usage corpus' in token


def test_an_entry_says_it_in_the_ui_language(site: Path) -> None:
    assert "употребляется 9 раз в 3 документах из 2 корпусов" in entry(site, "ru", "token")
    assert "употребляется 1 раз в 1 документе из 1 корпуса" in entry(site, "ru", "clip")
    assert "使用情况：9 次，见于 3 篇文档、2 个语料库" in entry(site, "zh-Hans", "token")


def test_the_pages_with_evidence_name_the_corpora_and_their_licences(site: Path) -> None:
    for page in ("index.html", "alignment.html"):
        text = (site / "en" / page).read_text(encoding="utf-8")
        assert "<b>course</b>: MIT" in text, page
        assert "<b>book</b>: Apache-2.0" in text, page


def test_a_site_without_evidence_names_no_corpus(tmp_path: Path, mini: Glossary) -> None:
    pages = outputs_of("html", BuildContext(mini, DATE))
    assert not any(b'id="_corpus"' in output.data for output in pages)


def test_the_alignment_view_counts_each_term_and_marks_the_rows(site: Path) -> None:
    text = (site / "en" / "alignment.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="large-language-model".*?</tr>', text, re.S)
    assert row
    assert 'data-unattested="" data-less="en"' in row[0]  # LLM 5 times, the full form 3
    assert (
        '<span class="tag in-use" title="in use: 5 times in 2 documents, 2 corpora">5×</span>'
        in (row[0])
    )
    chat = re.search(r'<tr id="chat-model".*?>', text)
    assert chat and 'data-unattested="zh-Hans" data-less=""' in chat[0]


def test_the_alignment_filters_by_evidence(page, site: Path) -> None:
    page.goto((site / "en" / "alignment.html").as_uri() + "?less=*")
    page.wait_for_load_state("load")

    def rows() -> list[str]:
        return page.eval_on_selector_all("tr.row:not([hidden])", "r => r.map(x => x.id)")

    assert rows() == ["large-language-model"]
    page.select_option("select[name=less]", "")
    page.select_option("select[name=unattested]", "zh-Hans")
    assert sorted(rows()) == ["chat-model", "clip"]  # 对话模型 and CLIP: not in the corpus
    assert "unattested=zh-Hans" in page.url


def test_the_reference_marks_a_term_the_corpus_does_not_have(attested: Glossary) -> None:
    context = BuildContext(attested, DATE)
    document = reference(context, attested.languages, WHOLE)
    html = "".join(part_html(context, document, part) for part in document.parts)
    assert '<span class="term" lang="zh-Hans">令牌</span><span class="unattested">°</span>' in html
    assert '<span class="term" lang="zh-Hans">词元</span><span class="unattested">' not in html
    assert "° marks a term that the usage corpus does not have" in html
    assert "book (Apache-2.0), course (MIT)" in html
    assert 'class="unattested"' not in sheet_html(context, ("en", "ru"))  # the sheets do not
