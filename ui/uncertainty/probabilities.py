"""How likely the shift is to pay back: three big numbers and the same in sentences.

``share_phrase`` and ``sentences`` are pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from model.analysis.uncertainty import TERM_YEARS, UncertaintyResult
from model.area import DEFAULT_AREA
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, fmt_percent, t, ta

#: Shares of the draws said as "more than 95 %"/"fewer than 5 %" instead of in tenths.
ALMOST_ALL, ALMOST_NONE = 0.95, 0.05


def share_phrase(p: float, lang: str) -> str:
    """'I 7 av 10 simuleringar' for a share *p* of the draws."""
    if p >= 1.0:
        return t("uncertainty.share.all", lang)
    if p <= 0.0:
        return t("uncertainty.share.none", lang)
    if p > ALMOST_ALL:
        return t("uncertainty.share.above", lang)
    if p < ALMOST_NONE:
        return t("uncertainty.share.below", lang)
    return t("uncertainty.share.tenths", lang, k=min(9, max(1, round(10 * p))))


def sentences(s: Mapping[str, Any], years: str, lang: str, area: str = DEFAULT_AREA) -> list[str]:
    """The summary in words: payback within the term (bold), the median and central payback years,
    the 90 % range of the net effect, and how often the placement budget holds."""
    out = [
        "**"
        + t(
            "uncertainty.sentence.payback",
            lang,
            share=share_phrase(s["probability_payback_term"], lang),
            year=s["term_year"],
        )
        + "**",
    ]
    for key in ("median", "central"):
        year = s[f"payback_year_{key}"]
        out.append(
            t(f"uncertainty.sentence.{key}", lang, year=year)
            if year is not None
            else t(f"uncertainty.sentence.{key}_none", lang)
        )
    out.append(
        t(
            "uncertainty.sentence.net",
            lang,
            years=years,
            low=fmt_mnkr(s["net_total_sek_p05"], lang, sign=True, decimals=0),
            high=fmt_mnkr(s["net_total_sek_p95"], lang, sign=True, decimals=0),
            median=fmt_mnkr(s["net_total_sek_median"], lang, sign=True, decimals=0),
        )
    )
    out.append(
        ta("uncertainty.sentence.budget", lang, area,
           percent=fmt_percent(s["probability_budget_holds_every_year"], lang))
    )
    return out


def render(u: UncertaintyResult, scenario: Scenario, lang: str) -> None:
    """The chances of paying back within the term and the horizon and of a saving, then the sentences."""
    s = u.summary
    years = f"{scenario.first_year}–{scenario.last_year}"
    # The term's number only when the horizon covers a whole term (otherwise it would repeat the horizon's).
    full_term = scenario.horizon_years >= TERM_YEARS
    c1, c2, c3 = st.columns(3) if full_term else (None, *st.columns(2))
    if c1 is not None:
        c1.metric(
            t("uncertainty.metric.term", lang),
            fmt_percent(s["probability_payback_term"], lang),
            help=t("uncertainty.metric.term_help", lang, year=s["term_year"]),
            border=True,
        )
    c2.metric(
        t("uncertainty.metric.horizon", lang, n=scenario.horizon_years),
        fmt_percent(s["probability_payback_horizon"], lang),
        help=t("uncertainty.metric.horizon_help", lang, year=s["last_year"]),
        border=True,
    )
    c3.metric(
        t("uncertainty.metric.saving", lang),
        fmt_percent(s["probability_net_saving"], lang),
        help=t("uncertainty.metric.saving_help", lang, years=years),
        border=True,
    )
    st.markdown(" ".join(sentences(s, years, lang, u.params.area.id)))
