"""Page "Antaganden": every assumption editable with its source, the municipality's own
figures, new measures as data, and parameter files in and out.

The page only draws; what an action does is in ``ui.assumptions_actions`` (callbacks
that write session state) over pure functions (``ui.editing``,
``ui.assumptions_measures``, ``model.analysis.calibration``, ``model.files.parameter_xlsx``).
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from model.analysis.calibration import baseline_figures, family_home_forms
from model.catalogue import template as template_measure_of
from model.files.incoming import MAX_FILE_BYTES
from model.parameters import CONFIDENCE_LEVELS, DISTRIBUTIONS, DOMAINS, MECHANISM_FIELDS, STATUSES
from model.text.i18n import fmt_mnkr, fmt_number, t
from model.text.labels import parameter_label
from model.text.user_text import markdown_literal as plain
from ui import assumptions_actions as actions
from ui import editing, state
from ui.assumptions_measures import RANGE_FIELDS, UNITS_BY_MECHANISM, template_parameters
from ui.downloads import Download, download_row
from ui.errors import show_error

lang = state.language()
params = state.params()
default = state.default_params()
changed = editing.changed_names(params, default)
diffs = editing.differences(params, default)
forms = {c.id: c.label(lang) for c in params.area.care_forms}


def show_problems(where: str) -> None:
    for exc in actions.errors(where):
        show_error(editing.localize(exc, params, lang), lang)


def number(x: float) -> str:
    """A parameter value for people: as many decimals as it has (up to 4)."""
    decimals = len(f"{float(x):.4f}".rstrip("0").split(".")[1])
    return fmt_number(float(x), decimals, lang)


# --- header ---------------------------------------------------------------------------------------------
st.title(t("assumptions.title", lang))
st.caption(t("assumptions.intro", lang))
head, reset = st.columns([4, 1], vertical_alignment="center")
head.markdown(
    t(
        "assumptions.active",
        lang,
        name=plain(state.set_name(params, lang)),
        price_year=params.price_year,
        preset=state.set_name(default, lang),
        changes=diffs["name"].nunique(),
    )
)
reset.button(
    t("assumptions.reset_all", lang),
    key="asm_reset_all",
    on_click=actions.on_reset_all,
    disabled=diffs.empty,
    icon=":material/restart_alt:",
    width="stretch",
    help=t("assumptions.reset_all_help", lang),
)
flash = actions.pop_flash()
notice = st.container()  # always there, so the tabs below keep their place (and the open tab)
if flash:
    key, values = flash
    values = {k: plain(v) for k, v in values.items()}
    if "group" in values:
        values["group"] = plain(editing.group_label(flash[1]["group"], params, lang))
    notice.success(t(key, lang, **values), icon=":material/check_circle:")

tab_values, tab_own, tab_measures, tab_files, tab_changes = st.tabs(
    [
        t("assumptions.tab.values", lang),
        t("assumptions.tab.own", lang),
        t("assumptions.tab.measures", lang),
        t("assumptions.tab.files", lang),
        t("assumptions.tab.changes", lang),
    ],
    key="asm_tabs",
)

# --- every value, grouped ------------------------------------------------------------------------------------
COLUMN_CONFIG = {
    "changed": st.column_config.TextColumn(
        t("assumptions.table.changed", lang), width=60, help=t("assumptions.table.changed_help", lang), pinned=True
    ),
    "label": st.column_config.TextColumn(t("assumptions.col.label", lang), width="large", pinned=True),
    "name": st.column_config.TextColumn(t("assumptions.col.name", lang), width="medium"),
    "value": st.column_config.NumberColumn(
        t("assumptions.col.value", lang), help=t("assumptions.table.value_help", lang), format="localized"
    ),
    "unit": st.column_config.TextColumn(t("assumptions.col.unit", lang), width="small"),
    "low": st.column_config.NumberColumn(t("assumptions.col.low", lang), format="localized"),
    "high": st.column_config.NumberColumn(t("assumptions.col.high", lang), format="localized"),
    "price_year": st.column_config.NumberColumn(t("assumptions.col.price_year", lang), format="%d", step=1),
    "status": st.column_config.SelectboxColumn(
        t("assumptions.col.status", lang), options=STATUSES, format_func=lambda v: t(f"status.{v}", lang)
    ),
    "confidence": st.column_config.SelectboxColumn(
        t("assumptions.col.confidence", lang),
        options=CONFIDENCE_LEVELS,
        format_func=lambda v: t(f"confidence.{v}", lang),
    ),
    "distribution": st.column_config.SelectboxColumn(
        t("assumptions.col.distribution", lang),
        options=DISTRIBUTIONS,
        format_func=lambda v: t(f"assumptions.distribution.{v}", lang),
    ),
    "source": st.column_config.TextColumn(t("assumptions.col.source", lang), width="large"),
}
LOCKED = [c for c in editing.EDITOR_COLUMNS if c not in editing.EDITABLE]
default_groups = set(editing.groups(default))


def render_group(group: str, expanded: bool = False) -> None:
    """One group's editable table, its problems and its reset button, in an expander."""
    key = actions.editor_key(params, group)
    problems = actions.errors(key) + actions.errors(f"reset.{group}")
    names = editing.group_names(params, group)
    n_changed = sum(n in changed for n in names)
    title = editing.group_label(group, params, lang)
    if group not in default_groups:
        title += " · " + t("assumptions.values.new_group", lang)
    elif n_changed:
        title += " · " + t("assumptions.values.changed_count", lang, n=n_changed)
    icon = ":material/edit_note:" if n_changed else None
    with st.expander(title, expanded=expanded or bool(problems), icon=icon, key=f"asm_open.{group}"):
        for exc in problems:
            show_error(editing.localize(exc, params, lang), lang)
        st.data_editor(
            editing.editor_frame(params, group, default, lang),
            key=key,
            column_config=COLUMN_CONFIG,
            disabled=LOCKED,
            hide_index=True,
            num_rows="fixed",
            placeholder="",
            on_change=actions.on_edit,
            args=(group, key),
            width="stretch",
        )
        if group in default_groups:
            st.button(
                t("assumptions.values.reset_group", lang),
                key=f"asm_reset.{group}",
                on_click=actions.on_reset_group,
                args=(group,),
                disabled=n_changed == 0,
                icon=":material/undo:",
            )


