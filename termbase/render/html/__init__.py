"""The HTML site: for each UI language the glossary by domain, an index in dictionary order and
an alignment view for translators, with search over all three languages that works offline.

    html/index.html                the choice of language
    html/<lang>/index.html         the glossary by domain; `#<concept id>` is a concept's permalink
    html/<lang>/terms.html         every term of <lang> in dictionary order, under its initial
    html/<lang>/map.html           the concept maps of the whole glossary and of each domain
    html/<lang>/alignment.html     one row per concept with the findings of `termbase.checks`
    html/assets/style.css, site.js copied from templates/html/
    html/assets/search-data.js     see `termbase.render.html.search_index`

Everything a template shows is prepared here, once for all languages where it can be (the
site must stay quick to build at 10,000 concepts); templates only lay it out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from termbase import labels
from termbase.collation import ranks
from termbase.findings import Finding, Severity
from termbase.i18n import N_, NP_, SOURCE_LANGUAGE, gettext, has_catalog, ngettext, plural_forms
from termbase.i18n import language_name as _language_name
from termbase.languages import ENGLISH, NO_LINGUISTIC_CONTENT, PINYIN, SEARCH_RULES, is_chinese
from termbase.model import Concept, CorpusSource, Glossary, Kind, Status, TermType
from termbase.render.common import concept_map, faces
from termbase.render.common.index import index_letters
from termbase.render.common.views import (
    CitationLink,
    ContrastView,
    Link,
    Relation,
    TermView,
    Text,
    citation_links,
    concept_name,
    contrasts,
)
from termbase.render.contract import BuildContext, Job, Output, one_job
from termbase.render.html import search_index
from termbase.templating import environment

FOLDER = PurePosixPath("html")
STYLESHEET = "style.css"
ASSETS = (STYLESHEET, "site.js")
PAGES = {
    "glossary": "index.html",
    "terms": "terms.html",
    "map": "map.html",
    "alignment": "alignment.html",
}
PAGE_NAMES = {
    "glossary": N_("Glossary"),
    "terms": labels.FIELDS["index"],
    "map": N_("Map"),
    "alignment": N_("Alignment view"),
}
NARROWER = NP_("Narrower concept", "Narrower concepts")
SEVERITIES = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("note"),
}
SEVERITY_COUNTS = {
    Severity.ERROR: NP_("%(num)d error", "%(num)d errors"),
    Severity.WARNING: NP_("%(num)d warning", "%(num)d warnings"),
    Severity.INFO: NP_("%(num)d note", "%(num)d notes"),
}
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
ROWS_SHOWN = NP_("Showing %(num)d of %(total)d row", "Showing %(num)d of %(total)d rows")
MAX_RESULTS = 50
RESULTS_CUT = NP_(
    "Only the first %(num)d is listed: type more to narrow the search.",
    "Only the first %(num)d are listed: type more to narrow the search.",
)
NO_RESULTS = N_("Nothing found.")
REASONS: dict[str, str | tuple[str, str]] = {
    "term": labels.FIELDS["term"],
    "abbreviation": labels.COUNTED["abbreviation"],  # found by one: the singular
    "pinyin": labels.FIELDS["pinyin"],
    "initials": N_("Pinyin initials"),
    "terms": labels.FIELDS["terms"],
    "definition": labels.FIELDS["definition"],
    "words": N_("Terms and definitions"),
}
"""What a search result was found by, as the script names it (`how` in site.js)."""
LOAD_FAILED = N_("The search index could not be loaded.")
CHECKS_LANG = ENGLISH
"""The language of the checks' codes (`extra-space`), which are names, not words."""


@dataclass(frozen=True, slots=True)
class LanguageBlock:
    """One language of a concept: its terms (preferred first), definition and note."""

    lang: str
    terms: tuple[TermView, ...]
    definition: str | None
    note: str | None
    flagged: bool
    """A finding points into this language (the alignment view marks the cell)."""
    contrasts: tuple[ContrastView, ...] = ()
    """Concepts not to be confused with this one, named and told apart in this language."""

    @property
    def preferred(self) -> TermView | None:
        return next((t for t in self.terms if t.status is Status.PREFERRED), None)

    @property
    def variants(self) -> tuple[TermView, ...]:
        return tuple(t for t in self.terms if t.status is not Status.PREFERRED)

    @property
    def missing(self) -> bool:
        return self.preferred is None or self.definition is None

    @property
    def own(self) -> bool:
        """The preferred term is the glossary's own rendering: neither a source note nor the
        usage corpus has it."""
        return self.preferred is not None and self.preferred.own

    @property
    def unattested(self) -> bool:
        """The preferred term was counted in the usage corpus and found nowhere."""
        return self.preferred is not None and self.preferred.unattested

    @property
    def less_used(self) -> bool:
        """A variant is used more than the preferred term (both counted)."""
        uses = self.preferred.uses if self.preferred else None
        return uses is not None and any((v.uses or 0) > uses for v in self.variants)


