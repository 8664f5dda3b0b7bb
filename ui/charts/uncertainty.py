"""Chart builders of the uncertainty page: the fan chart and the tornado.

Pure functions ``build_*_chart(df, ...) -> ChartSpec`` (see :mod:`ui.charts.spec`):
a Vega-Lite template cached per language plus this run's (small, yearly or
per-parameter) data, tested on the specs without Streamlit.
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import pandas as pd

from model.parameters import Parameters
from model.text.i18n import fmt_mnkr, fmt_number, t
from model.text.labels import parameter_label
from ui.charts.palette import BLUE, LIGHT_BLUE, ORANGE, PALE_BLUE, PRIMARY, TEXT
from ui.charts.spec import ChartSpec, fitted_legend, mnkr_axis, template_spec, year_tooltip, year_x
from ui.text import interval_text

#: Fan chart colours: the 90 % band, the 50 % band, the median and the central run.
FAN_COLOURS = (PALE_BLUE, LIGHT_BLUE, PRIMARY, TEXT)
#: Tornado colours: the parameter at the low / high end of its range.
LOW_COLOUR = ORANGE
HIGH_COLOUR = BLUE
#: Parameters shown in the tornado (the rest swing less).
TORNADO_ROWS = 10


# --- fan chart of the running net effect ---------------------------------------------------


def _fan_labels(language: str) -> dict[str, str]:
    return {k: t(f"uncertainty.fan.{k}", language) for k in ("band90", "band50", "median", "central")}


def fan_frame(yearly: pd.DataFrame, language: str) -> pd.DataFrame:
    """Long table for the fan chart: one row per year and layer (two bands, two lines).

    Built once from plain columns (a concat of four assigned frames cost tens of ms a slider move).
    """
    labels = _fan_labels(language)
    q = "cumulative_net_sek"
    column = {k: yearly[f"{q}_{k}"].astype(float).tolist() for k in ("p05", "p25", "median", "p75", "p95", "central")}
    texts = {
        "median_text": [fmt_mnkr(v, language, sign=True) for v in column["median"]],
        "central_text": [fmt_mnkr(v, language, sign=True) for v in column["central"]],
        "band50_text": [interval_text(a, b, language) for a, b in zip(column["p25"], column["p75"], strict=True)],
        "band90_text": [interval_text(a, b, language) for a, b in zip(column["p05"], column["p95"], strict=True)],
    }
    layers = {"band90": ("p05", "p95"), "band50": ("p25", "p75"), "median": ("median", "median"),
              "central": ("central", "central")}
    years = yearly["year"].astype(int).tolist()
    n = len(layers)
    return pd.DataFrame(
        {
            "year": years * n,
            **{key: values * n for key, values in texts.items()},
            "kind": [kind for kind in layers for _ in years],
            "label": [labels[kind] for kind in layers for _ in years],
            "low_sek": [v for lo, _ in layers.values() for v in column[lo]],
            "high_sek": [v for _, hi in layers.values() for v in column[hi]],
        }
    )


@lru_cache(maxsize=8)
def _fan_template(language: str) -> dict:
    labels = _fan_labels(language)
    domain = [labels[k] for k in ("band90", "band50", "median", "central")]
    colour = alt.Color(
        "label:N",
        scale=alt.Scale(domain=domain, range=list(FAN_COLOURS)),
        legend=fitted_legend(domain),
    )
    x = year_x(language)
    tooltip = [
        year_tooltip(language),
        alt.Tooltip("median_text:N", title=labels["median"]),
        alt.Tooltip("band50_text:N", title=labels["band50"]),
        alt.Tooltip("band90_text:N", title=labels["band90"]),
        alt.Tooltip("central_text:N", title=labels["central"]),
    ]
    y = alt.Y("low_sek:Q", axis=mnkr_axis(language, t("chart.cumulative", language)))
    base = alt.Chart()
    band90 = (
        base.transform_filter("datum.kind == 'band90'")
        .mark_area(opacity=0.6)
        .encode(x=x, y=y, y2="high_sek:Q", color=colour, tooltip=tooltip)
    )
    band50 = (
        base.transform_filter("datum.kind == 'band50'")
        .mark_area(opacity=0.7)
        .encode(x=x, y=y, y2="high_sek:Q", color=colour, tooltip=tooltip)
    )
    median = (
        base.transform_filter("datum.kind == 'median'")
        .mark_line(point=True, strokeWidth=3)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    central = (
        base.transform_filter("datum.kind == 'central'")
        .mark_line(strokeDash=[6, 4], strokeWidth=1.5)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    zero = base.mark_rule(color=TEXT).encode(y=alt.datum(0))
    chart = alt.layer(band90, band50, zero, central, median).properties(height=360)
    return template_spec(chart)


def build_fan_chart(yearly: pd.DataFrame, language: str = "sv") -> ChartSpec:
    """The running net effect: median, 50 % and 90 % bands of the draws, and the central run.

    Parameters
    ----------
    yearly : DataFrame
        :attr:`model.analysis.uncertainty.UncertaintyResult.yearly`.
    language : str
        "sv" or "en".
    """
    return ChartSpec(_fan_template(language), fan_frame(yearly, language), t("uncertainty.fan.title", language))


# --- tornado: what matters most ------------------------------------------------------------


def _value_text(value: float, unit: str, language: str) -> str:
    decimals = 0 if abs(value) >= 100 or float(value).is_integer() else (1 if abs(value) >= 1 else 3)
    return f"{fmt_number(value, decimals, language)} {unit}".strip()


def tornado_frame(table: pd.DataFrame, params: Parameters, language: str, rows: int = TORNADO_ROWS) -> pd.DataFrame:
    """Long table for the tornado: two bars per parameter (low and high end), largest swings first.

    Parameters
    ----------
    table : DataFrame
        :func:`model.analysis.sensitivity.tornado` output (sorted by swing).
    params : Parameters
        The parameter set (labels of its measures).
    language : str
        "sv" or "en".
    rows : int
        Number of parameters shown.
    """
    records = []
    for rank, r in enumerate(table.head(rows).to_dict("records")):  # plain dicts: iterrows costs ms a row
        label = parameter_label(r["parameter"], params, language)
        common = {
            "rank": rank,
            "label": label,
            "central_sek": float(r["npv_central_sek"]),
            "range_text": t(
                "uncertainty.tornado.range",
                language,
                low=_value_text(r["low"], r["unit"], language),
                high=_value_text(r["high"], r["unit"], language),
            ),
            "low_text": fmt_mnkr(r["npv_low_sek"], language, sign=True),
            "high_text": fmt_mnkr(r["npv_high_sek"], language, sign=True),
            "swing_text": fmt_mnkr(r["swing_sek"], language),
        }
        for end in ("low", "high"):
            records.append(
                {
                    **common,
                    "end": t(f"uncertainty.tornado.{end}", language),
                    "npv_sek": float(r[f"npv_{end}_sek"]),
                }
            )
    columns = ["rank", "label", "central_sek", "range_text", "low_text", "high_text", "swing_text", "end", "npv_sek"]
    return pd.DataFrame.from_records(records, columns=columns)


@lru_cache(maxsize=8)
def _tornado_template(language: str) -> dict:
    ends = [t("uncertainty.tornado.low", language), t("uncertainty.tornado.high", language)]
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField(field="rank", order="ascending"),
        title=None,
        # Long parameter names take at most 40 % of a narrow chart (a fixed limit would crowd out the bars).
        axis=alt.Axis(labelLimit={"expr": "max(140, min(440, 0.4 * containerSize()[0]))"}),  # type: ignore[arg-type]
    )
    tooltip = [
        alt.Tooltip("label:N", title=t("uncertainty.tornado.parameter", language)),
        alt.Tooltip("range_text:N", title=t("uncertainty.tornado.range_title", language)),
        alt.Tooltip("low_text:N", title=t("uncertainty.tornado.npv_low", language)),
        alt.Tooltip("high_text:N", title=t("uncertainty.tornado.npv_high", language)),
        alt.Tooltip("swing_text:N", title=t("uncertainty.tornado.swing", language)),
    ]
    base = alt.Chart()
    bars = base.mark_bar(opacity=0.9).encode(
        y=y,
        x=alt.X("central_sek:Q", axis=mnkr_axis(language, t("uncertainty.tornado.axis", language))),
        x2="npv_sek:Q",
        color=alt.Color(
            "end:N",
            scale=alt.Scale(domain=ends, range=[LOW_COLOUR, HIGH_COLOUR]),
            legend=fitted_legend(ends),
        ),
        tooltip=tooltip,
    )
    central = base.mark_rule(color=TEXT, strokeWidth=1.5).encode(x="central_sek:Q")
    chart = alt.layer(bars, central).properties(height=alt.Step(30))
    return template_spec(chart)


def build_tornado_chart(
    table: pd.DataFrame, params: Parameters, language: str = "sv", rows: int = TORNADO_ROWS
) -> ChartSpec:
    """The tornado: NPV with each of the *rows* most important parameters at its low and high end."""
    return ChartSpec(
        _tornado_template(language),
        tornado_frame(table, params, language, rows),
        t("uncertainty.tornado.title", language),
    )
