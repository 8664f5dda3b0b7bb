"""Chart builders: pure functions ``build_*_chart(df, ...) -> alt.Chart``.

Tested on ``chart.to_dict()`` without Streamlit. Numbers follow the user's
language: axis labels through a Vega expression (Vega has no Swedish locale
here), tooltips as text formatted in Python (``12,3 mnkr``, ``1 234 kr``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from model.i18n import fmt_mnkr, fmt_number, t
from model.parameters import CARE_FORMS

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


def cost_frame(yearly: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long table: year, variant, budget line and cost, with formatted tooltip text."""
    rows = []
    for variant in ("baseline", "scenario"):
        for key, _ in BUDGET_LINES:
            col = key if key == "cost_prevention" else f"{key}_{variant}"
            values = yearly[f"{col}_sek"] if key != "cost_prevention" or variant == "scenario" else 0 * yearly["year"]
            for year, v in zip(yearly["year"], values, strict=True):
                rows.append(
                    {
                        "year": int(year),
                        "variant": t(f"variant.{variant}", language),
                        "line": t(f"budget_line.{key}", language),
                        "order": [k for k, _ in BUDGET_LINES].index(key),
                        "cost_sek": float(v),
                        "cost_text": fmt_mnkr(float(v), language),
                    }
                )
    return pd.DataFrame(rows)


def build_cost_chart(yearly: pd.DataFrame, language: str = "sv") -> alt.Chart:
    """Yearly cost by budget line, baseline and scenario side by side."""
    df = cost_frame(yearly, language)
    lines = [t(f"budget_line.{k}", language) for k, _ in BUDGET_LINES]
    colours = [c for _, c in BUDGET_LINES]
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("variant:N", sort=[t("variant.baseline", language), t("variant.scenario", language)]),
            y=alt.Y("sum(cost_sek):Q", axis=_mnkr_axis(language, t("chart.cost", language))),
            color=alt.Color(
                "line:N",
                sort=lines,
                scale=alt.Scale(domain=lines, range=colours),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            opacity=alt.Opacity(
                "variant:N",
                scale=alt.Scale(
                    domain=[t("variant.baseline", language), t("variant.scenario", language)], range=[0.45, 1.0]
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=t("chart.year", language)),
                alt.Tooltip("variant:N", title=t("chart.variant", language)),
                alt.Tooltip("line:N", title=t("chart.budget_line", language)),
                alt.Tooltip("cost_text:N", title=t("chart.cost", language)),
            ],
        )
        .properties(height=340, title=t("chart.cost_title", language))
    )


def build_cumulative_chart(yearly: pd.DataFrame, payback_year: int | None, language: str = "sv") -> alt.LayerChart:
    """Cumulative net effect per year (negative = saving), payback year marked."""
    df = pd.DataFrame(
        {
            "year": yearly["year"].astype(int),
            "cumulative_sek": yearly["cumulative_net_sek"],
            "net_sek": yearly["net_sek"],
        }
    )
    df["cumulative_text"] = [fmt_mnkr(v, language, sign=True) for v in df["cumulative_sek"]]
    df["net_text"] = [fmt_mnkr(v, language, sign=True) for v in df["net_sek"]]
    x = alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0))
    tooltip = [
        alt.Tooltip("year:O", title=t("chart.year", language)),
        alt.Tooltip("net_text:N", title=t("chart.net_year", language)),
        alt.Tooltip("cumulative_text:N", title=t("chart.cumulative", language)),
    ]
    bars = (
        alt.Chart(df)
        .mark_bar(opacity=0.35, color="#8c8c8c")
        .encode(x=x, y=alt.Y("net_sek:Q", axis=_mnkr_axis(language, t("chart.net", language))), tooltip=tooltip)
    )
    line = (
        alt.Chart(df)
        .mark_line(point=True, color="#1f5f8b", strokeWidth=3)
        .encode(x=x, y="cumulative_sek:Q", tooltip=tooltip)
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#1a1a1a").encode(y="y:Q")
    layers: list[alt.Chart] = [bars, zero, line]
    if payback_year is not None:
        pb = df[df["year"] == payback_year].assign(label=t("chart.payback", language, year=payback_year))
        layers.append(
            alt.Chart(pb)
            .mark_point(size=220, shape="diamond", filled=True, color="#3a9d5d")
            .encode(x=x, y="cumulative_sek:Q", tooltip=tooltip)
        )
        layers.append(
            alt.Chart(pb)
            .mark_text(dy=-18, fontWeight="bold", color="#3a9d5d")
            .encode(x=x, y="cumulative_sek:Q", text="label:N")
        )
    return alt.layer(*layers).properties(height=340, title=t("chart.cumulative_title", language))


def children_frame(by_form: pd.DataFrame, language: str) -> pd.DataFrame:
    labels = {c.id: c.label(language) for c in CARE_FORMS}
    rows = []
    for variant in ("baseline", "scenario"):
        for r in by_form.itertuples(index=False):
            v = float(getattr(r, f"children_{variant}"))
            rows.append(
                {
                    "year": int(r.year),
                    "variant": t(f"variant.{variant}", language),
                    "form": labels[r.care_form],
                    "order": list(FORM_COLOURS).index(r.care_form),
                    "children": v,
                    "children_text": fmt_number(v, 1, language),
                }
            )
    return pd.DataFrame(rows)


def build_children_chart(by_form: pd.DataFrame, language: str = "sv") -> alt.Chart:
    """Children per care form and year (average during the year), baseline and scenario."""
    df = children_frame(by_form, language)
    labels = {c.id: c.label(language) for c in CARE_FORMS}
    domain = [labels[k] for k in FORM_COLOURS]
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=t("chart.year", language), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("variant:N", sort=[t("variant.baseline", language), t("variant.scenario", language)]),
            y=alt.Y(
                "sum(children):Q", title=t("chart.children", language), axis=alt.Axis(labelExpr=number_expr(language))
            ),
            color=alt.Color(
                "form:N",
                sort=domain,
                scale=alt.Scale(domain=domain, range=list(FORM_COLOURS.values())),
                legend=alt.Legend(title=None, orient="bottom", columns=4),
            ),
            order=alt.Order("order:Q"),
            opacity=alt.Opacity(
                "variant:N",
                scale=alt.Scale(
                    domain=[t("variant.baseline", language), t("variant.scenario", language)], range=[0.45, 1.0]
                ),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=t("chart.year", language)),
                alt.Tooltip("variant:N", title=t("chart.variant", language)),
                alt.Tooltip("form:N", title=t("chart.care_form", language)),
                alt.Tooltip("children_text:N", title=t("chart.children", language)),
            ],
        )
        .properties(height=340, title=t("chart.children_title", language))
    )
