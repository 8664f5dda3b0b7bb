"""Page "Spara och jämför": save the levers and assumptions, reopen them, share, compare, download.

Saved scenarios are shared by everyone who uses the server (that is what a
committee wants: the majority's and the opposition's proposals in one list);
unsaved levers and assumptions live only in the user's own session. Actions
that change the sidebar (open) are callbacks that write ``st.session_state``;
actions that change the store run in the script body and rerun so the list is
re-read from the database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import streamlit as st

import model
from model.compare import (
    MAX_SCENARIOS,
    MIN_SCENARIOS,
    Candidate,
    assumption_frame,
    baseline_scenario,
    format_value,
    headline_table,
    headline_values,
    lever_frame,
    parameter_set_name,
    unique_names,
    yearly_long,
)
from model.export import comparison_to_csv_bytes, comparison_to_xlsx_bytes, to_xlsx_bytes
from model.i18n import fmt_mnkr, t
from model.parameters import ParameterError
from model.scenario_file import (
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    ScenarioFileError,
    differs_from_preset,
    from_json_bytes,
    params_hash,
    preset_params,
    to_json_bytes,
)
from model.store import ScenarioNotFound, ScenarioStore
from ui import compute, share, state
from ui.charts.compare import COMPARE_CHARTS, build_compare_chart
from ui.downloads import Download, download_button
from ui.errors import message
from ui.share import md
from ui.store import store

CURRENT = "__current__"  # the compare option "the levers as they are now"
FLASH = "_scn_flash"  # [(kind, text)] shown once at the top after an action
CONFIRM_DELETE = "_scn_confirm_delete"
LIST_LIMIT = "_scn_list_limit"
IMPORT_ROUND = "_scn_import_round"  # bumping it empties the file uploader after an import
PAGE_SIZE = 15
COMPARE_OPTIONS = 200


def file_error(exc: Exception, lang: str) -> str:
    """A scenario-file or store error in the user's language."""
    if isinstance(exc, ScenarioFileError):
        key = f"scenarios.error.{exc.code}"
        details = {k: v for k, v in exc.details.items() if k != "field"}
        text = t(key, lang, field=exc.field, **details)
        return text if text != key else str(exc)
    if isinstance(exc, ParameterError):
        return message(exc, lang)
    return t("scenarios.error.generic", lang, detail=str(exc))


def flash(kind: str, text: str) -> None:
    st.session_state.setdefault(FLASH, []).append((kind, text))


def when(moment: datetime | None) -> str:
    """A stored UTC time as local clock time for people (the server's zone)."""
    if moment is None:
        return "–"
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


# --- callbacks (they only write session state) ----------------------------------------------------


def open_scenario(scenario_id: str) -> None:
    lang = state.language()
    try:
        saved = store().get(scenario_id)
    except ScenarioNotFound:
        flash("warning", t("scenarios.error.not_found", lang))
        return
    except (ScenarioFileError, ValueError) as exc:
        flash("error", file_error(exc, lang))
        return
    for note in share.open_saved(st.session_state, saved):
        flash(
            "info",
            t(
                "scenarios.url.clamped",
                lang,
                field=share.field_label(note["field"], lang),
                value=note["value"],
                low=note["low"],
                high=note["high"],
            ),
        )
    st.query_params[share.SCENARIO] = scenario_id
    flash("success", t("scenarios.list.opened", lang, name=md(saved.name)))
    if saved.upgraded:
        flash("info", t("scenarios.url.upgraded", lang, names=", ".join(saved.upgraded)))


def ask_delete(scenario_id: str) -> None:
    st.session_state[CONFIRM_DELETE] = scenario_id


def cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


def show_more() -> None:
    st.session_state[LIST_LIMIT] = st.session_state.get(LIST_LIMIT, PAGE_SIZE) + PAGE_SIZE


# --- downloads (built on click from the store; pure functions of their arguments) ---------------------


def saved_json(scenarios: ScenarioStore, scenario_id: str) -> bytes:
    return to_json_bytes(scenarios.get(scenario_id))


