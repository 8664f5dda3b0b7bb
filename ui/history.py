"""Undo and reset in the sidebar: "Ångra" steps back one change, "Återställ spakarna" puts the levers back.

Every run ends with the state it showed (the levers and the active parameter
set, a frozen value) recorded: when it differs from the previous run's, the
previous one goes on a stack in the session (at most :data:`MAX_STEPS`). Undo
takes the last one off the stack and makes it the state again — a moved
lever, an assumption edit or a change of municipality alike. Resetting the
levers is itself a change, so it can be undone. ``changed`` is pure and tested
directly; the callbacks only write session state.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import model
from model.levers import default_levers
from model.text.i18n import t
from ui import share, state
from ui.errors import safe_callback

STACK = "_undo_stack"  # earlier states, newest last
LAST = "_undo_last"  # the state the last run showed
MAX_STEPS = 30

Snapshot = tuple[tuple[tuple[str, float | int], ...], model.Parameters]


def snapshot(session: Mapping[str, object], params: model.Parameters) -> Snapshot:
    """The state a run shows: its levers and its parameter set."""
    return tuple(sorted(share.levers_from_state(session, params).items())), params


def changed(stack: list[Snapshot], last: Snapshot | None, now: Snapshot) -> list[Snapshot]:
    """The stack after a run that showed *now* (the previous state pushed when *now* differs from it)."""
    if last is None or last == now:
        return stack
    return [*stack, last][-MAX_STEPS:]


def record(params: model.Parameters) -> None:
    """After the sidebar: remember what this run shows."""
    s = st.session_state
    now = snapshot(s, params)
    s[STACK] = changed(s.get(STACK, []), s.get(LAST), now)
    s[LAST] = now


@safe_callback
def on_undo() -> None:
    """Back to the state before the last change."""
    s = st.session_state
    stack = list(s.get(STACK, []))
    if not stack:
        return
    levers, params = stack.pop()
    s[STACK] = stack
    preset = state.known_preset(params.preset)
    s[state.PRESET] = s[state.PARAMS_PRESET] = preset
    s[state.PARAMS] = params
    for key, value in levers:
        s[key] = value
    s[LAST] = (levers, params)  # not a new change: the stack stays as it is


@safe_callback
def on_reset_levers() -> None:
    """Every lever to its default for the active set (the assumptions stay)."""
    for key, value in default_levers(state.params()).items():
        st.session_state[key] = value


def render(params: model.Parameters, lang: str) -> None:
    """The two buttons, side by side."""
    can_undo = bool(st.session_state.get(STACK))
    at_default = share.levers_from_state(st.session_state, params) == default_levers(params)
    with st.container(horizontal=True, gap="small"):
        st.button(
            t("levers.undo", lang),
            key="undo",
            on_click=on_undo,
            disabled=not can_undo,
            icon=":material/undo:",
            help=t("levers.undo_help", lang),
        )
        st.button(
            t("levers.reset", lang),
            key="reset_levers",
            on_click=on_reset_levers,
            disabled=at_default,
            icon=":material/restart_alt:",
            help=t("levers.reset_help", lang),
        )