@dataclass(frozen=True, slots=True)
class SourceLines:
    """A source note the concept's terms occur in, with their lines there."""

    path: str
    lines: str


@dataclass(frozen=True, slots=True)
class ConceptFacts:
    """What every UI language shows of a concept."""

    concept: Concept
    languages: tuple[LanguageBlock, ...]
    sources: tuple[SourceLines, ...]
    """Where its terms occur in the source notes: each file once, with its lines."""
    entry: str
    """Where its entry is: `glossary/concepts/llm.yaml:1`."""
    findings: tuple[Finding, ...]
    """Worst first."""

    @property
    def severity(self) -> str:
        return str(self.findings[0].severity) if self.findings else ""

    @property
    def codes(self) -> str:
        return " ".join(sorted({f.code for f in self.findings}))

    def _languages(self, which: Callable[[LanguageBlock], bool]) -> str:
        """The languages of the blocks `which` picks, as the alignment view's filters read
        them (`ru zh-Hans`)."""
        return " ".join(block.lang for block in self.languages if which(block))

    @property
    def missing(self) -> str:
        return self._languages(lambda block: block.missing)

    @property
    def own(self) -> str:
        """The languages whose preferred term is the glossary's own rendering."""
        return self._languages(lambda block: block.own)

    @property
    def unattested(self) -> str:
        """The languages whose preferred term the usage corpus does not have."""
        return self._languages(lambda block: block.unattested)

    @property
    def less_used(self) -> str:
        """The languages whose preferred term is used less than one of its variants."""
        return self._languages(lambda block: block.less_used)


@dataclass(frozen=True, slots=True)
class ConceptView:
    """A concept in one UI language."""

    facts: ConceptFacts
    name: Text
    domain: Text
    relations: tuple[Relation, ...]
    map: Markup
    """Its concept map: itself among its neighbours."""

    @property
    def concept(self) -> Concept:
        return self.facts.concept


@dataclass(frozen=True, slots=True)
class DomainView:
    anchor: str
    name: Text
    concepts: tuple[ConceptView, ...]


@dataclass(frozen=True, slots=True)
class MapView:
    """An overview map on the Map page: the whole glossary's or a domain's."""

    anchor: str
    name: Text
    count: int
    """Its concepts, those of other domains included."""
    svg: Markup
    legend: tuple[concept_map.Key, ...]
    """Its lines and boxes, drawn as on the map, with what they mean."""
    notes: tuple[str | None, ...]
    """What it leaves out, if anything: the concepts without a line, a cut tree's lower
    levels."""


@dataclass(frozen=True, slots=True)
class PageLink:
    name: str
    href: str
    current: bool
    lang: str = ""


# The site -----------------------------------------------------------------------------------


def jobs(context: BuildContext, only: frozenset[str] = frozenset()) -> list[Job]:
    """One job: the format is made in one piece."""
    return one_job("html", context, render)


def render(context: BuildContext) -> Iterator[Output]:
    facts = Facts(context.glossary, context.findings)
    maps = Maps(context.glossary)
    yield _output("index.html", _choose_page(context))
    for ui in ui_languages(context.glossary):
        site = Site(context, facts, maps, ui)
        for page in PAGES:
            yield _output(f"{ui}/{PAGES[page]}", site.page(page))
    for asset in ASSETS:
        data = (context.templates / "html" / asset).read_bytes()
        if asset == STYLESHEET:
            data += _face_rules(context.glossary).encode()
        yield _output(f"assets/{asset}", data)
    yield _output(str(search_index.PATH), search_index.script(context.glossary, facts.orders))


def _output(path: str, data: bytes) -> Output:
    return Output(FOLDER / path, data)


