"""The central result at once: the levers' outcome with every assumption at its most likely value.

One deterministic run (the overview's, usually a cache hit) answers in
milliseconds, so this line is the first thing a moved lever changes on the
page; the simulations below follow when they are ready.
"""

from __future__ import annotations

import streamlit as st

import model
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, t
from ui import cache

KEY = "unc_central"  # the line's container: bench/latency.py watches it


def line(s: model.Summary, lang: str) -> str:
    """One sentence: net effect and present value over the horizon, and the payback year."""
    payback = (
        t("uncertainty.central_payback", lang, year=s.payback_year)
        if s.payback_year is not None
        else t("uncertainty.central_no_payback", lang)
    )
    return t(
        "uncertainty.central",
        lang,
        years=f"{s.first_year}–{s.last_year}",
        net=fmt_mnkr(s.net_total_sek, lang, sign=True),
        npv=fmt_mnkr(s.npv_sek, lang, sign=True),
        payback=payback,
    )


def render(params: model.Parameters, scenario: Scenario, lang: str) -> None:
    with st.container(key=KEY):
        st.markdown(line(cache.run(params, scenario).summary, lang))
