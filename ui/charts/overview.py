"""Charts of the overview: cost per budget line, the cumulative net effect, children per care form.

Pure functions ``build_*_chart(df, ...) -> ChartSpec`` (a cached template plus
this run's yearly data, see :mod:`ui.charts.spec`), tested on the specs.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import cycle

import altair as alt
import pandas as pd

from model.area import DEFAULT_AREA, Area
from model.files.theme import BASELINE_BAR_DASH, BASELINE_BAR_FILL_OPACITY
from model.text.budget_text import cost_lines
from model.text.i18n import fmt_mnkr, fmt_number, t, ta
from model.text.labels import form_labels
from ui.charts.palette import BERRY, BLUE, CATEGORICAL, GREEN, GREY, LIGHT_GREEN, OCHRE, ORANGE, TEXT, VIOLET
from ui.charts.spec import (
    ChartSpec,
    fitted_legend,
    mnkr_axis,
    number_expr,
    template_spec,
    vega_string,
    year_tooltip,
    year_x,
)

# Budget lines: (key in Result.yearly without the _baseline/_scenario suffix, colour).
BUDGET_LINES = (
    ("cost_external", BLUE),
    ("cost_own_care", GREEN),
    ("cost_in_home", VIOLET),
    ("cost_prevention", ORANGE),
)
#: The colour of each care form (state) per area. Which states there are, and the order the bars stack in,
#: is the area's (:func:`form_colours`); a state not named here takes a spare colour of the palette. The
#: colours of one area stay apart under colour-blind vision (tests/ui/charts/test_palette_vision.py).
AREA_FORM_COLOURS = {
    "children": {
        "in_home": VIOLET,
        "kinship_home": LIGHT_GREEN,
        "municipal_family_home": GREEN,
        "consultant_family_home": OCHRE,
        "hvb": BLUE,
        "sis": BERRY,
        "supported_housing": GREY,
    },
    "employment": {"short_term": ORANGE, "long_term": BLUE, "after_exit": GREEN},
}
#: The children's area's colours (the default area).
FORM_COLOURS = AREA_FORM_COLOURS["children"]
#: Colour of the payback marker and its label.
PAYBACK = GREEN
#: How a year's two bars differ besides their place (left, right), so that colour is never the only cue:
#: without change a pale fill inside a dashed outline, with the proposal a solid fill (variant order).
BAR_FILL_OPACITY = (BASELINE_BAR_FILL_OPACITY, 1.0)
BAR_DASH = (list(BASELINE_BAR_DASH), [1, 0])
BAR_STROKE_WIDTH = 1.5


def _variants(language: str) -> list[str]:
    return [t("variant.baseline", language), t("variant.scenario", language)]


def _variant_legend(language: str) -> alt.Legend:
    """The legend of the bars' pattern: which bar of a year's pair is which, in words and in the pattern."""
    baseline, scenario = _variants(language)
    light, dark = t("chart.light_bar", language), t("chart.dark_bar", language)
    return fitted_legend(
        [light, dark],
        orient="top",
        labelExpr=f"datum.label == {vega_string(baseline)} ? {vega_string(light)} : {vega_string(dark)}",
        symbolType="square",
        symbolFillColor=TEXT,
        symbolStrokeColor=TEXT,
        symbolStrokeWidth=BAR_STROKE_WIDTH,
        symbolSize=180,
    )


def budget_lines(area: Area | None) -> tuple[tuple[str, str], ...]:
    """The budget lines *area* has, with their colours (:func:`model.text.budget_text.cost_lines`)."""
    keep = cost_lines(area)
    return tuple((k, c) for k, c in BUDGET_LINES if k in keep)


def _line_label(key: str, language: str, area: Area | None) -> str:
    return ta(f"budget_line.{key}", language, area.id if area else DEFAULT_AREA)


def cost_frame(yearly: pd.DataFrame, language: str, area: Area | None = None) -> pd.DataFrame:
    """Long table: year, variant, budget line and cost, with formatted tooltip text.

    Built once from plain columns (a concat of eight small frames cost tens of ms a slider move).
    """
    years = yearly["year"].astype(int).tolist()
    columns: dict[str, list] = {"year": [], "variant": [], "line": [], "order": [], "cost_sek": []}
    for variant in ("baseline", "scenario"):
        variant_label = t(f"variant.{variant}", language)
        for order, (key, _) in enumerate(budget_lines(area)):
            if key == "cost_prevention":
                values = yearly["cost_prevention_sek"].tolist() if variant == "scenario" else [0.0] * len(years)
            else:
                values = yearly[f"{key}_{variant}_sek"].tolist()
            columns["year"] += years
            columns["variant"] += [variant_label] * len(years)
            columns["line"] += [_line_label(key, language, area)] * len(years)
            columns["order"] += [order] * len(years)
            columns["cost_sek"] += [float(v) for v in values]
    columns["cost_text"] = [fmt_mnkr(v, language) for v in columns["cost_sek"]]
    return pd.DataFrame(columns)


def _grouped_bars(
    language: str,
    value: str,
    y_axis: alt.Axis,
    group: str,
    domain: list[str],
    colours: list[str],
    tooltip: list[alt.Tooltip],
) -> dict:
    """Stacked bars per year, baseline (pale, dashed outline) and scenario (solid) side by side."""
    chart = (
        alt.Chart()
        .mark_bar(strokeWidth=BAR_STROKE_WIDTH)
        .encode(
            x=year_x(language),
            xOffset=alt.XOffset("variant:N", sort=_variants(language)),
            y=alt.Y(f"sum({value}):Q", axis=y_axis),
            color=alt.Color(
                f"{group}:N",
                sort=domain,
                scale=alt.Scale(domain=domain, range=colours),
                legend=fitted_legend(domain),
            ),
            # The outline in the series' own colour keeps a pale bar's edge at the colour's contrast.
            stroke=alt.Stroke(f"{group}:N", sort=domain, scale=alt.Scale(domain=domain, range=colours), legend=None),
            order=alt.Order("order:Q"),
            fillOpacity=alt.FillOpacity(
                "variant:N",
                scale=alt.Scale(domain=_variants(language), range=list(BAR_FILL_OPACITY)),
                legend=_variant_legend(language),
            ),
            strokeDash=alt.StrokeDash(
                "variant:N",
                scale=alt.Scale(domain=_variants(language), range=list(BAR_DASH)),
                legend=_variant_legend(language),
            ),
            tooltip=[
                year_tooltip(language),
                alt.Tooltip("variant:N", title=t("chart.variant", language)),
                *tooltip,
            ],
        )
        .properties(height=340)
    )
    return template_spec(chart)


@lru_cache(maxsize=8)
def _cost_template(language: str, area: Area | None) -> dict:
    lines = budget_lines(area)
    return _grouped_bars(
        language,
        "cost_sek",
        mnkr_axis(language, t("chart.cost", language)),
        "line",
        [_line_label(k, language, area) for k, _ in lines],
        [c for _, c in lines],
        [
            alt.Tooltip("line:N", title=t("chart.budget_line", language)),
            alt.Tooltip("cost_text:N", title=t("chart.cost", language)),
        ],
    )


def build_cost_chart(yearly: pd.DataFrame, language: str = "sv", area: Area | None = None) -> ChartSpec:
    """Yearly cost by budget line (those *area* has), baseline and scenario side by side."""
    return ChartSpec(
        _cost_template(language, area), cost_frame(yearly, language, area), t("chart.cost_title", language)
    )


def cumulative_frame(yearly: pd.DataFrame, payback_year: int | None, language: str) -> pd.DataFrame:
    years = yearly["year"].astype(int).tolist()
    cumulative = yearly["cumulative_net_sek"].astype(float).tolist()
    net = yearly["net_sek"].astype(float).tolist()
    return pd.DataFrame(
        {
            "year": years,
            "cumulative_sek": cumulative,
            "net_sek": net,
            "cumulative_text": [fmt_mnkr(v, language, sign=True) for v in cumulative],
            "net_text": [fmt_mnkr(v, language, sign=True) for v in net],
            "payback": [y == payback_year for y in years],
            "payback_label": t("chart.payback", language, year=payback_year) if payback_year else "",
        }
    )


@lru_cache(maxsize=8)
def _cumulative_template(language: str) -> dict:
    x = year_x(language)
    tooltip = [
        year_tooltip(language),
        alt.Tooltip("net_text:N", title=t("chart.net_year", language)),
        alt.Tooltip("cumulative_text:N", title=t("chart.cumulative", language)),
    ]
    base = alt.Chart()
    bars = base.mark_bar(opacity=0.35, color=GREY).encode(
        x=x, y=alt.Y("net_sek:Q", axis=mnkr_axis(language, t("chart.net", language))), tooltip=tooltip
    )
    zero = base.mark_rule(color=TEXT).encode(y=alt.datum(0))
    line = base.mark_line(point=True, color=BLUE, strokeWidth=3).encode(x=x, y="cumulative_sek:Q", tooltip=tooltip)
    payback = base.transform_filter("datum.payback")
    marker = payback.mark_point(size=220, shape="diamond", filled=True, color=PAYBACK).encode(
        x=x, y="cumulative_sek:Q", tooltip=tooltip
    )
    label = payback.mark_text(dy=-18, fontWeight="bold", color=PAYBACK).encode(
        x=x, y="cumulative_sek:Q", text="payback_label:N"
    )
    chart = alt.layer(bars, zero, line, marker, label).properties(height=340)
    return template_spec(chart)


def build_cumulative_chart(yearly: pd.DataFrame, payback_year: int | None, language: str = "sv") -> ChartSpec:
    """Cumulative net effect per year (negative = saving), payback year marked."""
    return ChartSpec(
        _cumulative_template(language),
        cumulative_frame(yearly, payback_year, language),
        t("chart.cumulative_title", language),
    )


def form_colours(area: Area) -> dict[str, str]:
    """Colour per reported care form of *area*, in the area's order (the order the bars stack)."""
    named = AREA_FORM_COLOURS.get(area.id, {})
    spare = cycle([c for c in CATEGORICAL if c not in named.values()])
    return {form: named.get(form) or next(spare) for form in area.reported_forms}


