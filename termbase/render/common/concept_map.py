"""Concept maps, shared by the HTML site and the PDF reference: what a map shows, and its SVG.

Three kinds of map: a concept's own (its broader and narrower concepts, the kinds it is an
instance of or its instances, and its related concepts), a domain's (its concepts and the
links between them, with the concepts they lead to in other domains), and the whole glossary's
(every concept, broader and narrower, kinds and their examples). An overview (a domain's or the
glossary's map) draws the tree: broader and narrower concepts, and each instance under its
main kind; a concept with no line there is named below the map instead of standing in it as a
lone box, and a map with no line at all is not drawn. Its legend names what it draws, no more.

Graphviz lays them out (`graphviz.lay_out`, every map of a build in a few `dot` processes); the
SVG is written here: labels as text, in the font dot measured them with, every node a link to
its concept, a `<title>` and `<desc>`, and no colour of its own: lines and boxes are drawn in
`currentColor` and their classes let the page's stylesheet colour them (dark mode too). The
same glossary gives the same bytes: nodes are named by their place in the map, never by dot.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Literal

from markupsafe import Markup

from termbase.collation import ranks
from termbase.i18n import N_, NP_, gettext, ngettext
from termbase.labels import instance_words
from termbase.languages import face, has_han, is_cjk, list_comma
from termbase.model import Glossary, InstanceWords, Kind
from termbase.render.common import graphviz
from termbase.render.common.views import Text, concept_name

Relation = Literal["generic", "instance", "main-kind", "related"]
"""Broader to narrower concept; a concept to its instance; an instance's main kind (the first
of its kinds: an overview draws that one only, so that an instance of six kinds is one line to
follow); related concepts."""
PRIORITY: dict[Relation, int] = {"generic": 0, "instance": 1, "main-kind": 1, "related": 2}
"""Two concepts joined twice are drawn with the stronger link only."""
DASHES: dict[Relation, str | None] = {
    "generic": None,
    "instance": "1.5 3",
    "main-kind": "1.5 3",
    "related": "6 4",
}
"""How each relation's line is drawn (SVG `stroke-dasharray`): the legend says the same."""
ELSEWHERE = "3 2"
"""The dashes of a box whose concept is in another domain than the map's."""

TITLE = N_("Concept map: %(name)s")
WHOLE = N_("The whole glossary")
LEGEND: dict[Relation, str | None] = {
    "generic": N_("broader and narrower concepts, the broader one first"),
    "instance": None,  # the glossary's words (`[instances]`): lines
    "main-kind": None,  # the glossary's words: main_kind
    "related": N_("related concepts"),
}
"""What each kind of line joins (a map's legend, and its description for screen readers)."""
INSTANCE_LINES: dict[Relation, str] = {"instance": "lines", "main-kind": "main_kind"}
"""The lines whose meaning is the glossary's to word (`InstanceWords`)."""
LINES: dict[Relation, str] = {
    "generic": N_("Solid lines"),
    "instance": N_("Dotted lines"),
    "main-kind": N_("Dotted lines"),
    "related": N_("Dashed lines"),
}
JOIN = N_("%(lines)s: %(what)s.")
"""A kind of line and what it joins, as a sentence (a map's description)."""
KEY = N_("%(lines)s: %(what)s")
"""A kind of line and what it joins, as a legend's entry."""
BOXES: dict[str, str | None] = {
    "concept": N_("a concept"),
    "instance": None,  # the glossary's words: box
    "elsewhere": N_("a concept of another domain"),
}
"""What each kind of box is (a map's legend), by the kind's name (`Kind`)."""
NOT_DRAWN = N_("Not on the map (no broader or narrower concept here): %(names)s.")
"""The concepts an overview leaves out for want of a line, named under it."""

