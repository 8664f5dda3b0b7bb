"""Charts of where the net effect comes from: a waterfall by mechanism, and the net effect by amount moved.

Pure functions ``build_*_chart(...) -> ChartSpec`` (a cached template plus
this run's data, see :mod:`ui.charts.spec`), tested on the specs.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate

import altair as alt
import numpy as np
import pandas as pd

import model
from model.mechanisms import GROUPS as MECHANISM_GROUPS
from model.text.i18n import fmt_mnkr, mnkr_unit, t
from model.text.labels import mechanism_label
from ui.charts.palette import BLUE, GREEN, GREY, ORANGE, TEXT
from ui.charts.spec import ChartSpec, mnkr_axis, number_expr, template_spec

#: The groups of the mechanisms, in the order the waterfall shows them, and their colours (the employment
#: area's measures are all in "work"). The legend lists the groups of the set's own measures.
GROUPS = (("make_or_buy", GREEN), ("placement_review", BLUE), ("prevention", ORANGE), ("work", BLUE))
TOTAL = "total"
#: Bars smaller than this [SEK over the horizon] are left out of the waterfall (a measure's part that rounds away).
SMALLEST_BAR_SEK = 0.05e6


def waterfall_frame(by_mechanism: pd.DataFrame, params: model.Parameters, language: str) -> pd.DataFrame:
    """One row per bar: each mechanism's net over the horizon, stacked from zero, then the net effect.

    Columns ``label``, ``group`` (its name for people), ``order``, ``start_sek``,
    ``end_sek``, ``net_sek`` and ``net_text`` (``−12,3 mnkr``).
    """
    # Plain Python over the ~100 rows: a pandas groupby and concat on text keys cost tens of ms a slider move.
    totals: dict[tuple[str, str, str], float] = {}
    keys = zip(by_mechanism["mechanism"].tolist(), by_mechanism["measure"].tolist(), by_mechanism["group"].tolist(),
               strict=True)
    for key, value in zip(keys, by_mechanism["net_sek"].tolist(), strict=True):
        totals[key] = totals.get(key, 0.0) + value
    rank = {g: i for i, (g, _) in enumerate(GROUPS)}
    bars = sorted(((k, v) for k, v in totals.items() if abs(v) >= SMALLEST_BAR_SEK),
                  key=lambda kv: rank.get(kv[0][2], len(rank)))  # stable: the rows' order within a group
    ends = list(accumulate(v for _, v in bars))
    net = float(by_mechanism["net_sek"].sum())
    nets = [v for _, v in bars] + [net]
    return pd.DataFrame(
        {
            "label": [mechanism_label(mech, measure, params, language) for (mech, measure, _), _ in bars]
            + [t("mechanisms.bar.net", language)],
            "group": [t(f"mechanisms.group.{g}", language) for (_, _, g), _ in bars]
            + [t("mechanisms.group.total", language)],
            "start_sek": [e - v for e, v in zip(ends, nets[:-1], strict=True)] + [0.0],
            "end_sek": ends + [net],
            "net_sek": nets,
            "order": range(len(nets)),
            "net_text": [fmt_mnkr(v, language, sign=True) for v in nets],
        }
    )


def set_groups(params: model.Parameters) -> tuple[str, ...]:
    """The groups of :data:`GROUPS` the measures of *params* belong to, in that order."""
    present = {MECHANISM_GROUPS.get(m.mechanism) for m in params.measures}
    return tuple(g for g, _ in GROUPS if g in present)


@lru_cache(maxsize=8)
def _waterfall_template(language: str, groups: tuple[str, ...] = tuple(g for g, _ in GROUPS[:3])) -> dict:
    colour = dict(GROUPS)
    domain = [t(f"mechanisms.group.{g}", language) for g in groups] + [t("mechanisms.group.total", language)]
    colours = [colour[g] for g in groups] + [GREY]
    y = alt.Y("label:N", sort=alt.EncodingSortField("order", order="ascending"), title=None,
              axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("label:N", title=t("mechanisms.mechanism", language)),
               alt.Tooltip("group:N", title=t("mechanisms.group_title", language)),
               alt.Tooltip("net_text:N", title=t("mechanisms.net", language))]
    base = alt.Chart()
    bars = base.mark_bar().encode(
        y=y,
        # Room on both sides for the amounts written at the bars' ends.
        x=alt.X("start_sek:Q", axis=mnkr_axis(language, t("mechanisms.net", language)), scale=alt.Scale(padding=56)),
        x2="end_sek:Q",
        color=alt.Color("group:N", scale=alt.Scale(domain=domain, range=colours),
                        legend=alt.Legend(title=None, orient="bottom", columns=2, labelLimit=360)),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=4, color=TEXT).encode(
        y=y, x=alt.X("max_sek:Q"), text="net_text:N"
    ).transform_calculate(max_sek="max(datum.start_sek, datum.end_sek)")
    zero = base.mark_rule(color=TEXT).encode(x=alt.datum(0))
    chart = alt.layer(bars, zero, labels).properties(height=alt.Step(28), title=t("mechanisms.chart_title", language))
    return template_spec(chart)


def build_waterfall_chart(by_mechanism: pd.DataFrame, params: model.Parameters, language: str = "sv") -> ChartSpec:
    """The net effect over the horizon by mechanism, as a waterfall ending in the net effect."""
    return ChartSpec(_waterfall_template(language, set_groups(params)), waterfall_frame(by_mechanism, params, language))


def amount_frame(curve: pd.DataFrame, current_sek: float, language: str) -> pd.DataFrame:
    """The net effect by amount moved (:func:`model.analysis.amounts.net_by_amount`), with the chosen amount."""
    shift = (curve["shift_sek_per_year"].to_numpy() / 1e6).tolist()
    net = curve["net_total_sek"].to_numpy().tolist()
    distance = [abs(x - current_sek / 1e6) for x in shift]
    nearest = distance.index(min(distance)) if shift else None
    return pd.DataFrame(
        {
            "shift_mnkr": shift,
            "net_sek": net,
            "net_text": [fmt_mnkr(v, language, sign=True) for v in net],
            "shift_text": [fmt_mnkr(v * 1e6, language) for v in shift],
            "chosen": np.array([i == nearest for i in range(len(shift))], dtype=bool),
        }
    )


@lru_cache(maxsize=8)
def _amount_template(language: str) -> dict:
    x = alt.X("shift_mnkr:Q", title=t("mechanisms.amount_axis", language, unit=mnkr_unit(language)),
              axis=alt.Axis(labelExpr=number_expr(language, 1, 0)))
    y = alt.Y("net_sek:Q", axis=mnkr_axis(language, t("mechanisms.net", language)))
    tooltip = [alt.Tooltip("shift_text:N", title=t("mechanisms.amount", language)),
               alt.Tooltip("net_text:N", title=t("mechanisms.net", language))]
    base = alt.Chart()
    line = base.mark_line(color=BLUE, strokeWidth=3).encode(x=x, y=y, tooltip=tooltip)
    zero = base.mark_rule(color=TEXT).encode(y=alt.datum(0))
    chosen = base.transform_filter("datum.chosen")
    marker = chosen.mark_point(size=160, filled=True, color=ORANGE).encode(x=x, y=y, tooltip=tooltip)
    rule = chosen.mark_rule(color=ORANGE, strokeDash=[4, 3]).encode(x=x)
    chart = alt.layer(line, zero, rule, marker).properties(height=260, title=t("mechanisms.amount_title", language))
    return template_spec(chart)


def build_amount_chart(curve: pd.DataFrame, current_sek: float, language: str = "sv") -> ChartSpec:
    """Net effect over the horizon against the amount moved a year, the chosen amount marked."""
    return ChartSpec(_amount_template(language), amount_frame(curve, current_sek, language))
