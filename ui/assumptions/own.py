"""Tab "Kommunens egna siffror": recalibrate the baseline to the municipality's own figures.

One section for every area that has a calibration (:func:`ui.assumptions.own_figures.kind`): the same
form, flow and before/after table, with the rows and fields of the area's kind.
``figure_table`` (the figures before and after, as shown) is pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

import model
from model.analysis.calibration import family_home_forms, placement_forms
from model.area import Area
from model.text.i18n import fmt_mnkr, fmt_number, has, t, ta
from model.text.labels import form_labels
from ui.assumptions import actions, own_figures

#: Rows of the figures table per kind of calibration: (key of the figures, label key, decimals; None = mnkr).
FIGURES = {
    "placements": (
        ("children_0_20", "children_0_20", 0),
        ("children_placed", "children_placed", 1),
        ("children_in_home", "children_in_home", 1),
        ("cost_per_year_sek", "cost", None),
        ("placements_started_per_year", "starts", 1),
        ("placements_started_per_1000", "starts_per_1000", 2),
        ("hvb_cost_per_day", "hvb", 0),
        ("family_home_cost_per_day", "family_home", 0),
    ),
    "stock": (
        ("population", "population", 0),
        ("households", "households", 1),
        ("long_term_share", "long_term_share", 3),
        ("entries_per_year", "entries", 1),
        ("households_during_year", "households_during_year", 1),
        ("cost_per_year_sek", "paid", None),
        ("cost_per_household_month", "cost_per_month", 0),
    ),
}
#: The form's fields by column, in order (the children per care form follow in rows of their own).
LAYOUT = {
    "placements": ((0, "children_0_20"), (1, "hvb"), (2, "family_home"), (0, "starts")),
    "stock": (
        (0, "population"),
        (1, "households"),
        (2, "households_during_year"),
        (0, "paid_per_year"),
        (1, "long_term_share"),
    ),
}


def _rows(area: Area, lang: str) -> list[tuple[str, str, int | None]]:
    """The table's rows for *area*: (key of the figures, label, decimals; None = money in mnkr)."""
    which = own_figures.kind(area) or "placements"
    forms = form_labels(area, lang)
    rows = [(key, t(f"assumptions.own.row.{label}", lang), decimals) for key, label, decimals in FIGURES[which]]
    if which == "placements":
        scaled = placement_forms(area)  # the care forms whose durations a recalibration scales
    else:
        scaled = area.stock_forms
        rows += [(f"households.{f}", t("assumptions.own.row.households_in", lang, form=forms[f]), 1) for f in scaled]
        rows += [
            (f"flow.{f}.{area.long_term}", t("assumptions.own.row.turn_long_term", lang, form=forms[f]), 3)
            for f in scaled
            if f != area.long_term
        ]
    rows += [(f"duration_months.{f}", t("assumptions.own.row.duration", lang, form=forms[f]), 2) for f in scaled]
    return rows


def figure_table(before: Mapping | None, after: Mapping, area: Area, lang: str) -> pd.DataFrame:
    """The baseline's figures: one column now, or before and after a recalibration."""
    rows = [row for row in _rows(area, lang) if row[0] in after]

    def shown(fig: Mapping) -> list[str]:
        return [
            fmt_mnkr(fig[key], lang) if decimals is None else fmt_number(fig[key], decimals, lang)
            for key, _, decimals in rows
        ]

    table = {t("assumptions.own.figure", lang): [label for _, label, _ in rows]}
    if before is not None:
        table[t("assumptions.own.before", lang)] = shown(before)
        table[t("assumptions.own.after", lang)] = shown(after)
    else:
        table[t("assumptions.own.value", lang)] = shown(after)
    return pd.DataFrame(table)


def render(params: model.Parameters, lang: str) -> None:
    which = own_figures.kind(params.area)
    if which is None:
        st.info(t("assumptions.own.other_area", lang, area=params.area.label(lang)), icon=":material/info:")
        return
    st.markdown(ta("assumptions.own.intro", lang, params.area.id))
    _form(params, which, lang)
    actions.show_problems("calibration", params, lang)
    done = st.session_state.get(actions.CALIBRATION)
    if done and done["digest"] == hash(params):
        for text in st.session_state.get(own_figures.WARNINGS, []):
            st.warning(text, icon=":material/warning:")
        before, after = done["before"], done["after"]
        st.header(t("assumptions.own.before_after", lang))
        factors = {k: fmt_number(v, 3, lang) for k, v in done["factors"].items()}
        st.caption(t(f"assumptions.own.factors_{which}", lang, **factors))
    else:
        before, after = None, own_figures.figures_now(params)
        st.header(t("assumptions.own.now", lang))
    st.dataframe(figure_table(before, after, params.area, lang), hide_index=True, width="stretch", height="content")


def _helps(params: model.Parameters, lang: str) -> dict[str, str]:
    """The help text of each field that has one (``assumptions.own.<field>_help``)."""
    family_homes = ", ".join(form_labels(params.area, lang)[f] for f in family_home_forms(params.area))
    fields = own_figures.labels(params.area, lang)
    return {
        f: t(f"assumptions.own.{f}_help", lang, forms=family_homes)
        for f in fields
        if has(f"assumptions.own.{f}_help", lang)
    }


def _form(params: model.Parameters, which: str, lang: str) -> None:
    """The figures an analyst can enter, prefilled with today's (only the changed ones count).

    Text fields read the user's way ("7 400", "22,5"), not browser number fields.
    """
    shown = own_figures.shown(own_figures.prefill(params), lang)
    labels = own_figures.labels(params.area, lang)
    helps = _helps(params, lang)
    with st.form("asm_calibration_form", border=True):
        columns = st.columns(3)
        for column, figure in LAYOUT[which]:  # the column decides the layout, in this order
            columns[column].text_input(
                labels[figure], value=shown[figure], key=own_figures.key(params, figure), help=helps.get(figure)
            )
        if which == "placements":
            _children_inputs(params, shown, params.area, lang)
        st.text_input(
            t("assumptions.own.note", lang),
            placeholder=ta("assumptions.own.note_placeholder", lang, params.area.id),
            key=own_figures.key(params, "note"),
        )
        st.form_submit_button(
            t("assumptions.own.submit", lang),
            on_click=own_figures.on_calibrate,
            type="primary",
            icon=":material/tune:",
        )


def _children_inputs(params: model.Parameters, shown: Mapping[str, str], area: Area, lang: str) -> None:
    """Children in each care form now, four to a row."""
    st.markdown("**" + t("assumptions.own.children_title", lang) + "**")
    cols = st.columns(4)
    for i, f in enumerate(area.reported_forms):
        field = own_figures.CHILDREN + f
        cols[i % 4].text_input(area.form(f).label(lang), value=shown[field], key=own_figures.key(params, field))
