"""Concept maps: what each map shows, the SVG written from Graphviz's layout, and the maps in the
HTML site (links, labels, colours from the stylesheet)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from helpers import ROOT, drawn_and_explained, with_lone_domain
from termbase.model import Glossary
from termbase.render.common import concept_map, dotcache, graphviz
from termbase.render.common.concept_map import (
    Drawer,
    domain_map,
    glossary_map,
    local_map,
    svg,
    wrap,
)
from termbase.render.contract import BuildContext, RenderError
from termbase.render.html import render

UI = ("en", "ru", "zh-Hans")
SVG_NS = "http://www.w3.org/2000/svg"


def every_map(glossary: Glossary) -> list[concept_map.ConceptMap]:
    return [
        glossary_map(glossary),
        *(domain_map(glossary, d.id) for d in glossary.domains),
        *(local_map(glossary, c.id) for c in glossary.concepts),
    ]


def all_svg(glossary: Glossary) -> str:
    """Every map of the glossary in every language, as the site would draw them."""
    maps = [(m, lang) for lang in glossary.languages for m in every_map(glossary)]
    drawings = Drawer(glossary).draw(maps)
    return "\n".join(
        svg(d, href=lambda i: f"#{i}", ident=f"_map-{d.map.key}", title="t", description="d")
        for d in drawings
    )


@pytest.fixture(scope="module")
def site(shipped: Glossary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    for output in render(BuildContext(shipped, datetime(2026, 12, 2, tzinfo=UTC))):
        path = folder / output.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(output.data)
    return folder / "html"


def maps_in(page: Path) -> list[lxml_html.HtmlElement]:
    return lxml_html.parse(str(page)).getroot().xpath("//svg[@role='group']")


def node_label(node: lxml_html.HtmlElement) -> str:
    """A node's label as the reader sees it: its lines joined."""
    return re.sub(r"\s+", " ", "".join(node.xpath(".//text")[0].itertext())).strip()


# What the maps show ----------------------------------------------------------------------------


def test_every_concept_is_on_its_own_map_and_on_or_under_an_overview(shipped: Glossary) -> None:
    """On an overview that is drawn, or named under it for want of a line there."""
    overviews = [glossary_map(shipped), *(domain_map(shipped, d.id) for d in shipped.domains)]
    on_overviews = {i for m in overviews if m.drawn for i in (*m.concept_ids, *m.alone)}
    assert on_overviews == {c.id for c in shipped.concepts}
    for overview in overviews:
        ends = {end for edge in overview.edges for end in edge[:2]}
        assert ends == set(overview.concept_ids), overview.key  # no lone box
    for concept in shipped.concepts:
        own = local_map(shipped, concept.id)
        assert own.focus == concept.id and concept.id in own.concept_ids


def test_a_local_map_shows_broader_narrower_instances_and_related(shipped: Glossary) -> None:
    llm = shipped.concept("large-language-model")
    edges = {(a, b): r for a, b, r in local_map(shipped, llm.id).edges}
    for broader in llm.broader:
        assert edges[broader, llm.id] == "generic"
    for narrower in shipped.narrower(llm.id):
        assert edges[llm.id, narrower] == "generic"
    for example in llm.examples:
        assert edges[llm.id, example] == "instance"
    for related in set(llm.related) - set(shipped.narrower(llm.id)) - set(llm.broader):
        assert edges[llm.id, related] == "related"
    gpt4 = local_map(shipped, "gpt-4")
    assert {(a, r) for a, b, r in gpt4.edges if b == "gpt-4"} >= {
        (kind, "instance") for kind in shipped.concept("gpt-4").instance_of
    }


def test_a_domain_map_keeps_named_models_to_their_own_domain(shipped: Glossary) -> None:
    generative = domain_map(shipped, "generative-models")
    kinds = {shipped.concept(i).kind for i in generative.concept_ids}
    assert str(kinds.pop()) == "concept" and not kinds
    named = domain_map(shipped, "named-models")
    assert {"gpt-4", "large-language-model"} <= set(named.concept_ids)
    assert all(r != "related" for *_, r in named.edges)


