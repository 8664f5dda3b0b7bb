"""One sentence under each comparison chart: which scenario is lowest and which highest at the end.

``compare_reading`` is pure and tested directly; scenario names are people's
text and are escaped for markdown (``markdown_literal``).
"""

from __future__ import annotations

import pandas as pd

from model.text.i18n import format_value, t
from model.text.user_text import markdown_literal


def compare_reading(long: pd.DataFrame, column: str, kind: str, lang: str) -> str:
    """At the last year every scenario has: the scenario with the lowest and the one with the highest value."""
    year = int(long.groupby("scenario")["year"].max().min())
    at = long.loc[long["year"] == year, ["scenario", column]].reset_index(drop=True)
    low, high = at.loc[at[column].idxmin()], at.loc[at[column].idxmax()]
    sign = column.endswith("net_sek")
    if format_value(float(low[column]), kind, lang, sign) == format_value(float(high[column]), kind, lang, sign):
        return t("scenarios.chart.same_reading", lang, year=year)
    return t(
        f"scenarios.chart.{column}_reading",
        lang,
        year=year,
        low=markdown_literal(str(low["scenario"])),
        low_value=format_value(float(low[column]), kind, lang, sign),
        high=markdown_literal(str(high["scenario"])),
        high_value=format_value(float(high[column]), kind, lang, sign),
    )
