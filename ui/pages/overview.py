"""Page "Översikt": what the budget shift does to costs and children, big numbers first."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from model.i18n import fmt_mnkr, fmt_number, fmt_percent, t
from ui import compute, state
from ui.charts import overview as charts
from ui.downloads import Download, download_row
from ui.errors import show_error


def label(column: str) -> str:
    """Column label without the unit: the screen shows mnkr, the downloads kronor."""
    return t(f"col.{column}", lang).replace(" (kr)", "").replace(" (SEK)", "")


lang = state.language()
params = state.params()

try:
    scenario = state.scenario_from_state(st.session_state, params)
    result = compute.run(params, scenario)
except ValueError as exc:
    show_error(exc, lang)
    st.stop()

s = result.summary
y = result.yearly
years = f"{scenario.first_year}–{scenario.last_year}"

st.title(t("overview.title", lang))
st.caption(
    t("overview.subtitle", lang, municipality=state.set_name(params, lang), years=years, price_year=params.price_year)
)

# --- Big numbers ------------------------------------------------------------------
net = s["net_total_sek"]
METRIC_WIDTH = 210  # px: equal boxes for the second row, wrapping on narrow screens
c1, c2, c3, c4 = st.columns([1.25, 1.15, 0.7, 0.95])  # the money figures need the room
c1.metric(
    t("headline.net", lang, years=years),
    fmt_mnkr(net, lang, sign=True),
    delta=t("headline.saving" if net < 0 else "headline.cost", lang) if abs(net) >= 0.5e6 else None,
    delta_color="normal" if net < 0 else "inverse",
    delta_arrow="off",
    help=t("headline.net_help", lang),
    border=True,
)
c2.metric(
    t("headline.npv", lang),
    fmt_mnkr(s["npv_sek"], lang, sign=True),
    help=t("headline.npv_help", lang, rate=fmt_percent(s["discount_rate"], lang, 1)),
    border=True,
)
c3.metric(
    t("headline.payback", lang),
    str(s["payback_year"]) if s["payback_year"] else t("headline.no_payback", lang),
    help=t("headline.payback_help", lang),
    border=True,
)
difference = -s["institution_children_fewer_last_year"]  # scenario − baseline
c4.metric(
    t("headline.institution", lang, year=scenario.last_year),
    t("headline.fewer" if difference < 0 else "headline.more", lang, n=fmt_number(abs(difference), 1, lang))
    if abs(difference) >= 0.05
    else fmt_number(0, 0, lang),
    help=t("headline.institution_help", lang),
    border=True,
)

# One horizontal container (fewer elements to send on every rerun than st.columns).
d1 = d2 = d3 = d4 = st.container(horizontal=True, horizontal_alignment="distribute", gap="medium")
d1.metric(
    t("headline.avoided", lang),
    fmt_number(s["placements_avoided"], 1, lang),
    width=METRIC_WIDTH,
    help=t("headline.avoided_help", lang),
)
last = y.iloc[-1]
d2.metric(
    t("headline.family_share", lang, year=scenario.last_year),
    fmt_percent(last["family_share_scenario"], lang),
    delta=t("headline.family_share_delta", lang, baseline=fmt_percent(last["family_share_baseline"], lang)),
    delta_color="off",
    delta_arrow="off",
    width=METRIC_WIDTH,
    help=t("headline.family_share_help", lang),
)
bcr = s["benefit_cost_ratio"]
d3.metric(
    t("headline.bcr", lang),
    fmt_number(bcr, 2, lang) if bcr is not None else "–",
    width=METRIC_WIDTH,
    help=t("headline.bcr_help", lang),
)
holds = int(s["external_budget_holds_years"])
d4.metric(
    t("headline.budget", lang),
    t("headline.budget_value", lang, holds=holds, years=scenario.horizon_years),
    width=METRIC_WIDTH,
    help=t("headline.budget_help", lang),
)

if s["prevention_spent_sek"] > 0:
    unused = float(y["prevention_unused_sek"].sum())
    saturated = []
    if unused > 0.5e6:  # which measures reach their whole target group (by_measure: measure-major rows)
        bm = result.by_measure
        n_years = scenario.horizon_years
        left = (bm["allocated_sek"].to_numpy() - bm["spent_sek"].to_numpy()).reshape(-1, n_years).sum(axis=1)
        measures = bm["measure"].to_numpy()[::n_years]
        saturated = [params.measure(mid).label(lang) for mid, x in zip(measures, left, strict=True) if x > 0.5e6]
    st.info(
        t(
            "overview.cash_note",
            lang,
            cash=fmt_mnkr(s["net_cash_total_sek"], lang, sign=True),
            capacity=fmt_mnkr(s["net_capacity_total_sek"], lang, sign=True),
        )
        + (
            " " + t("overview.unused_note", lang, unused=fmt_mnkr(unused, lang), measures=", ".join(saturated))
            if unused > 0.5e6
            else ""
        )
    )

# --- Charts -------------------------------------------------------------------------
# Only the chosen chart is built and sent: each chart costs the browser a render.
CHARTS = ("net", "cost", "children")
chosen = (
    st.segmented_control(
        t("overview.chart_choice", lang),
        CHARTS,
        format_func=lambda k: t(f"overview.tab_{k}", lang),
        default="net",
        key="chart",
        label_visibility="collapsed",
    )
    or "net"
)
if chosen == "cost":
    spec = charts.build_cost_chart(y, lang)
elif chosen == "children":
    spec = charts.build_children_chart(result.by_form, lang)
else:
    spec = charts.build_cumulative_chart(y, s["payback_year"], lang)
st.vega_lite_chart(spec.data, spec=spec.template, width="stretch")

# --- Results per year, with the budget check ------------------------------------------------
# One table (each table costs the browser a render on every slider move).
st.subheader(t("overview.table_title", lang))
st.caption(t("overview.budget_caption", lang))
money = {
    "cost_baseline_sek": False,
    "cost_scenario_sek": False,
    "net_sek": True,
    "cumulative_net_sek": True,
    "external_budget_sek": False,
    "external_forecast_sek": False,
    "external_budget_deviation_sek": True,
}
counts = {
    "children_placed_baseline": 1,
    "children_placed_scenario": 1,
    "placements_avoided": 1,
    "families_reached": 0,
    "family_homes_in_pool": 1,
}
table = pd.DataFrame(
    {
        label("year"): y["year"].astype(str),
        **{label(c): [fmt_mnkr(v, lang, sign=signed) for v in y[c]] for c, signed in money.items()},
        label("external_budget_holds"): [
            t("common.yes" if h else "common.no", lang) for h in y["external_budget_holds"]
        ],
        **{label(c): [fmt_number(v, decimals, lang) for v in y[c]] for c, decimals in counts.items()},
    }
)
st.dataframe(table, hide_index=True, width="stretch")

download_row(
    [
        Download("xlsx", t("download.xlsx", lang), partial(compute.xlsx_bytes, params, scenario, lang)),
        Download("csv", t("download.csv", lang), partial(compute.csv_bytes, params, scenario, lang)),
    ],
    t("download.filename", lang),
    key="download",
    spare=2,
)
st.caption(t("download.caption", lang))
