"""Page "Osäkerhet": how likely the shift is to pay back, what matters most, and what has to be true.

The Monte Carlo analysis, the tornado and the break-even solvers run only on
this page (the overview never pays for them), cached by parameter set,
scenario, number of draws and seed. A moved lever first changes the central
line (one deterministic run), then the simulations, then the rest; each heavy
run waits its turn at the server's gate and the session's budget
(``ui.uncertainty.compute``).
"""

from __future__ import annotations

import streamlit as st

from model.files.presets import set_name
from model.text.i18n import fmt_number, t
from ui import state
from ui.errors import show_error
from ui.uncertainty import breakeven, central, compute, fan, probabilities, settings, tornado

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
st.caption(t("uncertainty.subtitle", lang, municipality=set_name(params, lang), years=years, draws=draws))
settings.render(lang)
if scenario.is_baseline or not scenario.mix_dict:
    st.info(t("uncertainty.no_shift", lang), icon=":material/info:")
    st.stop()

central.render(params, scenario, lang)
u = compute.monte_carlo(params, scenario, lang)
if u is not None:
    probabilities.render(u, scenario, lang)
    fan.render(u, lang)
with compute.in_line(lang):
    tornado.render(params, scenario, lang)
    breakeven.render(params, scenario, lang)