with tab_values:
    figures = baseline_figures(params)
    st.caption(t("assumptions.values.how", lang))
    st.subheader(t("assumptions.values.population_title", lang))
    st.caption(
        t(
            "assumptions.values.inflow_note",
            lang,
            starts=fmt_number(figures["placements_started_per_year"], 0, lang),
            per_1000=fmt_number(figures["placements_started_per_1000"], 1, lang),
        )
    )
    render_group("population", expanded=True)
    st.subheader(t("assumptions.values.care_title", lang))
    st.caption(t("assumptions.values.care_caption", lang))
    for g in editing.groups(params):
        if g.startswith("care:"):
            render_group(g)
    st.subheader(t("assumptions.values.measures_title", lang))
    st.caption(t("assumptions.values.measures_caption", lang))
    for g in editing.groups(params):
        if g.startswith("measure:"):
            render_group(g)
    st.subheader(t("assumptions.values.economics_title", lang))
    render_group("economics", expanded=True)
    st.number_input(
        t("assumptions.values.price_year", lang),
        min_value=1990,
        max_value=2100,
        value=params.price_year,
        step=1,
        key=f"{actions.PRICE_YEAR}.{params.price_year}",
        on_change=actions.on_price_year,
        args=(f"{actions.PRICE_YEAR}.{params.price_year}",),
        help=t("assumptions.values.price_year_help", lang),
    )