FONT_SIZE = 14
LINE_HEIGHT = 1.2
CJK_LINE_LENGTH = 8
"""The characters in a label's line before it wraps, in Chinese, Japanese and Korean (Chinese
and Japanese have no spaces to wrap at)."""
DEFAULT_LINE_LENGTH = 20
PAD = 4
"""Space around the drawing, so that strokes at its edge are not cut."""
FIT = (1100, 1500)
"""The box (points) an overview map should fit best: a screen's or a page's width, portrait."""
OVERVIEW_LIMIT = 150
"""The most boxes an overview shows. A larger map is the upper levels of its tree: a page of
thousands of boxes is searched, not read, and dot's layout time grows much faster than the
map (docs/performance.md)."""
UPPER_LEVELS = NP_(
    "It shows the upper levels of the tree: %(shown)d of %(total)d concept; each concept's own "
    "map shows its narrower concepts.",
    "It shows the upper levels of the tree: %(shown)d of %(total)d concepts; each concept's own "
    "map shows its narrower concepts.",
)


@dataclass(frozen=True, slots=True)
class ConceptMap:
    """What one map shows."""

    key: str
    """Names the map in element ids: `concept-llm`, `domain-tasks`, `glossary`."""
    concept_ids: tuple[str, ...]
    edges: tuple[tuple[str, str, Relation], ...]
    """(upper, lower, relation): the broader concept or the kind first."""
    focus: str | None = None
    """The concept whose own map this is."""
    domain: str | None = None
    """A domain's map: its concepts are drawn plain, the others as being elsewhere."""
    overview: bool = False
    """A domain's or the glossary's map: laid out both ways (the one that fits `FIT` best is
    kept), its flat trees staggered."""
    total: int = 0
    """The concepts an overview covers: more than it shows when it is cut to its upper levels
    (`OVERVIEW_LIMIT`); 0 for a concept's own map, which is never cut."""
    boxes: tuple[str, ...] = ()
    """The kinds of box it draws (keys of `BOXES`), for its legend."""
    alone: tuple[str, ...] = ()
    """The concepts an overview leaves out for want of a line (named under it, not drawn)."""

    @property
    def drawn(self) -> bool:
        """It has a line to show: a map of lone boxes tells nothing its list does not."""
        return bool(self.edges)

    @property
    def relations(self) -> tuple[Relation, ...]:
        """The kinds of line it draws, in the legend's order."""
        present = {relation for *_, relation in self.edges}
        return tuple(r for r in LEGEND if r in present)

    def note(self, lang: str) -> str | None:
        """What a cut overview leaves out, in `lang` (None when it shows every concept)."""
        if self.total <= len(self.concept_ids):
            return None
        values = {"shown": len(self.concept_ids), "total": self.total}
        return ngettext(lang, UPPER_LEVELS, self.total) % values

    def left_out(self, glossary: Glossary, lang: str) -> str | None:
        """The concepts not drawn for want of a line, named in `lang`, or None."""
        if not self.alone:
            return None
        languages = (lang, *glossary.languages)
        names = (concept_name(glossary.concept(i), languages).text for i in self.alone)
        return gettext(lang, NOT_DRAWN) % {"names": list_comma(lang).join(names)}


def local_map(glossary: Glossary, concept_id: str) -> ConceptMap:
    """A concept and its neighbours, general on the left, specific on the right."""
    concept = glossary.concept(concept_id)
    edges: list[tuple[str, str, Relation]] = [
        *((b, concept_id, "generic") for b in concept.broader),
        *((concept_id, n, "generic") for n in glossary.narrower(concept_id)),
        *((k, concept_id, "instance") for k in concept.instance_of),
        *((concept_id, e, "instance") for e in concept.examples),
        *((concept_id, r, "related") for r in concept.related),
    ]
    ids = tuple(
        dict.fromkeys(
            [concept_id, *(other for a, b, _ in edges for other in (a, b) if other != concept_id)]
        )
    )
    return ConceptMap(
        f"concept-{concept_id}",
        ids,
        _strongest(edges),
        focus=concept_id,
        boxes=_boxes(glossary, ids),
    )


def domain_map(glossary: Glossary, domain_id: str) -> ConceptMap:
    """A domain's concepts, broader and narrower, and the concepts of other domains they lead
    to; instances only on their own domain's map, each under its main kind. Related
    concepts are left to the concepts' own maps: on a whole domain their lines would hide the
    tree."""
    inside = {c.id for c in glossary.in_domain(domain_id)}
    models = {c.id for c in glossary.concepts if c.kind is Kind.INSTANCE} - inside
    edges = [
        edge
        for edge in _taxonomy(glossary)
        if (edge[0] in inside or edge[1] in inside) and not models & set(edge[:2])
    ]
    ids = sorted(inside | {end for a, b, _ in edges for end in (a, b)})
    return _overview(glossary, f"domain-{domain_id}", ids, _strongest(edges), domain_id)


