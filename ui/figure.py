"""A chart on the page: its title as text above it, the chart, and one sentence that reads it.

A Vega title is cut on a narrow screen ("Barn per vårdform" vanished at
1024 px); text above the chart wraps. The sentence under it (a *reading*) is
generated from the numbers by the page's own module, so a committee member
who does not read charts still gets the point.
"""

from __future__ import annotations

import streamlit as st

from ui.charts.spec import ChartSpec


def show(chart: ChartSpec, reading: str | None = None) -> None:
    """The chart with its title above and its plain reading below (when there is one)."""
    if chart.title:
        st.markdown(f"**{chart.title}**")
    st.vega_lite_chart(chart.data, spec=chart.template, width="stretch")
    if reading:
        st.markdown(reading)