def _face_rules(glossary: Glossary) -> str:
    """The stylesheet's last rules: each glossary language in its face (the maps' labels too)."""
    rules = faces.rules(glossary.languages, system=True, extra=".map .nodes text:lang({lang})")
    return f"\n/* The faces of this glossary's languages (render/common/faces.py). */\n{rules}\n"


def ui_languages(glossary: Glossary) -> tuple[str, ...]:
    """The glossary's languages that the UI speaks (English, and those with catalogs); English
    alone when it speaks none of them."""
    return tuple(lang for lang in glossary.languages if has_catalog(lang)) or (SOURCE_LANGUAGE,)


def _choose_page(context: BuildContext) -> bytes:
    glossary = context.glossary
    choices = [
        (lang, autonym(lang), localized(glossary.title, lang, glossary.languages))
        for lang in ui_languages(glossary)
    ]
    template = environment(SOURCE_LANGUAGE, context.templates).get_template("html/choose.html")
    title = localized(glossary.title, SOURCE_LANGUAGE, glossary.languages)
    return template.render(title=title, choices=choices).encode()


def autonym(lang: str) -> str:
    """A language's name in itself, capitalised as in a menu: English, Русский, 中文."""
    return _capitalised(_language_name(lang, lang))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def localized(texts: Mapping[str, str], ui: str, languages: Sequence[str]) -> Text:
    """`texts` in the UI language, else in the first glossary language that has it."""
    for lang in (ui, *languages):
        if lang in texts:
            return Text(texts[lang], lang)
    return Text("", NO_LINGUISTIC_CONTENT)


class Facts:
    """What the pages of every UI language share, computed once."""

    def __init__(self, glossary: Glossary, findings: Sequence[Finding]) -> None:
        self.glossary = glossary
        self.findings = _findings_by_concept(findings)
        self.orders = {lang: ranks(glossary.concepts, lang) for lang in glossary.languages}
        self.concepts = {c.id: self._concept(c) for c in glossary.concepts}

    def _concept(self, concept: Concept) -> ConceptFacts:
        findings = tuple(self.findings.get(concept.id, ()))
        flagged = {f.lang for f in findings if not f.missing}
        return ConceptFacts(
            concept=concept,
            languages=tuple(
                LanguageBlock(
                    lang=lang,
                    terms=tuple(TermView.of(t) for t in concept.terms_in(lang)),
                    definition=concept.definitions.get(lang),
                    note=concept.notes.get(lang),
                    flagged=lang in flagged,
                    contrasts=contrasts(self.glossary, concept, lang),
                )
                for lang in self.glossary.languages
            ),
            sources=_sources(concept),
            entry=f"{concept.location.path}:{concept.location.line}",
            findings=findings,
        )

    def in_order(self, concepts: Iterable[Concept], lang: str) -> list[Concept]:
        """Concepts in dictionary order of their preferred terms in `lang`."""
        order = self.orders[lang]
        return sorted(concepts, key=lambda c: order[c.id])


class Maps:
    """Every concept map of the site, laid out at once in every UI language (`dot` is started
    once per core, not once per map)."""

    def __init__(self, glossary: Glossary) -> None:
        domains = [d.id for d in glossary.domains if glossary.in_domain(d.id)]
        overviews = (
            concept_map.glossary_map(glossary),
            *(concept_map.domain_map(glossary, d) for d in domains),
        )
        self.overviews = tuple(m for m in overviews if m.drawn)
        local = [concept_map.local_map(glossary, c.id) for c in glossary.concepts]
        wanted = [(m, ui) for ui in ui_languages(glossary) for m in (*self.overviews, *local)]
        drawings = concept_map.Drawer(glossary).draw(wanted)
        self.drawings = {(d.map.key, d.lang): d for d in drawings}

    def local(self, concept_id: str, ui: str) -> concept_map.Drawing:
        return self.drawings[f"concept-{concept_id}", ui]


