"""Page "Spara och jämför": save the levers and assumptions, reopen them, share, compare, download."""

from __future__ import annotations

import streamlit as st

from model.text.i18n import t
from ui import cache, state
from ui.errors import message, shown
from ui.scenarios import actions, audit, compare, saved, sharing

lang = state.language()
params = state.params()
st.title(t("scenarios.title", lang))
st.caption(t("scenarios.subtitle", lang))
actions.show_flashes()

try:
    scenarios = cache.store()
except Exception as exc:  # any driver error: say so, keep the rest of the app running
    st.error(t("scenarios.error.store_unavailable", lang, detail=type(exc).__name__))
    st.stop()
try:
    current = state.scenario_from_state(st.session_state, params)
except ValueError as exc:
    current = None
    st.warning(t("scenarios.error.levers_invalid", lang, detail=shown(message(exc, lang))))

tab_saved, tab_compare, tab_share, tab_audit = st.tabs(
    [t(f"scenarios.tab.{k}", lang) for k in ("saved", "compare", "share", "audit")],
    key="scn_tab",
    on_change="rerun",  # tracked in session state: an action's rerun keeps the tab the user is on
)
with tab_saved:
    saved.render(scenarios, params, current, lang)
with tab_compare:
    compare.render(scenarios, params, current, lang)
with tab_share:
    sharing.render(scenarios, params, lang)
with tab_audit:
    audit.render(scenarios, lang)
