"""Tab "Ändringar mot standard": every difference from the preset the set started from.

``changes_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.files.presets import set_name
from model.text.i18n import t
from model.text.labels import parameter_label
from ui.text import exact_number

#: A longer list scrolls in a table of fixed height [rows].
ROWS_IN_FULL = 60


def shown(v: object, lang: str) -> str:
    """A default or current value as people read it: numbers with as many decimals as they have (up to 4)."""
    if v is None:
        return "–"
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return exact_number(v, lang, 4)
    return str(v)


def changes_table(diffs: pd.DataFrame, params: model.Parameters, default: model.Parameters, lang: str) -> pd.DataFrame:
    """:func:`ui.assumptions.editing.differences` for people: label, id, field, default and current value."""

    def described(name: str) -> str:
        if name.startswith("measures."):
            return t("assumptions.changes.measure", lang)
        if name == "price_year":
            return t("assumptions.values.price_year", lang)
        return parameter_label(name, params if name in params else default, lang)

    return pd.DataFrame(
        {
            t("assumptions.col.label", lang): [described(n) for n in diffs["name"]],
            t("assumptions.col.name", lang): diffs["name"],
            t("assumptions.changes.field", lang): [t(f"assumptions.changes.fields.{f}", lang) for f in diffs["field"]],
            t("assumptions.changes.default", lang): [shown(v, lang) for v in diffs["default"]],
            t("assumptions.changes.current", lang): [shown(v, lang) for v in diffs["current"]],
        }
    )


def render(params: model.Parameters, default: model.Parameters, diffs: pd.DataFrame, lang: str) -> None:
    preset = set_name(default, lang)
    if diffs.empty:
        st.info(t("assumptions.changes.none", lang, preset=preset))
        return
    st.caption(t("assumptions.changes.caption", lang, n=diffs["name"].nunique(), preset=preset))
    st.dataframe(
        changes_table(diffs, params, default, lang),
        hide_index=True,
        width="stretch",
        height="content" if len(diffs) <= ROWS_IN_FULL else 700,
    )
