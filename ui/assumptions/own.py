"""Tab "Kommunens egna siffror": recalibrate the baseline to the municipality's own figures.

``figure_table`` (the figures before and after, as shown) is pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

import model
from model.analysis.calibration import baseline_figures, family_home_forms, placement_forms
from model.area import Area
from model.parameters import DOMAINS
from model.text.i18n import fmt_mnkr, fmt_number, t
from model.text.labels import form_labels
from ui.assumptions import actions

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
    st.markdown(t("assumptions.own.intro", lang))
    _form(params, lang)
    actions.show_problems("calibration", params, lang)
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
        before, after = None, baseline_figures(params)
        st.subheader(t("assumptions.own.now", lang))
    st.dataframe(figure_table(before, after, params.area, lang), hide_index=True, width="stretch", height="content")


def _form(params: model.Parameters, lang: str) -> None:
    """The figures an analyst can enter, prefilled with today's (only the changed ones count)."""
    forms = form_labels(params.area, lang)
    prefill = actions.calibration_prefill(params)
    key = actions.calibration_key
    family_homes = ", ".join(forms[f] for f in family_home_forms(params.area))
    with st.form("asm_calibration_form", border=True):
        c1, c2, c3 = st.columns(3)
        # (column, figure, lowest, highest, step, help): the column decides the layout, in this order.
        figures = (
            (c1, "children_0_20", 1, int(DOMAINS["children_0_20"][1]), 100, None),
            (c2, "hvb", 0, int(DOMAINS["cost_per_day"][1]), 100, t("assumptions.own.hvb_help", lang)),
            (
                c3,
                "family_home",
                0,
                int(DOMAINS["cost_per_day"][1]),
                50,
                t("assumptions.own.family_home_help", lang, forms=family_homes),
            ),
            (c1, "starts", 1, 100_000, 1, t("assumptions.own.starts_help", lang)),
        )
        for column, figure, low, high, step, help_text in figures:
            column.number_input(
                t(f"assumptions.own.{figure}", lang),
                min_value=low,
                max_value=high,
                value=prefill[figure],
                step=step,
                key=key(figure),
                help=help_text,
            )
        _children_inputs(prefill, params.area, lang)
        st.text_input(
            t("assumptions.own.note", lang),
            placeholder=t("assumptions.own.note_placeholder", lang),
            key=key("note"),
        )
        st.form_submit_button(
            t("assumptions.own.submit", lang), on_click=actions.on_calibrate, type="primary", icon=":material/tune:"
        )


def _children_inputs(prefill: Mapping[str, float], area: Area, lang: str) -> None:
    """Children in each care form now, four to a row."""
    st.markdown("**" + t("assumptions.own.children_title", lang) + "**")
    cols = st.columns(4)
    for i, f in enumerate(area.reported_forms):
        cols[i % 4].number_input(
            area.form(f).label(lang),
            min_value=0.0,
            max_value=float(DOMAINS["children"][1]),
            value=prefill[f"children.{f}"],
            step=1.0,
            format="%g",
            key=actions.calibration_key(f"children.{f}"),
        )