def saved_xlsx(scenarios: ScenarioStore, scenario_id: str, lang: str) -> bytes:
    saved = scenarios.get(scenario_id)
    result = model.run(saved.params, saved.scenario)
    reference = preset_params(saved.params.preset) if saved.params.preset else None
    return to_xlsx_bytes(result, lang, note=saved.note, reference=reference)


# --- the page ----------------------------------------------------------------------------------------

lang = state.language()
params = state.params()
st.title(t("scenarios.title", lang))
st.caption(t("scenarios.subtitle", lang))

with st.container(key="scn_flash"):  # always present, so the tabs below keep their place (and the open tab)
    for kind, text in st.session_state.pop(FLASH, []):
        getattr(st, kind)(text)

try:
    scenarios = store()
except Exception as exc:  # noqa: BLE001 - any driver error: say so, keep the rest of the app running
    st.error(t("scenarios.error.store_unavailable", lang, detail=type(exc).__name__))
    st.stop()

try:
    current = state.scenario_from_state(st.session_state, params)
except ValueError as exc:
    current = None
    st.warning(t("scenarios.error.levers_invalid", lang, detail=message(exc, lang)))

tab_saved, tab_compare, tab_share = st.tabs(
    [t("scenarios.tab.saved", lang), t("scenarios.tab.compare", lang), t("scenarios.tab.share", lang)],
    key="scn_tab",
    on_change="rerun",  # tracked in session state: an action's rerun keeps the tab the user is on
)

