"""Each measure's evidence, source and mechanism, one expander each."""

from __future__ import annotations

import streamlit as st

import model
from model.text.i18n import t


def render(params: model.Parameters, lang: str) -> None:
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
