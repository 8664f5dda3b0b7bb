"""The uncertainty page in plain words: the lead sentence that reconciles payback and the budget check,
and one sentence under the fan chart and under the tornado.

Payback and the budget check answer different questions: payback counts the
whole period, the budget check every year on its own. "100 % chance of paying
back" beside a budget that "holds all years in 0 % of simulations" read as a
contradiction; the lead says both and why (usually the first year, when the
money leaves the budget before the measures have cut placements). Pure
functions, tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

import model
from model.area import DEFAULT_AREA
from model.text.i18n import fmt_mnkr, fmt_percent, t, ta
from model.text.labels import parameter_label
from ui.uncertainty.probabilities import share_phrase

#: A year whose budget holds in fewer than this share of the draws is a year it "usually" overshoots.
USUALLY = 0.5


def year_list(years: Sequence[int], lang: str) -> str:
    """Years in words: ``2027``, ``2027 och 2028``, ``2027–2029``, ``2027, 2029 och 2031``."""
    years = list(years)
    if len(years) >= 3 and years == list(range(years[0], years[0] + len(years))):
        return f"{years[0]}–{years[-1]}"
    if len(years) <= 1:
        return "".join(str(y) for y in years)
    return t("reading.list", lang, first=", ".join(str(y) for y in years[:-1]), last=years[-1])


def lead_sentence(
    s: Mapping[str, Any],
    yearly: pd.DataFrame,
    start_year: int,
    central_holds: int,
    horizon: int,
    lang: str,
    area: str = DEFAULT_AREA,
) -> str:
    """One sentence: how often the shift pays back, how often the placement budget holds every year, and why
    they differ (the overview's count of years the budget holds in the central run, for comparison)."""
    share = share_phrase(s["probability_payback_term"], lang)
    every = float(s["probability_budget_holds_every_year"])
    if every >= USUALLY:
        percent = fmt_percent(every, lang)
        return ta("uncertainty.lead.both", lang, area, share=share, year=s["term_year"], percent=percent)
    budget = (
        t("uncertainty.lead.never_holds", lang)
        if every <= 0
        else t("uncertainty.lead.seldom_holds", lang, percent=fmt_percent(every, lang))
    )
    likely = s["probability_payback_term"] >= USUALLY  # "pays back, but…" or "does not, and…"
    return ta(
        "uncertainty.lead.sentence_but" if likely else "uncertainty.lead.sentence_and",
        lang,
        area,
        share=share,
        year=s["term_year"],
        budget=budget,
        reason=_budget_reason(yearly, start_year, lang, area),
        holds=central_holds,
        n=horizon,
    )


def _budget_reason(yearly: pd.DataFrame, start_year: int, lang: str, area: str = DEFAULT_AREA) -> str:
    """Why the budget overshoots: the first years (before the measures work), to the end, or some years."""
    years = [int(y) for y in yearly["year"]]
    over = [y for y, p in zip(years, yearly["probability_budget_holds"], strict=True) if p < USUALLY]
    if not over:
        return t("uncertainty.lead.reason_spread", lang)
    text = year_list(over, lang)
    if over == list(range(start_year, start_year + len(over))) and over[-1] < years[-1]:
        return ta("uncertainty.lead.reason_early", lang, area, years=text)
    if over == list(range(over[0], years[-1] + 1)):
        return ta("uncertainty.lead.reason_to_end", lang, area, years=text)
    return t("uncertainty.lead.reason_years", lang, years=text)


def fan_reading(yearly: pd.DataFrame, lang: str) -> str:
    """The running net effect at the end: the middle simulation, the 90 % range and how often it is a saving."""
    row = yearly.iloc[-1]
    return t(
        "uncertainty.fan.reading",
        lang,
        year=int(row["year"]),
        median=fmt_mnkr(row["cumulative_net_sek_median"], lang, sign=True, decimals=0),
        low=fmt_mnkr(row["cumulative_net_sek_p05"], lang, sign=True, decimals=0),
        high=fmt_mnkr(row["cumulative_net_sek_p95"], lang, sign=True, decimals=0),
        percent=fmt_percent(row["probability_cumulative_saving"], lang),
    )


def tornado_reading(table: pd.DataFrame, params: model.Parameters, lang: str) -> str | None:
    """What the assumption that matters most does to the present value (None if nothing swings)."""
    swinging = table.loc[table["swing_sek"] > 0]
    if swinging.empty:
        return None
    top = swinging.iloc[0]
    return t(
        "uncertainty.tornado.reading",
        lang,
        label=parameter_label(top["parameter"], params, lang),
        low=fmt_mnkr(top["npv_low_sek"], lang, sign=True),
        high=fmt_mnkr(top["npv_high_sek"], lang, sign=True),
        central=fmt_mnkr(top["npv_central_sek"], lang, sign=True),
    )