def glossary_map(glossary: Glossary) -> ConceptMap:
    """Every concept but the instances (each on its domain's map), broader and narrower."""
    ids = [c.id for c in glossary.concepts if c.kind is Kind.CONCEPT]
    shown = set(ids)
    edges = [e for e in _taxonomy(glossary) if e[2] == "generic" and {e[0], e[1]} <= shown]
    return _overview(glossary, "glossary", ids, _strongest(edges))


def _overview(
    glossary: Glossary,
    key: str,
    ids: Sequence[str],
    edges: tuple[tuple[str, str, Relation], ...],
    domain: str | None = None,
) -> ConceptMap:
    """An overview of the concepts of `ids` that have a line, cut to the upper levels of its
    tree when it has more than `OVERVIEW_LIMIT`: the concepts nearest a top concept (one with
    nothing above it on the map) first, and among those of one level the ones with the most
    narrower concepts. The others are `alone`."""
    linked = {end for upper, lower, _ in edges for end in (upper, lower)}
    kept = upper_levels([i for i in ids if i in linked], edges, OVERVIEW_LIMIT)
    inside = set(kept)
    return ConceptMap(
        key,
        tuple(kept),
        tuple(e for e in edges if e[0] in inside and e[1] in inside),
        domain=domain,
        overview=True,
        total=len(linked),
        boxes=_boxes(glossary, kept, domain),
        alone=tuple(i for i in ids if i not in linked),
    )


def _boxes(glossary: Glossary, ids: Iterable[str], domain: str | None = None) -> tuple[str, ...]:
    """The kinds of box a map of `ids` draws, in the legend's order."""
    present = set()
    for concept_id in ids:
        concept = glossary.concept(concept_id)
        elsewhere = domain and concept.domain != domain
        present.add("elsewhere" if elsewhere else str(concept.kind))
    return tuple(box for box in BOXES if box in present)


def upper_levels(
    ids: Sequence[str], edges: Sequence[tuple[str, str, Relation]], limit: int
) -> list[str]:
    """At most `limit` of `ids`, in their order: by level (a top concept is on level 0, a
    concept directly below one on level 1…; a concept only in a cycle comes last), then by
    how many concepts are directly below it."""
    if len(ids) <= limit:
        return list(ids)
    below: dict[str, list[str]] = {i: [] for i in ids}
    for upper, lower, relation in edges:
        if relation != "related":
            below[upper].append(lower)
    lowers = {lower for lowers in below.values() for lower in lowers}
    level = {i: 0 for i in ids if i not in lowers}
    frontier, depth = list(level), 0
    while frontier:
        depth += 1
        reached = (n for i in frontier for n in below[i] if level.setdefault(n, depth) == depth)
        frontier = list(dict.fromkeys(reached))
    place = {i: n for n, i in enumerate(ids)}
    ranked = sorted(ids, key=lambda i: (level.get(i, len(ids)), -len(below[i]), place[i]))
    kept = set(ranked[:limit])
    return [i for i in ids if i in kept]


def _taxonomy(glossary: Glossary) -> list[tuple[str, str, Relation]]:
    """An overview's lines: broader to narrower, and each instance's main kind to it."""
    return [
        *((b, c.id, "generic") for c in glossary.concepts for b in c.broader),
        *((c.instance_of[0], c.id, "main-kind") for c in glossary.concepts if c.instance_of),
    ]


def _strongest(
    edges: Iterable[tuple[str, str, Relation]],
) -> tuple[tuple[str, str, Relation], ...]:
    """One edge per pair of concepts, the strongest relation, in the order first given."""
    best: dict[frozenset[str], tuple[str, str, Relation]] = {}
    for edge in edges:
        pair = frozenset(edge[:2])
        if pair not in best or PRIORITY[edge[2]] < PRIORITY[best[pair][2]]:
            best[pair] = edge
    return tuple(best.values())


def title(lang: str, name: str) -> str:
    """A map's title in `lang`: "Concept map: Generative models"."""
    return gettext(lang, TITLE) % {"name": name}


