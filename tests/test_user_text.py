"""User text is shown as typed: one Markdown escape for every name, note and file name."""

from __future__ import annotations

import re

import pytest

from model.text.user_text import WORD_JOINER, markdown_literal, shown_text

J = WORD_JOINER


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("kollega.xlsx", "kollega.xlsx"),
        ("Förslag 2026-11 (version 2)", "Förslag 2026-11 \\(version 2\\)"),
        ("**fet** _kursiv_ `kod`", "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kod\\`"),
        ("[länk](http://x)", f"\\[länk\\]\\(http:{J}//x\\)"),
        (":red[röd] :smile: $x$", f":{J}red\\[röd\\] :{J}smile:{J} \\$x\\$"),
        ("<b>a</b> & ~b~ | c #d", "\\<b\\>a\\</b\\> \\& \\~b\\~ \\| c \\#d"),
        ("- lista\n1. ett\n  + plus\n===", "\\- lista\n1\\. ett\n  \\+ plus\n\\===",),
        ("Mellanstor kommun (~100 000 invånare)", "Mellanstor kommun \\(\\~100 000 invånare\\)"),
        ("www.example.com", f"www{J}.example.com"),
        ("WWW.example.com", f"WWW{J}.example.com"),
        ("anna@kommun.se", f"anna@{J}kommun.se"),
        ("  12. tolfte", "  12\\. tolfte"),
        ("Förslag 2.0, version 3.", "Förslag 2.0, version 3."),
    ],
)
def test_markdown_literal(typed, shown):
    assert markdown_literal(typed) == shown


#: Hostile text: every kind of markup Streamlit's Markdown knows.
MARKUP = [
    "**fet** _kursiv_ ~~struken~~",
    "[länk](https://example.com) ![bild](x.png)",
    "<script>alert(1)</script>",
    "$x^2$ och `kod`",
    ":smile: :material/home: :red[röd]",
    "# Rubrik",
    "- punkt\n+ punkt\n* punkt",
    "1. första\n  23. andra",
    "Rubrik\n===",
    "Rubrik\n---",
    "www.example.com",
    "https://example.com",
    "anna@kommun.se",
    "a | b",
    "&amp; &#169;",
    "\\ backslash",
]
#: Characters that make markup anywhere in a line; "-", "+", "=" and "1." do so only where a line starts;
#: a colon or an at-sign only where no word joiner follows it (autolinks, emoji, icons).
INLINE = set("\\`*_{}[]<>()#|~$&!")
LINE_START = re.compile(r"^\s*([-+=]|\d+\.)", re.MULTILINE)


def _unescape(text: str) -> str:
    return shown_text(text)


@pytest.mark.parametrize("text", MARKUP)
def test_hostile_markdown_is_shown_literally(text):
    escaped = markdown_literal(text)
    assert _unescape(escaped) == text, "the text reads as typed"
    bare = re.sub(r"\\.", "", escaped, flags=re.DOTALL)
    assert not set(bare) & INLINE, (text, escaped)
    assert not LINE_START.search(escaped), "no line starts a list, a rule or a heading's underline"
    assert "www." not in bare.lower(), "no autolink"
    assert not re.search(f"[:@](?!{J})", bare), "every colon and at-sign is followed by a word joiner"
