"""The prose of a corpus file: what people wrote, without code, addresses and markup.

Terms are counted in prose only: a term in a code block (`model = AutoModel(...)`), in inline
code, in a URL or a file name, in an HTML tag's attributes or in front matter is not a use of
the term by a writer. A file is cut into passages, each a piece of text between two things
left out and never across a blank line, with the line it starts on; a term is looked for
within a passage, so that it is never found across a paragraph or a code span. What is left
out of Markdown (and MDX, the notebooks' extracted cells, plain text):

- front matter (`---` ... `---` on the first line), fenced code blocks (``` and ~~~), MDX
  `import` and `export` lines;
- inline code, URLs, link targets and reference definitions (a link's text is prose), HTML
  and JSX tags with their attributes, HTML comments, entities, math (`$...$`, `$$...$$`),
  wiki anchors (`[[id]]`), Sphinx roles (`:numref:`), table cell borders.

Of a JSON or YAML file (titles of a site's pages), the keys are left out and the values kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_FENCE_END = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*")
_MDX_STATEMENT = re.compile(r"(?:import|export)\s")
_MARKUP = re.compile(
    "|".join(
        (
            r"<!--.*?(?:-->|\Z)",  # an HTML comment (the notebooks' cell markers too)
            r"</?[A-Za-z][^<>]*>|<>|</>",  # an HTML or JSX tag, a fragment
            r"\]\([^)\n]*\)",  # a link's target (its text is kept)
            r"^[ \t]*\[[^\]\n]+\]:[^\n]*",  # a reference definition
            r"\[\[[^\]\n]*\]\]",  # a wiki anchor (`## Title[[title]]`)
            r"&#?\w+;",  # an entity
            r":[a-z_]+:(?=`)",  # a Sphinx role before its code (:numref:`fig`)
        )
    ),
    re.DOTALL | re.MULTILINE,
)
"""Markup, blanked: the words on either side read as one text (`a <b>large</b> model`)."""
_LEFT_OUT = re.compile(
    "|".join(
        (
            r"(?P<blank>\n[ \t]*\n(?:[ \t]*\n)*)",  # a blank line: a paragraph ends
            r"\$\$.*?\$\$",  # display math
            r"\$[^$\n]+\$",  # inline math
            r"``[^\n]*?``|`[^`\n]*`",  # inline code
            r"(?:https?|ftp)://[^\s<>\"'`)\]]*|www\.[^\s<>\"'`)\]]+",  # a URL
            r"\|",  # a table cell's border
        )
    ),
    re.DOTALL,
)
"""What is no prose and cuts it: no term is found across code, math, a URL, a table cell."""
_KEY = {
    ".json": re.compile(r"\"(?:[^\"\\\n]|\\.)*\"\s*:|[{}\[\],\"]|(?P<blank>\n[ \t]*\n)"),
    ".yml": re.compile(r"^[ \t]*(?:-[ \t]+)?[\w.-]+[ \t]*:|(?P<blank>\n[ \t]*\n)", re.MULTILINE),
    ".yaml": re.compile(r"^[ \t]*(?:-[ \t]+)?[\w.-]+[ \t]*:|(?P<blank>\n[ \t]*\n)", re.MULTILINE),
}
_WORDLESS = re.compile(r"[^\w]*")


@dataclass(frozen=True, slots=True)
class Passage:
    """A piece of prose: the 1-based line it starts on, its paragraph, and its text (line
    breaks kept)."""

    line: int
    paragraph: int
    """The paragraph's number in the file (a blank line or a code block ends a paragraph): a
    paragraph cut by inline code or a link is several passages of one paragraph."""
    text: str


def passages(text: str, suffix: str) -> list[Passage]:
    """The prose of a file's text, by its name's suffix (`.json`, `.yml`; any other is read as
    Markdown), in order."""
    if suffix in _KEY:
        return _gaps(text, _KEY[suffix])
    return _gaps(_MARKUP.sub(_blanked, _without_blocks(text)), _LEFT_OUT)


def _blanked(match: re.Match[str]) -> str:
    """Spaces in place of the match, its line breaks kept (lines keep their numbers)."""
    return re.sub(r"[^\n]", " ", match[0])


def _without_blocks(text: str) -> str:
    """The text with front matter, fenced code and MDX statements blanked, line for line."""
    lines = text.split("\n")
    blank = [False] * len(lines)
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is not None:
            blank[: end + 1] = [True] * (end + 1)
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            blank[index] = True
            closing = _FENCE_END.fullmatch(line)
            if closing and closing[1][0] == fence[0] and len(closing[1]) >= len(fence):
                fence = ""
        elif opening:
            blank[index], fence = True, opening[1]
        elif _MDX_STATEMENT.match(line):
            blank[index] = True
    return "\n".join("" if gone else line for line, gone in zip(lines, blank, strict=True))


def _gaps(text: str, left_out: re.Pattern[str]) -> list[Passage]:
    """The pieces of `text` between the matches of `left_out` that hold a word; a match of
    its group `blank` ends a paragraph."""
    found: list[Passage] = []
    line, paragraph, start = 1, 0, 0
    for match in left_out.finditer(text):
        _add(found, text, start, match.start(), line, paragraph)
        line += text.count("\n", start, match.end())
        paragraph += match["blank"] is not None
        start = match.end()
    _add(found, text, start, len(text), line, paragraph)
    return found


def _add(found: list[Passage], text: str, start: int, end: int, line: int, paragraph: int) -> None:
    piece = text[start:end]
    if _WORDLESS.fullmatch(piece):
        return
    skipped = len(piece) - len(piece.lstrip())  # start at the first line with text
    found.append(Passage(line + piece.count("\n", 0, skipped), paragraph, piece.strip()))
