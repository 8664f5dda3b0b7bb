"""What the new-measure form and the removal do: keys, the typed figures read the user's way, the callbacks.

The form's figures are text fields read by the one parser (:mod:`ui.numbers`):
"0,1" is a tenth, never 1 (a browser number field read it as 1.000, a 100 %
effect, without a word). A problem names the form's own field ("Namn",
"Relativ minskning av risken"), never a model id. ``form_figures`` and
``form_problem`` are pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import model
from model.area import AgeGroup, Area
from model.catalogue import template as template_measure
from model.errors import ParameterError
from model.files.presets import resolve_preset
from model.parameters import DOMAINS, MECHANISM_FIELDS, Measure, Parameter
from model.text.i18n import t
from model.text.labels import measure_label
from ui import cache, state
from ui.assumptions import actions
from ui.assumptions.measures import (
    DEFAULT_MECHANISM,
    add_measure,
    offered_mechanisms,
    range_fields,
    remove_measure,
    template_parameters,
    unit_for,
)
from ui.errors import safe_callback
from ui.numbers import read_fields, shown_number

REMOVE = "asm_remove_measure"
MECHANISM = "asm_new_mechanism"
UNIT = "asm_new_unit"
RANGE_ENDS = ("low", "high")


def measure_key(field: str) -> str:
    """Keys of the new-measure form's inputs (per mechanism and unit: each has its own defaults)."""
    mechanism, unit = chosen_kind()
    return f"asm_new.{mechanism}.{unit}.{field}"


def reference_set() -> model.Parameters:
    """The active area's default set: its catalogue's templates give a new measure its units and values."""
    return cache.preset(resolve_preset("default", state.params().area.id)[1])


def offered_kinds() -> tuple[str, ...]:
    """The mechanisms the form offers in the active area."""
    return offered_mechanisms(reference_set().measures) or (DEFAULT_MECHANISM,)


def chosen_kind() -> tuple[str, str]:
    """The new measure's mechanism and unit as chosen (one the area has not, its first; likewise the unit)."""
    offered = offered_kinds()
    mechanism = st.session_state.get(MECHANISM, offered[0])
    mechanism = mechanism if mechanism in offered else offered[0]
    return mechanism, unit_for(mechanism, st.session_state.get(UNIT))


def shown_fields(mechanism: str, unit: str) -> list[str]:
    """The figures the form asks for (a measure paid per family reaches one family per unit)."""
    return [f for f in MECHANISM_FIELDS[mechanism] if not (f == "families_per_unit" and unit == "family")]


def start_values(template: Mapping[str, Parameter], fields: list[str], mechanism: str) -> dict[str, float]:
    """What each figure starts with: the template measure's value and range, else the field's lowest value."""
    out: dict[str, float] = {}
    ranged = range_fields(mechanism)
    for f in fields:
        p = template.get(f)
        out[f] = float(p.value) if p is not None else float(DOMAINS[f][0])
        if f in ranged:
            out[f"{f}.low"] = float(p.low) if p is not None else out[f]
            out[f"{f}.high"] = float(p.high) if p is not None else out[f]
    return out


def age_start(template: Measure | None, area: Area) -> dict[str, float]:
    """The new measure's ages to start with: the template's shares per age group, in percent."""
    shares = dict(getattr(template, "age_groups", ()))
    return {f"age.{g}": round(100 * shares.get(g, 0.0), 1) for g in area.age_group_ids}


def age_label(group: AgeGroup, lang: str) -> str:
    """An age group's field in the form: ``Andel 0–12 år (%)``."""
    return t("assumptions.measures.age_share", lang, group=group.label(lang))


def form_ages(entered: Mapping[str, object], start: Mapping[str, float], area: Area, lang: str
              ) -> tuple[dict[str, float], list[ParameterError]]:
    """The typed age weights as shares of 1 per group (``{}``: none given), or problems naming the fields."""
    shown = {k: shown_number(v, lang) for k, v in start.items()}
    labels = {f"age.{g.id}": age_label(g, lang) for g in area.age_groups}
    changed, problems = read_fields(entered, shown, dict.fromkeys(start, (0.0, 100.0, False)), labels, lang)
    weights = {k.removeprefix("age."): v for k, v in {**start, **changed}.items()}
    total = sum(weights.values())
    return ({g: w / total for g, w in weights.items()} if total > 0 else {}), problems


