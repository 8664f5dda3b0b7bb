"""The running net effect over the draws: the fan chart and, folded away, the same as a table.

``yearly_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from model.analysis.uncertainty import UncertaintyResult
from model.area import DEFAULT_AREA
from model.text.i18n import fmt_mnkr, fmt_percent, t, ta
from ui import figure
from ui.charts.uncertainty import build_fan_chart
from ui.folded import folded
from ui.text import interval_text
from ui.uncertainty.reading import fan_reading


def yearly_table(y: pd.DataFrame, lang: str, area: str = DEFAULT_AREA) -> pd.DataFrame:
    """Per year: the chances of having paid back, of a saving so far and of the budget holding, and the
    median and 90 % range of the cumulative net effect."""
    return pd.DataFrame(
        {
            t("uncertainty.table.year", lang): y["year"].astype(str),
            t("uncertainty.table.paid_back", lang): [fmt_percent(v, lang) for v in y["probability_paid_back"]],
            t("uncertainty.table.saving", lang): [fmt_percent(v, lang) for v in y["probability_cumulative_saving"]],
            ta("uncertainty.table.budget", lang, area): [fmt_percent(v, lang) for v in y["probability_budget_holds"]],
            t("uncertainty.table.median", lang): [fmt_mnkr(v, lang, sign=True) for v in y["cumulative_net_sek_median"]],
            t("uncertainty.table.band90", lang): [
                interval_text(a, b, lang)
                for a, b in zip(y["cumulative_net_sek_p05"], y["cumulative_net_sek_p95"], strict=True)
            ],
        }
    )


def render(u: UncertaintyResult, lang: str, prices: str = "") -> None:
    st.header(t("uncertainty.fan.subheader", lang))
    figure.show(build_fan_chart(u.yearly, lang), fan_reading(u.yearly, lang), lang, "fan", prices)
    st.caption(t("uncertainty.fan.caption", lang))
    years_table(u.yearly, lang, u.params.area.id)


def years_table(yearly: pd.DataFrame, lang: str, area: str = DEFAULT_AREA) -> None:
    """The table, built only while its expander is open (``ui/folded.py``)."""
    folded(t("uncertainty.table.title", lang), "table_fan_years",
           lambda: st.dataframe(yearly_table(yearly, lang, area), hide_index=True, width="stretch"))