def test_the_named_models_map_draws_each_model_under_its_main_kind(shipped: Glossary) -> None:
    """One line per model, from the first of its kinds: GPT-4 is of six kinds, and six long
    lines per model made the map a tangle. Its other kinds are in its entry."""
    named = domain_map(shipped, "named-models")
    models = [c for c in shipped.in_domain("named-models") if c.instance_of]
    lines = {(upper, lower, relation) for upper, lower, relation in named.edges}
    assert lines == {(m.instance_of[0], m.id, "main-kind") for m in models}
    assert len(shipped.concept("gpt-4").instance_of) > 1


def test_a_legend_names_what_its_map_draws_and_no_more(shipped: Glossary) -> None:
    named = domain_map(shipped, "named-models")
    words = shipped.instances
    assert [key.classes for key in concept_map.legend("en", words, named)] == [
        "main-kind",
        "instance",
        "concept elsewhere",
    ]
    overview = glossary_map(shipped)
    assert [k.classes for k in concept_map.legend("en", words, overview)] == ["generic", "concept"]
    assert "related" not in concept_map.description("en", words, overview)
    own = local_map(shipped, "large-language-model")
    drawn = {k.classes for k in concept_map.legend("en", words, own)}
    assert {"generic", "instance", "related"} <= drawn


def test_lone_concepts_are_named_under_the_map_and_a_map_of_lone_boxes_is_not_drawn(
    shipped: Glossary,
) -> None:
    general = domain_map(shipped, "ai-models")
    assert "inference" in general.alone and "inference" not in general.concept_ids
    assert general.left_out(shipped, "en") == (
        "Not on the map (no broader or narrower concept here): inference, modality, "
        "model parameter, token."
    )
    assert general.left_out(shipped, "zh-Hans").count("、") == 3
    lonely = with_lone_domain(shipped)
    alone = domain_map(lonely, "lonely")
    assert not alone.drawn and (alone.concept_ids, alone.alone) == ((), ("lonely-one",))
    assert "lonely-one" in glossary_map(lonely).alone


def test_the_shipped_overviews_show_every_concept(shipped: Glossary) -> None:
    for overview in [glossary_map(shipped), *(domain_map(shipped, d.id) for d in shipped.domains)]:
        assert overview.total == len(overview.concept_ids) and overview.note("en") is None


def test_a_large_overview_shows_the_upper_levels_of_its_tree() -> None:
    """A tree of 1 top concept, 10 below it and 20 below each of those (211 concepts): the
    cut keeps the top, its 10 and the first of the lowest level, and says what it left out."""
    middle = [f"m{i:02}" for i in range(10)]
    leaves = [f"{m}-{j:02}" for m in middle for j in range(20)]
    edges = [("top", m, "generic") for m in middle]
    edges += [(leaf[:3], leaf, "generic") for leaf in leaves]
    ids = sorted(["top", *middle, *leaves])
    kept = concept_map.upper_levels(ids, edges, concept_map.OVERVIEW_LIMIT)
    assert len(kept) == concept_map.OVERVIEW_LIMIT and kept == sorted(kept)
    assert {"top", *middle} <= set(kept)
    cut = concept_map.ConceptMap("x", tuple(kept), (), overview=True, total=len(ids))
    assert cut.note("en") == (
        "It shows the upper levels of the tree: 150 of 211 concepts; each concept's own map "
        "shows its narrower concepts."
    )
    assert cut.note("ru").startswith(
        "Показаны верхние уровни дерева: 150 из 211 понятий;"
    )  # 211: "many"
    assert "共 211 个概念，显示 150 个" in cut.note("zh-Hans")