def field_label(key: str, lang: str) -> str:
    """A figure's label in the form: ``Relativ minskning av risken`` (``– lågt värde`` for a range end)."""
    f, _, end = key.partition(".")
    label = t(f"assumptions.measures.field.{f}", lang)
    return f"{label} – {t(f'assumptions.measures.{end}', lang).lower()}" if end else label


def form_figures(
    entered: Mapping[str, object], start: Mapping[str, float], lang: str
) -> tuple[dict[str, float], dict[str, tuple[float, float]], list[ParameterError]]:
    """The typed figures as values and ranges (fields left as shown keep their start value), or problems."""
    shown = {k: shown_number(v, lang) for k, v in start.items()}
    bounds = {k: DOMAINS[k.partition(".")[0]] for k in start}
    labels = {k: field_label(k, lang) for k in start}
    changed, problems = read_fields(entered, shown, bounds, labels, lang)
    numbers = {**start, **changed}
    values = {k: v for k, v in numbers.items() if "." not in k}
    ranges = {f: (numbers[f"{f}.low"], numbers[f"{f}.high"]) for f in values if f"{f}.low" in numbers}
    return values, ranges, problems


def form_problem(exc: ParameterError, lang: str) -> ParameterError:
    """*exc* naming the form's field when it is about one of the new measure's figures."""
    name, _, rest = exc.field.partition(" (")
    parts = name.split(".")
    if parts[0] != "measure" or len(parts) != 3 or parts[2] not in DOMAINS:
        return exc
    attribute = rest.rstrip(")")
    field = parts[2] + (f".{attribute}" if attribute in RANGE_ENDS else "")
    return ParameterError(field_label(field, lang), exc.code, **exc.details)


@safe_callback
def on_add_measure() -> None:
    """The form's callback: the typed measure becomes part of the set, or the problems are shown."""
    s, lang = st.session_state, state.language()
    mechanism, unit = chosen_kind()
    reference = reference_set()
    start = start_values(template_parameters(reference, mechanism, unit), shown_fields(mechanism, unit), mechanism)
    values, ranges, problems = form_figures({k: s.get(measure_key(k)) for k in start}, start, lang)
    if problems:
        actions.fail("measure", problems)
        return
    area = state.params().area
    age_starts = age_start(template_measure(reference.measures, mechanism, unit), area)
    ages, age_problems = form_ages({k: s.get(measure_key(k)) for k in age_starts}, age_starts, area, lang)
    if age_problems and mechanism == "prevention":
        actions.fail("measure", age_problems)
        return
    grade = s.get(measure_key("grade"))
    comment = str(s.get(measure_key("evidence")) or "").strip()
    evidence = " – ".join(x for x in (t(f"assumptions.measures.grade.{grade}", "sv") if grade else "", comment) if x)
    measure_id = str(s.get(measure_key("id")) or "")
    try:
        new = add_measure(
            state.params(),
            reference,
            label_sv=str(s.get(measure_key("label_sv")) or ""),
            label_en=str(s.get(measure_key("label_en")) or ""),
            measure_id=measure_id,
            mechanism=mechanism,
            unit=unit,
            values=values,
            ranges=ranges,
            targets=tuple(s.get(measure_key("targets")) or ()),
            age_groups=ages if mechanism == "prevention" else None,
            evidence_class=str(s.get(measure_key("evidence_class")) or "") if mechanism != "recruitment" else "",
            evidence=evidence,
            source=str(s.get(measure_key("source")) or ""),
        )
    except ParameterError as exc:
        actions.fail("measure", [form_problem(exc, lang)])
        return
    added = new.measures[-1]
    actions.succeed(new, "assumptions.flash.measure_added", measure=added.label(lang))


@safe_callback
def on_remove_measure() -> None:
    mid = st.session_state.get(REMOVE)
    if not mid:
        return
    params = state.params()
    label = measure_label(params, mid, state.language())
    try:
        new = remove_measure(params, mid)
    except ParameterError as exc:
        actions.fail("measure", [exc])
        return
    actions.succeed(new, "assumptions.flash.measure_removed", measure=label)