@dataclass(frozen=True, slots=True)
class Key:
    """One entry of a map's legend: a line or a box, drawn as on the maps, and its meaning."""

    classes: str
    name: str
    """"Dotted lines" (empty for a box, which is drawn, not named)."""
    meaning: str
    text: str
    """What the legend says beside it: "Dotted lines: …", or a box's meaning."""
    dashes: str | None = None
    rounded: bool = False

    @property
    def sample(self) -> Markup:
        """The line or box as the maps draw it, small, for the legend (an `<svg>`)."""
        dash = f' stroke-dasharray="{self.dashes}"' if self.dashes else ""
        if self.name:
            shape = f'<g class="edges"><path class="{self.classes}" d="M2 8H42"{dash}/></g>'
        else:
            corner = ' rx="4"' if self.rounded else ""
            shape = (
                f'<g class="nodes"><g class="{self.classes}"><rect x="6" y="2" width="32" '
                f'height="12"{corner}{dash}/></g></g>'
            )
        return Markup(
            '<svg class="map key" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" '
            f'fill="none" stroke="currentColor">{shape}</svg>'
        )


BOX_STYLES = {
    "concept": ("concept", None, True),
    "instance": ("instance", None, False),
    "elsewhere": ("concept elsewhere", ELSEWHERE, True),
}
"""Each kind of box's classes, dashes and corners, as `_node` draws it."""


def legend(lang: str, words: InstanceWords, shown: ConceptMap | None = None) -> tuple[Key, ...]:
    """The lines, then the boxes, that the map `shown` draws (all of them without one), in
    `lang` (the lines and boxes of instances in the glossary's `words`)."""
    relations = shown.relations if shown else tuple(LEGEND)
    boxes = shown.boxes if shown else tuple(BOXES)
    lines = []
    for relation in relations:
        message = LEGEND[relation]
        name = gettext(lang, LINES[relation])
        meaning = (
            gettext(lang, message)
            if message
            else instance_words(lang, INSTANCE_LINES[relation], words)
        )
        text = gettext(lang, KEY) % {"lines": name, "what": meaning}
        lines.append(Key(relation, name, meaning, text, DASHES[relation]))
    drawn = []
    for box in boxes:
        classes, dashes, rounded = BOX_STYLES[box]
        box_message = BOXES[box]
        meaning = gettext(lang, box_message) if box_message else instance_words(lang, "box", words)
        drawn.append(Key(classes, "", meaning, meaning, dashes, rounded))
    return (*lines, *drawn)


def description(lang: str, words: InstanceWords, shown: ConceptMap | None = None) -> str:
    """How to read the lines of the map `shown` (of any map without one), in words (its
    `<desc>`), and what a cut overview leaves out, if anything."""
    lines = (
        gettext(lang, JOIN) % {"lines": key.name, "what": key.meaning}
        for key in legend(lang, words, shown)
        if key.name
    )
    note = shown.note(lang) if shown else None
    return " ".join((*lines, note) if note else lines)


