"""Each measure's evidence, source and mechanism, one expander each."""

from __future__ import annotations

import streamlit as st

import model
from model.text.i18n import t
from model.text.user_text import markdown_literal


def render(params: model.Parameters, lang: str) -> None:
    st.header(t("method.measures_title", lang))
    for m in params.measures:
        with st.expander(markdown_literal(m.label(lang))):
            st.markdown(
                t(
                    "method.measure_body",
                    lang,
                    evidence=markdown_literal(m.evidence or "–"),
                    source=markdown_literal(m.citation(lang) or "–"),
                    mechanism=t(f"mechanism.{m.mechanism}", lang),
                )
            )
