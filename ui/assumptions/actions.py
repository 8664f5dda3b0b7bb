"""What the page "Antaganden" does when an analyst acts: callbacks that only write session state.

Every action builds a new parameter set with a pure function (``editing``,
``measures``, ``model.analysis.calibration``, ``model.files.parameter_files``) and either
makes it active (:func:`ui.state.set_params`) or stores the problems for the
page to show. An invalid edit, file or figure therefore never reaches the
model, and the last valid set stays active.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

import model
from model.analysis.calibration import check_baseline
from model.errors import ParameterError
from model.files.parameter_files import parameters_from_bytes
from ui import state
from ui.assumptions import editing
from ui.errors import safe_callback, show_error
from ui.numbers import read_bounded

# Session keys of the page (private to it).
ERRORS = "_asm_errors"  # where -> list of ParameterError (where: an editor key, "upload", ...)
WARNINGS = "_asm_warnings"  # where -> plausibility warnings (text) of the last successful edit there
FLASH = "_asm_flash"  # (message key, values) shown once after an action succeeded
CALIBRATION = "_asm_calibration"  # before/after of the last recalibration (ui.assumptions.own_figures)
UPLOAD = "asm_upload"
PRICE_YEAR = "asm_price_year"
#: The lowest and highest price year a set may have.
PRICE_YEARS = (1990, 2100)


# --- keys that follow the state they show -----------------------------------------------------------------


def editor_key(params: model.Parameters, group: str) -> str:
    """The data editor's key: it changes when the group's values change, so a new set shows fresh."""
    return f"asm_edit.{group}.{hash(editing.group_rows(params, group)) & 0xFFFFFFFF:08x}"


# --- helpers ------------------------------------------------------------------------------------------------


def errors(where: str) -> list[ParameterError]:
    """The problems the last action at *where* left (an editor's key, "upload", "measure", ...)."""
    return st.session_state.get(ERRORS, {}).get(where, [])


def show_problems(where: str, params: model.Parameters, lang: str) -> None:
    """The problems at *where*, each naming its row, in the user's language."""
    for exc in errors(where):
        show_error(editing.localize(exc, params, lang), lang)


def fail(where: str, problems: list[ParameterError]) -> None:
    """Keep the active set and remember what stopped the action at *where*."""
    st.session_state.setdefault(ERRORS, {})[where] = problems


def succeed(new: model.Parameters, message: str, **values: object) -> None:
    """Make *new* active, forget old problems, and say what happened."""
    state.set_params(new)
    st.session_state[ERRORS] = {}
    st.session_state[WARNINGS] = {}
    st.session_state[FLASH] = (message, values)


def pop_flash() -> tuple[str, dict] | None:
    return st.session_state.pop(FLASH, None)


# --- callbacks ----------------------------------------------------------------------------------------------


@safe_callback
def on_edit(group: str, key: str) -> None:
    """A cell of *group*'s table changed: apply all of the editor's edits, or keep the last valid set.

    Typed numbers are read the user's way (``0,1``, ``9 000``); a value more
    than three times off the preset's is taken, with a warning.
    """
    params, default, lang = state.params(), state.default_params(), state.language()
    frame = editing.editor_frame(params, group, default, lang)
    edited = editing.apply_editor_state(frame, st.session_state.get(key))
    new, problems = editing.validate_edit(params, group, edited, lang)
    if new is None:
        fail(key, problems)
        return
    state.set_params(new)
    st.session_state.setdefault(ERRORS, {}).pop(key, None)
    st.session_state.setdefault(WARNINGS, {})[group] = editing.plausibility_warnings(params, new, default, lang)


def warnings(where: str) -> list[str]:
    """The plausibility warnings the last successful edit at *where* left."""
    return st.session_state.get(WARNINGS, {}).get(where, [])


@safe_callback
def on_reset_group(group: str) -> None:
    params, default = state.params(), state.default_params()
    try:
        new = editing.reset_group(params, default, group)
    except ParameterError as exc:
        fail(f"reset.{group}", [exc])
        return
    succeed(new, "assumptions.flash.reset_group", group=group)


@safe_callback
def on_reset_all() -> None:
    succeed(state.default_params(), "assumptions.flash.reset_all")
    st.session_state.pop(CALIBRATION, None)


@safe_callback
def on_upload() -> None:
    uploaded = st.session_state.get(UPLOAD)
    if uploaded is None:
        return
    try:
        new = read_parameter_file(uploaded.getvalue(), uploaded.name, state.params())
    except ParameterError as exc:
        fail("upload", [exc])
        return
    succeed(new, "assumptions.flash.uploaded", file=uploaded.name, name=new.name)


def read_parameter_file(data: bytes, filename: str, active: model.Parameters) -> model.Parameters:
    """Bytes of a .yaml/.xlsx/.csv file -> a validated set whose baseline holds (or ParameterError)."""
    new = parameters_from_bytes(data, filename, template=active)
    check_baseline(new)
    return new


@safe_callback
def on_price_year(key: str, label: str) -> None:
    """The set's price year typed in its field (a whole year; anything else is refused naming the field)."""
    params, lang = state.params(), state.language()
    try:
        year = int(read_bounded(st.session_state.get(key), label, lang, *PRICE_YEARS, integer=True))
    except ParameterError as exc:
        fail("price_year", [exc])
        return
    if year != params.price_year:
        succeed(replace(params, price_year=year), "assumptions.flash.price_year", year=year)
