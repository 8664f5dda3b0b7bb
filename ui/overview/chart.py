"""The overview's chart: the one the user chose (only that one is built and sent)."""

from __future__ import annotations

import streamlit as st

import model
from model.text.i18n import t, ta
from model.text.labels import price_basis_label
from ui import figure
from ui.charts.overview import build_children_chart, build_cost_chart, build_cumulative_chart
from ui.overview import reading

CHART = "chart"  # session key of the chart choice
CHARTS = ("net", "cost", "children")


@st.fragment
def render(result: model.Result, lang: str) -> None:
    """A segmented control of the three charts and the chosen chart (each chart costs the browser a render).

    A fragment: choosing another chart reruns this part only, not the page.
    """
    chosen = (
        st.segmented_control(
            t("overview.chart_choice", lang),
            CHARTS,
            format_func=lambda k: ta(f"overview.tab_{k}", lang, result.params.area.id),
            default="net",
            key=CHART,
            label_visibility="collapsed",
        )
        or "net"
    )
    prices = price_basis_label(result.scenario.price_basis, result.params.price_year, lang)
    if chosen == "cost":
        spec = build_cost_chart(result.yearly, lang, result.params.area)
        figure.show(spec, reading.cost_reading(result.yearly, lang, result.params.area.id), lang, "cost", prices)
    elif chosen == "children":
        spec = build_children_chart(result.by_form, result.params.area, lang)
        figure.show(spec, reading.children_reading(result.yearly, lang, result.params.area.id), lang, "children")
    else:
        spec = build_cumulative_chart(result.yearly, result.summary["payback_year"], lang)
        figure.show(spec, reading.net_reading(result.yearly, lang), lang, "net", prices)
