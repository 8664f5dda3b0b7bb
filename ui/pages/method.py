"""Page "Metod och källor": the model in plain words and the table of sources."""

from __future__ import annotations

import streamlit as st

from model.text.i18n import t
from ui import state
from ui.method import body, evidence, fit, measures, sources

lang = state.language()
params = state.params()

st.title(t("method.title", lang))
body.render(params, lang)
evidence.render(params, lang)
fit.render(params, lang)
sources.render(params, lang)
measures.render(params, lang)
