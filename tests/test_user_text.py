"""User text is shown as typed: one Markdown escape for every name, note and file name."""

from __future__ import annotations

import pytest

from model.text.user_text import markdown_literal


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("kollega.xlsx", "kollega.xlsx"),
        ("Förslag 2026-11 (version 2)", "Förslag 2026-11 \\(version 2\\)"),
        ("**fet** _kursiv_ `kod`", "\\*\\*fet\\*\\* \\_kursiv\\_ \\`kod\\`"),
        ("[länk](http://x)", "\\[länk\\]\\(http\\://x\\)"),
        (":red[röd] :smile: $x$", "\\:red\\[röd\\] \\:smile\\: \\$x\\$"),
        ("<b>a</b> & ~b~ | c #d", "\\<b\\>a\\</b\\> \\& \\~b\\~ \\| c \\#d"),
        ("- lista\n1. ett\n  + plus\n===", "\\- lista\n1\\. ett\n  \\+ plus\n\\===",),
        ("Mellanstor kommun (~100 000 invånare)", "Mellanstor kommun \\(\\~100 000 invånare\\)"),
    ],
)
def test_markdown_literal(typed, shown):
    assert markdown_literal(typed) == shown
