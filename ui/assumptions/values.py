"""Tab "Alla värden": one editable table per group of parameters, with its source and a reset."""

from __future__ import annotations

import streamlit as st

import model
from model.analysis.calibration import baseline_figures
from model.parameters import CONFIDENCE_LEVELS, DISTRIBUTIONS, STATUSES
from model.text.i18n import fmt_number, t, ta
from model.text.user_text import markdown_literal
from ui.assumptions import actions, editing
from ui.errors import show_error

#: Columns shown but not editable.
LOCKED = [c for c in editing.EDITOR_COLUMNS if c not in editing.EDITABLE]


def column_config(lang: str) -> dict:
    """How the data editor shows each column.

    Numbers are text cells in the user's convention (``9 000``, ``0,35``), read
    by the one parser when edited: a browser number cell reads "1e12" as 112
    and "0,1" as 1 without a word.
    """
    cc = st.column_config
    choice = {
        "status": (STATUSES, "status.{}"),
        "confidence": (CONFIDENCE_LEVELS, "confidence.{}"),
        "distribution": (DISTRIBUTIONS, "assumptions.distribution.{}"),
    }
    return {
        "changed": cc.TextColumn(
            t("assumptions.table.changed", lang), width=60, help=t("assumptions.table.changed_help", lang), pinned=True
        ),
        "label": cc.TextColumn(t("assumptions.col.label", lang), width="large", pinned=True),
        "name": cc.TextColumn(t("assumptions.col.name", lang), width="medium"),
        "value": cc.TextColumn(
            t("assumptions.col.value", lang), help=t("assumptions.table.value_help", lang), alignment="right"
        ),
        "unit": cc.TextColumn(t("assumptions.col.unit", lang), width="small"),
        "low": cc.TextColumn(t("assumptions.col.low", lang), alignment="right"),
        "high": cc.TextColumn(t("assumptions.col.high", lang), alignment="right"),
        "price_year": cc.TextColumn(t("assumptions.col.price_year", lang), alignment="right"),
        **{
            column: cc.SelectboxColumn(
                t(f"assumptions.col.{column}", lang),
                options=options,
                format_func=lambda v, key=key: t(key.format(v), lang),
            )
            for column, (options, key) in choice.items()
        },
        "sources": cc.TextColumn(t("assumptions.col.sources", lang), width="medium"),
        "note_sv": cc.TextColumn(t("assumptions.col.note_sv", lang), width="large"),
        "note_en": cc.TextColumn(t("assumptions.col.note_en", lang), width="large"),
    }


def render(params: model.Parameters, default: model.Parameters, lang: str) -> None:
    """Population, each care form, each measure and economics, in reading order, then the price year."""
    changed = editing.changed_names(params, default)
    draw = _GroupDrawer(params, default, changed, column_config(lang), lang)
    figures = baseline_figures(params)
    st.caption(t("assumptions.values.how", lang))
    st.header(t("assumptions.values.population_title", lang))
    area = params.area.id
    st.caption(
        ta(
            "assumptions.values.inflow_note",
            lang,
            area,
            starts=fmt_number(figures["placements_started_per_year"], 0, lang),
            per_1000=fmt_number(figures["placements_started_per_1000"], 1, lang),
        )
    )
    draw("population", expanded=True)
    for prefix, title in (("care:", "care"), ("measure:", "measures")):
        st.header(ta(f"assumptions.values.{title}_title", lang, area))
        st.caption(ta(f"assumptions.values.{title}_caption", lang, area))
        for g in editing.groups(params):
            if g.startswith(prefix):
                draw(g)
    st.header(t("assumptions.values.economics_title", lang))
    draw("economics", expanded=True)
    draw("reporting")
    key = f"{actions.PRICE_YEAR}.{params.price_year}"
    label = t("assumptions.values.price_year", lang)
    st.text_input(
        label,
        value=str(params.price_year),
        key=key,
        on_change=actions.on_price_year,
        args=(key, label),
        help=t("assumptions.values.price_year_help", lang),
        width=260,
    )
    actions.show_problems("price_year", params, lang)


class _GroupDrawer:
    """Draws one group's table in an expander; holds what every group shares."""

    def __init__(
        self, params: model.Parameters, default: model.Parameters, changed: set[str], config: dict, lang: str
    ) -> None:
        self.params, self.default, self.changed, self.config, self.lang = params, default, changed, config, lang
        self.default_groups = set(editing.groups(default))

    def __call__(self, group: str, expanded: bool = False) -> None:
        """One group's editable table, its problems and its reset button, in an expander."""
        params, lang = self.params, self.lang
        key = actions.editor_key(params, group)
        problems = actions.errors(key) + actions.errors(f"reset.{group}")
        n_changed = sum(n in self.changed for n in editing.group_names(params, group))
        title = editing.group_label(group, params, lang, name=markdown_literal)  # a measure's label: as typed
        if group not in self.default_groups:
            title += " · " + t("assumptions.flash.new_group", lang)
        elif n_changed:
            title += " · " + t("assumptions.values.changed_count", lang, n=n_changed)
        icon = ":material/edit_note:" if n_changed else None
        opened = expanded or bool(problems) or bool(actions.warnings(group))
        with st.expander(title, expanded=opened, icon=icon, key=f"asm_open.{group}"):
            for exc in problems:
                show_error(editing.localize(exc, params, lang), lang)
            for text in actions.warnings(group):
                st.warning(text, icon=":material/warning:")
            st.data_editor(
                editing.editor_frame(params, group, self.default, lang),
                key=key,
                column_config=self.config,
                disabled=LOCKED,
                hide_index=True,
                num_rows="fixed",
                placeholder="",
                on_change=actions.on_edit,
                args=(group, key),
                width="stretch",
            )
            if group in self.default_groups:
                st.button(
                    t("assumptions.values.reset_group", lang),
                    key=f"asm_reset.{group}",
                    on_click=actions.on_reset_group,
                    args=(group,),
                    disabled=n_changed == 0,
                    icon=":material/undo:",
                )
