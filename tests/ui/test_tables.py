"""Every table in the app shows its text as written: st.table renders Markdown in cells, row labels and headers."""

from __future__ import annotations

import pandas as pd

from model.text.user_text import WORD_JOINER
from ui.tables import literal, shown

LINK = "[Klicka](http://127.0.0.9/lank)"
IMAGE = "![](http://127.0.0.9/bild.png)"


def test_text_in_cells_and_headers_is_escaped_and_numbers_stay_numbers():
    frame = pd.DataFrame({"Insats": [f"Föräldrastöd {IMAGE} {LINK}", "**fet**"], f"Kolumn {LINK}": ["+27,1 mnkr", "3"],
                          "Tal": [1.5, 2]})
    out = literal(frame)
    cells = " ".join(map(str, [*out.columns, *out.to_numpy().ravel()]))
    assert "](" not in cells.replace("\\]\\(", "")  # no link or image syntax is left unescaped
    assert "http:" + WORD_JOINER in cells  # the autolink is broken too
    assert out["Tal"].tolist() == [1.5, 2.0]  # numbers untouched
    assert shown(out.set_index(out.columns[0])).reset_index().equals(frame.astype({"Tal": float}))


def test_what_people_see_is_what_was_written():
    frame = pd.DataFrame({"Scenario": ["Nuvarande inställningar (osparade)"], "Netto": ["+27,1\u00a0mnkr"]})
    table = shown(literal(frame).set_index(literal(frame).columns[0]))
    assert table.index.tolist() == ["Nuvarande inställningar (osparade)"] and table.index.name == "Scenario"
    assert table.loc["Nuvarande inställningar (osparade)", "Netto"] == "+27,1\u00a0mnkr"
