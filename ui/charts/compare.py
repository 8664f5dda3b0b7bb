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
from ui.charts.palette import BASELINE, BERRY, BLUE, GREEN, ORANGE, TEAL, TEXT, VIOLET
from ui.charts.spec import AUTOSIZE, PADDING, mnkr_axis, number_expr, year_tooltip, year_x

#: Scenarios' colours in the order they were picked (after these: teal).
SCENARIO_COLOURS = (BLUE, ORANGE, GREEN, BERRY, VIOLET)
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


def _legend() -> alt.Legend:
    """A legend big enough to read from the back of the room: one thick line per scenario."""
    return alt.Legend(
        title=None,
        orient="bottom",
        direction="vertical",
        # As wide as the chart, never wider (a long name is cut inside the chart, not at its edge).
        labelLimit={"expr": "max(120, containerSize()[0] - 60)"},  # type: ignore[arg-type]
        symbolType="stroke",
        symbolStrokeWidth=5,
        symbolSize=500,
    )


def _scales(df: pd.DataFrame) -> tuple[list[str], list[str], list[list[int]]]:
    """Names in the order picked, their colours and dashes (the baseline grey and dashed)."""
    names = list(dict.fromkeys(df.sort_values("order")["scenario"]))
    baseline = set(df.loc[df["is_baseline"], "scenario"])
    palette = iter(SCENARIO_COLOURS)
    colours = [BASELINE if n in baseline else next(palette, TEAL) for n in names]
    dashes = [[8, 5] if n in baseline else [1, 0] for n in names]
    return names, colours, dashes


def build_compare_chart(
    long: pd.DataFrame, column: str, kind: str, language: str = "sv", title: str = "", axis_title: str = ""
) -> alt.LayerChart:
    """One yearly figure, one line per scenario (baseline dashed), zero line for net effects."""
    df = chart_frame(long, column, kind, language)
    names, colours, dashes = _scales(df)
    if kind == "sek":
        axis = mnkr_axis(language, axis_title)
    else:
        axis = alt.Axis(title=axis_title, labelExpr=number_expr(language, 1, 0))
    lines = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(size=80), strokeWidth=4)
        .encode(
            x=year_x(language),
            y=alt.Y("value:Q", axis=axis),
            color=alt.Color("scenario:N", sort=names, scale=alt.Scale(domain=names, range=colours), legend=_legend()),
            strokeDash=alt.StrokeDash(
                "scenario:N", sort=names, scale=alt.Scale(domain=names, range=dashes), legend=None
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title=t("scenarios.chart.scenario", language)),
                year_tooltip(language),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
    )
    layers: list[alt.Chart] = []
    if column.endswith("net_sek"):
        layers.append(alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color=TEXT).encode(y="y:Q"))
    layers.append(lines)
    # The height is the plot's, as every chart's (spec.AUTOSIZE): the legend, a row per scenario, comes below.
    chart = alt.layer(*layers).properties(height=420, autosize=AUTOSIZE, padding=PADDING)
    if title:
        chart = chart.properties(title=title)
    return (
        chart.configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
        .configure_legend(labelFontSize=FONT_SIZE)
        .configure_title(fontSize=FONT_SIZE + 4, anchor="start")
    )
