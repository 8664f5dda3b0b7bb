"""The evidence levels: the cautious, central and optimistic value of each assumption they set, and why.

``levels_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.evidence import CENTRAL, evidence_levels, level_values
from model.text.i18n import t
from model.text.labels import parameter_label
from ui import evidence_level
from ui.text import exact_number


def levels_table(params: model.Parameters, lang: str) -> pd.DataFrame:
    """One row per assumption a level sets (those the set has): its value at each level and why."""
    levels = evidence_levels()
    rows = []
    for v in level_values():
        if v.name not in params:
            continue
        row = {t("method.levels_col.parameter", lang): parameter_label(v.name, params, lang)}
        for level in levels:
            value = params.value(v.name) if level.id == CENTRAL else v.value(level.id)
            row[level.label(lang)] = "–" if value is None else exact_number(value, lang, 6)
        row[t("method.levels_col.why", lang)] = v.why(lang)
        rows.append(row)
    return pd.DataFrame(rows)


def render(params: model.Parameters, lang: str) -> None:
    st.header(t("method.levels_title", lang))
    st.caption(t("method.levels_caption", lang))
    for level in evidence_levels():
        st.markdown(f"**{level.label(lang)}.** {evidence_level.description(level, params.area.id, lang)}")
    st.dataframe(levels_table(params, lang), hide_index=True, width="stretch")
