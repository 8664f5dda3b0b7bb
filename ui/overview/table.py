"""The overview's yearly table (with the budget check) and the downloads of the run.

``yearly_table`` is pure and tested directly.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

import model
from model.text.i18n import fmt_mnkr, fmt_number, t
from ui import cache
from ui.downloads import Download, download_row

#: Money columns of the table: column of Result.yearly -> shown with a sign.
MONEY = {
    "cost_baseline_sek": False,
    "cost_scenario_sek": False,
    "net_sek": True,
    "cumulative_net_sek": True,
    "external_budget_sek": False,
    "external_forecast_sek": False,
    "external_budget_deviation_sek": True,
}
#: Count columns: column of Result.yearly -> decimals.
COUNTS = {
    "children_placed_baseline": 1,
    "children_placed_scenario": 1,
    "placements_avoided": 1,
    "families_reached": 0,
    "family_homes_in_pool": 1,
}


def label(column: str, lang: str) -> str:
    """Column label without the unit: the screen shows mnkr, the downloads kronor."""
    return t(f"col.{column}", lang).replace(" (kr)", "").replace(" (SEK)", "")


def yearly_table(yearly: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as shown: one row per year, numbers as text in the user's format."""
    return pd.DataFrame(
        {
            label("year", lang): yearly["year"].astype(str),
            **{label(c, lang): [fmt_mnkr(v, lang, sign=signed) for v in yearly[c]] for c, signed in MONEY.items()},
            label("external_budget_holds", lang): [
                t("common.yes" if h else "common.no", lang) for h in yearly["external_budget_holds"]
            ],
            **{label(c, lang): [fmt_number(v, decimals, lang) for v in yearly[c]] for c, decimals in COUNTS.items()},
        }
    )


def render(result: model.Result, lang: str) -> None:
    """One table (each table costs the browser a render on every slider move), then the downloads."""
    st.subheader(t("overview.table_title", lang))
    st.caption(t("overview.budget_caption", lang))
    st.dataframe(yearly_table(result.yearly, lang), hide_index=True, width="stretch")
    params, scenario = result.params, result.scenario
    download_row(
        [
            Download("xlsx", t("download.xlsx", lang), partial(cache.result_xlsx, params, scenario, lang)),
            Download("csv", t("download.csv", lang), partial(cache.result_csv, params, scenario, lang)),
        ],
        t("download.filename", lang),
        key="download",
        spare=2,
    )
    st.caption(t("download.caption", lang))