# --- save and the list --------------------------------------------------------------------------------
with tab_saved:
    st.subheader(t("scenarios.save.title", lang))
    st.caption(
        t(
            "scenarios.save.caption",
            lang,
            shift=fmt_mnkr(current.shift_sek_per_year if current else 0, lang),
            parameter_set=parameter_set_name(params, lang),
        )
    )
    with st.form("scn_save_form", clear_on_submit=True):
        name = st.text_input(
            t("scenarios.save.name", lang),
            max_chars=MAX_NAME_CHARS,
            key="scn_save_name",
            placeholder=t("scenarios.save.name_placeholder", lang),
        )
        note = st.text_area(
            t("scenarios.save.note", lang),
            max_chars=MAX_NOTE_CHARS,
            key="scn_save_note",
            placeholder=t("scenarios.save.note_placeholder", lang),
            height=90,
        )
        submitted = st.form_submit_button(t("scenarios.save.button", lang), type="primary", icon=":material/save:")
    if submitted:
        if current is None:
            st.error(t("scenarios.error.levers_invalid", lang, detail=""))
        else:
            levers = share.levers_from_state(st.session_state, params)
            try:
                new_id = scenarios.save(name, current, params, note, levers=levers)
            except (ScenarioFileError, ParameterError) as exc:
                st.error(file_error(exc, lang))
            else:
                st.session_state[share.OPENED] = {
                    "id": new_id,
                    "name": " ".join(str(name).split()),
                    "levers": levers,
                    "params_sha256": params_hash(params),
                }
                st.query_params[share.SCENARIO] = new_id
                flash(
                    "success",
                    t(
                        "scenarios.save.saved",
                        lang,
                        name=md(" ".join(str(name).split())),
                        link=share.link(share.scenario_query(new_id, lang)),
                    ),
                )
                st.rerun()

    st.subheader(t("scenarios.list.title", lang))
    search = st.text_input(
        t("scenarios.list.search", lang), key="scn_search", placeholder=t("scenarios.list.search_placeholder", lang)
    )
    limit = int(st.session_state.get(LIST_LIMIT, PAGE_SIZE))
    infos = scenarios.list(search=search, limit=limit + 1)
    if not infos:
        st.info(t("scenarios.list.empty" if not search else "scenarios.list.no_match", lang))
    opened_id = (st.session_state.get(share.OPENED) or {}).get("id")
    presets = model.presets()
    for info in infos[:limit]:
        with st.container(border=True, key=f"scn_item_{info.id}"):
            head = f"**{md(info.name)}**"
            if info.id == opened_id:
                head += "  :blue-badge[" + t("scenarios.list.open_now", lang) + "]"
            st.markdown(head)
            preset_name = (
                presets.get(info.preset, info.preset or "–") if lang == "sv" else t(f"preset.{info.preset}", lang)
            )
            st.caption(
                t(
                    "scenarios.list.meta",
                    lang,
                    shift=fmt_mnkr(info.shift_sek_per_year, lang),
                    years=info.horizon_years,
                    parameter_set=preset_name
                    + (t("scenarios.list.changed_params", lang) if info.params_changed else ""),
                    saved=when(info.updated_at),
                )
            )
            if info.note:
                st.markdown(md(info.note[:300] + ("…" if len(info.note) > 300 else "")))
            with st.container(horizontal=True):
                st.button(
                    t("scenarios.list.open", lang),
                    key=f"scn_open_{info.id}",
                    on_click=open_scenario,
                    args=(info.id,),
                    icon=":material/folder_open:",
                    type="primary",
                )
                with st.popover(t("scenarios.list.share", lang), icon=":material/link:"):
                    st.caption(t("scenarios.list.share_caption", lang))
                    st.code(share.link(share.scenario_query(info.id, lang)), language=None, wrap_lines=True)
                duplicate = st.button(
                    t("scenarios.list.duplicate", lang), key=f"scn_dup_{info.id}", icon=":material/content_copy:"
                )
                with st.popover(t("scenarios.list.rename", lang), icon=":material/edit:"):
                    new_name = st.text_input(
                        t("scenarios.save.name", lang),
                        value=info.name,
                        max_chars=MAX_NAME_CHARS,
                        key=f"scn_rename_{info.id}",
                    )
                    new_note = st.text_area(
                        t("scenarios.save.note", lang),
                        value=info.note,
                        max_chars=MAX_NOTE_CHARS,
                        key=f"scn_note_{info.id}",
                    )
                    rename = st.button(t("scenarios.list.rename_save", lang), key=f"scn_rename_go_{info.id}")
                with st.popover(t("scenarios.list.download", lang), icon=":material/download:"):
                    download_button(
                        st,
                        Download(
                            "xlsx",
                            t("scenarios.list.download_xlsx", lang),
                            partial(saved_xlsx, scenarios, info.id, lang),
                        ),
                        f"{t('download.filename', lang)}-{info.id}",
                        key=f"scn_{info.id}",
                        icon=":material/table:",
                        width="content",
                    )
                    download_button(
                        st,
                        Download(
                            "json", t("scenarios.list.download_json", lang), partial(saved_json, scenarios, info.id)
                        ),
                        f"{t('scenarios.file_prefix', lang)}-{info.id}",
                        key=f"scn_{info.id}",
                        icon=":material/data_object:",
                        width="content",
                    )
                    st.caption(t("scenarios.list.download_caption", lang))
                st.button(
                    t("scenarios.list.delete", lang),
                    key=f"scn_del_{info.id}",
                    on_click=ask_delete,
                    args=(info.id,),
                    icon=":material/delete:",
                )
            if st.session_state.get(CONFIRM_DELETE) == info.id:
                st.warning(t("scenarios.list.confirm_delete", lang, name=md(info.name)))
                yes, no, _ = st.columns([1, 1, 3])
                confirmed = yes.button(
                    t("scenarios.list.confirm_yes", lang),
                    key=f"scn_del_yes_{info.id}",
                    type="primary",
                    icon=":material/delete_forever:",
                )
                no.button(t("scenarios.list.confirm_no", lang), key=f"scn_del_no_{info.id}", on_click=cancel_delete)
                if confirmed:
                    scenarios.delete(info.id)
                    cancel_delete()
                    if opened_id == info.id:
                        st.session_state.pop(share.OPENED, None)
                        if st.query_params.get(share.SCENARIO) == info.id:
                            del st.query_params[share.SCENARIO]
                    flash("success", t("scenarios.list.deleted", lang, name=md(info.name)))
                    st.rerun()
            if duplicate:
                copy_name = t("scenarios.list.copy_name", lang, name=info.name)[:MAX_NAME_CHARS]
                try:
                    scenarios.duplicate(info.id, copy_name)
                except ScenarioNotFound:
                    flash("warning", t("scenarios.error.not_found", lang))
                else:
                    flash("success", t("scenarios.list.duplicated", lang, name=md(copy_name)))
                st.rerun()
            if rename:
                try:
                    scenarios.rename(info.id, new_name)
                    scenarios.set_note(info.id, new_note)
                except (ScenarioFileError, ScenarioNotFound) as exc:
                    st.error(
                        file_error(exc, lang)
                        if isinstance(exc, ScenarioFileError)
                        else t("scenarios.error.not_found", lang)
                    )
                else:
                    if opened_id == info.id:
                        st.session_state[share.OPENED]["name"] = " ".join(new_name.split())
                    flash("success", t("scenarios.list.renamed", lang, name=md(" ".join(new_name.split()))))
                    st.rerun()
    if len(infos) > limit:
        st.button(t("scenarios.list.more", lang), on_click=show_more, key="scn_more")

