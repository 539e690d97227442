"""Parser errors turned into advice: the variants of the common mistakes that the bad-input
fixtures (tests/fixtures/bad/) do not show, each at its place."""

from __future__ import annotations

import pytest

from termbase.yamlnodes import YAMLSyntaxError, compose

CASES = {
    "colon on a text's second line": (
        "definition:\n  en: A model that does things,\n    such as: this.\n",
        "3:12: error: invalid YAML: a colon followed by a space starts a key; put the text in "
        'quotes: en: "A model that does…"',
    ),
    "colon in a term": (
        "terms:\n  en:\n    - text: GPT-4: multimodal\n",
        "3:18: error: invalid YAML: a colon followed by a space starts a key; put the text in "
        'quotes: text: "GPT-4: multimodal"',
    ),
    "a tab inside a list item": (
        "terms:\n  en:\n    - text: x\n    \tstatus: preferred\n",
        "4:5: error: invalid YAML: a tab character: YAML indents with spaces only; replace the "
        "tab with spaces",
    ),
    "a text starting with @": (
        "definition:\n  en: @handle is a name\n",
        "2:7: error: invalid YAML: a text cannot start with '@' unless it is in quotes; quote "
        'it: en: "@handle is a name"',
    ),
    "an unclosed brace at the end": (
        "kind: concept\nbroader: {generative-model\n",
        "2:10: error: invalid YAML: the mapping opened with '{' is not closed: end it with '}' "
        "on the same line (broader: {generative-model})",
    ),
    "an unclosed single quote": (
        "definition:\n  en: 'A model.\n  ru: Модель.\n",
        '2:7: error: invalid YAML: the text opened with "\'" is not closed: end it with "\'" '
        "on the same line",
    ),
    "a quote inside quoted text": (
        'definition:\n  en: "A "big" model."\n',
        "2:10: error: invalid YAML: the text goes on after the '\"' that closes it: put the "
        "whole text in quotes, and write each '\"' inside it as \\\"",
    ),
    "another error keeps the parser's words": (
        "a: b\n- c\n",
        "2:1: error: invalid YAML: while parsing a block mapping did not find expected key",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_parser_error_says_where_the_mistake_is_and_what_to_do(case: str) -> None:
    text, expected = CASES[case]
    with pytest.raises(YAMLSyntaxError) as raised:
        compose(text, "c.yaml")
    assert str(raised.value) == f"c.yaml:{expected}"
