"""A chart on the page: its title as text above it, the chart, and one sentence that reads it.

A Vega title is cut on a narrow screen ("Barn per vårdform" vanished at
1024 px); text above the chart wraps. The sentence under it (a *reading*) is
generated from the numbers by the page's own module, so a committee member
who does not read charts still gets the point. The chart's own SVG is labelled
with its title, and its numbers are a table one click away ("Visa som tabell"):
the text alternative WCAG 1.1.1 asks for. On the pages a lever reruns (the
overview, the uncertainty page) that table is built and sent only while its
expander is open (``ui/folded.py``): closed, it cost every slider move its
computation and two elements for nobody.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from model.text.i18n import t
from ui.charts.spec import ChartSpec, chart_table, described
from ui.folded import folded
from ui.tables import show_table


def show(chart: ChartSpec, reading: str | None, lang: str, key: str, prices: str = "") -> None:
    """The chart with its title above, its plain reading below and its numbers as a table one click away.

    *prices* names the prices a chart of money shows (``fasta priser (2024)``,
    :func:`model.text.labels.price_basis_label`); it follows the title. The
    parts share a container, which a printed page keeps whole (``static/layout.css``). *key* names the
    chart's table (its expander keeps its open state under ``table_<key>`` for the session).
    """
    title = f"{chart.title}, {prices}" if chart.title and prices else chart.title
    with st.container():
        if title:
            st.markdown(f"**{title}**")
        st.vega_lite_chart(chart.data, spec=described(chart.template, title or reading or ""), width="stretch")
        if reading:
            st.markdown(reading)
        as_table(chart.template, chart.data, lang, key=key)


def as_table(spec: dict, data: pd.DataFrame, lang: str, key: str | None = None) -> None:
    """The chart's numbers in a folded "Visa som tabell" (a real HTML table a screen reader can walk).

    With a *key* the table is built only while the expander is open (:func:`folded_table`); without one
    it is built and sent folded on every run.
    """
    if key is not None:
        folded_table(spec, data, lang, key)
        return
    with st.expander(t("chart.as_table", lang)):
        _table(spec, data)


def folded_table(spec: dict, data: pd.DataFrame, lang: str, key: str) -> None:
    """The chart's table, built only while its expander (state under ``table_<key>``) is open."""
    folded(t("chart.as_table", lang), f"table_{key}", partial(_table, spec, data))


def _table(spec: dict, data: pd.DataFrame) -> None:
    table = chart_table(spec, data)
    if not table.empty:
        show_table(table)
