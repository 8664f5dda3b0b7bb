"""The overview's "where does it come from": the net effect by mechanism, money not used, and more money.

``group_totals``, ``group_sentence``, ``unused_table`` and ``saturation`` are pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.levers import shift_max_mnkr
from model.text.i18n import fmt_mnkr, t, ta
from model.text.labels import measure_label, price_basis_label
from ui import cache, figure
from ui.charts.mechanisms import GROUPS, build_amount_chart, build_waterfall_chart
from ui.tables import show_table

#: Money below this [SEK] counts as none (not used, or a group's net).
NEGLIGIBLE_SEK = 0.05e6


def _sums(keys: pd.Series, values: pd.Series) -> dict[str, float]:
    """*values* summed per key, keys in their first row's order (plain Python: these tables have ~100 rows,
    where a pandas groupby on text keys costs milliseconds on every slider move)."""
    out: dict[str, float] = {}
    for k, v in zip(keys.tolist(), values.tolist(), strict=True):
        out[k] = out.get(k, 0.0) + v
    return out


def group_totals(by_mechanism: pd.DataFrame) -> dict[str, float]:
    """Net effect over the horizon of each group of mechanisms that is in the scenario [SEK]."""
    sums = _sums(by_mechanism["group"], by_mechanism["net_sek"])
    return {g: float(sums[g]) for g, _ in GROUPS if g in sums}


def group_sentence(by_mechanism: pd.DataFrame, language: str) -> str:
    """The net effect of each group, in words: is the saving prevention or make-or-buy?"""
    parts = [
        t(f"mechanisms.group.{g}", language) + ": " + fmt_mnkr(v, language, sign=True)
        for g, v in group_totals(by_mechanism).items()
    ]
    return t("mechanisms.by_group", language, groups=" · ".join(parts))


def saturation(by_measure: pd.DataFrame) -> dict[str, float | None]:
    """Per measure, the most it used in a year in which it left money unused [SEK/year]; None if it never did.

    The first year with money is left out: what it leaves unused is the measure's lead time (hiring,
    training), not a ceiling. On plain arrays (a pandas selection per measure cost milliseconds a slider move).
    """
    cols = ("measure", "year", "allocated_sek", "unused_sek", "spent_sek")
    ids, years, allocated, unused, spent = (by_measure[c].to_numpy() for c in cols)
    out: dict[str, float | None] = {}
    for mid in dict.fromkeys(ids):
        rows = ids == mid
        funded = years[rows & (allocated > 0)]
        after_start = years > (funded.min() if len(funded) else years[rows].max())
        short = rows & after_start & (unused > NEGLIGIBLE_SEK / 10)
        out[str(mid)] = float(spent[short].max()) if short.any() else None
    return out


def unused_table(result: model.Result, language: str) -> pd.DataFrame:
    """Money moved, used and not used per measure in the mix, and where each one saturates."""
    bm = result.by_measure
    allocated, spent, unused = (_sums(bm["measure"], bm[c]) for c in ("allocated_sek", "spent_sek", "unused_sek"))
    measures = [mid for mid, x in allocated.items() if x > 0]
    ceiling = saturation(bm)
    col = {k: t(f"mechanisms.col.{k}", language) for k in ("measure", "moved", "used", "unused", "saturates")}
    return pd.DataFrame(
        {
            col["measure"]: [measure_label(result.params, mid, language) for mid in measures],
            col["moved"]: [fmt_mnkr(allocated[mid], language) for mid in measures],
            col["used"]: [fmt_mnkr(spent[mid], language) for mid in measures],
            col["unused"]: [fmt_mnkr(unused[mid], language) for mid in measures],
            col["saturates"]: [
                t("mechanisms.per_year", language, amount=fmt_mnkr(ceiling[mid], language))
                if ceiling[mid] is not None
                else t("mechanisms.not_saturated", language)
                for mid in measures
            ],
        }
    )


def render(result: model.Result, params: model.Parameters, lang: str) -> None:
    """The waterfall, the money not used and the net effect against the amount moved."""
    if result.by_mechanism.empty:
        return
    st.header(t("mechanisms.title", lang))
    st.markdown(group_sentence(result.by_mechanism, lang))
    prices = price_basis_label(result.scenario.price_basis, result.params.price_year, lang)
    waterfall = build_waterfall_chart(result.by_mechanism, result.params, lang)
    figure.show(waterfall, ta("mechanisms.caption", lang, params.area.id), lang, "waterfall", prices)
    if result.summary.prevention_unused_sek > NEGLIGIBLE_SEK:
        st.markdown(t("mechanisms.unused_intro", lang, unused=fmt_mnkr(result.summary.prevention_unused_sek, lang)))
    # Words and amounts, not numbers to sort: a plain HTML table (a screen reader walks it; the browser
    # draws it cheaper on a slider move than a data grid).
    unused = unused_table(result, lang)
    show_table(unused)
    scenario = result.scenario
    curve = cache.amount_curve(params, scenario.with_(shift_sek_per_year=0.0), shift_max_mnkr(params) * 1e6)
    amounts = build_amount_chart(curve, scenario.shift_sek_per_year, lang)
    figure.show(amounts, t("mechanisms.amount_caption", lang), lang, "amounts", prices)
