"""Candidate terms in one markdown note: front matter, headings, bold, links, lists, tables.

The note is parsed by markdown-it; each inline block is cut into its source lines (at soft and
hard breaks) so that every candidate keeps the exact line it comes from. Each line is a plain
string with the places of its bold spans and link texts; wiki-links, code and struck text are
taken out of the string (a NUL stands in for them, and no term may contain a NUL).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from termbase.extract import phrases
from termbase.extract.phrases import Found
from termbase.extract.scripts import foreign_runs, language_of
from termbase.languages import ENGLISH
from termbase.normalize import normal_form
from termbase.yamlnodes import Loader

HOLE = "\x00"
"""Stands in a line's plain text for what is not text: code, wiki-links, images, struck text."""

_WIKI_LINK = re.compile(r"(!?)\[\[([^\[\]|#^]*)(?:#\^?([^\[\]|]*))?(?:\|([^\[\]]*))?\]\]")
_FILE_NAME = re.compile(r"\.[A-Za-z0-9]{2,4}$")
_ARROW = re.compile(r"\s*(?:-->|->|→|=>|⇒)\s*|\s+[-–—]{1,2}\s+")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])|[。！？]\s*")
_LABELLED = re.compile(
    r"(?:^|(?<=[.!?:]\s))(?P<label>aliases|alias|synonyms|also known as|aka|"
    r"examples include|examples are|examples|псевдонимы|синонимы|примеры|别名|例如)"
    r"(?:\s*[:：]\s*|(?<=include)\s+|(?<=are)\s+)(?P<items>.+?)(?:\.(?=\s|$)|[;。；]|$)",
    re.IGNORECASE,
)
_ALSO_CALLED = re.compile(
    r"\((?:also\s+(?:called|known\s+as|named|termed)|a\.k\.a\.?|aka)\s+(?P<names>[^()]+)\)",
    re.IGNORECASE,
)
_ABBREVIATION_AFTER = re.compile(r"\((?P<abbreviation>[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)\)")
_ABBREVIATION_BEFORE = re.compile(
    r"(?<![\w-])(?P<abbreviation>[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)\s+\((?P<expansion>[^()]+)\)"
)
LOOK_BACK = 200
"""How far before "(ABBR)" its expansion is looked for, in characters."""
_CLAUSE_START = re.compile(r".*[(\[,;:.!?\"“”]\s*", re.DOTALL)
_ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+"(?P<title>[^"]*)"?)?\s*$'
)
_TAG_LINE = re.compile(r"^\s*(?:<[^<>]+>\s*)+$")
_RAW_HTML = re.compile(r"<\s*/?\s*(?:script|style|pre|textarea)\b|<!--", re.IGNORECASE)
_NUMBERING = re.compile(r"^\s*\**\s*\d+(?:\.\d+)*[.)]\s+")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
RULES = (
    "alias",
    "title",
    "heading",
    "table",
    "link",
    "wiki-link",
    "bold",
    "term-line",
    "aliases-line",
    "examples",
    "also-called",
    "abbreviation",
    "script",
)
"""What can make a text a candidate; on one line, the first rule that finds a term names it."""
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True, slots=True)
class Candidate:
    """A piece of a source note that may be a term."""

    file: str
    """The file as cited in the glossary: relative to the folder given on the command line."""
    line: int
    """1-based."""
    text: str
    lang: str
    """By script: en (Latin), ru (Cyrillic), zh (Han)."""
    rule: str
    """What made it a candidate: heading, bold, wiki-link, table, ..."""
    variants: tuple[str, ...] = ()
    """Other readings to match when `text` itself matches nothing ("Model (AI)" → "Model")."""


Emit = Callable[[list[Found], str], Iterator[Candidate]]
"""Turns the terms a rule found on the current line into candidates."""


@dataclass(slots=True)
class Line:
    """One source line of an inline block, as plain text with its bold spans and links."""

    number: int
    plain: str = ""
    bold: list[tuple[int, int]] = field(default_factory=list)
    links: list[tuple[int, int]] = field(default_factory=list)
    wiki_links: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Note:
    """A source note cut into front matter (YAML text, or None) and a body of equal lines."""

    front_matter: str | None
    body: str
    box_titles: frozenset[int]
    """0-based lines that held an admonition's title (a box, not a heading of the note)."""


