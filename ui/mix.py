"""The mix as the model uses it, beside the sliders: weights read as shares that sum to 100 %.

The sliders are weights (two measures at 30 and 30 share the money 50/50);
under each slider the app says what share of the money the measure gets and
how much that is a year, and the shown percentages add up to exactly 100
(largest remainders). ``display_percents`` and ``share_text`` are pure and
tested directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from model.text.i18n import fmt_mnkr, t


def display_percents(shares: Mapping[str, float]) -> dict[str, int]:
    """Whole percentages of *shares* (summing to 1) that add up to exactly 100: the largest remainders round up."""
    if not shares:
        return {}
    exact = {k: 100 * v for k, v in shares.items()}
    out = {k: math.floor(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: exact[k] - out[k], reverse=True)[: 100 - sum(out.values())]:
        out[k] += 1
    return out


def share_text(measure_id: str, shares: Mapping[str, float], shift_mnkr: float, lang: str) -> str:
    """What one slider means: ``= 50 % av beloppet, 5,0 mnkr per år`` (or that the measure gets nothing)."""
    percents = display_percents(shares)
    if measure_id not in percents:
        return t("levers.mix_share_none", lang)
    amount = fmt_mnkr(shares[measure_id] * shift_mnkr * 1e6, lang)
    return t("levers.mix_share", lang, percent=percents[measure_id], amount=amount)


def show_share(measure_id: str, shares: Mapping[str, float], shift_mnkr: float, lang: str) -> None:
    """The share under a measure's slider."""
    st.caption(share_text(measure_id, shares, shift_mnkr, lang))