def test_the_overviews_are_cut_past_the_limit(
    shipped: Glossary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole glossary's map and a domain's keep at most OVERVIEW_LIMIT concepts (their
    edges only between those), the top concepts first, and say what they leave out."""
    monkeypatch.setattr(concept_map, "OVERVIEW_LIMIT", 5)
    for overview in (glossary_map(shipped), domain_map(shipped, "generative-models")):
        assert len(overview.concept_ids) == 5 < overview.total, overview.key
        assert {end for edge in overview.edges for end in edge[:2]} <= set(overview.concept_ids)
        assert overview.note("en") is not None
    assert "artificial-intelligence" in glossary_map(shipped).concept_ids


def test_among_concepts_of_one_level_those_with_most_below_are_kept_first() -> None:
    edges = [("a", "a1", "generic"), ("b", "b1", "generic"), ("b", "b2", "generic")]
    assert concept_map.upper_levels(["a", "a1", "b", "b1", "b2", "c"], edges, 2) == ["a", "b"]
    assert concept_map.upper_levels(["a", "a1", "b", "b1", "b2", "c"], edges, 3) == [
        "a", "b", "c"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "lang", "lines"),
    [
        ("large language model", "en", ("large language model",)),
        ("multimodal large language model", "en", ("multimodal large", "language model")),
        ("самоконтролируемое обучение", "ru", ("самоконтролируемое", "обучение")),
        ("基于人类反馈的强化学习", "zh-Hans", ("基于人类反馈", "的强化学习")),
        ("Midjourney", "zh-Hans", ("Midjourney",)),  # a Latin name is never cut
        ("Stable Diffusion", "zh-Hans", ("Stable", "Diffusion")),
    ],
)
def test_labels_wrap_into_even_lines(text: str, lang: str, lines: tuple[str, ...]) -> None:
    assert wrap(text, lang) == lines


# Graphviz --------------------------------------------------------------------------------------


def test_dot_runs_a_process_per_core_not_per_map(
    shipped: Glossary, monkeypatch: pytest.MonkeyPatch, fresh_dot_cache: Path
) -> None:
    calls: list[int] = []
    run = subprocess.run

    def counted(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(1)
        return run(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(graphviz.subprocess, "run", counted)
    maps = [(m, lang) for lang in shipped.languages for m in every_map(shipped)]
    assert len(Drawer(shipped).draw(maps)) == len(maps) > 300
    # two rounds (the overviews' other languages wait for the orientation chosen in the first),
    # at most a process per core in each
    assert 1 <= len(calls) <= 2 * (os.cpu_count() or 1)


def test_without_dot_the_build_says_what_to_install(
    mini: Glossary, monkeypatch: pytest.MonkeyPatch, fresh_dot_cache: Path
) -> None:
    monkeypatch.setattr(graphviz, "DOT", "no-such-dot-program")
    with pytest.raises(RenderError, match=r"Graphviz's dot is not installed.*graphviz"):
        Drawer(mini).draw([(local_map(mini, "llm"), "en")])


def test_a_map_laid_out_by_an_earlier_build_runs_no_dot(
    mini: Glossary, monkeypatch: pytest.MonkeyPatch, fresh_dot_cache: Path
) -> None:
    maps = [(local_map(mini, c.id), "en") for c in mini.concepts]
    first = Drawer(mini).draw(maps)
    assert len(list(fresh_dot_cache.glob("*.plain"))) == len(maps)
    monkeypatch.setattr(dotcache, "_kept", {})  # another process: the files only
    monkeypatch.setattr(graphviz, "_run_dot", lambda sources: sources and pytest.fail("dot ran"))
    assert Drawer(mini).draw(maps) == first


def test_a_damaged_layout_on_disk_is_laid_out_again(
    mini: Glossary, monkeypatch: pytest.MonkeyPatch, fresh_dot_cache: Path
) -> None:
    maps = [(local_map(mini, "llm"), "en")]
    first = Drawer(mini).draw(maps)
    [kept] = fresh_dot_cache.glob("*.plain")
    kept.write_text(kept.read_text()[:40])  # cut short, as by a full disk
    monkeypatch.setattr(dotcache, "_kept", {})
    assert Drawer(mini).draw(maps) == first
    assert kept.read_text().endswith("stop\n")


def test_an_empty_termbase_cache_keeps_no_layout_on_disk(
    mini: Glossary, monkeypatch: pytest.MonkeyPatch, fresh_dot_cache: Path
) -> None:
    monkeypatch.setenv("TERMBASE_CACHE", "")
    Drawer(mini).draw([(local_map(mini, "llm"), "en")])
    assert not fresh_dot_cache.exists()


# The SVG ---------------------------------------------------------------------------------------


def test_the_svg_is_well_formed_text_with_a_title_and_a_description(shipped: Glossary) -> None:
    maps = [(m, "zh-Hans") for m in every_map(shipped)]
    for drawing in Drawer(shipped).draw(maps):
        markup = svg(
            drawing,
            href=lambda i: f"index.html#{i}",
            ident="_m",
            title="概念图",
            description="说明",
            standalone=True,
        )
        root = etree.fromstring(str(markup).encode())
        assert root.tag == f"{{{SVG_NS}}}svg"
        assert [child.tag for child in root[:2]] == [f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}desc"]
        texts = ["".join(t.itertext()) for t in root.findall(f".//{{{SVG_NS}}}text")]
        terms = [shipped.concept(i).preferred("zh-Hans") for i in drawing.nodes]
        assert texts == [term.text for term in terms if term]
        assert not root.xpath("//comment()") and "raphviz" not in markup


def test_the_same_glossary_gives_the_same_svg_in_another_process(shipped: Glossary) -> None:
    script = (
        "import hashlib, sys; from pathlib import Path; sys.path.insert(0, 'tests');"
        "from test_concept_map import all_svg; from termbase.load import load_glossary;"
        "print(hashlib.sha256(all_svg(load_glossary(Path('glossary'))).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    }
    assert digests == {hashlib.sha256(all_svg(shipped).encode()).hexdigest()}


# In the site -----------------------------------------------------------------------------------


@pytest.mark.parametrize("ui", UI)
def test_every_node_links_to_an_entry(site: Path, shipped: Glossary, ui: str) -> None:
    ids = set(lxml_html.parse(str(site / ui / "index.html")).getroot().xpath("//article/@id"))
    assert ids == {c.id for c in shipped.concepts}
    for page, prefix in (("index.html", "#"), ("map.html", "index.html#")):
        maps = maps_in(site / ui / page)
        assert maps
        for drawn in maps:
            for href in drawn.xpath(".//a/@href"):
                assert href.startswith(prefix) and href.removeprefix(prefix) in ids, (page, href)


@pytest.mark.parametrize("ui", UI)
def test_labels_are_the_preferred_terms_of_the_page_language(
    site: Path, shipped: Glossary, ui: str
) -> None:
    shown: set[str] = set()
    for drawn in maps_in(site / ui / "index.html"):
        for node in drawn.xpath(".//a"):
            concept = shipped.concept(node.get("href").removeprefix("#"))
            preferred = concept.preferred(ui)
            assert preferred is not None
            assert node_label(node) == preferred.text
            shown.add(concept.id)
    assert shown == {c.id for c in shipped.concepts}
    nav = lxml_html.parse(str(site / ui / "map.html")).getroot().xpath("//nav[@class='pages']")
    assert {"en": "Map", "ru": "Карта", "zh-Hans": "概念图"}[ui] in nav[0].text_content()


def test_the_map_page_has_every_overview_with_a_line(site: Path, shipped: Glossary) -> None:
    maps = maps_in(site / "en" / "map.html")
    domains = [d for d in shipped.domains if domain_map(shipped, d.id).drawn]
    assert len(maps) == 1 + len(domains)
    titles = [m.xpath("./title")[0].text for m in maps]
    assert titles[0] == "Concept map: The whole glossary"
    assert titles[1:] == [f"Concept map: {d.names['en']}" for d in domains]


@pytest.mark.parametrize("ui", ["en", "ru", "zh-Hans"])
def test_each_map_of_the_map_page_explains_every_line_and_box_it_draws(site: Path, ui: str) -> None:
    root = lxml_html.parse(str(site / ui / "map.html")).getroot()
    sections = root.xpath("//section[@class='overview']")
    assert sections
    for section in sections:
        drawn, explained = drawn_and_explained(section)
        assert drawn == explained, section.get("id")


def test_maps_take_their_colours_from_the_stylesheet(page, site: Path) -> None:
    """Dark mode: the boxes take the page's background, the labels its link colour."""
    seen = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto((site / "en" / "map.html").as_uri())
        seen[scheme] = page.evaluate(
            """() => {
              const node = document.querySelector('.map .nodes a');
              const css = (el, p) => getComputedStyle(el).getPropertyValue(p);
              const root = document.documentElement;
              return [css(node.querySelector('rect'), 'fill'), css(root, 'background-color'),
                      css(node.querySelector('text'), 'fill'), css(node, 'color'),
                      css(document.querySelector('.map .edges path'), 'stroke')];
            }"""
        )
        box, background, text, link, line = seen[scheme]
        assert box == background and text == link and line != text
    assert seen["light"] != seen["dark"]
