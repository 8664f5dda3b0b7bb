"""The uncertainty page's first sentence: payback and the budget check, said together (ui.uncertainty.reading)."""

from __future__ import annotations

import streamlit as st

import model
from model.analysis.uncertainty import UncertaintyResult
from model.scenario import Scenario
from ui import cache
from ui.uncertainty.reading import lead_sentence


def render(u: UncertaintyResult, params: model.Parameters, scenario: Scenario, lang: str) -> None:
    central = cache.run(params, scenario).summary  # the overview's run: its count of years the budget holds
    holds = int(central["external_budget_holds_years"])
    start = scenario.start_year or scenario.first_year
    sentence = lead_sentence(u.summary, u.yearly, start, holds, scenario.horizon_years, lang, params.area.id)
    st.markdown("**" + sentence + "**")
