"""Chart builders for the comparison: one line per scenario, overlaid, legible on a projector.

Pure functions ``build_*(long_df, ...) -> alt.Chart`` over
:func:`model.analysis.compare.yearly_long`; tested on ``chart.to_dict()``. The baseline
("no change of policy") is a grey dashed line; scenarios get the theme's
categorical colours in the order they were picked. Fonts are large (16 px) and
lines thick because the comparison is shown on a projector.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.text.i18n import format_value, t
from ui.charts import number_expr

SCENARIO_COLOURS = ("#1f5f8b", "#e07b39", "#3a9d5d", "#b5446e", "#7f6bb3")
BASELINE_COLOUR = "#8c8c8c"
FONT_SIZE = 16

#: Charts of the comparison: (column of yearly_long, kind, title key, axis key).
COMPARE_CHARTS = (
    ("cumulative_net_sek", "sek", "scenarios.chart.cumulative_title", "scenarios.chart.cumulative_axis"),
    ("cost_sek", "sek", "scenarios.chart.cost_title", "scenarios.chart.cost_axis"),
    ("children_institution", "decimal", "scenarios.chart.institution_title", "scenarios.chart.institution_axis"),
)


def chart_frame(long: pd.DataFrame, column: str, kind: str, language: str) -> pd.DataFrame:
    """The columns one chart needs, with tooltip text in the user's number format."""
    df = long[["scenario", "order", "is_baseline", "year", column]].rename(columns={column: "value"}).copy()
    df["text"] = [format_value(float(v), kind, language, sign=column.endswith("net_sek")) for v in df["value"]]
    return df


def build_compare_chart(
    long: pd.DataFrame, column: str, kind: str, language: str = "sv", title: str = "", axis_title: str = ""
) -> alt.LayerChart:
    """One yearly figure, one line per scenario (baseline dashed), zero line for net effects."""
    df = chart_frame(long, column, kind, language)
    names = list(dict.fromkeys(df.sort_values("order")["scenario"]))
    baseline = set(df.loc[df["is_baseline"], "scenario"])
    palette = iter(SCENARIO_COLOURS)
    colours = [BASELINE_COLOUR if n in baseline else next(palette, "#4fb3bf") for n in names]
    dashes = [[8, 5] if n in baseline else [1, 0] for n in names]
    if kind == "sek":
        unit = "mnkr" if language == "sv" else "MSEK"
        axis = alt.Axis(title=f"{axis_title} ({unit})", labelExpr=number_expr(language, 1e6, 0))
    else:
        axis = alt.Axis(title=axis_title, labelExpr=number_expr(language, 1, 0))
    x = alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0))
    legend = alt.Legend(
        title=None,
        orient="bottom",
        direction="vertical",
        labelLimit=600,
        symbolType="stroke",
        symbolStrokeWidth=5,
        symbolSize=500,
    )
    lines = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=4)
        .encode(
            x=x,
            y=alt.Y("value:Q", axis=axis),
            color=alt.Color("scenario:N", sort=names, scale=alt.Scale(domain=names, range=colours), legend=legend),
            strokeDash=alt.StrokeDash(
                "scenario:N", sort=names, scale=alt.Scale(domain=names, range=dashes), legend=None
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title=t("scenarios.chart.scenario", language)),
                alt.Tooltip("year:O", title=t("chart.year", language)),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
    )
    layers: list[alt.Chart] = []
    if column.endswith("net_sek"):
        layers.append(alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#1a1a1a").encode(y="y:Q"))
    layers.append(lines)
    chart = alt.layer(*layers).properties(height=420)
    if title:
        chart = chart.properties(title=title)
    return (
        chart.configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE)
        .configure_title(fontSize=FONT_SIZE + 4, anchor="start")
    )
