"""Every parameter with its value, range, status, confidence and source; then the full bibliography.

``sources_table`` and ``bibliography_lines`` are pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.bibliography import bibliography
from model.text.i18n import t
from model.text.labels import parameter_label
from model.text.user_text import markdown_literal


def sources_table(params: model.Parameters, lang: str) -> pd.DataFrame:
    """One row per parameter, labelled in *lang* (numbers stay numbers: the browser formats them)."""
    table = model.parameter_table(params)
    col = {
        k: t(f"assumptions.col.{k}", lang)
        for k in ("label", "value", "unit", "low", "high", "status", "confidence", "source", "sources")
    }
    return pd.DataFrame(
        {
            col["label"]: [parameter_label(n, params, lang) for n in table["name"]],
            col["value"]: table["value"],
            col["unit"]: table["unit"],
            col["low"]: table["low"],
            col["high"]: table["high"],
            col["status"]: [t(f"status.{v}", lang) for v in table["status"]],
            col["confidence"]: [t(f"confidence.{v}", lang) for v in table["confidence"]],
            col["source"]: [p.note(lang) for p in params.parameters],
            col["sources"]: table["sources"],
        }
    )


def bibliography_lines(params: model.Parameters) -> list[str]:
    """The full citation of every id the set cites, as Markdown list items (the id first, in code)."""
    known = bibliography()
    return [f"- `{i}` — {markdown_literal(known[i].citation())}" for i in params.cited_ids() if i in known]


def render(params: model.Parameters, lang: str) -> None:
    st.header(t("method.sources_title", lang))
    st.caption(t("method.sources_caption", lang))
    number = st.column_config.NumberColumn(format="localized")  # the browser's locale: 10 000 in Swedish
    st.dataframe(
        sources_table(params, lang),
        hide_index=True,
        width="stretch",
        height=520,
        column_config={t(f"assumptions.col.{c}", lang): number for c in ("value", "low", "high")},
    )
    st.subheader(t("method.bibliography_title", lang))
    st.caption(t("method.bibliography_caption", lang))
    st.markdown("\n".join(bibliography_lines(params)))