# --- the municipality's own figures --------------------------------------------------------------------------
with tab_own:
    st.markdown(t("assumptions.own.intro", lang))
    now = baseline_figures(params)
    prefill = actions.calibration_prefill(params)
    with st.form("asm_calibration_form", border=True):
        c1, c2, c3 = st.columns(3)
        c1.number_input(
            t("assumptions.own.children_0_20", lang),
            min_value=1,
            max_value=int(DOMAINS["children_0_20"][1]),
            value=prefill["children_0_20"],
            step=100,
            key=actions.calibration_key("children_0_20"),
        )
        c2.number_input(
            t("assumptions.own.hvb", lang),
            min_value=0,
            max_value=int(DOMAINS["cost_per_day"][1]),
            value=prefill["hvb"],
            step=100,
            key=actions.calibration_key("hvb"),
            help=t("assumptions.own.hvb_help", lang),
        )
        c3.number_input(
            t("assumptions.own.family_home", lang),
            min_value=0,
            max_value=int(DOMAINS["cost_per_day"][1]),
            value=prefill["family_home"],
            step=50,
            key=actions.calibration_key("family_home"),
            help=t(
                "assumptions.own.family_home_help",
                lang,
                forms=", ".join(forms[f] for f in family_home_forms(params.area)),
            ),
        )
        c1.number_input(
            t("assumptions.own.starts", lang),
            min_value=1,
            max_value=100_000,
            value=prefill["starts"],
            step=1,
            key=actions.calibration_key("starts"),
            help=t("assumptions.own.starts_help", lang),
        )
        st.markdown("**" + t("assumptions.own.children_title", lang) + "**")
        cols = st.columns(4)
        for i, f in enumerate(actions.FORMS):
            cols[i % 4].number_input(
                forms[f],
                min_value=0.0,
                max_value=float(DOMAINS["children"][1]),
                value=prefill[f"children.{f}"],
                step=1.0,
                format="%g",
                key=actions.calibration_key(f"children.{f}"),
            )
        st.text_input(
            t("assumptions.own.note", lang),
            placeholder=t("assumptions.own.note_placeholder", lang),
            key=actions.calibration_key("note"),
        )
        st.form_submit_button(
            t("assumptions.own.submit", lang), on_click=actions.on_calibrate, type="primary", icon=":material/tune:"
        )
    show_problems("calibration")
    done = st.session_state.get(actions.CALIBRATION)
    if done and done["digest"] == hash(params):
        before, after = done["before"], done["after"]
        st.subheader(t("assumptions.own.before_after", lang))
        st.caption(
            t(
                "assumptions.own.factors",
                lang,
                durations=fmt_number(done["duration_factor"], 3, lang),
                costs=fmt_number(done["family_home_cost_factor"], 3, lang),
            )
        )
    else:
        before, after = None, now
        st.subheader(t("assumptions.own.now", lang))

    def figure_rows(fig: dict) -> list[str]:
        rows = [
            fmt_number(fig["children_0_20"], 0, lang),
            fmt_number(fig["children_placed"], 1, lang),
            fmt_number(fig["children_in_home"], 1, lang),
            fmt_mnkr(fig["cost_per_year_sek"], lang),
            fmt_number(fig["placements_started_per_year"], 1, lang),
            fmt_number(fig["placements_started_per_1000"], 2, lang),
            fmt_number(fig["hvb_cost_per_day"], 0, lang),
            fmt_number(fig["family_home_cost_per_day"], 0, lang),
        ]
        rows += [fmt_number(fig[f"duration_months.{f}"], 2, lang) for f in actions.PLACEMENT_FORMS]
        return rows

    labels = [
        t(f"assumptions.own.row.{k}", lang)
        for k in (
            "children_0_20",
            "children_placed",
            "children_in_home",
            "cost",
            "starts",
            "starts_per_1000",
            "hvb",
            "family_home",
        )
    ] + [t("assumptions.own.row.duration", lang, form=forms[f]) for f in actions.PLACEMENT_FORMS]
    table = {t("assumptions.own.figure", lang): labels}
    if before is not None:
        table[t("assumptions.own.before", lang)] = figure_rows(before)
        table[t("assumptions.own.after", lang)] = figure_rows(after)
    else:
        table[t("assumptions.own.value", lang)] = figure_rows(after)
    st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch", height="content")

