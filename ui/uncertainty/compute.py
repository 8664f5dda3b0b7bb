"""The page's heavy runs: in line with everyone else's, within the session's budget, the wait told in words.

:func:`monte_carlo` asks the cache for the analysis. On a miss the run waits
for its turn at the server's gate (:mod:`ui.heavy`); meanwhile a slot above
the results says its place in line ("Beräknar, plats 2 i kön"), then how far
the simulations have come. The previous results stay on screen, faded by
Streamlit, until the new ones replace them. A run the session's budget
refuses leaves the last result on screen with a message saying why and for
how long. :func:`in_line` does the same for the tornado and the break-even
answers (not counted against the budget: each costs a fixed few hundred runs).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

import model
from model.analysis.uncertainty import UncertaintyResult
from model.scenario import Scenario
from model.text.i18n import fmt_number, fmt_percent, t
from ui import cache, heavy
from ui.uncertainty import settings

BUDGET_KEY = "_mc_budget"  # the session's heavy.DrawBudget
LAST_KEY = "_mc_last"  # the last Monte Carlo result shown: it stays when the budget refuses a new one


def budget() -> heavy.DrawBudget:
    """This session's budget of draws (made on first use)."""
    if not isinstance(st.session_state.get(BUDGET_KEY), heavy.DrawBudget):
        st.session_state[BUDGET_KEY] = heavy.DrawBudget()
    return st.session_state[BUDGET_KEY]


@contextmanager
def waiting_room(slot, lang: str, draws: int | None = None, spend: heavy.DrawBudget | None = None) -> Iterator[None]:
    """Show the place in line and the progress in *slot* while the block's heavy runs wait and compute."""
    words = {"draws": fmt_number(draws, 0, lang)} if draws else {}

    def wait(place: int) -> None:
        slot.info(t("uncertainty.queue", lang, place=place), icon=":material/hourglass_top:")

    def start() -> None:
        slot.caption(t("uncertainty.computing", lang, **words))

    def progress(done: int) -> None:
        slot.caption(t("uncertainty.progress", lang, percent=fmt_percent(done / draws, lang), **words))

    with heavy.room(wait, start if draws else None, progress if draws else None, spend):
        yield
    slot.empty()


@contextmanager
def in_line(lang: str) -> Iterator[None]:
    """A slot for the place in line of the heavy runs in the block (no budget)."""
    with waiting_room(st.empty(), lang):
        yield


def monte_carlo(params: model.Parameters, scenario: Scenario, lang: str) -> UncertaintyResult | None:
    """The Monte Carlo analysis of the levers, or the last one shown if the budget refuses (None: none yet)."""
    draws = settings.draws()
    slot = st.empty()
    try:
        with waiting_room(slot, lang, draws, budget()):
            u = cache.monte_carlo(params, scenario, draws, settings.seed())
    except heavy.OverBudget as exc:
        last = st.session_state.get(LAST_KEY)
        text = t(
            "uncertainty.budget",
            lang,
            used=fmt_number(exc.used, 0, lang),
            wanted=fmt_number(exc.wanted, 0, lang),
            limit=fmt_number(exc.limit, 0, lang),
            seconds=fmt_number(max(1, math.ceil(exc.wait_s)), 0, lang),
        )
        if last is not None:
            text += " " + t("uncertainty.budget_previous", lang)
        slot.warning(text, icon=":material/timer:")
        return last
    st.session_state[LAST_KEY] = u
    return u
