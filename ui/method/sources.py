"""Every parameter with its value, range, status, confidence and source.

``sources_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.text.i18n import t
from model.text.labels import parameter_label


def sources_table(params: model.Parameters, lang: str) -> pd.DataFrame:
    """One row per parameter, labelled in *lang* (numbers stay numbers: the browser formats them)."""
    table = model.parameter_table(params)
    col = {
        k: t(f"assumptions.col.{k}", lang)
        for k in ("label", "value", "unit", "low", "high", "status", "confidence", "source")
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
            col["source"]: table["source"],
        }
    )


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
