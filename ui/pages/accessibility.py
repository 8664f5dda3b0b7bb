"""Page "Tillgänglighet": the accessibility statement (tillgänglighetsredogörelse): what is checked, what is not yet."""

from __future__ import annotations

import streamlit as st

from model.text.i18n import t
from ui import state

lang = state.language()

st.title(t("accessibility.title", lang))
st.markdown(t("accessibility.body", lang))