def candidates(
    text: str, file: str, problems: list[tuple[int, str]] | None = None
) -> list[Candidate]:
    """Every candidate term in a note, in line order, each (line, language, term) once.

    What cannot be read (front matter that is not YAML) goes to `problems` as (line, message).
    """
    note = split_note(text)
    found = list(_front_matter(note.front_matter, file, problems if problems is not None else []))
    main = language_of(note.body) or ENGLISH
    found += _body(note, file, main)
    return _unique(sorted(found, key=lambda c: (c.line, RULES.index(c.rule))))


def _unique(found: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[int, str, str]] = set()
    kept = []
    for candidate in found:
        key = (candidate.line, candidate.lang, normal_form(candidate.text, candidate.lang))
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept


# --- the note's parts ------------------------------------------------------------------------


def split_note(text: str) -> Note:
    """Front matter apart; admonitions and HTML wrappers turned into markdown, lines kept."""
    lines = text.split("\n")
    front_matter = None
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            front_matter = "\n".join(lines[1:end])
            lines[: end + 1] = [""] * (end + 1)
    box_titles = _unwrap(lines)
    return Note(front_matter, "\n".join(lines), frozenset(box_titles))


def _unwrap(lines: list[str]) -> list[int]:
    """Rewrite MkDocs admonitions as small headings and drop tag-only HTML lines, in place.

    `!!! note "Title"` becomes a heading line and its indented body plain markdown, and a line
    holding nothing but tags (`<div markdown>`) becomes blank, so that markdown wrapped in HTML
    is read; raw HTML (script, style, pre, comments) is left alone, and so are code fences.
    """
    titles: list[int] = []
    fence: str | None = None
    body_indent: int | None = None
    for index, line in enumerate(lines):
        if fence:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opening := _FENCE.match(line):
            fence = opening.group(1)[0] * 3
            continue
        if body_indent is not None:
            if not line.strip() or len(line) - len(line.lstrip()) >= body_indent:
                line = lines[index] = line[: body_indent - 4] + line[body_indent:]
            else:
                body_indent = None
        if admonition := _ADMONITION.match(line):
            indent = admonition.group("indent")
            lines[index] = f"{indent}###### {admonition.group('title') or ''}"
            titles.append(index)
            body_indent = len(indent) + 4
        elif _TAG_LINE.match(line) and not _RAW_HTML.search(line):
            lines[index] = ""
    return titles


