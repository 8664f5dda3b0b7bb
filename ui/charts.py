"""Chart builders: pure functions ``build_*_chart(df, ...) -> ChartSpec`` (Vega-Lite).

Altair builds each chart's *template* once per language (an Altair build and
validation costs 10–50 ms, too much for every slider move); a build pairs
the cached template with this run's data. Tested on the specs,
without Streamlit. Numbers follow the user's language: axis labels through a
Vega expression (Vega has no Swedish locale here), tooltips as text formatted
in Python (``12,3 mnkr``, ``1 234 kr``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import altair as alt
import pandas as pd

from model.area import load_area
from model.text.i18n import fmt_mnkr, fmt_number, t

# Budget lines: (key in Result.yearly without the _baseline/_scenario suffix, colour).
BUDGET_LINES = (
    ("cost_external", "#1f5f8b"),
    ("cost_own_care", "#3a9d5d"),
    ("cost_in_home", "#7f6bb3"),
    ("cost_prevention", "#e07b39"),
)
FORM_COLOURS = {
    "in_home": "#7f6bb3",
    "kinship_home": "#8fc79a",
    "municipal_family_home": "#3a9d5d",
    "consultant_family_home": "#d4a72c",
    "hvb": "#1f5f8b",
    "sis": "#b5446e",
    "supported_housing": "#8c8c8c",
}


def number_expr(language: str, divisor: float = 1.0, decimals: int = 0, unit: str = "") -> str:
    """A Vega label expression for numbers in the user's language."""
    text = f"format(datum.value / {divisor}, ',.{decimals}f')"
    if language == "sv":
        # 12,345.6 -> 12 345,6 (thin-space thousands, decimal comma, real minus sign).
        text = f"replace(replace(replace({text}, regexp(',', 'g'), '\u2009'), '.', ','), '-', '\u2212')"
    return f"{text} + '{(' ' + unit) if unit else ''}'"


def _mnkr_axis(language: str, title: str) -> alt.Axis:
    unit = "mnkr" if language == "sv" else "MSEK"
    return alt.Axis(title=f"{title} ({unit})", labelExpr=number_expr(language, 1e6, 0))


def _template_spec(chart: alt.TopLevelMixin) -> dict:
    """A chart's Vega-Lite spec without data (Altair puts an empty placeholder in each part)."""
    spec = chart.to_dict()
    spec.pop("datasets", None)
    spec.pop("data", None)
    for layer in spec.get("layer", []):
        layer.pop("data", None)
    return spec


@dataclass(frozen=True)
class ChartSpec:
    """A chart: a cached Vega-Lite template and this run's data.

    Drawn with ``st.vega_lite_chart(chart.data, spec=chart.template)``: the
    template is identical from one rerun to the next, so the browser updates
    the data in place instead of rebuilding the chart.
    """

    template: dict
    data: pd.DataFrame

    def to_dict(self) -> dict:
        """The complete Vega-Lite spec with the data inline."""
        return {**self.template, "data": {"values": self.data.to_dict("records")}}


def _with_data(template: dict, frame: pd.DataFrame) -> ChartSpec:
    return ChartSpec(template, frame)


def _variants(language: str) -> list[str]:
    return [t("variant.baseline", language), t("variant.scenario", language)]


