"""Tab "Insatser": the catalogue of measures, removing an added one, and the form for a new one.

``catalogue_table`` is pure and tested directly.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

import model
from model.text.i18n import fmt_percent, t
from model.text.labels import form_labels, measure_label
from ui.assumptions import measure_form
from ui.assumptions.measure_actions import REMOVE, on_remove_measure


def catalogue_table(params: model.Parameters, added: list[model.Measure], lang: str) -> pd.DataFrame:
    """One row per measure: name, id, mechanism, unit, target forms, ages, kind of evidence, whether added,
    evidence and source."""
    forms = form_labels(params.area, lang)
    ages = {g.id: g.label(lang) for g in params.area.age_groups}
    ms = params.measures
    col = {
        k: t(f"assumptions.measures.col.{k}", lang)
        for k in ("label", "id", "mechanism", "unit", "targets", "age_groups", "evidence_class", "added", "evidence",
                  "source")
    }
    return pd.DataFrame(
        {
            col["label"]: [m.label(lang) for m in ms],
            col["id"]: [m.id for m in ms],
            col["mechanism"]: [t(f"mechanism.{m.mechanism}", lang) for m in ms],
            col["unit"]: [t(f"assumptions.measures.unit.{m.unit}", lang) for m in ms],
            col["targets"]: [", ".join(forms.get(x, x) for x in m.targets) or "–" for m in ms],
            col["age_groups"]: [
                ", ".join(f"{ages.get(g, g)} {fmt_percent(v, lang)}" for g, v in m.age_groups) or "–" for m in ms
            ],
            col["evidence_class"]: [t(f"evidence_class.{m.evidence_class}", lang) if m.evidence_class else "–"
                                    for m in ms],
            col["added"]: [t("common.yes" if m in added else "common.no", lang) for m in ms],
            col["evidence"]: [m.evidence or "–" for m in ms],
            col["source"]: [m.citation(lang) or "–" for m in ms],
        }
    )


def render(params: model.Parameters, default: model.Parameters, lang: str) -> None:
    st.markdown(t("assumptions.measures.intro", lang))
    added = [m for m in params.measures if m.id not in default.measure_ids]
    st.dataframe(catalogue_table(params, added, lang), hide_index=True, width="stretch")
    if added:
        r1, r2 = st.columns([3, 1], vertical_alignment="bottom")
        r1.selectbox(
            t("assumptions.measures.remove_label", lang),
            [m.id for m in added],
            format_func=lambda mid: measure_label(params, mid, lang),
            key=REMOVE,
        )
        r2.button(
            t("assumptions.measures.remove", lang),
            key="asm_remove_button",
            on_click=on_remove_measure,
            icon=":material/delete:",
            width="stretch",
        )
    measure_form.render(params, lang)
