"""What the page "Antaganden" does when an analyst acts: callbacks that only write session state.

Every action builds a new parameter set with a pure function (``editing``,
``measures``, ``model.analysis.calibration``, ``model.files.parameter_files``) and either
makes it active (:func:`ui.state.set_params`) or stores the problems for the
page to show. An invalid edit, file or figure therefore never reaches the
model, and the last valid set stays active.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

import model
from model.analysis.calibration import baseline_figures, calibrate, check_baseline
from model.errors import ParameterError
from model.files.parameter_files import parameters_from_bytes
from model.files.presets import DEFAULT_PRESET
from model.parameters import MECHANISM_FIELDS
from model.text.i18n import t
from model.text.labels import measure_label
from ui import cache, state
from ui.assumptions import editing
from ui.assumptions.measures import (
    DEFAULT_MECHANISM,
    add_measure,
    range_fields,
    remove_measure,
    unit_for,
)
from ui.errors import show_error

# Session keys of the page (private to it).
ERRORS = "_asm_errors"  # where -> list of ParameterError (where: an editor key, "upload", ...)
FLASH = "_asm_flash"  # (message key, values) shown once after an action succeeded
CALIBRATION = "_asm_calibration"  # before/after of the last recalibration
UPLOAD = "asm_upload"
PRICE_YEAR = "asm_price_year"
REMOVE = "asm_remove_measure"
MECHANISM = "asm_new_mechanism"
UNIT = "asm_new_unit"
CHILDREN = "children."  # prefix of the own-figures form's children per care form ("children.hvb")


# --- keys that follow the state they show -----------------------------------------------------------------


def editor_key(params: model.Parameters, group: str) -> str:
    """The data editor's key: it changes when the group's values change, so a new set shows fresh."""
    return f"asm_edit.{group}.{hash(editing.group_rows(params, group)) & 0xFFFFFFFF:08x}"


def calibration_key(field: str) -> str:
    """Keys of the calibration form's inputs (per preset, so another preset prefills anew)."""
    return f"asm_cal.{st.session_state.get(state.PARAMS_PRESET, '')}.{field}"


def measure_key(field: str) -> str:
    """Keys of the new-measure form's inputs (per mechanism and unit: each has its own defaults)."""
    mechanism, unit = chosen_kind()
    return f"asm_new.{mechanism}.{unit}.{field}"


def chosen_kind() -> tuple[str, str]:
    """The new measure's mechanism and unit as chosen (a unit the mechanism does not have: its first)."""
    mechanism = st.session_state.get(MECHANISM, DEFAULT_MECHANISM)
    return mechanism, unit_for(mechanism, st.session_state.get(UNIT))


# --- helpers ------------------------------------------------------------------------------------------------


def errors(where: str) -> list[ParameterError]:
    """The problems the last action at *where* left (an editor's key, "upload", "measure", ...)."""
    return st.session_state.get(ERRORS, {}).get(where, [])


def show_problems(where: str, params: model.Parameters, lang: str) -> None:
    """The problems at *where*, each naming its row, in the user's language."""
    for exc in errors(where):
        show_error(editing.localize(exc, params, lang), lang)


def _fail(where: str, problems: list[ParameterError]) -> None:
    st.session_state.setdefault(ERRORS, {})[where] = problems


def _succeed(new: model.Parameters, message: str, **values: object) -> None:
    """Make *new* active, forget old problems, and say what happened."""
    state.set_params(new)
    st.session_state[ERRORS] = {}
    st.session_state[FLASH] = (message, values)


def pop_flash() -> tuple[str, dict] | None:
    return st.session_state.pop(FLASH, None)


# --- callbacks ----------------------------------------------------------------------------------------------


def on_edit(group: str, key: str) -> None:
    """A cell of *group*'s table changed: apply all of the editor's edits, or keep the last valid set."""
    params, default = state.params(), state.default_params()
    frame = editing.editor_frame(params, group, default)
    edited = editing.apply_editor_state(frame, st.session_state.get(key))
    new, problems = editing.validate_edit(params, group, edited)
    if new is None:
        _fail(key, problems)
        return
    state.set_params(new)
    st.session_state.setdefault(ERRORS, {}).pop(key, None)


def on_reset_group(group: str) -> None:
    params, default = state.params(), state.default_params()
    try:
        new = editing.reset_group(params, default, group)
    except ParameterError as exc:
        _fail(f"reset.{group}", [exc])
        return
    _succeed(new, "assumptions.flash.reset_group", group=group)


def on_reset_all() -> None:
    _succeed(state.default_params(), "assumptions.flash.reset_all")
    st.session_state.pop(CALIBRATION, None)