# --- measures as data -----------------------------------------------------------------------------------------
with tab_measures:
    st.markdown(t("assumptions.measures.intro", lang))
    added = [m for m in params.measures if m.id not in default.measure_ids]
    st.dataframe(
        pd.DataFrame(
            {
                t("assumptions.measures.col.label", lang): [m.label(lang) for m in params.measures],
                t("assumptions.measures.col.id", lang): [m.id for m in params.measures],
                t("assumptions.measures.col.mechanism", lang): [
                    t(f"mechanism.{m.mechanism}", lang) for m in params.measures
                ],
                t("assumptions.measures.col.unit", lang): [
                    t(f"assumptions.measures.unit.{m.unit}", lang) for m in params.measures
                ],
                t("assumptions.measures.col.targets", lang): [
                    ", ".join(forms.get(x, x) for x in m.targets) or "–" for m in params.measures
                ],
                t("assumptions.measures.col.added", lang): [
                    t("common.yes" if m in added else "common.no", lang) for m in params.measures
                ],
                t("assumptions.measures.col.evidence", lang): [m.evidence or "–" for m in params.measures],
                t("assumptions.measures.col.source", lang): [m.source or "–" for m in params.measures],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if added:
        r1, r2 = st.columns([3, 1], vertical_alignment="bottom")
        r1.selectbox(
            t("assumptions.measures.remove_label", lang),
            [m.id for m in added],
            format_func=lambda mid: params.measure(mid).label(lang) if mid in params.measure_ids else mid,
            key=actions.REMOVE,
        )
        r2.button(
            t("assumptions.measures.remove", lang),
            key="asm_remove_button",
            on_click=actions.on_remove_measure,
            icon=":material/delete:",
            width="stretch",
        )

    st.subheader(t("assumptions.measures.add_title", lang))
    st.caption(t("assumptions.measures.add_caption", lang))
    m1, m2 = st.columns(2)
    mechanism = m1.radio(
        t("assumptions.measures.mechanism", lang),
        list(UNITS_BY_MECHANISM),
        format_func=lambda v: t(f"assumptions.measures.mechanism_choice.{v}", lang),
        key=actions.MECHANISM,
    )
    if mechanism == "prevention":
        m2.radio(
            t("assumptions.measures.unit_label", lang),
            list(UNITS_BY_MECHANISM["prevention"]),
            format_func=lambda v: t(f"assumptions.measures.unit_choice.{v}", lang),
            key=actions.UNIT,
            horizontal=True,
        )
    unit = st.session_state.get(actions.UNIT, "family") if mechanism == "prevention" else "home"
    template = template_parameters(state.cached_preset("default"), mechanism, unit)
    template_measure = template_measure_of(state.cached_preset("default").measures, mechanism, unit)
    placement_forms = list(actions.PLACEMENT_FORMS)
    with st.form("asm_new_measure_form", border=True):
        n1, n2, n3 = st.columns(3)
        n1.text_input(
            t("assumptions.measures.label_sv", lang),
            key=actions.measure_key("label_sv"),
            placeholder=t("assumptions.measures.label_sv_placeholder", lang),
        )
        n2.text_input(
            t("assumptions.measures.label_en", lang),
            key=actions.measure_key("label_en"),
            placeholder=t("assumptions.measures.label_en_placeholder", lang),
        )
        n3.text_input(
            t("assumptions.measures.id", lang),
            key=actions.measure_key("id"),
            help=t("assumptions.measures.id_help", lang),
        )
        if mechanism == "prevention":
            for field in ("targets", "stay_targets"):  # which inflows it cuts, which stays it shortens
                st.multiselect(
                    t(f"assumptions.measures.{field}", lang),
                    placement_forms,
                    default=[x for x in getattr(template_measure, field) if x in placement_forms],
                    format_func=lambda f: forms[f],
                    key=actions.measure_key(field),
                    placeholder=t("assumptions.measures.choose", lang),
                    help=t(f"assumptions.measures.{field}_help", lang),
                )

        def field_input(container, f: str, label: str, value: float, key: str, help_text: str | None) -> None:
            lo, hi, _ = DOMAINS[f]
            share = hi <= 1  # shares and probabilities: decimals
            container.number_input(
                label,
                min_value=float(lo),
                max_value=float(hi),
                value=min(max(float(value), float(lo)), float(hi)),
                step=0.01 if share else 1000.0 if value >= 10_000 else 1.0,
                format="%.3f" if share else "%g",
                key=key,
                help=help_text,
            )

        shown_fields = [
            f
            for f in MECHANISM_FIELDS[mechanism]
            if not (f == "families_per_unit" and unit == "family") and f not in RANGE_FIELDS
        ]
        cols = st.columns(3)
        for i, f in enumerate(shown_fields):
            p = template.get(f)
            label = t(f"assumptions.measures.field.{f}", lang) + (f" ({p.unit})" if p is not None and p.unit else "")
            value = float(p.value) if p is not None else DOMAINS[f][0]
            field_input(cols[i % 3], f, label, value, actions.measure_key(f), t(f"assumptions.measures.help.{f}", lang))
        for f in RANGE_FIELDS:
            if f not in MECHANISM_FIELDS[mechanism]:
                continue
            p = template.get(f)
            value = float(p.value) if p is not None else DOMAINS[f][0]
            e1, e2, e3 = st.columns(3)
            field_input(
                e1,
                f,
                t(f"assumptions.measures.field.{f}", lang),
                value,
                actions.measure_key(f),
                t(f"assumptions.measures.help.{f}", lang),
            )
            field_input(
                e2,
                f,
                t("assumptions.measures.low", lang),
                p.low if p is not None else value,
                actions.measure_key(f"{f}.low"),
                None,
            )
            field_input(
                e3,
                f,
                t("assumptions.measures.high", lang),
                p.high if p is not None else value,
                actions.measure_key(f"{f}.high"),
                None,
            )
        g1, g2 = st.columns([1, 2])
        g1.selectbox(
            t("assumptions.measures.grade_label", lang),
            ["none", "weak", "moderate", "strong"],
            format_func=lambda g: t(f"assumptions.measures.grade.{g}", lang),
            key=actions.measure_key("grade"),
        )
        g2.text_input(t("assumptions.measures.evidence", lang), key=actions.measure_key("evidence"))
        st.text_area(
            t("assumptions.measures.source", lang),
            key=actions.measure_key("source"),
            height=80,
            placeholder=t("assumptions.measures.source_placeholder", lang),
        )
        st.form_submit_button(
            t("assumptions.measures.submit", lang),
            on_click=actions.on_add_measure,
            type="primary",
            icon=":material/add:",
        )
    show_problems("measure")

# --- parameter files ------------------------------------------------------------------------------------------
with tab_files:
    st.markdown(t("assumptions.files.intro", lang))
    download_row(
        [
            Download("xlsx", t("assumptions.files.download_xlsx", lang), partial(actions.xlsx_bytes, params, lang)),
            Download("yaml", t("assumptions.files.download_yaml", lang), partial(actions.yaml_bytes, params)),
            Download("csv", t("assumptions.files.download_csv", lang), partial(actions.csv_bytes, params)),
        ],
        t("assumptions.files.filename", lang),
        key="asm_download",
    )
    # No type= filter: Streamlit would refuse another suffix with an English exception; the
    # parser's own Swedish message ("okänd filtyp") is clearer and keeps the app running.
    st.file_uploader(
        t("assumptions.files.upload", lang),
        key=actions.UPLOAD,
        on_change=actions.on_upload,
        max_upload_size=MAX_FILE_BYTES // 1_000_000,
        help=t("assumptions.files.upload_help", lang, limit=MAX_FILE_BYTES // 1_000_000),
    )
    show_problems("upload")

# --- every difference from the default --------------------------------------------------------------------------
with tab_changes:
    if diffs.empty:
        st.info(t("assumptions.changes.none", lang, preset=state.set_name(default, lang)))
    else:
        st.caption(
            t("assumptions.changes.caption", lang, n=diffs["name"].nunique(), preset=state.set_name(default, lang))
        )

        def shown(v: object) -> str:
            if v is None:
                return "–"
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                return number(v)
            return str(v)

        def described(name: str) -> str:
            if name.startswith("measures."):
                return t("assumptions.changes.measure", lang)
            if name == "price_year":
                return t("assumptions.values.price_year", lang)
            return parameter_label(name, params if name in params else default, lang)

        st.dataframe(
            pd.DataFrame(
                {
                    t("assumptions.col.label", lang): [described(n) for n in diffs["name"]],
                    t("assumptions.col.name", lang): diffs["name"],
                    t("assumptions.changes.field", lang): [
                        t(f"assumptions.changes.fields.{f}", lang) for f in diffs["field"]
                    ],
                    t("assumptions.changes.default", lang): [shown(v) for v in diffs["default"]],
                    t("assumptions.changes.current", lang): [shown(v) for v in diffs["current"]],
                }
            ),
            hide_index=True,
            width="stretch",
            height="content" if len(diffs) <= 60 else 700,
        )