def _front_matter(
    source: str | None, file: str, problems: list[tuple[int, str]]
) -> Iterator[Candidate]:
    """Aliases and title of Obsidian and Jekyll front matter (YAML from the note's line 2)."""
    if not source:
        return
    try:
        root = yaml.compose(source, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        problems.append((line, "front matter is not YAML; its aliases and title are not read"))
        return
    if not isinstance(root, yaml.MappingNode):
        return
    for key, value in root.value:
        name = str(key.value).lower() if isinstance(key, yaml.ScalarNode) else ""
        rule = {"aliases": "alias", "alias": "alias", "title": "title"}.get(name)
        if rule is None:
            continue
        for node in value.value if isinstance(value, yaml.SequenceNode) else [value]:
            if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
                yield from _emit(
                    phrases.phrase_terms(node.value), file, node.start_mark.line + 2, rule
                )


def _emit(found: list[Found], file: str, line: int, rule: str) -> Iterator[Candidate]:
    for item in found:
        lang = language_of(item.text)
        if lang:
            yield Candidate(file, line, item.text, lang, rule, item.variants)


# --- the body ---------------------------------------------------------------------------------


def _body(note: Note, file: str, main: str) -> Iterator[Candidate]:
    tokens = _PARSER.parse(note.body)
    for index, token in enumerate(tokens):
        if token.type != "inline" or token.map is None:
            continue
        kind = _kind(tokens, index, note)
        if kind is None:
            continue
        previous: Line | None = None
        for line in _lines(token):
            yield from _line_candidates(line, previous, kind, file, main)
            previous = line


def _kind(tokens: list[Token], index: int, note: Note) -> str | None:
    """What an inline block is (heading, box-title, item, paragraph, first-cell, cell), or None."""
    opener = tokens[index - 1]
    if opener.type == "heading_open":
        return "box-title" if opener.map and opener.map[0] in note.box_titles else "heading"
    if opener.type == "th_open":
        return None  # column names, not terms
    if opener.type == "td_open":
        first = tokens[index - 2].type == "tr_open"
        return "first-cell" if first else "cell"
    if opener.type == "paragraph_open":
        return "item" if tokens[index - 2].type == "list_item_open" else "paragraph"
    return "paragraph"


def _lines(token: Token) -> Iterator[Line]:
    """The inline block's source lines, each as plain text with its spans."""
    assert token.map is not None
    raw = token.content.split("\n")  # one raw line per source line
    first = token.map[0] + 1
    line = Line(first)
    opened: list[tuple[str, int]] = []  # bold and link spans begun and not yet closed
    struck = 0
    for child in token.children or []:
        kind = child.type
        breaks = _line_ends(child, raw, line.number - first)
        if kind == "text":
            _add_text(line, HOLE if struck else child.content)
        elif kind in ("strong_open", "link_open"):
            opened.append((kind, len(line.plain)))
        elif kind in ("strong_close", "link_close") and opened:
            _close(line, *opened.pop())
        elif kind in ("s_open", "s_close"):
            struck += 1 if kind == "s_open" else -1
        elif kind in ("code_inline", "image"):
            line.plain += HOLE
        elif kind == "html_inline":
            line.plain += " "
        if breaks:  # the next child starts on a later line
            for name, start in opened:
                _close(line, name, start)
            yield line
            line = Line(line.number + breaks)
            opened = [(name, 0) for name, _ in opened]
    for name, start in opened:
        _close(line, name, start)
    yield line


def _line_ends(child: Token, raw: list[str], index: int) -> int:
    """How many source line ends an inline token spans."""
    if child.type in ("softbreak", "hardbreak"):
        return 1
    if child.type == "html_inline":
        return child.content.count("\n")
    if child.type == "image":  # its alt text is parsed into children of its own
        return sum(c.type in ("softbreak", "hardbreak") for c in child.children or [])
    if child.type == "code_inline":
        return _code_newlines(raw, index, child)
    return 0


def _close(line: Line, name: str, start: int) -> None:
    if start < len(line.plain):
        (line.bold if name == "strong_open" else line.links).append((start, len(line.plain)))


def _add_text(line: Line, text: str) -> None:
    """Append text, taking its wiki-links out into `line.wiki_links`."""
    position = 0
    for match in _WIKI_LINK.finditer(text):
        line.plain += text[position : match.start()] + HOLE
        position = match.end()
        if not match.group(1):  # ![[...]] embeds a file
            page, section, alias = (match.group(i) or "" for i in (2, 3, 4))
            line.wiki_links.append((page, section, alias))
    line.plain += text[position:]


def _code_newlines(raw: list[str], index: int, child: Token) -> int:
    """How many line ends a code span crosses (markdown-it folds them into spaces)."""
    source = "\n".join(raw[max(index, 0) :])
    fence = re.escape(child.markup)
    wanted = " ".join(child.content.split())
    for match in re.finditer(f"(?<!`){fence}(?!`)(.+?)(?<!`){fence}(?!`)", source, re.DOTALL):
        if " ".join(match.group(1).split()) == wanted:
            return match.group(1).count("\n")
    return 0


# --- the rules, line by line ------------------------------------------------------------------


def _line_candidates(
    line: Line, previous: Line | None, kind: str, file: str, main: str
) -> Iterator[Candidate]:
    def emit(found: list[Found], rule: str) -> Iterator[Candidate]:
        return _emit(found, file, line.number, rule)

    plain = line.plain
    head_end, head_terms = 0, []
    if kind in ("heading", "item", "paragraph", "first-cell") and _starts_unit(previous, kind):
        head, rest = _head(plain, kind)
        if head is not None:
            rule = {"heading": "heading", "first-cell": "table"}.get(kind, "term-line")
            head_terms = phrases.phrase_terms(head)
            head_end = len(head) if head_terms else 0
            yield from emit(head_terms, rule)
            if rest and phrases.abbreviation_pair(phrases.clean(head), phrases.clean(rest)):
                yield from emit(phrases.phrase_terms(rest), rule)
    for start, end in line.bold:
        # A bold word inside a longer term of the line ("**Other** AI model types") is no term.
        bold = phrases.clean(plain[start:end])
        fragment = (
            end <= head_end
            and bold != phrases.clean(plain[:head_end])
            and all(bold != term.text for term in head_terms)
        )
        if not fragment:
            yield from emit(_with_following_words(plain, start, end), "bold")
    for start, end in line.links:
        yield from emit(phrases.phrase_terms(plain[start:end]), "link")
    for page, section, alias in line.wiki_links:
        page = page.rsplit("/", 1)[-1]
        for part in (page if not _FILE_NAME.search(page) else "", section, alias):
            yield from emit(phrases.phrase_terms(part), "wiki-link")
    yield from _prose_candidates(line, emit)
    for run in foreign_runs(plain, main):
        yield from emit(phrases.phrase_terms(run.text), "script")


def _prose_candidates(line: Line, emit: Emit) -> Iterator[Candidate]:
    """Terms that prose announces: labelled lists, "(also called ...)", abbreviations."""
    plain = line.plain
    for match in _LABELLED.finditer(plain):
        label = match.group("label").casefold()
        rule = "examples" if label.startswith(("example", "пример", "例")) else "aliases-line"
        yield from emit(list(phrases.list_items(match.group("items"))), rule)
    for match in _ALSO_CALLED.finditer(plain):
        before = phrases.preceding_term(plain[: match.start()])
        found = [Found(before)] if before else []
        yield from emit([*found, *phrases.list_items(match.group("names"))], "also-called")
    for match in _ABBREVIATION_AFTER.finditer(plain):
        clause = _CLAUSE_START.sub("", plain[max(0, match.start() - LOOK_BACK) : match.start()])
        words = clause.split()
        start = phrases.expansion_start(match.group("abbreviation"), words)
        if start is not None:
            expansion = phrases.clean(" ".join(words[start:]))
            if phrases.term_like(expansion):
                yield from emit(
                    [Found(expansion), Found(match.group("abbreviation"))], "abbreviation"
                )
    for match in _ABBREVIATION_BEFORE.finditer(plain):
        abbreviation, expansion = match.group("abbreviation"), match.group("expansion").strip()
        if phrases.is_abbreviation_of(abbreviation, expansion) and phrases.term_like(expansion):
            yield from emit([Found(abbreviation), Found(expansion)], "abbreviation")


def _starts_unit(previous: Line | None, kind: str) -> bool:
    """Whether a line begins a new unit, not the wrapped rest of a sentence."""
    if previous is None or kind == "heading":
        return True
    last = previous.plain.rstrip()
    return (
        not last
        or last[-1] in ".!?:)]" + HOLE
        or len(last.split()) <= phrases.MAX_WORDS
        or bool(_ARROW.search(last))
    )


def _head(plain: str, kind: str) -> tuple[str | None, str]:
    """The term a line starts with, and the text after its separator.

    "Term - definition", "Term --> [[Link]]", "Term. A sentence ..." give their first part; a
    line with no separator is a term only when short (a heading or table cell always is).
    """
    if _LABELLED.match(plain.lstrip()):
        return None, ""  # "Aliases: ...": a label, then the terms
    numbering = _NUMBERING.match(plain)
    skip = numbering.end() if numbering else 0
    cuts = [m for m in (_ARROW.search(plain, skip), _SENTENCE_END.search(plain, skip)) if m]
    if cuts:
        cut = min(cuts, key=lambda m: m.start())
        rest = plain[cut.end() :]
        if end := _ARROW.search(rest) or _SENTENCE_END.search(rest):
            rest = rest[: end.start()]
        return plain[: cut.start()], rest
    if kind in ("heading", "first-cell"):
        return plain, ""
    text = phrases.without_asides(plain).strip()
    if (
        len(text.split()) <= phrases.MAX_WORDS
        and not text.endswith(":")
        and not (text[:1].isascii() and text[:1].islower())
    ):
        return plain, ""
    return None, ""


def _with_following_words(plain: str, start: int, end: int) -> list[Found]:
    """A bold span's terms; "A **text-to-image** model" may mean "text-to-image model"."""
    found = phrases.phrase_terms(plain[start:end])
    following = re.match(r"\s+([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?", plain[end:])
    if len(found) != 1 or not following or not plain[end - 1].isalnum():
        return found
    words = [w for w in following.groups() if w]
    longer = (" ".join([found[0].text, *words[:n]]) for n in range(len(words), 0, -1))
    return [Found(found[0].text, found[0].variants + tuple(filter(phrases.term_like, longer)))]
