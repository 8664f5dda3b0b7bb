"""Page "Osäkerhet": how likely the shift is to pay back, what matters most, and what has to be true.

Monte Carlo, tornado and break-even run only here (never on the overview), cached
by set, scenario, draws and seed: a lever moved here answers at once.
"""

from __future__ import annotations

import streamlit as st

from model.files.presets import set_name
from model.text.i18n import fmt_number, t
from model.text.labels import price_basis_label
from model.text.user_text import markdown_literal
from ui import state
from ui.errors import show_error
from ui.uncertainty import breakeven, central, compute, fan, lead, probabilities, settings, tornado

lang = state.language()
params = state.params()
try:
    scenario = state.scenario_from_state(st.session_state, params)
except ValueError as exc:
    show_error(exc, lang)
    st.stop()

years = f"{scenario.first_year}–{scenario.last_year}"
draws = fmt_number(settings.draws(), 0, lang)
st.title(t("uncertainty.title", lang))
municipality = markdown_literal(set_name(params, lang))
st.caption(t("uncertainty.subtitle", lang, municipality=municipality, years=years, draws=draws))
settings.render(lang)
if scenario.is_baseline or not scenario.mix_dict:
    st.info(t("uncertainty.no_shift", lang), icon=":material/info:")
    st.stop()

central.render(params, scenario, lang)
u = compute.monte_carlo(params, scenario, lang)
if u is not None:
    lead.render(u, params, scenario, lang)
    probabilities.render(u, scenario, lang)
    fan.render(u, lang, price_basis_label(scenario.price_basis, params.price_year, lang))
with compute.in_line(lang):
    tornado.render(params, scenario, lang)
    breakeven.render(params, scenario, lang)
