"""Tab "Kommunens egna siffror": recalibrate the baseline to the municipality's own figures.

``figure_table`` (the figures before and after, as shown) is pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

import model
from model.analysis.calibration import baseline_figures, can_calibrate, family_home_forms, placement_forms
from model.area import Area
from model.text.i18n import fmt_mnkr, fmt_number, t
from model.text.labels import form_labels
from ui.assumptions import actions, own_figures

#: Rows of the figures table: (key of baseline_figures, label key, decimals; None = money in mnkr).
FIGURES = (
    ("children_0_20", "children_0_20", 0),
    ("children_placed", "children_placed", 1),
    ("children_in_home", "children_in_home", 1),
    ("cost_per_year_sek", "cost", None),
    ("placements_started_per_year", "starts", 1),
    ("placements_started_per_1000", "starts_per_1000", 2),
    ("hvb_cost_per_day", "hvb", 0),
    ("family_home_cost_per_day", "family_home", 0),
)


def figure_table(before: Mapping | None, after: Mapping, area: Area, lang: str) -> pd.DataFrame:
    """The baseline's figures: one column now, or before and after a recalibration."""
    forms = form_labels(area, lang)
    scaled = placement_forms(area)  # the care forms whose durations a recalibration scales
    labels = [t(f"assumptions.own.row.{label}", lang) for _, label, _ in FIGURES]
    labels += [t("assumptions.own.row.duration", lang, form=forms[f]) for f in scaled]

    def rows(fig: Mapping) -> list[str]:
        out = [
            fmt_mnkr(fig[key], lang) if decimals is None else fmt_number(fig[key], decimals, lang)
            for key, _, decimals in FIGURES
        ]
        return out + [fmt_number(fig[f"duration_months.{f}"], 2, lang) for f in scaled]

    table = {t("assumptions.own.figure", lang): labels}
    if before is not None:
        table[t("assumptions.own.before", lang)] = rows(before)
        table[t("assumptions.own.after", lang)] = rows(after)
    else:
        table[t("assumptions.own.value", lang)] = rows(after)
    return pd.DataFrame(table)


def render(params: model.Parameters, lang: str) -> None:
    if not can_calibrate(params.area):  # the calibration is to children's figures (Kolada N33100, N33101)
        st.info(t("assumptions.own.other_area", lang, area=params.area.label(lang)), icon=":material/info:")
        return
    st.markdown(t("assumptions.own.intro", lang))
    _form(params, lang)
    actions.show_problems("calibration", params, lang)
    done = st.session_state.get(actions.CALIBRATION)
    if done and done["digest"] == hash(params):
        for text in st.session_state.get(own_figures.WARNINGS, []):
            st.warning(text, icon=":material/warning:")
        before, after = done["before"], done["after"]
        st.header(t("assumptions.own.before_after", lang))
        st.caption(
            t(
                "assumptions.own.factors",
                lang,
                durations=fmt_number(done["duration_factor"], 3, lang),
                costs=fmt_number(done["family_home_cost_factor"], 3, lang),
            )
        )
    else:
        before, after = None, baseline_figures(params)
        st.header(t("assumptions.own.now", lang))
    st.dataframe(figure_table(before, after, params.area, lang), hide_index=True, width="stretch", height="content")


def _form(params: model.Parameters, lang: str) -> None:
    """The figures an analyst can enter, prefilled with today's (only the changed ones count).

    Text fields read the user's way ("7 400", "22,5"), not browser number fields.
    """
    forms = form_labels(params.area, lang)
    shown = own_figures.shown(own_figures.prefill(params), lang)
    labels = own_figures.labels(params.area, lang)
    family_homes = ", ".join(forms[f] for f in family_home_forms(params.area))
    helps = {
        "hvb": t("assumptions.own.hvb_help", lang),
        "family_home": t("assumptions.own.family_home_help", lang, forms=family_homes),
        "starts": t("assumptions.own.starts_help", lang),
    }
    with st.form("asm_calibration_form", border=True):
        c1, c2, c3 = st.columns(3)
        # The column decides the layout, in this order.
        for column, figure in ((c1, "children_0_20"), (c2, "hvb"), (c3, "family_home"), (c1, "starts")):
            column.text_input(
                labels[figure], value=shown[figure], key=own_figures.key(params, figure), help=helps.get(figure)
            )
        _children_inputs(params, shown, params.area, lang)
        st.text_input(
            t("assumptions.own.note", lang),
            placeholder=t("assumptions.own.note_placeholder", lang),
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
