"""The HTML site: pages, permalinks, search, alignment view, checked in real Chromium.

Chromium (Debian `chromium`) is driven by Playwright for Python; accessibility is checked with
axe-core and the markup with the Nu HTML Checker (both from node_modules: `npm ci`). The tests
that need one of them are skipped, saying which, when it is missing.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from helpers import KNOWN_READINGS, MINI, ROOT, run_together
from termbase.checks import check
from termbase.languages import SEARCH_RULES
from termbase.load import load_glossary
from termbase.model import Glossary
from termbase.render.contract import BuildContext
from termbase.render.html import render
from termbase.render.html.search_index import pinyin_keys

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
UI = ("en", "ru", "zh-Hans")
PAGES = ("index.html", "terms.html", "map.html", "alignment.html")
BUILD_DATE = datetime(2026, 11, 23, tzinfo=UTC)

# A concept with planted problems, added to the mini glossary: no Chinese, two spaces in the
# Russian term, a deprecated variant; its definition has ё (for the search without ё).
DIFFUSION = """\
kind: concept
domain: generative-models
terms:
  en:
    - text: diffusion model
      status: preferred
  ru:
    - text: диффузионная  модель
      status: preferred
    - text: Диффузная модель
      status: deprecated
      note: Неверное прилагательное.
definition:
  en: A model that learns to reverse a gradual noising of the data.
  ru: Модель, которая учится обращать зашумление данных; ещё один вид генеративных моделей.
"""


def write_site(glossary: Glossary, folder: Path) -> Path:
    """The site as a build writes it, with the check's findings in its alignment view."""
    for output in render(BuildContext(glossary, BUILD_DATE, findings=tuple(check(glossary)))):
        path = folder / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.data)
    return folder / "html"