# --- compare -----------------------------------------------------------------------------------------
with tab_compare:
    st.subheader(t("scenarios.compare.title", lang))
    st.caption(t("scenarios.compare.caption", lang, min=MIN_SCENARIOS, max=MAX_SCENARIOS))
    listed = scenarios.list(limit=COMPARE_OPTIONS)
    names = {i.id: i.name for i in listed}
    options = [CURRENT, *names]
    if "scn_compare" in st.session_state:  # a scenario deleted elsewhere leaves the list
        st.session_state["scn_compare"] = [o for o in st.session_state["scn_compare"] if o in options]
    picked = st.multiselect(
        t("scenarios.compare.pick", lang),
        options,
        format_func=lambda o: t("scenarios.compare.current", lang) if o == CURRENT else names.get(o, o),
        max_selections=MAX_SCENARIOS,
        select_all=False,
        key="scn_compare",
        placeholder=t("scenarios.compare.placeholder", lang),
    )
    if len(picked) < MIN_SCENARIOS:
        st.info(t("scenarios.compare.pick_more", lang, min=MIN_SCENARIOS, max=MAX_SCENARIOS))
    else:
        candidates: list[Candidate] = []
        for option in picked:
            if option == CURRENT:
                if current is None:
                    st.warning(t("scenarios.error.levers_invalid", lang, detail=""))
                    continue
                candidates.append(Candidate(t("scenarios.compare.current", lang), compute.run(params, current)))
                continue
            try:
                saved = scenarios.get(option)
            except ScenarioNotFound:
                st.warning(t("scenarios.error.not_found", lang))
                continue
            except (ScenarioFileError, ValueError) as exc:
                st.warning(file_error(exc, lang))
                continue
            candidates.append(
                Candidate(saved.name, compute.run(saved.params, saved.scenario), saved.note, saved.updated_at)
            )
        if len(candidates) >= MIN_SCENARIOS:
            first = candidates[0].params
            base = Candidate(
                t("scenarios.compare.baseline", lang),
                compute.run(first, baseline_scenario([c.scenario for c in candidates])),
                is_baseline=True,
            )
            everyone = [base, *candidates]
            if len({params_hash(c.params) for c in candidates}) > 1:
                st.info(t("scenarios.compare.different_params", lang, name=candidates[0].name))

            # Headline numbers side by side: big numbers first.
            columns = st.columns(len(everyone), border=True)
            for col, c, heading in zip(columns, everyone, unique_names([c.name for c in everyone]), strict=True):
                v = headline_values(c, lang)
                col.subheader(md(heading), anchor=False)
                col.metric(t("scenarios.headline.net_total", lang), format_value(v["net_total"], "sek", lang, True))
                col.metric(t("scenarios.headline.npv", lang), format_value(v["npv"], "sek", lang, True))
                col.metric(
                    t("scenarios.headline.payback_year", lang), str(v["payback_year"]) if v["payback_year"] else "–"
                )
                col.metric(
                    t("scenarios.headline.institution_last_year", lang),
                    format_value(v["institution_last_year"], "decimal", lang),
                )

            st.markdown("##### " + t("scenarios.compare.table_title", lang))
            table = headline_table(everyone, lang)
            st.table(table.set_index(table.columns[0]))

            long = yearly_long(everyone)
            chart_tabs = st.tabs([t(title, lang) for _, _, title, _ in COMPARE_CHARTS])
            for tab, (column, kind, _title, axis) in zip(chart_tabs, COMPARE_CHARTS, strict=True):
                with tab:
                    # The tab names the chart; no title inside it.
                    st.altair_chart(
                        build_compare_chart(long, column, kind, lang, axis_title=t(axis, lang)), width="stretch"
                    )

            st.markdown("##### " + t("scenarios.compare.differs_title", lang))
            levers = lever_frame(candidates, lang, only_differences=True).drop(columns=["differs"])
            if levers.empty:
                st.info(t("scenarios.compare.same_levers", lang))
            else:
                st.table(levers.set_index(levers.columns[0]))
            with st.expander(t("scenarios.compare.all_levers", lang)):
                everything = lever_frame(candidates, lang).drop(columns=["differs"])
                st.table(everything.set_index(everything.columns[0]))
            assumptions = assumption_frame(candidates, lang)
            if assumptions.empty:
                st.info(t("scenarios.compare.same_assumptions", lang))
            else:
                st.markdown("###### " + t("scenarios.compare.assumptions_title", lang, n=len(assumptions)))
                st.table(assumptions.set_index(assumptions.columns[0]))

            created = datetime.now().strftime("%Y-%m-%d %H:%M")
            name = t("scenarios.compare.filename", lang)
            d1, d2, _ = st.columns([1, 1, 2])
            download_button(
                d1,
                Download(
                    "xlsx",
                    t("scenarios.compare.download_xlsx", lang),
                    partial(comparison_to_xlsx_bytes, everyone, lang, created),
                ),
                name,
                key="scn_compare",
                primary=True,
            )
            download_button(
                d2,
                Download(
                    "csv", t("scenarios.compare.download_csv", lang), partial(comparison_to_csv_bytes, everyone, lang)
                ),
                name,
                key="scn_compare",
            )
            st.caption(t("scenarios.compare.download_caption", lang))

