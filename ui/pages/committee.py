"""Page "Hela nämnden": every area's shift side by side, the committee's budget summed year by year, and the areas
compared (benefit per krona moved, chance of paying back). Each area with its own levers and parameter set."""

from __future__ import annotations

import streamlit as st

from model.text.i18n import t
from ui import committee, state
from ui.errors import show_error

lang = state.language()
st.title(t("committee.title", lang))
try:
    inputs = committee.sets(st.session_state)
except ValueError as exc:
    show_error(exc, lang)
    st.stop()
committee.render(inputs, lang)
