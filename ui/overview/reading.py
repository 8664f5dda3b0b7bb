"""One sentence under each overview chart, written from the numbers: the chart in plain words.

``net_reading``, ``cost_reading`` and ``children_reading`` take a run's yearly
table and are pure (tested directly): "Kostnaden är lägre än utan förändring
från 2029; sammanlagt 106 mnkr lägre 2036."
"""

from __future__ import annotations

import pandas as pd

from model.area import DEFAULT_AREA
from model.text.i18n import area_key, fmt_mnkr, fmt_number, fmt_percent, t, ta

#: A yearly difference below this [SEK] reads as no difference.
NEGLIGIBLE_SEK = 0.5e6
#: A difference in children below this reads as none (one decimal is shown).
NEGLIGIBLE_CHILDREN = 0.05


def _amount(x: float, lang: str) -> str:
    """Money without a sign, in million kronor: ``106 mnkr``, ``2,5 mnkr`` (a decimal below 10 mnkr)."""
    return fmt_mnkr(abs(x), lang, decimals=0 if abs(x) >= 10e6 else 1)


def lower_from(net: pd.Series, years: pd.Series) -> int | None:
    """The first year from which the yearly net effect stays below zero to the end (None if it ends above)."""
    below = (net < -NEGLIGIBLE_SEK).to_numpy()
    if not below[-1]:
        return None
    i = len(below)
    while i > 0 and below[i - 1]:
        i -= 1
    return int(years.iloc[i])


def net_reading(yearly: pd.DataFrame, lang: str) -> str:
    """The net effect over time: from which year the cost is lower, and the running total at the end."""
    net, years = yearly["net_sek"], yearly["year"]
    last, total = int(years.iloc[-1]), float(yearly["cumulative_net_sek"].iloc[-1])
    if (net.abs() < NEGLIGIBLE_SEK).all():
        return t("reading.net.same", lang)
    start = lower_from(net, years)
    if start is None:
        first = t("reading.net.higher_every" if (net > NEGLIGIBLE_SEK).all() else "reading.net.higher_end", lang)
    elif start == int(years.iloc[0]):
        first = t("reading.net.lower_every", lang)
    else:
        first = t("reading.net.lower_from", lang, year=start)
    word = "lower" if total < 0 else "higher"
    return t(f"reading.net.total_{word}", lang, first=first, amount=_amount(total, lang), year=last)


def cost_reading(yearly: pd.DataFrame, lang: str, area: str = DEFAULT_AREA) -> str:
    """The last year's cost by budget line: what purchased care (or assistance) saves, what the rest costs,
    the total (in the words of the area *area*)."""
    row = yearly.iloc[-1]
    purchased = float(row["cost_external_scenario_sek"] - row["cost_external_baseline_sek"])
    other = float(
        row["cost_prevention_sek"]
        + row["cost_own_care_scenario_sek"]
        - row["cost_own_care_baseline_sek"]
        + row["cost_in_home_scenario_sek"]
        - row["cost_in_home_baseline_sek"]
    )
    net = float(row["net_sek"])
    if abs(net) < NEGLIGIBLE_SEK and abs(purchased) < NEGLIGIBLE_SEK:
        return t("reading.cost.same", lang, year=int(row["year"]))
    return ta(
        "reading.cost.sentence",
        lang,
        area,
        year=int(row["year"]),
        purchased=_amount(purchased, lang),
        purchased_word=t("reading.less" if purchased <= 0 else "reading.more", lang),
        other=_amount(other, lang),
        other_word=t("reading.more" if other >= 0 else "reading.less", lang),
        total=_amount(net, lang),
        total_word=t("reading.lower" if net <= 0 else "reading.higher", lang),
    )


def children_reading(yearly: pd.DataFrame, lang: str, area: str = DEFAULT_AREA) -> str:
    """The last year's children in HVB or SiS against no change, and the share of placed children in a family;
    in an area with its own wording of ``reading.children.sentence`` (financial assistance) the people on it
    (``children_placed``: the households on assistance) against no change."""
    row = yearly.iloc[-1]
    sentence = area_key("reading.children.sentence", area, lang)
    column = "children_institution" if sentence == "reading.children.sentence" else "children_placed"
    now = float(row[f"{column}_scenario"])
    difference = now - float(row[f"{column}_baseline"])
    if abs(difference) < NEGLIGIBLE_CHILDREN:
        compared = t("reading.children.as_many", lang)
    else:
        key = "reading.children.fewer" if difference < 0 else "reading.children.more"
        compared = t(key, lang, n=fmt_number(abs(difference), 1, lang))
    return t(
        sentence,
        lang,
        year=int(row["year"]),
        n=fmt_number(now, 1, lang),
        compared=compared,
        share=fmt_percent(float(row["family_share_scenario"]), lang),
        baseline=fmt_percent(float(row["family_share_baseline"]), lang),
    )
