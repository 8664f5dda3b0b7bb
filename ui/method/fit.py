"""The section "Hur väl stämmer modellen?": the chosen set's baseline beside the national statistics, stock =
inflow × duration, the published cohort case the engine reproduces, and what the model leaves out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.analysis.fit import published_note
from model.files import fit_report
from model.files.presets import set_name
from model.text.i18n import has, t, ta
from model.text.user_text import markdown_literal


def _table(rows: list[list[str]], numbers: slice = slice(1, None)) -> None:
    """Rows of text (header first) as a table, the columns of numbers (*numbers*) right-aligned."""
    head, *body = rows
    right = {c: st.column_config.TextColumn(c, alignment="right") for c in head[numbers]}
    st.dataframe(pd.DataFrame(body, columns=head), hide_index=True, width="stretch", column_config=right)


def render(params: model.Parameters, lang: str) -> None:
    st.header(t("fit.title", lang))
    st.markdown(t("fit.intro", lang, name=markdown_literal(set_name(params, lang))))
    if params.preset and has(f"fit.about.{params.preset}", lang):
        st.info(t(f"fit.about.{params.preset}", lang))
    _table(fit_report.comparison_rows(params, lang), slice(1, 4))  # the sources stay left
    area = params.area.id
    st.caption(ta("fit.comparison_caption", lang, area))
    st.subheader(ta("fit.stock_title", lang, area))
    st.markdown(ta("fit.stock_text", lang, area))
    _table(fit_report.stock_flow_rows(params, lang))
    st.subheader(t("fit.published_title", lang))
    st.markdown(t("fit.published_text", lang, note=published_note(lang)))
    _table(fit_report.published_rows(lang))
    st.subheader(t("fit.left_out_title", lang))
    st.markdown(ta("fit.left_out", lang, area))
