"""Page "Översikt": what the budget shift does to costs and children, big numbers first."""

from __future__ import annotations

import streamlit as st

from model.evidence import evidence_level
from model.files.presets import set_name
from model.text.i18n import t, ta
from model.text.labels import prices_values
from model.text.user_text import markdown_literal
from ui import cache, state
from ui.errors import show_error
from ui.overview import budget, chart, headline, mechanisms, memo, opened, table

lang = state.language()
params = state.params()
try:
    scenario = state.scenario_from_state(st.session_state, params)
    result = cache.run(params, scenario)
except ValueError as exc:
    show_error(exc, lang)
    st.stop()

st.title(ta("overview.title", lang, params.area.id))
years = f"{scenario.first_year}–{scenario.last_year}"
municipality = markdown_literal(set_name(params, lang))
level = evidence_level(scenario.evidence_level).label(lang).lower()
st.caption(
    t("overview.subtitle", lang, municipality=municipality, years=years, level=level,
      **prices_values([scenario.price_basis], params.price_year, lang))
)
opened.render(params, lang)

headline.render(result, lang)
chart.render(result, lang)
mechanisms.render(result, params, lang)
budget.render(result, lang)
table.render(result, lang)
memo.render(result, lang)
