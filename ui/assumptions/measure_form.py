"""The form for a new measure: its kind, names, target forms, figures (prefilled from a measure of the
same kind) and evidence. What it makes of them is :func:`ui.assumptions.measures.add_measure`'s job."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import model
from model.area import Area
from model.catalogue import template as template_measure
from model.fields import EVIDENCE_CLASSES
from model.parameters import Parameter
from model.text.i18n import t, ta
from model.text.labels import form_labels
from model.text.user_text import markdown_literal
from ui.assumptions import actions
from ui.assumptions.measure_actions import (
    MECHANISM,
    UNIT,
    age_label,
    age_start,
    chosen_kind,
    field_label,
    measure_key,
    offered_kinds,
    on_add_measure,
    reference_set,
    shown_fields,
    start_values,
)
from ui.assumptions.measures import UNITS_BY_MECHANISM, range_fields, template_parameters
from ui.numbers import shown_number

#: Strength of the evidence, as the analyst grades it.
GRADES = ("none", "weak", "moderate", "strong")


def render(params: model.Parameters, lang: str) -> None:
    st.header(t("assumptions.measures.add_title", lang))
    st.caption(ta("assumptions.measures.add_caption", lang, params.area.id))
    _kind(lang, offered_kinds())
    mechanism, unit = chosen_kind()
    reference = reference_set()  # units and starting values come from the area's default set's measure
    template = template_parameters(reference, mechanism, unit)
    model_measure = template_measure(reference.measures, mechanism, unit)
    with st.form("asm_new_measure_form", border=True):
        _names(lang)
        if mechanism in ("prevention", "exit_rate"):
            _targets(model_measure, params.area, lang)
        if mechanism == "prevention":
            _ages(model_measure, params.area, lang)
        _figures(mechanism, unit, template, lang, params.area.id)
        classes = tuple(c for c in EVIDENCE_CLASSES if f"evidence.{c}.transfer_factor" in reference)
        _evidence(model_measure if mechanism != "recruitment" else None, lang, classes or EVIDENCE_CLASSES)
        st.form_submit_button(
            t("assumptions.measures.submit", lang),
            on_click=on_add_measure,
            type="primary",
            icon=":material/add:",
        )
    actions.show_problems("measure", params, lang)


def _kind(lang: str, offered: tuple[str, ...]) -> None:
    """Mechanism (those the area *offered*) and, where there is a choice, what it is paid per."""
    m1, m2 = st.columns(2)
    if st.session_state.get(MECHANISM) not in offered:
        st.session_state[MECHANISM] = offered[0]
    mechanism = m1.radio(
        t("assumptions.measures.mechanism", lang),
        list(offered),
        index=list(offered).index(st.session_state[MECHANISM]),  # the browser's fallback: see ui.state.widget_default
        format_func=lambda v: t(f"assumptions.measures.mechanism_choice.{v}", lang),
        key=MECHANISM,
    )
    if len(UNITS_BY_MECHANISM[mechanism]) > 1:
        m2.radio(
            t("assumptions.measures.unit_label", lang),
            list(UNITS_BY_MECHANISM[mechanism]),
            format_func=lambda v: t(f"assumptions.measures.unit_choice.{v}", lang),
            key=UNIT,
            horizontal=True,
        )


def _names(lang: str) -> None:
    n1, n2, n3 = st.columns(3)
    for column, field in ((n1, "label_sv"), (n2, "label_en")):
        column.text_input(
            t(f"assumptions.measures.{field}", lang),
            key=measure_key(field),
            placeholder=t(f"assumptions.measures.{field}_placeholder", lang),
        )
    n3.text_input(
        t("assumptions.measures.id", lang),
        key=measure_key("id"),
        help=t("assumptions.measures.id_help", lang),
    )


def _targets(template: model.Measure | None, area: Area, lang: str) -> None:
    """Which inflows a preventive measure cuts (the template's to start)."""
    forms = form_labels(area, lang)
    choices = list(area.forms_with("placement"))  # a measure acts on placements
    st.multiselect(
        ta("assumptions.measures.targets", lang, area.id),
        choices,
        default=[x for x in getattr(template, "targets", ()) if x in choices],
        format_func=lambda f: forms[f],
        key=measure_key("targets"),
        placeholder=t("assumptions.measures.choose", lang),
        help=ta("assumptions.measures.targets_help", lang, area.id),
    )


def _ages(template: model.Measure | None, area: Area, lang: str) -> None:
    """The ages a preventive measure reaches, as percent per age group (the template's to start)."""
    if not area.age_groups:
        return
    st.markdown(t("assumptions.measures.age_groups", lang), help=t("assumptions.measures.age_groups_help", lang))
    start = age_start(template, area)
    for column, group in zip(st.columns(len(area.age_groups)), area.age_groups, strict=True):
        key = f"age.{group.id}"
        _field_input(column, key, age_label(group, lang), start[key], lang, None)


def _field_input(
    container: DeltaGenerator, key: str, label: str, value: float, lang: str, help_text: str | None
) -> None:
    """A figure as a text field, read the user's way when the form is sent ("0,1" is a tenth)."""
    container.text_input(label, value=shown_number(value, lang), key=measure_key(key), help=help_text)


def _figures(mechanism: str, unit: str, template: dict[str, Parameter], lang: str, area: str) -> None:
    """The mechanism's figures, three to a row, then each ranged figure with its low and high (help in
    *area*'s words)."""
    fields = shown_fields(mechanism, unit)
    start = start_values(template, fields, mechanism)
    ranged = range_fields(mechanism)
    cols = st.columns(3)
    for i, f in enumerate(f for f in fields if f not in ranged):
        p = template.get(f)
        label = field_label(f, lang) + (f" ({markdown_literal(p.unit)})" if p is not None and p.unit else "")
        _field_input(cols[i % 3], f, label, start[f], lang, ta(f"assumptions.measures.help.{f}", lang, area))
    for f in (f for f in ranged if f in fields):
        e1, e2, e3 = st.columns(3)
        _field_input(e1, f, field_label(f, lang), start[f], lang, ta(f"assumptions.measures.help.{f}", lang, area))
        _field_input(e2, f"{f}.low", t("assumptions.measures.low", lang), start[f"{f}.low"], lang, None)
        _field_input(e3, f"{f}.high", t("assumptions.measures.high", lang), start[f"{f}.high"], lang, None)


def _evidence(template: model.Measure | None, lang: str, classes: tuple[str, ...] = EVIDENCE_CLASSES) -> None:
    """How strong the evidence is, what kind it is (of *classes*: those the area's set has a transfer factor
    for), a comment and the source."""
    if template is not None:
        default = template.evidence_class if template.evidence_class in classes else classes[-1]
        st.selectbox(
            t("assumptions.measures.evidence_class", lang),
            classes,
            index=classes.index(default),
            format_func=lambda c: t(f"evidence_class.{c}", lang),
            key=measure_key("evidence_class"),
            help=t("assumptions.measures.evidence_class_help", lang),
        )
    g1, g2 = st.columns([1, 2])
    g1.selectbox(
        t("assumptions.measures.grade_label", lang),
        list(GRADES),
        format_func=lambda g: t(f"assumptions.measures.grade.{g}", lang),
        key=measure_key("grade"),
    )
    g2.text_input(t("assumptions.measures.evidence", lang), key=measure_key("evidence"))
    st.text_area(
        t("assumptions.measures.source", lang),
        key=measure_key("source"),
        height=80,
        placeholder=t("assumptions.measures.source_placeholder", lang),
    )
