"""The overview's budget check: the plain statement, then every line the shift touches, year by year.

``budget_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.area import DEFAULT_AREA
from model.text.budget_text import budget_statement, used_lines
from model.text.i18n import fmt_mnkr, t, ta
from ui.folded import folded


def budget_table(lines: pd.DataFrame, lang: str, area: str = DEFAULT_AREA) -> pd.DataFrame:
    """One row per year, one column per budget line: whether it holds and by how much it deviates.

    A cell reads ``Håller inte (+9,5 mnkr)``: deviation = forecast − budget, positive is a deficit.
    """
    out = {t("col.year", lang): [int(y) for y in dict.fromkeys(lines["year"])]}
    for line in dict.fromkeys(lines["line"]):
        rows = lines[lines["line"] == line]
        out[ta(f"budget_line.{line}", lang, area)] = [
            t("budget_check.holds_cell" if h else "budget_check.fails_cell", lang, amount=fmt_mnkr(d, lang, sign=True))
            for h, d in zip(rows["holds"], rows["deviation_sek"], strict=True)
        ]
    return pd.DataFrame(out)


def render(result: model.Result, lang: str) -> None:
    """The statement, then the table under the same heading, folded and built only while open
    (``ui/folded.py``; printed together: ``static/layout.css``)."""
    with st.container(key="figure_budget"):
        st.header(t("budget_check.title", lang))
        area, lines = result.params.area.id, used_lines(result.budget_lines)
        st.markdown(f"**{budget_statement(lines, lang, area)}**")
        st.caption(ta("budget_check.caption", lang, area))
        folded(t("budget_check.show", lang), "table_budget",
               lambda: st.dataframe(budget_table(lines, lang, area), hide_index=True, width="stretch"))