# --- share and import ---------------------------------------------------------------------------------
with tab_share:
    st.subheader(t("scenarios.share.title", lang))
    opened = st.session_state.get(share.OPENED)
    if opened and st.query_params.get(share.SCENARIO) == opened["id"]:
        st.markdown(t("scenarios.share.saved_link", lang, name=md(opened["name"])))
        st.code(share.link(share.scenario_query(opened["id"], lang)), language=None, wrap_lines=True)
    st.markdown(t("scenarios.share.lever_link", lang))
    st.code(share.link(share.share_query(st.session_state, params, lang)), language=None, wrap_lines=True)
    if differs_from_preset(params):
        st.warning(t("scenarios.share.params_warning", lang))
    else:
        st.caption(t("scenarios.share.lever_caption", lang))

    st.subheader(t("scenarios.import.title", lang))
    st.caption(t("scenarios.import.caption", lang))
    round_ = int(st.session_state.get(IMPORT_ROUND, 0))
    uploaded = st.file_uploader(t("scenarios.import.label", lang), type=["json"], key=f"scn_import_{round_}")
    if uploaded is not None:
        try:
            imported = from_json_bytes(uploaded.getvalue(), uploaded.name)
        except (ScenarioFileError, ParameterError) as exc:
            st.error(t("scenarios.import.failed", lang, detail=file_error(exc, lang)))
        else:
            st.success(
                t(
                    "scenarios.import.preview",
                    lang,
                    name=md(imported.name),
                    shift=fmt_mnkr(imported.scenario.shift_sek_per_year, lang),
                    parameter_set=md(parameter_set_name(imported.params, lang)),
                )
            )
            if imported.upgraded:
                st.info(t("scenarios.url.upgraded", lang, names=", ".join(imported.upgraded)))
            if st.button(
                t("scenarios.import.save", lang), key="scn_import_save", type="primary", icon=":material/upload:"
            ):
                scenarios.save_saved(imported)
                st.session_state[IMPORT_ROUND] = round_ + 1
                flash("success", t("scenarios.import.saved", lang, name=md(imported.name)))
                st.rerun()
