"""The overview's yearly table and the downloads of the run (the budget check is ``ui/overview/budget.py``).

``yearly_table`` and ``formats`` are pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

import model
from model.text.i18n import fmt_mnkr, fmt_number, t
from model.text.labels import column_label, prices_note
from ui import cache
from ui.downloads import Download, download_button
from ui.folded import folded

#: The money: column of Result.yearly -> shown with a sign.
MONEY = {
    "cost_baseline_sek": False,
    "cost_scenario_sek": False,
    "net_sek": True,
    "cumulative_net_sek": True,
}
#: Count columns: column of Result.yearly -> decimals.
COUNTS = {
    "children_placed_baseline": 1,
    "children_placed_scenario": 1,
    "placements_avoided": 1,
    "families_reached": 0,
    "family_homes_in_pool": 1,
}
#: The same in an area whose leavers go to work (``Area.municipal_tax``): the municipal tax, shown apart,
#: and households and participants instead of placements and family homes.
MONEY_TAX = {**MONEY, "municipal_tax_sek": False}
COUNTS_HOUSEHOLDS = {"children_placed_baseline": 1, "children_placed_scenario": 1, "families_reached": 0}


def columns(params: model.Parameters | None) -> tuple[dict[str, bool], dict[str, int]]:
    """The table's money and count columns for the area of *params* (the children's area's without)."""
    if params is not None and params.area.municipal_tax:
        return MONEY_TAX, COUNTS_HOUSEHOLDS
    return MONEY, COUNTS


def label(column: str, lang: str, params: model.Parameters | None = None) -> str:
    """Column label without the unit (in the words of *params*' area): the screen shows mnkr, the downloads
    kronor."""
    return column_label(column, lang, params).replace(" (kr)", "").replace(" (SEK)", "")


def yearly_table(yearly: pd.DataFrame, lang: str, params: model.Parameters | None = None) -> pd.DataFrame:
    """The table's numbers, one row per year: money, then children.

    The cells stay numbers, so a click on a heading sorts −12,3 below −1,5;
    :func:`formats` writes them the user's way on screen.
    """
    money, counts = columns(params)
    return pd.DataFrame(
        {
            label("year", lang): yearly["year"].astype(int),
            **{label(c, lang, params): yearly[c].astype(float) for c in money},
            **{label(c, lang, params): yearly[c].astype(float) for c in counts},
        }
    )


def formats(lang: str, params: model.Parameters | None = None) -> dict[str, Callable[[object], str]]:
    """How each column is written on screen: ``−106,2 mnkr``, ``37,6``, the year as it is."""
    money, counts = columns(params)
    out: dict[str, Callable[[object], str]] = {label("year", lang): str}
    for c, signed in money.items():
        out[label(c, lang, params)] = partial(_mnkr, lang=lang, sign=signed)
    for c, decimals in counts.items():
        out[label(c, lang, params)] = partial(_count, lang=lang, decimals=decimals)
    return out


def _mnkr(x: object, lang: str, sign: bool) -> str:
    return fmt_mnkr(float(x), lang, sign=sign)  # type: ignore[arg-type]


def _count(x: object, lang: str, decimals: int) -> str:
    return fmt_number(float(x), decimals, lang)  # type: ignore[arg-type]


def styled_table(result: model.Result, lang: str) -> None:
    """The table as a Styler: the cells are shown the user's way and sorted as the numbers they are."""
    # Streamlit writes its display values into a text copy of the table column by column, which pandas'
    # default Arrow-backed text makes ~40 % slower than Python-backed text (bench/latency.py --trace). The
    # option only chooses how new text columns are stored; another session's thread that creates one
    # meanwhile gets the same values stored the other way.
    with pd.option_context("mode.string_storage", "python"):
        st.dataframe(
            yearly_table(result.yearly, lang, result.params).style.format(formats(lang, result.params)),
            hide_index=True,
            width="stretch",
        )


def render(result: model.Result, lang: str) -> None:
    """The table, folded and built only while open (each table costs a slider move its work and the browser a
    render), then the downloads."""
    with st.container(key="figure_yearly"):  # printed on one page with its heading (ui/static/layout.css)
        st.header(t("overview.table_title", lang))
        st.caption(prices_note(result.scenario.price_basis, result.params.price_year, lang))
        folded(t("overview.table_show", lang), "table_yearly", partial(styled_table, result, lang))
    params, scenario = result.params, result.scenario
    files = [
        (Download("xlsx", t("download.xlsx", lang), partial(cache.result_xlsx, params, scenario, lang)),
         "filename", ""),
        (Download("csv", t("download.csv", lang), partial(cache.result_csv, params, scenario, lang)),
         "filename", ""),
        (Download("csv", t("download.csv_budget", lang), partial(cache.budget_lines_csv, params, scenario, lang)),
         "filename_budget", "_budget"),
        (Download("csv", t("download.csv_payers", lang), partial(cache.payers_csv, params, scenario, lang)),
         "filename_payers", "_payers"),
    ]
    for column, (file, name, key) in zip(st.columns(len(files)), files, strict=True):
        download_button(column, file, t(f"download.{name}", lang), key=f"download{key}")
    st.caption(t("download.caption", lang))
