"""The app with its levers and one number: what the shared sidebar alone costs a slider move.

``python bench/latency.py --levers`` measures it beside the trivial one-slider
app and the real overview, under the same config in the same run. It draws the
sidebar as ``app.py`` does (the page config, the area, language and
municipality selectors, the style, the levers with their undo), but not the
page links, the account line or the address, and in place of a page the net
effect as one metric: the floor the overview's own content adds to.
"""

import streamlit as st

from model.text.i18n import fmt_mnkr, t
from ui import areas, cache, sidebar, state, style

st.set_page_config(page_title="Omställningskalkylen", layout="wide")
areas.render(state.language())
sidebar.render_settings()
lang = state.language()
style.inject(lang)
params = state.params()
sidebar.render_levers(params, lang)
scenario = state.scenario_from_state(st.session_state, params)
summary = cache.run(params, scenario).summary
years = f"{scenario.first_year}–{scenario.last_year}"
st.metric(t("headline.net", lang, years=years), fmt_mnkr(summary["net_total_sek"], lang, sign=True))