def cost_frame(yearly: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long table: year, variant, budget line and cost, with formatted tooltip text."""
    frames = []
    for variant in ("baseline", "scenario"):
        for order, (key, _) in enumerate(BUDGET_LINES):
            if key == "cost_prevention":
                values = yearly["cost_prevention_sek"] if variant == "scenario" else 0.0 * yearly["year"]
            else:
                values = yearly[f"{key}_{variant}_sek"]
            frames.append(
                pd.DataFrame(
                    {
                        "year": yearly["year"].astype(int),
                        "variant": t(f"variant.{variant}", language),
                        "line": t(f"budget_line.{key}", language),
                        "order": order,
                        "cost_sek": values.astype(float),
                    }
                )
            )
    df = pd.concat(frames, ignore_index=True)
    df["cost_text"] = [fmt_mnkr(v, language) for v in df["cost_sek"]]
    return df


def _grouped_bars(
    language: str,
    value: str,
    y_axis: alt.Axis,
    group: str,
    domain: list[str],
    colours: list[str],
    tooltip: list[alt.Tooltip],
    title: str,
    legend_columns: int | None = None,
) -> dict:
    """Stacked bars per year, baseline (light) and scenario side by side."""
    chart = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("variant:N", sort=_variants(language)),
            y=alt.Y(f"sum({value}):Q", axis=y_axis),
            color=alt.Color(
                f"{group}:N",
                sort=domain,
                scale=alt.Scale(domain=domain, range=colours),
                legend=alt.Legend(title=None, orient="bottom", columns=legend_columns or alt.Undefined),
            ),
            order=alt.Order("order:Q"),
            opacity=alt.Opacity(
                "variant:N",
                scale=alt.Scale(domain=_variants(language), range=[0.45, 1.0]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=t("chart.year", language)),
                alt.Tooltip("variant:N", title=t("chart.variant", language)),
                *tooltip,
            ],
        )
        .properties(height=340, title=title)
    )
    return _template_spec(chart)


@lru_cache(maxsize=8)
def _cost_template(language: str) -> dict:
    return _grouped_bars(
        language,
        "cost_sek",
        _mnkr_axis(language, t("chart.cost", language)),
        "line",
        [t(f"budget_line.{k}", language) for k, _ in BUDGET_LINES],
        [c for _, c in BUDGET_LINES],
        [
            alt.Tooltip("line:N", title=t("chart.budget_line", language)),
            alt.Tooltip("cost_text:N", title=t("chart.cost", language)),
        ],
        t("chart.cost_title", language),
    )


def build_cost_chart(yearly: pd.DataFrame, language: str = "sv") -> ChartSpec:
    """Yearly cost by budget line, baseline and scenario side by side."""
    return _with_data(_cost_template(language), cost_frame(yearly, language))


def cumulative_frame(yearly: pd.DataFrame, payback_year: int | None, language: str) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "year": yearly["year"].astype(int),
            "cumulative_sek": yearly["cumulative_net_sek"].astype(float),
            "net_sek": yearly["net_sek"].astype(float),
        }
    )
    df["cumulative_text"] = [fmt_mnkr(v, language, sign=True) for v in df["cumulative_sek"]]
    df["net_text"] = [fmt_mnkr(v, language, sign=True) for v in df["net_sek"]]
    df["payback"] = df["year"] == payback_year
    df["payback_label"] = t("chart.payback", language, year=payback_year) if payback_year else ""
    return df


@lru_cache(maxsize=8)
def _cumulative_template(language: str) -> dict:
    x = alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0))
    tooltip = [
        alt.Tooltip("year:O", title=t("chart.year", language)),
        alt.Tooltip("net_text:N", title=t("chart.net_year", language)),
        alt.Tooltip("cumulative_text:N", title=t("chart.cumulative", language)),
    ]
    base = alt.Chart()
    bars = base.mark_bar(opacity=0.35, color="#8c8c8c").encode(
        x=x, y=alt.Y("net_sek:Q", axis=_mnkr_axis(language, t("chart.net", language))), tooltip=tooltip
    )
    zero = base.mark_rule(color="#1a1a1a").encode(y=alt.datum(0))
    line = base.mark_line(point=True, color="#1f5f8b", strokeWidth=3).encode(x=x, y="cumulative_sek:Q", tooltip=tooltip)
    payback = base.transform_filter("datum.payback")
    marker = payback.mark_point(size=220, shape="diamond", filled=True, color="#3a9d5d").encode(
        x=x, y="cumulative_sek:Q", tooltip=tooltip
    )
    label = payback.mark_text(dy=-18, fontWeight="bold", color="#3a9d5d").encode(
        x=x, y="cumulative_sek:Q", text="payback_label:N"
    )
    chart = alt.layer(bars, zero, line, marker, label).properties(
        height=340, title=t("chart.cumulative_title", language)
    )
    return _template_spec(chart)


def build_cumulative_chart(yearly: pd.DataFrame, payback_year: int | None, language: str = "sv") -> ChartSpec:
    """Cumulative net effect per year (negative = saving), payback year marked."""
    return _with_data(_cumulative_template(language), cumulative_frame(yearly, payback_year, language))


def children_frame(by_form: pd.DataFrame, language: str) -> pd.DataFrame:
    labels = {c.id: c.label(language) for c in load_area().care_forms}
    order = {form: i for i, form in enumerate(FORM_COLOURS)}
    frames = [
        pd.DataFrame(
            {
                "year": by_form["year"].astype(int),
                "variant": t(f"variant.{variant}", language),
                "form": by_form["care_form"].map(labels),
                "order": by_form["care_form"].map(order),
                "children": by_form[f"children_{variant}"].astype(float),
            }
        )
        for variant in ("baseline", "scenario")
    ]
    df = pd.concat(frames, ignore_index=True)
    df["children_text"] = [fmt_number(v, 1, language) for v in df["children"]]
    return df


@lru_cache(maxsize=8)
def _children_template(language: str) -> dict:
    labels = {c.id: c.label(language) for c in load_area().care_forms}
    return _grouped_bars(
        language,
        "children",
        alt.Axis(title=t("chart.children", language), labelExpr=number_expr(language)),
        "form",
        [labels[k] for k in FORM_COLOURS],
        list(FORM_COLOURS.values()),
        [
            alt.Tooltip("form:N", title=t("chart.care_form", language)),
            alt.Tooltip("children_text:N", title=t("chart.children", language)),
        ],
        t("chart.children_title", language),
        legend_columns=4,
    )


def build_children_chart(by_form: pd.DataFrame, language: str = "sv") -> ChartSpec:
    """Children per care form and year (average during the year), baseline and scenario."""
    return _with_data(_children_template(language), children_frame(by_form, language))
