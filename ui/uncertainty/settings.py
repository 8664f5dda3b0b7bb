"""The Monte Carlo settings: number of draws and seed (kept for the session)."""

from __future__ import annotations

import streamlit as st

from model.analysis.uncertainty import DEFAULT_DRAWS
from model.text.i18n import fmt_number, t, ta
from ui import state

DRAW_CHOICES = (1_000, 5_000, 10_000, 20_000)
DRAWS_KEY = "mc_draws"
SEED_KEY = "mc_seed"


def draws() -> int:
    """The chosen number of draws."""
    return int(st.session_state.get(DRAWS_KEY) or DEFAULT_DRAWS)


def seed() -> int:
    """The chosen seed of the random numbers."""
    return int(st.session_state.get(SEED_KEY) or 0)


def render(lang: str) -> None:
    """An expander with the number of draws and the seed."""
    with st.expander(t("uncertainty.settings.expander", lang), icon=":material/casino:"):
        s1, s2 = st.columns(2)
        s1.segmented_control(
            t("uncertainty.settings.draws", lang),
            DRAW_CHOICES,
            default=DEFAULT_DRAWS,
            required=True,
            format_func=lambda n: fmt_number(n, 0, lang),
            key=DRAWS_KEY,
            persist_state="session",
            help=t("uncertainty.settings.draws_help", lang),
        )
        s2.number_input(
            t("uncertainty.settings.seed", lang),
            min_value=0,
            max_value=2**31 - 1,
            value=0,
            step=1,
            key=SEED_KEY,
            persist_state="session",
            help=t("uncertainty.settings.seed_help", lang),
        )
        st.caption(ta("uncertainty.settings.method", lang, state.params().area.id))