# Layout ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapNode:
    """A concept on a map."""

    name: str
    """dot's name for its node: its place in the map (`n0`, `n1`…)."""
    label: Text
    """Its preferred term in the map's language (else in another language)."""
    classes: str
    """`concept` or `instance`, and `focus` (the map's own concept) or `elsewhere` (in
    another domain than the map's)."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """A map laid out in one language."""

    map: ConceptMap
    lang: str
    nodes: dict[str, MapNode]
    """By concept id, in the order drawn."""
    layout: graphviz.Layout


class Drawer:
    """Lays out maps in the glossary's languages, all of them in one go."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self._orders: dict[str, dict[str, int]] = {}

    def draw(self, maps: Sequence[tuple[ConceptMap, str]]) -> list[Drawing]:
        """Each (map, language) laid out, in order. An overview is laid out both ways in the
        first language it is asked in, and the way that fits `FIT` at the larger scale is kept
        for every language (its other languages are laid out once, in a second round)."""
        first: dict[str, str] = {}
        for concept_map, lang in maps:
            first.setdefault(concept_map.key, lang)
        trial = [
            (m, lang, rankdir)
            for m, lang in maps
            if not m.overview or first[m.key] == lang
            for rankdir in (("TB", "LR") if m.overview else ("LR",))
        ]
        best = self._best(trial)
        chosen = {key: drawing.layout.rankdir for (key, _), drawing in best.items()}
        rest = [(m, lang, chosen[m.key]) for m, lang in maps if (m.key, lang) not in best]
        best |= self._best(rest)
        return [best[concept_map.key, lang] for concept_map, lang in maps]

    def _best(self, wanted: list[tuple[ConceptMap, str, str]]) -> dict[tuple[str, str], Drawing]:
        """Each (map, language, orientation) laid out; per map and language, the layout that
        fits `FIT` at the largest scale."""
        planned = [(m, lang, *self._graph(m, lang, rankdir)) for m, lang, rankdir in wanted]
        layouts = graphviz.lay_out([graph for *_, graph in planned])
        best: dict[tuple[str, str], Drawing] = {}
        for (concept_map, lang, nodes, _), layout in zip(planned, layouts, strict=True):
            key = (concept_map.key, lang)
            drawing = Drawing(concept_map, lang, nodes, layout)
            if key not in best or _scale(layout) > _scale(best[key].layout):
                best[key] = drawing
        return best

    def _order(self, lang: str) -> dict[str, int]:
        if lang not in self._orders:
            self._orders[lang] = ranks(self.glossary.concepts, lang)
        return self._orders[lang]

    def _graph(
        self, concept_map: ConceptMap, lang: str, rankdir: str
    ) -> tuple[dict[str, MapNode], graphviz.Graph]:
        """dot's graph of a map: nodes in the dictionary order of `lang` (so that siblings
        read in order), named by that place."""
        order = self._order(lang)
        ids = sorted(concept_map.concept_ids, key=order.__getitem__)
        nodes = {i: self._node(concept_map, i, lang, f"n{n}") for n, i in enumerate(ids)}
        graph_nodes = tuple(
            graphviz.Node(node.name, wrap(node.label.text, node.label.lang), font(node.label.lang))
            for node in nodes.values()
        )
        edges = tuple(
            graphviz.Edge(nodes[upper].name, nodes[lower].name, relation != "related")
            for upper, lower, relation in sorted(
                concept_map.edges, key=lambda e: (order[e[0]], order[e[1]])
            )
        )
        related = {end for *ends, r in concept_map.edges if r == "related" for end in ends}
        beside = tuple(nodes[i].name for i in ids if i == concept_map.focus or i in related)
        same = (beside,) if concept_map.focus and len(beside) > 1 else ()
        return nodes, graphviz.Graph(rankdir, graph_nodes, edges, same, concept_map.overview)

    def _node(self, concept_map: ConceptMap, concept_id: str, lang: str, name: str) -> MapNode:
        concept = self.glossary.concept(concept_id)
        classes = [str(concept.kind)]
        if concept_id == concept_map.focus:
            classes.append("focus")
        elif concept_map.domain and concept.domain != concept_map.domain:
            classes.append("elsewhere")
        label = concept_name(concept, (lang, *self.glossary.languages))
        return MapNode(name, label, " ".join(classes))


def _scale(layout: graphviz.Layout) -> float:
    return min(FIT[0] / max(layout.width, 1), FIT[1] / max(layout.height, 1))


def font(lang: str) -> str:
    """The family a label in `lang` is set in (and measured with)."""
    return face(lang)


