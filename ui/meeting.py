"""Mötesläge: the projector view for the committee's meeting, bound to the address.

``?mote=1&visa=<id>,<id>`` shows 1–4 saved scenarios side by side, each with
its three key numbers, and one chart of them all, in large type without the
sidebar and its levers (``static/meeting.css``). The scenarios on screen are
chosen in the view and written back to the address, so the link opens the same
view on the meeting room's computer. ``requested`` and ``chosen`` are pure and
tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import streamlit as st

from model.analysis.compare import (
    MAX_SCENARIOS,
    Candidate,
    baseline_scenario,
    headline_values,
    unique_names,
    yearly_long,
)
from model.errors import ScenarioFileError
from model.files.scenario_store import ScenarioNotFound
from model.text.i18n import format_value, t
from model.text.user_text import markdown_literal
from ui import cache, figure
from ui.charts.compare import build_compare_chart, chart_frame
from ui.charts.spec import described

MODE = "mote"  # query parameter: "1" turns the meeting view on
SHOWN = "visa"  # query parameter: the saved scenarios on screen, ids separated by commas
PICKED = "mote_visa"  # session key of the picker
MEETING_CSS = Path(__file__).resolve().parent / "static" / "meeting.css"
#: The one chart: the running sum of the net effect (a saving below zero), the question the committee asks.
CHART = ("cumulative_net_sek", "sek", "scenarios.chart.cumulative_title", "scenarios.chart.cumulative_axis")


def requested(query: Mapping[str, str]) -> bool:
    """Whether the address asks for the meeting view."""
    return str(query.get(MODE, "")).strip() == "1"


def chosen(value: str, available: Sequence[str]) -> list[str]:
    """The saved scenarios an address's ``visa`` names (known ids, each once, at most four).

    With none named, the most recent ones (``available`` is newest first).
    """
    known = set(available)
    ids = list(dict.fromkeys(x.strip() for x in value.split(",") if x.strip() in known))
    return (ids or list(available))[:MAX_SCENARIOS]


def render(lang: str) -> None:
    """The meeting view: the picker, the scenarios side by side and one chart."""
    st.html(MEETING_CSS)
    st.title(t("meeting.title", lang))
    store = cache.store()
    names = {i.id: i.name for i in store.list(limit=50)}
    if not names:
        st.info(t("meeting.none_saved", lang))
        return
    if PICKED not in st.session_state:
        st.session_state[PICKED] = chosen(str(st.query_params.get(SHOWN, "")), list(names))
    picked = st.multiselect(
        t("meeting.pick", lang), list(names), default=st.session_state[PICKED],  # the fallback: ui.state.widget_default
        format_func=names.get, max_selections=MAX_SCENARIOS, key=PICKED,
    )
    st.query_params[SHOWN] = ",".join(picked)
    candidates = []
    for scenario_id in picked:
        try:
            saved = store.get(scenario_id)
        except (ScenarioNotFound, ScenarioFileError, ValueError):
            st.warning(t("scenarios.error.not_found", lang))
            continue
        candidates.append(Candidate(saved.name, cache.run(saved.params, saved.scenario)))
    if not candidates:
        st.info(t("meeting.pick_one", lang))
        return
    _numbers(candidates, lang)
    _chart(candidates, lang)


def _numbers(candidates: list[Candidate], lang: str) -> None:
    """The three key numbers of each scenario, side by side."""
    columns = st.columns(len(candidates), border=True)
    for col, c, heading in zip(columns, candidates, unique_names([c.name for c in candidates]), strict=True):
        v = headline_values(c, lang)
        col.header(markdown_literal(heading), anchor=False)
        col.metric(t("scenarios.headline.net_total", lang), format_value(v["net_total"], "sek", lang, True))
        col.metric(
            t("scenarios.headline.payback_year", lang), str(v["payback_year"]) if v["payback_year"] else "–"
        )
        col.metric(
            t("scenarios.headline.institution_last_year", lang),
            format_value(v["institution_last_year"], "decimal", lang),
        )


def _chart(candidates: list[Candidate], lang: str) -> None:
    """One chart of them all against no change, with its table one click away."""
    base = Candidate(
        t("scenarios.compare.baseline", lang),
        cache.run(candidates[0].params, baseline_scenario([c.scenario for c in candidates])),
        is_baseline=True,
    )
    long = yearly_long([base, *candidates])
    column, kind, title, axis = CHART
    chart = build_compare_chart(long, column, kind, lang, axis_title=t(axis, lang))
    st.header(t(title, lang), anchor=False)
    spec = described(chart.to_dict(), t(title, lang))
    st.vega_lite_chart(spec, width="stretch")
    figure.as_table(spec, chart_frame(long, column, kind, lang), lang)