def children_frame(by_form: pd.DataFrame, area: Area, language: str) -> pd.DataFrame:
    labels = form_labels(area, language)
    order = {form: i for i, form in enumerate(area.reported_forms)}
    years = by_form["year"].astype(int).tolist()
    forms = by_form["care_form"].tolist()
    columns: dict[str, list] = {"year": [], "variant": [], "form": [], "order": [], "children": []}
    for variant in ("baseline", "scenario"):
        columns["year"] += years
        columns["variant"] += [t(f"variant.{variant}", language)] * len(years)
        columns["form"] += [labels.get(f) for f in forms]
        columns["order"] += [order.get(f) for f in forms]
        columns["children"] += by_form[f"children_{variant}"].astype(float).tolist()
    columns["children_text"] = [fmt_number(v, 1, language) for v in columns["children"]]
    return pd.DataFrame(columns)


@lru_cache(maxsize=8)
def _children_template(area: Area, language: str) -> dict:
    labels = form_labels(area, language)
    colours = form_colours(area)
    people = ta("chart.children", language, area.id)
    return _grouped_bars(
        language,
        "children",
        alt.Axis(title=people, labelExpr=number_expr(language)),
        "form",
        [labels[k] for k in colours],
        list(colours.values()),
        [
            alt.Tooltip("form:N", title=ta("chart.care_form", language, area.id)),
            alt.Tooltip("children_text:N", title=people),
        ],
    )


def build_children_chart(by_form: pd.DataFrame, area: Area, language: str = "sv") -> ChartSpec:
    """Children per care form of *area* and year (average during the year), baseline and scenario."""
    return ChartSpec(
        _children_template(area, language),
        children_frame(by_form, area, language),
        ta("chart.children_title", language, area.id),
    )