class Site:
    """The pages of one UI language."""

    def __init__(self, context: BuildContext, facts: Facts, maps: Maps, ui: str) -> None:
        self.context = context
        self.glossary = context.glossary
        self.facts = facts
        self.maps = maps
        self.ui = ui
        self.env = environment(ui, context.templates)
        self.names = {c.id: self._name(c) for c in self.glossary.concepts}
        self.domain_names = {
            d.id: localized(d.names, ui, self.glossary.languages) for d in self.glossary.domains
        }
        self.views = {c.id: self._view(c) for c in self.glossary.concepts}

    def _(self, message: str) -> str:
        return gettext(self.ui, message)

    def _finding_text(self, finding: Finding) -> str:
        """A finding's message in the UI language (the checks' messages are in the catalogs)."""
        return finding.translated(self._)

    def page(self, key: str) -> bytes:
        template = self.env.get_template(f"html/{key}.html")
        return template.render(self._common(key), **getattr(self, f"_{key}_data")()).encode()

    def _common(self, key: str) -> dict[str, object]:
        """What every page shows, and the words its templates look up."""
        glossary = self.glossary
        return {
            "page": key,
            "page_name": self._(PAGE_NAMES[key]),
            "title": localized(glossary.title, self.ui, glossary.languages),
            "description": localized(glossary.description, self.ui, glossary.languages),
            "build_date": self.context.build_date.date(),
            "nav": [PageLink(self._(PAGE_NAMES[k]), PAGES[k], k == key) for k in PAGES],
            "switcher": [
                PageLink(autonym(lang), f"../{lang}/{PAGES[key]}", lang == self.ui, lang)
                for lang in ui_languages(glossary)
            ],
            "script_strings": self._script_strings(),
            "pinyin_lang": PINYIN,
            "has_pinyin": any(is_chinese(lang) for lang in glossary.languages),
            "checks_lang": CHECKS_LANG,
            "finding_text": self._finding_text,
            "language_names": {
                lang: _capitalised(_language_name(lang, self.ui)) for lang in glossary.languages
            },
            "statuses": {s: labels.status_label(self.ui, s) for s in Status},
            "types": {
                t: labels.term_type_label(self.ui, t)
                for t in TermType
                if t is not TermType.FULL_FORM
            },
            "kinds": {k: labels.kind_label(self.ui, k, glossary.instances) for k in Kind},
            "severities": {str(s): self._(SEVERITIES[s]) for s in Severity},
            "in_use": self._in_use,
            "citations": self._citations,
            "corpus": self._corpus_sources(),
        }

    def _in_use(self, view: TermView) -> str:
        """A term's evidence of use, in the UI language ('' where it was not counted)."""
        return labels.in_use(self.ui, view.evidence) if view.evidence else ""

    def _citations(self, view: TermView) -> tuple[CitationLink, ...]:
        return citation_links(self.glossary, view.evidence)

    def _corpus_sources(self) -> tuple[CorpusSource, ...]:
        """The corpora the evidence was counted in, when there is evidence to show."""
        counted = any(t.evidence is not None for c in self.glossary.concepts for t in c.terms)
        return self.glossary.corpus.sources if counted else ()

    def _script_strings(self) -> str:
        """The UI strings the script shows, as JSON (plural forms keyed by CLDR category)."""
        strings = {
            "lang": self.ui,
            "languages": list(self.glossary.languages),
            "data": f"../{search_index.PATH}",
            "max": MAX_RESULTS,
            "noResults": self._(NO_RESULTS),
            "loadFailed": self._(LOAD_FAILED),
            "cut": ngettext(self.ui, RESULTS_CUT, MAX_RESULTS) % {"num": MAX_RESULTS},
            "results": plural_forms(self.ui, labels.COUNTS["concepts"]),
            "rows": plural_forms(self.ui, ROWS_SHOWN),
            "statuses": {
                search_index.STATUS_CODES[s]: labels.status_label(self.ui, s) for s in Status
            },
            "pinyinLang": PINYIN,
            "reasons": {how: self._reason(message) for how, message in REASONS.items()},
            "english": SEARCH_RULES,
        }
        # Inside <script>, "</" would end the element: keep "<" escaped.
        return json.dumps(strings, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")

    # Concepts

    def _name(self, concept: Concept) -> Text:
        return concept_name(concept, (self.ui, *self.glossary.languages))

    def _view(self, concept: Concept) -> ConceptView:
        relations = self._relations(concept)
        return ConceptView(
            facts=self.facts.concepts[concept.id],
            name=self.names[concept.id],
            domain=self.domain_names[concept.domain],
            relations=relations,
            map=self._local_map(concept, relations),
        )

    def _local_map(self, concept: Concept, relations: tuple[Relation, ...]) -> Markup:
        """The concept's map; its description names what it shows, as the list above it."""
        shown = "; ".join(
            f"{r.label}: {', '.join(link.name.text for link in r.links)}" for r in relations
        )
        drawing = self.maps.local(concept.id, self.ui)
        return concept_map.svg(
            drawing,
            href=lambda i: f"#{i}",
            ident=f"_map-{concept.id}",
            title=concept_map.title(self.ui, self.names[concept.id].text),
            description=(
                f"{shown}. {concept_map.description(self.ui, self.glossary.instances, drawing.map)}"
            ),
        )

    def _relations(self, concept: Concept) -> tuple[Relation, ...]:
        groups = {
            "broader": concept.broader,
            "narrower": self.glossary.narrower(concept.id),
            "related": concept.related,
            "instance_of": concept.instance_of,
            "examples": concept.examples,
        }
        order = self.facts.orders[self.ui]
        return tuple(
            Relation(
                self._relation_label(key, len(ids)),
                tuple(Link(i, self.names[i]) for i in sorted(ids, key=order.__getitem__)),
            )
            for key, ids in groups.items()
            if ids
        )

    def _reason(self, message: str | tuple[str, str]) -> str:
        return self._(message) if isinstance(message, str) else ngettext(self.ui, message, 1)

    def _relation_label(self, key: str, count: int) -> str:
        """The label of a list of related concepts, in the plural form for its length."""
        if key == "narrower":
            return ngettext(self.ui, NARROWER, count)
        return labels.label(self.ui, key, count)

    def _in_glossary_order(self) -> Iterator[tuple[str, list[Concept]]]:
        """Each domain's id and its concepts in dictionary order of the UI language."""
        for domain in self.glossary.domains:
            yield domain.id, self.facts.in_order(self.glossary.in_domain(domain.id), self.ui)

    # Pages

    def _glossary_data(self) -> dict[str, object]:
        domains = [
            DomainView(
                f"_domain-{domain_id}",
                self.domain_names[domain_id],
                tuple(self.views[c.id] for c in concepts),
            )
            for domain_id, concepts in self._in_glossary_order()
        ]
        return {
            "domains": [d for d in domains if d.concepts],
            "total": len(self.glossary.concepts),
        }

    def _terms_data(self) -> dict[str, object]:
        return {"letters": index_letters(self.glossary, self.ui), "names": self.names}

    def _map_data(self) -> dict[str, object]:
        views = []
        for overview in self.maps.overviews:
            drawing = self.maps.drawings[overview.key, self.ui]
            name = (
                self.domain_names[overview.domain]
                if overview.domain
                else Text(self._(concept_map.WHOLE), self.ui)
            )
            svg = concept_map.svg(
                drawing,
                href=lambda i: f"index.html#{i}",
                ident=f"_map-{overview.key}",
                title=concept_map.title(self.ui, name.text),
                description=concept_map.description(self.ui, self.glossary.instances, overview),
            )
            notes = (overview.left_out(self.glossary, self.ui), overview.note(self.ui))
            legend = concept_map.legend(self.ui, self.glossary.instances, overview)
            view = MapView(f"_{overview.key}", name, overview.total, svg, legend, notes)
            views.append(view)
        return {"maps": views}

    def _alignment_data(self) -> dict[str, object]:
        rows = [self.views[c.id] for _, concepts in self._in_glossary_order() for c in concepts]
        every = [f for group in self.facts.findings.values() for f in group]
        counts = [
            (str(s), ngettext(self.ui, SEVERITY_COUNTS[s], n) % {"num": n})
            for s in Severity
            if (n := sum(f.severity is s for f in every))
        ]
        return {
            "rows": rows,
            "counts": counts,
            "general": self.facts.findings.get(None, []),
            "codes": sorted({f.code for f in every}),
            "domains": [(d.id, self.domain_names[d.id]) for d in self.glossary.domains],
            "rows_shown": ngettext(self.ui, ROWS_SHOWN, len(rows))
            % {"num": len(rows), "total": len(rows)},
        }


# Helpers --------------------------------------------------------------------------------------


def _findings_by_concept(findings: Sequence[Finding]) -> dict[str | None, list[Finding]]:
    """Findings per concept id (None: about the whole glossary), worst first."""
    grouped: dict[str | None, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f)):
        grouped.setdefault(finding.concept, []).append(finding)
    return grouped


def _sources(concept: Concept) -> tuple[SourceLines, ...]:
    lines: dict[str, set[int]] = {}
    for term in concept.terms:
        for place in term.sources:
            lines.setdefault(place.path, set()).add(place.line)
    return tuple(SourceLines(path, ", ".join(map(str, sorted(ls)))) for path, ls in lines.items())