def on_upload() -> None:
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return
    try:
        new = read_parameter_file(uploaded.getvalue(), uploaded.name, state.params())
    except ParameterError as exc:
        _fail("upload", [exc])
        return
    _succeed(new, "assumptions.flash.uploaded", file=uploaded.name, name=new.name)


def read_parameter_file(data: bytes, filename: str, active: model.Parameters) -> model.Parameters:
    """Bytes of a .yaml/.xlsx/.csv file -> a validated set whose baseline holds (or ParameterError)."""
    new = parameters_from_bytes(data, filename, template=active)
    check_baseline(new)
    return new


def on_price_year(key: str) -> None:
    params = state.params()
    year = st.session_state.get(key)
    if year is None or int(year) == params.price_year:
        return
    _succeed(replace(params, price_year=int(year)), "assumptions.flash.price_year", year=int(year))


def calibration_prefill(params: model.Parameters) -> dict[str, float]:
    """What the own-figures form shows before the analyst types: today's figures, rounded as shown."""
    now = baseline_figures(params)
    out: dict[str, float] = {
        "children_0_20": int(round(now["children_0_20"])),
        "hvb": int(round(now["hvb_cost_per_day"])),
        "family_home": int(round(now["family_home_cost_per_day"])),
        "starts": max(1, int(round(now["placements_started_per_year"]))),
    }
    out.update({CHILDREN + f: float(now[CHILDREN + f]) for f in params.area.reported_forms})
    return out


def calibration_arguments(prefill: Mapping[str, float], entered: Mapping[str, object]) -> dict[str, object]:
    """Keyword arguments of :func:`model.analysis.calibration.calibrate` for the figures the analyst changed.

    A figure left as prefilled is not passed, so it keeps its value, range and
    source (an untouched form changes nothing).
    """
    changed = {k: v for k, v in entered.items() if v is not None and v != prefill.get(k)}
    return {
        "children_0_20": changed.get("children_0_20"),
        "children": {k.removeprefix(CHILDREN): changed[k] for k in prefill if k.startswith(CHILDREN) and k in changed},
        "hvb_cost_per_day": changed.get("hvb"),
        "family_home_cost_per_day": changed.get("family_home"),
        "placements_started_per_year": changed.get("starts"),
    }


def on_calibrate() -> None:
    params = state.params()
    s = st.session_state
    prefill = calibration_prefill(params)
    entered = {k: s.get(calibration_key(k)) for k in prefill}
    try:
        result = calibrate(
            params, **calibration_arguments(prefill, entered), note=str(s.get(calibration_key("note")) or "")
        )
    except ParameterError as exc:
        _fail("calibration", [exc])
        return
    _succeed(result.params, "assumptions.flash.calibrated")
    s[CALIBRATION] = {
        "digest": hash(result.params),
        "before": result.before,
        "after": result.after,
        "duration_factor": result.duration_factor,
        "family_home_cost_factor": result.family_home_cost_factor,
    }


def on_add_measure() -> None:
    s = st.session_state
    mechanism, unit = chosen_kind()
    fields = MECHANISM_FIELDS[mechanism]
    values = {f: s.get(measure_key(f)) for f in fields}
    ranges = {
        f: (s.get(measure_key(f"{f}.low")), s.get(measure_key(f"{f}.high")))
        for f in range_fields(mechanism)
        if s.get(measure_key(f"{f}.low")) is not None
    }
    weights = {g: max(0.0, float(s.get(measure_key(f"age.{g}")) or 0.0)) for g in state.params().area.age_group_ids}
    ages = {g: w / sum(weights.values()) for g, w in weights.items()} if sum(weights.values()) > 0 else {}
    grade = s.get(measure_key("grade"))
    comment = str(s.get(measure_key("evidence")) or "").strip()
    evidence = " – ".join(x for x in (t(f"assumptions.measures.grade.{grade}", "sv") if grade else "", comment) if x)
    try:
        new = add_measure(
            state.params(),
            cache.preset(DEFAULT_PRESET),
            label_sv=str(s.get(measure_key("label_sv")) or ""),
            label_en=str(s.get(measure_key("label_en")) or ""),
            measure_id=str(s.get(measure_key("id")) or ""),
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
        _fail("measure", [exc])
        return
    added = new.measures[-1]
    _succeed(new, "assumptions.flash.measure_added", measure=added.label(state.language()))


def on_remove_measure() -> None:
    mid = st.session_state.get(REMOVE)
    if not mid:
        return
    params = state.params()
    label = measure_label(params, mid, state.language())
    try:
        new = remove_measure(params, mid)
    except ParameterError as exc:
        _fail("measure", [exc])
        return
    _succeed(new, "assumptions.flash.measure_removed", measure=label)
