"""Tab "Jämför": two to four scenarios side by side against no change, with charts and workbooks."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import streamlit as st

import model
from model.analysis.compare import (
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    Candidate,
    baseline_scenario,
    headline_values,
    unique_names,
    yearly_long,
)
from model.errors import ScenarioFileError
from model.files.comparison_export import comparison_to_csv_bytes, comparison_to_xlsx_bytes
from model.files.comparison_text import assumption_frame, headline_table, lever_frame
from model.files.document import params_hash
from model.files.memo_pdf import comparison_memo_pdf_bytes
from model.files.scenario_store import ScenarioNotFound, ScenarioStore
from model.scenario import Scenario
from model.text.i18n import format_value, t
from model.text.labels import prices_values
from model.text.user_text import markdown_literal
from ui import areas, cache, figure, share, state
from ui.charts.compare import COMPARE_CHARTS, build_compare_chart, chart_frame
from ui.charts.spec import described
from ui.downloads import Download, download_button
from ui.errors import file_error, shown
from ui.scenarios.reading import compare_reading
from ui.tables import show_table

CURRENT = "__current__"  # the compare option "the levers as they are now"
PICKED = "scn_compare"  # session key of the chosen scenarios (and of the downloads' buttons)
COMPARE_OPTIONS = 200  # saved scenarios offered


def render(scenarios: ScenarioStore, params: model.Parameters, current: Scenario | None, lang: str) -> None:
    st.header(t("scenarios.compare.title", lang))
    st.caption(t("scenarios.compare.caption", lang, min=MIN_SCENARIOS, max=MAX_SCENARIOS))
    picked = _picker(scenarios, lang)
    if len(picked) < MIN_SCENARIOS:
        st.info(t("scenarios.compare.pick_more", lang, min=MIN_SCENARIOS, max=MAX_SCENARIOS))
        return
    candidates, links = _candidates(scenarios, picked, params, current, lang)
    if len(candidates) < MIN_SCENARIOS:
        return
    base = Candidate(
        t("scenarios.compare.baseline", lang),
        cache.run(candidates[0].params, baseline_scenario([c.scenario for c in candidates])),
        is_baseline=True,
    )
    everyone = [base, *candidates]
    if len({params_hash(c.params) for c in candidates}) > 1:
        st.info(t("scenarios.compare.different_params", lang, name=markdown_literal(candidates[0].name)))
    _headlines(everyone, lang)
    _charts(everyone, lang)
    _differences(candidates, lang)
    _downloads(everyone, links, lang)


def _picker(scenarios: ScenarioStore, lang: str) -> list[str]:
    here = areas.active(st.session_state)  # a comparison is within an area: the other area's scenarios are not offered
    infos = scenarios.list(limit=COMPARE_OPTIONS)
    names = {i.id: i.name for i in infos if areas.area_of(i.preset) == here}
    if len(names) < len(infos):
        st.caption(t("area.compare_within", lang, area=areas.label(here, lang)))
    options = [CURRENT, *names]
    if PICKED in st.session_state:  # a scenario deleted elsewhere leaves the list
        st.session_state[PICKED] = [o for o in st.session_state[PICKED] if o in options]
    return st.multiselect(
        t("scenarios.compare.pick", lang),
        options,
        default=state.widget_default(PICKED, None),  # the browser's fallback: see ui.state.widget_default
        format_func=lambda o: t("scenarios.compare.current", lang) if o == CURRENT else names.get(o, o),
        max_selections=MAX_SCENARIOS,
        select_all=False,
        key=PICKED,
        placeholder=t("scenarios.compare.placeholder", lang),
    )


def _candidates(
    scenarios: ScenarioStore, picked: list[str], params: model.Parameters, current: Scenario | None, lang: str
) -> tuple[list[Candidate], list[str]]:
    """The picked scenarios, run, and a link back to each (one that cannot be read is a warning)."""
    out: list[Candidate] = []
    links: list[str] = []
    for option in picked:
        if option == CURRENT:
            if current is None:
                st.warning(t("scenarios.error.levers_invalid", lang, detail=""))
            else:
                out.append(Candidate(t("scenarios.compare.current", lang), cache.run(params, current)))
                links.append(share.link(share.share_query(st.session_state, params, lang)))
            continue
        try:
            saved = scenarios.get(option)
            result = cache.run(saved.params, saved.scenario)  # a shift above today's budget is refused here
        except ScenarioNotFound:
            st.warning(t("scenarios.error.not_found", lang))
            continue
        except (ScenarioFileError, ValueError) as exc:
            st.warning(shown(file_error(exc, lang)))
            continue
        out.append(Candidate(saved.name, result, saved.note, saved.updated_at))
        links.append(share.link(share.scenario_query(option, lang)))
    return out, links


def _headlines(everyone: list[Candidate], lang: str) -> None:
    """Headline numbers side by side (big numbers first), then all of them as a table."""
    columns = st.columns(len(everyone), border=True)
    for col, c, heading in zip(columns, everyone, unique_names([c.name for c in everyone]), strict=True):
        v = headline_values(c, lang)
        col.subheader(markdown_literal(heading), anchor=False)
        col.metric(
            t("scenarios.headline.net_total", lang),
            format_value(v["net_total"], "sek", lang, True),
            help=t("headline.net_help", lang),
        )
        col.metric(
            t("scenarios.headline.npv", lang),
            format_value(v["npv"], "sek", lang, True),
            help=t("scenarios.headline.npv_help", lang),
        )
        col.metric(
            t("scenarios.headline.payback_year", lang),
            str(v["payback_year"]) if v["payback_year"] else "–",
            help=t("headline.payback_help", lang),
        )
        col.metric(
            t("scenarios.headline.institution_last_year", lang),
            format_value(v["institution_last_year"], "decimal", lang),
            help=t("scenarios.headline.institution_help", lang),
        )
    st.markdown("### " + t("scenarios.compare.table_title", lang))
    st.caption(_prices_note(everyone, lang))
    table = headline_table(everyone, lang)
    show_table(table)


def _prices_note(everyone: list[Candidate], lang: str) -> str:
    """Which prices the compared amounts are in ("Belopp i fasta priser (2024)")."""
    bases = [c.result.scenario.price_basis for c in everyone if not c.is_baseline]
    return t("prices.heading", lang, basis=prices_values(bases, everyone[0].params.price_year, lang)["prices"])


def _charts(everyone: list[Candidate], lang: str) -> None:
    long = yearly_long(everyone)
    st.caption(_prices_note(everyone, lang))
    chart_tabs = st.tabs([t(title, lang) for _, _, title, _ in COMPARE_CHARTS])
    for tab, (column, kind, title, axis) in zip(chart_tabs, COMPARE_CHARTS, strict=True):
        with tab:  # the tab names the chart; no title inside it
            chart = build_compare_chart(long, column, kind, lang, axis_title=t(axis, lang))
            spec = described(chart.to_dict(), t(title, lang))
            st.vega_lite_chart(spec, width="stretch")
            st.markdown(compare_reading(long, column, kind, lang))
            figure.as_table(spec, chart_frame(long, column, kind, lang), lang)


def _differences(candidates: list[Candidate], lang: str) -> None:
    """The levers that differ (all of them folded away), and the assumptions that differ."""
    st.markdown("### " + t("scenarios.compare.differs_title", lang))
    levers = lever_frame(candidates, lang, only_differences=True).drop(columns=["differs"])
    if levers.empty:
        st.info(t("scenarios.compare.same_levers", lang))
    else:
        show_table(levers)
    with st.expander(t("scenarios.compare.all_levers", lang)):
        everything = lever_frame(candidates, lang).drop(columns=["differs"])
        show_table(everything)
    assumptions = assumption_frame(candidates, lang)
    if assumptions.empty:
        st.info(t("scenarios.compare.same_assumptions", lang))
    else:
        st.markdown("#### " + t("scenarios.compare.assumptions_title", lang, n=len(assumptions)))
        show_table(assumptions)


def _downloads(everyone: list[Candidate], links: list[str], lang: str) -> None:
    created = datetime.now().strftime("%Y-%m-%d %H:%M")
    name = t("scenarios.compare.filename", lang)
    xlsx = partial(comparison_to_xlsx_bytes, everyone, lang, created)
    csv = partial(comparison_to_csv_bytes, everyone, lang)
    pdf = partial(comparison_memo_pdf_bytes, everyone, lang, links=links)
    d1, d2, d3, _ = st.columns([1, 1, 1.2, 0.8])
    download_button(d1, Download("xlsx", t("scenarios.compare.download_xlsx", lang), xlsx), name, PICKED, primary=True)
    download_button(d2, Download("csv", t("scenarios.compare.download_csv", lang), csv), name, PICKED)
    download_button(d3, Download("pdf", t("memo.download", lang), pdf), t("memo.compare_filename", lang), PICKED)
    st.caption(t("scenarios.compare.download_caption", lang))
