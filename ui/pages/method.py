"""Page "Metod och källor": the model in plain words and the table of sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.text.i18n import t
from model.text.labels import parameter_label
from ui import state

lang = state.language()
params = state.params()

st.title(t("method.title", lang))
st.markdown(t("method.body", lang))

st.subheader(t("method.sources_title", lang))
st.caption(t("method.sources_caption", lang))
table = model.parameter_table(params)
shown = pd.DataFrame(
    {
        t("assumptions.col.label", lang): [parameter_label(n, params, lang) for n in table["name"]],
        t("assumptions.col.value", lang): table["value"],
        t("assumptions.col.unit", lang): table["unit"],
        t("assumptions.col.low", lang): table["low"],
        t("assumptions.col.high", lang): table["high"],
        t("assumptions.col.status", lang): [t(f"status.{v}", lang) for v in table["status"]],
        t("assumptions.col.confidence", lang): [t(f"confidence.{v}", lang) for v in table["confidence"]],
        t("assumptions.col.source", lang): table["source"],
    }
)
number = st.column_config.NumberColumn(format="localized")  # the browser's locale: 10 000 in Swedish
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    height=520,
    column_config={t(f"assumptions.col.{c}", lang): number for c in ("value", "low", "high")},
)

st.subheader(t("method.measures_title", lang))
for m in params.measures:
    with st.expander(m.label(lang)):
        st.markdown(
            t(
                "method.measure_body",
                lang,
                evidence=m.evidence or "–",
                source=m.source or "–",
                mechanism=t(f"mechanism.{m.mechanism}", lang),
            )
        )