@pytest.fixture(scope="module")
def problems(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    """The mini glossary and one concept with problems."""
    folder = Path(shutil.copytree(MINI, tmp_path_factory.mktemp("problems") / "glossary"))
    (folder / "concepts" / "diffusion-model.yaml").write_text(DIFFUSION)
    return load_glossary(folder)


@pytest.fixture(scope="module")
def site(problems: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(problems, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def shipped_site(shipped: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(shipped, tmp_path_factory.mktemp("shipped"))


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


# Without a browser ----------------------------------------------------------------------------


def test_site_has_every_page_in_every_ui_language(site: Path) -> None:
    expected = {"index.html"} | {f"{ui}/{page}" for ui in UI for page in PAGES}
    assert {p.relative_to(site).as_posix() for p in html_files(site)} == expected
    assert {p.name for p in (site / "assets").iterdir()} == {
        "style.css",
        "site.js",
        "search-data.js",
    }


def test_nothing_is_loaded_from_the_network(site: Path) -> None:
    for path in [*html_files(site), site / "assets" / "site.js", site / "assets" / "style.css"]:
        text = path.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", text), path
        assert "@import" not in text and "url(" not in text, path


def test_every_concept_is_anchored_by_its_id(site: Path, problems: Glossary) -> None:
    for ui in UI:
        for page in ("index.html", "alignment.html"):
            text = (site / ui / page).read_text()
            for concept in problems.concepts:
                assert text.count(f' id="{concept.id}"') == 1, (ui, page, concept.id)


def test_pages_link_their_other_languages(site: Path) -> None:
    text = (site / "ru" / "alignment.html").read_text()
    assert '<html lang="ru">' in text
    for lang in UI:
        assert f'<link rel="alternate" hreflang="{lang}" href="../{lang}/alignment.html">' in text
        assert f'hreflang="{lang}" lang="{lang}"' in text


def test_chinese_terms_show_their_pinyin_by_word(pinyin_glossary: Glossary, tmp_path: Path) -> None:
    page = (write_site(pinyin_glossary, tmp_path) / "zh-Hans" / "index.html").read_text()
    shown = dict(
        re.findall(
            r'<b lang="zh-Hans">([^<]+)</b> <i class="pinyin" lang="zh-Latn-pinyin">([^<]+)</i>',
            page,
        )
    )
    assert {text: html.unescape(pinyin) for text, pinyin in shown.items()} == KNOWN_READINGS


def test_relation_labels_take_the_plural_form_for_their_length(site: Path) -> None:
    """llm has one broader concept and one example: the singular, in each UI language."""

    def labels(ui: str) -> list[str]:
        page = (site / ui / "index.html").read_text()
        entry = re.search(r'<article class="concept" id="llm">(.*?)</article>', page, re.DOTALL)
        assert entry
        return re.findall(r"<dt>([^<]+)</dt>", entry[1])

    assert labels("en")[0] == "Broader concept" and "Example" in labels("en")
    assert labels("ru")[0] == "Родовое понятие" and "Пример" in labels("ru")


def test_every_page_carries_the_python_plural_rules_for_the_search(site: Path) -> None:
    strings = re.compile(r'<script type="application/json" id="_strings">(.*?)</script>')
    for path in [site / ui / page for ui in UI for page in PAGES]:
        found = strings.search(path.read_text())
        assert found and json.loads(found[1])["english"] == SEARCH_RULES, path


def test_pinyin_is_searched_without_tones_with_u_or_v_for_u_umlaut() -> None:
    assert pinyin_keys("lǜ sè mó xíng") == ["lu se mo xing", "lv se mo xing"]


def test_index_is_in_dictionary_order(site: Path) -> None:
    ru = (site / "ru" / "terms.html").read_text()
    order = ["GPT-3", "большая языковая модель", "БЯМ", "генеративная модель", "диффузионная"]
    places = [ru.index(f">{term}") for term in order]
    assert places == sorted(places)
    zh = (site / "zh-Hans" / "terms.html").read_text()
    places = [zh.index(f">{term}<") for term in ["大语言模型", "GPT-3", "生成模型"]]
    assert places == sorted(places)


def test_alignment_rows_carry_the_findings_of_the_checks(site: Path, problems: Glossary) -> None:
    text = (site / "en" / "alignment.html").read_text()
    row = re.search(r'<tr id="diffusion-model".*?</tr>', text, re.S)
    assert row is not None
    assert 'data-missing="zh-Hans"' in row[0] and 'data-severity="error"' in row[0]
    findings = [f for f in check(problems) if f.concept == "diffusion-model"]
    assert findings
    for finding in findings:
        assert f"<code>{finding.code}</code>" in row[0]
    assert 'data-severity=""' in re.search(r'<tr id="llm".*?</tr>', text, re.S)[0]


@pytest.mark.parametrize(
    ("ui", "messages"),
    [
        ("en", ["term 'диффузионная  модель': two spaces in a row", "no term in 'zh-Hans'"]),
        ("ru", ["термин «диффузионная  модель»: два пробела подряд", "нет термина на «zh-Hans»"]),
        ("zh-Hans", ["术语“диффузионная  модель”：连续两个空格", "缺少“zh-Hans”术语"]),
    ],
)
def test_the_findings_speak_the_ui_language(site: Path, ui: str, messages: list[str]) -> None:
    text = html.unescape((site / ui / "alignment.html").read_text())
    row = re.search(r'<tr id="diffusion-model".*?</tr>', text, re.S)
    assert row is not None
    for message in messages:
        assert f"<span>{message}</span>" in row[0]


def test_the_terminal_still_gets_the_english_messages(problems: Glossary) -> None:
    found = {f.code: f for f in check(problems) if f.concept == "diffusion-model"}
    spaces = found["extra-space"]
    assert spaces.english == "term 'диффузионная  модель': two spaces in a row"
    assert spaces.translated(lambda template: template) == spaces.english


# In Chromium ----------------------------------------------------------------------------------


def open_page(page, site: Path, path: str) -> None:
    """Open a page of the site; `path` may end with a ?query or a #fragment."""
    file, suffix = re.fullmatch(r"([^?#]*)(.*)", path).groups()
    page.goto((site / file).as_uri() + suffix)
    page.wait_for_load_state("load")


def search(page, query: str) -> list[dict[str, str]]:
    """Type a query and return the results: each link's concept id, text and lang."""
    page.fill("#_q", query)
    return results(page)


def results(page) -> list[dict[str, str]]:
    """The results shown: each link's concept id, text and lang."""
    page.wait_for_function("document.getElementById('_q-status').textContent !== ''")
    return page.eval_on_selector_all(
        "#_results li > a",
        "links => links.map(a => ({id: a.hash.slice(1), text: a.textContent, lang: a.lang}))",
    )


@pytest.mark.parametrize(
    ("ui", "query", "first"),
    [
        ("en", "large language", "llm"),
        ("en", "LLM", "llm"),
        ("en", "diffusion models", "diffusion-model"),
        ("en", "noising", "diffusion-model"),
        ("ru", "БЯМ", "llm"),
        ("ru", "языковая", "llm"),
        ("ru", "объёмах", "llm"),
        ("ru", "объемах", "llm"),
        ("ru", "еще", "diffusion-model"),
        ("ru", "ЕЩЁ", "diffusion-model"),
        ("ru", "диффузная", "diffusion-model"),
        ("zh-Hans", "语言模型", "llm"),
        ("zh-Hans", "生成", "generative-model"),
        ("zh-Hans", "dayuyanmoxing", "llm"),
        ("zh-Hans", "da yu yan", "llm"),
        ("zh-Hans", "dayuyan", "llm"),
        ("zh-Hans", "dayu yan", "llm"),
        ("zh-Hans", "da yuyan moxing", "llm"),
        ("zh-Hans", "Dà Yǔ", "llm"),
        ("en", "shengcheng", "generative-model"),
        ("en", "sheng cheng mo", "generative-model"),
    ],
)
def test_search_as_you_type(page, site: Path, ui: str, query: str, first: str) -> None:
    open_page(page, site, f"{ui}/index.html")
    results = search(page, query)
    assert results and results[0]["id"] == first, results


def test_search_results_are_named_in_the_ui_language(page, site: Path) -> None:
    open_page(page, site, "ru/index.html")
    assert search(page, "llm")[0] == {"id": "llm", "text": "большая языковая модель", "lang": "ru"}
    assert page.text_content("#_q-status") == "1 понятие"
    assert "LLM" in page.text_content("#_results li")  # the admitted term that matched
    assert search(page, "модель") and page.text_content("#_q-status") == "4 понятия"
    assert search(page, "xyzzy") == []
    assert page.text_content("#_q-status") == "Ничего не найдено."


def test_following_a_permalink(page, site: Path) -> None:
    open_page(page, site, "en/index.html#gpt-3")
    assert page.evaluate("document.querySelector(':target').id") == "gpt-3"
    assert page.locator("#gpt-3").is_visible()
    top = page.evaluate("document.getElementById('gpt-3').getBoundingClientRect().top")
    assert page.evaluate("scrollY") > 0 and 0 <= top < 900  # scrolled to it
    page.click("#gpt-3 .relations a")  # GPT-3 is an instance of the LLM
    assert page.evaluate("location.hash") == "#llm"
    search(page, "generative")
    page.click("#_results a >> nth=0")
    assert page.evaluate("location.hash") == "#generative-model"
    assert page.evaluate("document.querySelector(':target').id") == "generative-model"
    search(page, "gpt")
    page.press("#_q", "Enter")  # Enter opens the first result
    assert page.evaluate("location.hash") == "#gpt-3"


def test_switching_language_keeps_the_concept(page, site: Path) -> None:
    open_page(page, site, "en/index.html#llm")
    page.click(".switcher a[hreflang=ru]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/ru/index.html#llm")
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.text_content(":target h3") == "большая языковая модель"
    page.click(".pages a[href='alignment.html']")
    page.click(".switcher a[hreflang=zh-Hans]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/zh-Hans/alignment.html")
    assert page.text_content("h1") == "术语对照"


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("tr.row:not([hidden])", "rows => rows.map(r => r.id)")


def test_alignment_filters(page, site: Path, problems: Glossary) -> None:
    open_page(page, site, "en/alignment.html")
    everything = visible_rows(page)
    assert sorted(everything) == sorted(c.id for c in problems.concepts)
    page.check("input[name=problems]")
    assert visible_rows(page) == ["diffusion-model"]
    assert page.text_content("#_rows") == "Showing 1 of 4 rows"
    page.uncheck("input[name=problems]")
    page.select_option("select[name=missing]", "zh-Hans")
    assert visible_rows(page) == ["diffusion-model"]
    page.select_option("select[name=missing]", "ru")
    assert visible_rows(page) == []
    page.select_option("select[name=missing]", "")
    for code in {f.code for f in check(problems)}:
        page.select_option("select[name=code]", code)
        assert visible_rows(page) == ["diffusion-model"], code
    page.select_option("select[name=code]", "")
    page.select_option("select[name=domain]", "named-models")
    assert visible_rows(page) == ["gpt-3"]
    page.select_option("select[name=domain]", "")
    page.fill("input[name=q]", "бям")
    page.wait_for_function("document.querySelectorAll('tr.row:not([hidden])').length === 1")
    assert visible_rows(page) == ["llm"]
    page.fill("input[name=q]", "")
    assert visible_rows(page) == everything


def test_alignment_filters_from_the_address(page, site: Path) -> None:
    open_page(page, site, "ru/alignment.html?missing=zh-Hans")
    assert visible_rows(page) == ["diffusion-model"]
    assert page.text_content("#_rows") == "Показано 1 из 4 строк"


def test_alignment_marks_each_term_attested_or_the_glossarys_own(
    page, site: Path, problems: Glossary
) -> None:
    open_page(page, site, "ru/alignment.html")
    tags = page.eval_on_selector_all(
        "#llm td:nth-of-type(1) .attested, #llm td:nth-of-type(1) .own",
        "tags => tags.map(t => [t.className, t.title, t.textContent])",
    )
    llm = problems.concept("llm")
    assert tags == [
        ["tag attested", ", ".join(f"{s.path}:{s.line}" for s in term.sources), "в источниках"]
        if term.sources
        else ["tag own", "", "предложен глоссарием"]
        for term in llm.terms_in("en")
    ]
    page.select_option("select[name=own]", "en")
    unattested = [c.id for c in problems.concepts if not c.preferred("en").sources]
    assert sorted(visible_rows(page)) == unattested and unattested
    assert "own=en" in page.url


def test_alignment_marks_the_cells_with_problems(page, site: Path) -> None:
    open_page(page, site, "en/alignment.html#diffusion-model")
    cells = page.eval_on_selector_all(
        "#diffusion-model td", "cells => cells.map(c => c.className.trim())"
    )
    assert cells[:3] == ["", "flagged", "missing"]  # en fine; ru two spaces; zh missing


def background_luminance(page) -> float:
    rgb = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    red, green, blue = (int(n) for n in re.findall(r"\d+", rgb)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_the_colour_scheme_follows_the_system(page, site: Path) -> None:
    open_page(page, site, "en/index.html")
    page.emulate_media(color_scheme="light")
    assert background_luminance(page) > 0.9
    page.emulate_media(color_scheme="dark")
    assert background_luminance(page) < 0.15


def test_print_shows_the_content_only(page, site: Path) -> None:
    open_page(page, site, "en/index.html")
    page.emulate_media(media="print", color_scheme="dark")
    assert not page.is_visible("#_search")
    assert not page.is_visible("nav.switcher")
    assert page.is_visible("#llm")
    assert background_luminance(page) > 0.9  # black on white even from a dark system


LANG_OF_TEXT = """() => {
  const wrong = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    const element = node.parentElement;
    if (element.closest('script, .finding')) continue;  // checks' messages quote terms
    const lang = element.closest('[lang]').lang;
    if (/[\\u0400-\\u04ff]/.test(text) && !lang.startsWith('ru')) wrong.push([lang, text]);
    if (/[\\u4e00-\\u9fff]/.test(text) && !lang.startsWith('zh-Hans')) wrong.push([lang, text]);
  }
  return wrong;
}"""


@pytest.mark.parametrize("path", ["index.html", *(f"{ui}/{p}" for ui in UI for p in PAGES)])
def test_every_text_is_in_an_element_of_its_language(page, site: Path, path: str) -> None:
    open_page(page, site, path)
    if page.query_selector("#_q"):
        search(page, "модель")  # the results are made by the script: check them too
    assert page.evaluate(LANG_OF_TEXT) == []
    if path == "index.html":
        return  # the choice of language names no term
    english = page.eval_on_selector_all(
        "body *",
        "els => els.filter(e => e.textContent === 'large language model')"
        ".map(e => e.closest('[lang]').lang)",
    )
    assert english and set(english) == {"en"}


def axe_violations(page) -> list[dict[str, object]]:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: npm ci")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["index.html", *(f"{ui}/{p}" for ui in UI for p in PAGES)])
def test_pages_are_accessible(page, site: Path, path: str, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    open_page(page, site, path)
    if page.query_selector("#_q"):
        search(page, "llm")
    assert axe_violations(page) == []


def nu_errors(files: list[Path]) -> list[str]:
    if not VNU.exists():
        pytest.skip("the Nu HTML Checker is not installed: npm ci")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (the Nu HTML Checker needs it)")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--also-check-css", "--format", "json"]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]


@pytest.mark.slow  # the Nu HTML Checker is a Java program
def test_markup_is_valid_html_and_css(site: Path, shipped_site: Path) -> None:
    files = [*html_files(site), *html_files(shipped_site), site / "assets" / "style.css"]
    assert nu_errors(files) == []


# The shipped glossary -------------------------------------------------------------------------


def test_shipped_site_has_every_concept(shipped_site: Path, shipped: Glossary) -> None:
    for ui in UI:
        text = (shipped_site / ui / "index.html").read_text()
        for concept in shipped.concepts:
            assert f'<article class="concept" id="{concept.id}">' in text


@pytest.mark.parametrize("path", PAGES)
def test_no_two_terms_of_a_concept_run_together(
    page, shipped_site: Path, shipped: Glossary, path: str
) -> None:
    """The text a reader sees on a phone never has two terms of one concept side by side
    without a separator (see helpers.run_together)."""
    page.set_viewport_size({"width": 360, "height": 800})
    for ui in UI:
        open_page(page, shipped_site, f"{ui}/{path}")
        assert run_together(page.evaluate("document.body.innerText"), shipped) == [], ui


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("свёрточных", "resnet"),
        ("сверточных", "resnet"),
        ("kuosan moxing", "diffusion-model"),
        ("kuosanmoxing", "diffusion-model"),
        ("扩散", "diffusion-model"),
        ("LLM", "large-language-model"),
        # Inflected Russian, by the stems its terms' forms share; Chinese with 的 in it.
        ("трансформеров", "transformer"),
        ("тонкой настройки", "fine-tuning"),
        ("больших языковых моделей", "large-language-model"),
        ("预训练的模型", "pre-trained-model"),
    ],
)
def test_shipped_search(page, shipped_site: Path, query: str, expected: str) -> None:
    open_page(page, shipped_site, "en/index.html")
    assert expected in [result["id"] for result in search(page, query)]


def test_a_query_typed_letter_by_letter_finds_what_the_whole_query_finds(
    page, shipped_site: Path
) -> None:
    # Each keystroke ranks only what the previous one matched; the results must not differ.
    open_page(page, shipped_site, "en/index.html")
    for query in ("diffusion models", "модель", "shengcheng", "GPT-4", "generation"):
        whole = search(page, query)
        page.fill("#_q", "")
        page.type("#_q", query)  # an input event per letter
        assert results(page) == whole, query
    # A shorter query than the last one searches everything again.
    search(page, "text generation")
    shorter = search(page, "text")
    open_page(page, shipped_site, "en/index.html")
    assert shorter == search(page, "text")


# Search: why a result matched, and what ranks first -------------------------------------------


def reasons(page) -> list[str]:
    """Each result's reason: what kind of text matched, and which."""
    return page.eval_on_selector_all(".result-why", "spans => spans.map(s => s.textContent)")


@pytest.mark.parametrize(
    ("ui", "query", "reason"),
    [
        ("en", "LLM", "Abbreviation LLM admitted"),
        ("en", "large language", "Term"),
        ("en", "dayuyan", "Pinyin 大语言模型 dà yǔyán móxíng"),
        ("zh-Hans", "dayuyan", "拼音 dà yǔyán móxíng"),
        ("en", "dyymx", "Pinyin initials 大语言模型 dà yǔyán móxíng"),
        ("en", "noising", "Definition"),
        ("ru", "диффузная", "Термин Диффузная модель нерекомендуемый"),
    ],
)
def test_search_says_why_a_result_matched(
    page, site: Path, ui: str, query: str, reason: str
) -> None:
    open_page(page, site, f"{ui}/index.html")
    search(page, query)
    assert reasons(page)[0] == reason


def test_pinyin_initials_find_a_chinese_term(page, site: Path) -> None:
    open_page(page, site, "zh-Hans/index.html")
    assert [r["id"] for r in search(page, "dyymx")] == ["llm"]
    assert [r["id"] for r in search(page, "DYY")] == ["llm"]  # a prefix, in any case
    assert search(page, "yymx") == []  # initials match from the first syllable only


def test_a_latin_query_equal_to_a_term_ranks_it_first(page, shipped_site: Path) -> None:
    # "GAN" is in the toneless pinyin of 情感分析 (qínggǎn fēnxī): found, but after GAN itself.
    open_page(page, shipped_site, "en/index.html")
    found = [r["id"] for r in search(page, "GAN")]
    assert found[0] == "generative-adversarial-network"
    assert "sentiment-analysis" in found
    assert reasons(page)[found.index("sentiment-analysis")].startswith("Pinyin ")


# The alignment view's options and address -----------------------------------------------------


def definitions_shown(page, row: str) -> list[bool]:
    return page.eval_on_selector_all(
        f"#{row} td .definition", "ps => ps.map(p => p.getClientRects().length > 0)"
    )


def test_alignment_definitions_toggle(page, site: Path, problems: Glossary) -> None:
    open_page(page, site, "en/alignment.html")
    assert definitions_shown(page, "llm") == [False, False, False]
    page.check("input[name=definitions]")
    assert definitions_shown(page, "llm") == [True, True, True]
    russian = problems.concept("llm").definitions["ru"]
    assert page.text_content("#llm td:nth-of-type(2) .definition") == russian
    assert page.evaluate("location.search") == "?definitions=1"
    page.uncheck("input[name=definitions]")
    assert definitions_shown(page, "llm") == [False, False, False]
    assert page.evaluate("location.search") == ""


def test_alignment_filters_are_kept_in_the_address(page, site: Path) -> None:
    open_page(page, site, "en/alignment.html#llm")
    page.check("input[name=problems]")
    page.select_option("select[name=missing]", "zh-Hans")
    page.check("input[name=definitions]")
    page.fill("input[name=q]", "диффузионная")
    page.wait_for_function("location.search.includes('q=')")
    address = page.url
    assert address.endswith(
        "/en/alignment.html?problems=1&definitions=1&missing=zh-Hans&q=%D0%B4%D0%B8%D1%84%D1%84"
        "%D1%83%D0%B7%D0%B8%D0%BE%D0%BD%D0%BD%D0%B0%D1%8F#llm"
    )
    # The address, shared, opens the same view.
    other = page.context.new_page()
    other.goto(address)
    other.wait_for_load_state("load")
    other.wait_for_function("document.getElementById('_rows').textContent.startsWith('Showing 1')")
    assert visible_rows(other) == ["diffusion-model"]
    assert other.is_checked("input[name=problems]") and other.is_checked("input[name=definitions]")
    assert other.input_value("input[name=q]") == "диффузионная"
    assert definitions_shown(other, "diffusion-model")[0]
    # Another language keeps the view.
    other.click(".switcher a[hreflang=ru]")
    other.wait_for_load_state("load")
    assert other.url.endswith("/ru/alignment.html" + address[address.index("?") :])
    assert other.text_content("#_rows") == "Показано 1 из 4 строк"


SHRUNK_SELECTS = """() => [...document.querySelectorAll('.filters select')].filter(select => {
    const copy = select.cloneNode(true);
    copy.style.cssText = 'position: absolute; visibility: hidden; max-width: none';
    document.body.append(copy);
    const natural = copy.getBoundingClientRect().width;
    copy.remove();
    const box = select.getBoundingClientRect();
    const fieldset = select.closest('fieldset');
    const style = getComputedStyle(fieldset);
    const left = fieldset.getBoundingClientRect().left + fieldset.clientLeft;
    const right = left + fieldset.clientWidth - parseFloat(style.paddingRight);
    const room = right - left - parseFloat(style.paddingLeft);
    return box.width + 0.5 < Math.min(natural, room) || box.right > right + 0.5;
}).map(select => select.name)"""
"""The filters' selects narrower than their own width while their fieldset has room for it, or
wider than the room in their fieldset."""


@pytest.mark.parametrize("ui", UI)
def test_no_filter_is_cut_short_on_a_narrow_screen(page, site: Path, ui: str) -> None:
    """On a phone a filter's label wraps; its select keeps its width and shows "(any row)"."""
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, site, f"{ui}/alignment.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.evaluate(SHRUNK_SELECTS) == []


def test_alignment_rows_are_cards_on_a_narrow_screen(page, site: Path) -> None:
    page.set_viewport_size({"width": 360, "height": 800})
    open_page(page, site, "ru/alignment.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing off-screen
    findings = page.locator("#diffusion-model td[data-label='Результаты проверок']")
    assert findings.is_visible()
    box = findings.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 360
    label = "getComputedStyle(document.querySelector('#llm td'), '::before').content"
    assert page.evaluate(label) == '"Английский"'
    page.check("input[name=problems]")  # a filtered-out card is hidden too
    assert page.locator("#llm").is_hidden()