@cache
def wrap(text: str, lang: str) -> tuple[str, ...]:
    """A label in as few lines as its language's line length allows, of even length: at
    spaces, or between any two characters of a Chinese or Japanese label without spaces (a
    Latin name such as Midjourney is never cut)."""
    limit = CJK_LINE_LENGTH if is_cjk(lang) else DEFAULT_LINE_LENGTH
    if len(text) <= limit:
        return (text,)
    count = -(-len(text) // limit)
    if is_cjk(lang) and " " not in text and has_han(text):
        size = -(-len(text) // count)
        return tuple(text[i : i + size] for i in range(0, len(text), size))
    words = text.split(" ")
    for width in range(-(-len(text) // count), len(text) + 1):
        lines = _filled(words, width)
        if len(lines) <= count:
            return lines
    return (text,)  # not reached: at the text's own width it is one line


def _filled(words: list[str], width: int) -> tuple[str, ...]:
    """Words in lines of at most `width` characters (a longer word on a line of its own)."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


# SVG ------------------------------------------------------------------------------------------


def svg(
    drawing: Drawing,
    *,
    href: Callable[[str], str | None],
    ident: str,
    title: str,
    description: str,
    standalone: bool = False,
) -> Markup:
    """The map as an `<svg>` element: `ident` prefixes its element ids (unique in the page),
    `href` gives each concept's link (None: not in this document, no link); `standalone` adds
    the namespace a file needs.

    Small, because a page shows a map per concept: coordinates in whole points, what every
    node shares (font, text colour, box outline) said once on their group, where SVG inherits
    it; a page's stylesheet overrides any of it by class."""
    layout = drawing.layout
    width, height = round(layout.width) + 2 * PAD, round(layout.height) + 2 * PAD
    namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return Markup(
        "".join(
            [
                f'<svg{namespace} class="map" viewBox="0 0 {width} {height}" width="{width}" '
                f'height="{height}" role="group" aria-labelledby="{ident}-title" '
                f'aria-describedby="{ident}-desc">',
                f'<title id="{ident}-title">{escape(title)}</title>',
                f'<desc id="{ident}-desc">{escape(description)}</desc>',
                '<g class="edges" fill="none" stroke="currentColor">',
                *(_edge(drawing, edge) for edge in drawing.map.edges),
                f'</g><g class="nodes" fill="currentColor" stroke="none" '
                f'font-family="{font(drawing.lang)}" font-size="{FONT_SIZE}" '
                'text-anchor="middle">',
                *(_node(drawing, concept_id, href) for concept_id in drawing.nodes),
                "</g></svg>",
            ]
        )
    )


def _edge(drawing: Drawing, edge: tuple[str, str, Relation]) -> str:
    upper, lower, relation = edge
    points = drawing.layout.splines[drawing.nodes[upper].name, drawing.nodes[lower].name]
    (x, y), rest = points[0], points[1:]
    path = f"M{_n(x)} {_n(y)}C" + " ".join(f"{_n(px)} {_n(py)}" for px, py in rest)
    dashes = DASHES[relation]
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    return f'<path class="{relation}" d="{path}"{dash}/>'


def _node(drawing: Drawing, concept_id: str, href: Callable[[str], str | None]) -> str:
    node = drawing.nodes[concept_id]
    box = drawing.layout.boxes[node.name]
    classes = node.classes.split()
    shape = ' rx="6"' if Kind.CONCEPT in classes else ""
    if "focus" in classes:
        shape += ' stroke-width="2.5"'
    elif "elsewhere" in classes:
        shape += f' stroke-dasharray="{ELSEWHERE}"'
    left, top = box.x - box.width / 2, box.y - box.height / 2
    label = node.label
    lines = wrap(label.text, label.lang)
    step = FONT_SIZE * LINE_HEIGHT
    first = box.y - step * (len(lines) - 1) / 2 + FONT_SIZE * 0.35
    if len(lines) == 1:
        text = f' x="{_n(box.x)}" y="{_n(first)}">{escape(label.text)}'
    else:
        space = " " if " " in label.text else ""  # kept at the line's end, for screen readers
        text = ">" + "".join(
            f'<tspan x="{_n(box.x)}" y="{_n(first + step * i)}">{escape(line)}'
            f"{space if i < len(lines) - 1 else ''}</tspan>"
            for i, line in enumerate(lines)
        )
    other = font(label.lang)
    if label.lang != drawing.lang:  # a fallback: no term in the map's language
        text = (
            f' lang="{label.lang}"'
            + (f' font-family="{other}"' if other != font(drawing.lang) else "")
            + text
        )
    target = href(concept_id)
    opening, closing = (f'<a href="{escape(target)}"', "</a>") if target else ("<g", "</g>")
    return (
        f'{opening} class="{node.classes}">'
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(box.width)}" '
        f'height="{_n(box.height)}"{shape} fill="none" stroke="currentColor"/>'
        f"<text{text}</text>{closing}"
    )


def _n(value: float) -> str:
    """A coordinate in whole points, moved by the drawing's margin (the same bytes on every
    build; a point is a pixel on screen, finer than the eye needs)."""
    return str(round(value) + PAD)
