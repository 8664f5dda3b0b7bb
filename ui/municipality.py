"""The municipality selector: named in the user's language at once, and asking before unsaved edits are dropped.

The chosen municipality is ``st.session_state[state.PRESET]``; the selector is
a widget of its own, keyed per language (a selector keeps the label it was
first drawn with, so "the default municipality's name" stayed Swedish after a switch to
English). Choosing another municipality while the assumptions differ from the
preset's opens a dialog: switch and drop the edits (Ångra brings them back),
or keep them. ``needs_confirmation`` is pure and tested directly.
"""

from __future__ import annotations

import streamlit as st

import model
from model.files.presets import DEFAULT_PRESET, preset_name, set_name
from model.text.i18n import t
from ui import state
from ui.errors import safe_callback

PENDING = "_kommun_pending"  # the municipality chosen while edits were unsaved


def widget_key(lang: str) -> str:
    """The selector's key in *lang*."""
    return f"_kommun_{lang}"


def needs_confirmation(active: model.Parameters, preset: model.Parameters, chosen: str, current: str) -> bool:
    """Whether choosing *chosen* instead of *current* would drop assumptions that differ from the preset."""
    return chosen != current and active != preset


@safe_callback
def _on_choose(key: str) -> None:
    s = st.session_state
    chosen, current = s.get(key), state.known_preset(s.get(state.PRESET))
    if needs_confirmation(state.params(), state.default_params(), chosen, current):
        s[PENDING] = chosen
        s[key] = current  # the selector shows the active municipality until the user confirms
    else:
        s[state.PRESET] = chosen


@safe_callback
def _on_confirm() -> None:
    s = st.session_state
    s[state.PRESET] = s.pop(PENDING, s.get(state.PRESET))


@safe_callback
def _on_keep() -> None:
    st.session_state.pop(PENDING, None)


def _question(lang: str) -> None:
    """Switch and drop the changed assumptions, or keep them."""
    s = st.session_state
    st.markdown(
        t(
            "municipality.confirm",
            lang,
            current=set_name(state.params(), lang),
            chosen=preset_name(s[PENDING], lang),
        )
    )
    with st.container(horizontal=True):
        st.button(t("municipality.switch", lang), on_click=_on_confirm, type="primary", key="kommun_switch")
        st.button(t("municipality.keep", lang), on_click=_on_keep, key="kommun_keep")


def render(lang: str) -> None:
    """The selector (in the sidebar) and, when a switch waits for an answer, the question."""
    s = st.session_state
    presets = list(model.presets(state.area()))  # the active area's municipalities
    s[state.PRESET] = state.known_preset(s.get(state.PRESET, DEFAULT_PRESET))
    key = widget_key(lang)
    s[key] = s[state.PRESET]
    st.sidebar.selectbox(
        t("sidebar.municipality", lang),
        presets,
        index=presets.index(s[key]) if s[key] in presets else 0,  # the browser's fallback: see ui.state.widget_default
        format_func=lambda pid: preset_name(pid, lang),
        key=key,
        on_change=_on_choose,
        args=(key,),
        help=t("sidebar.municipality_help", lang),
    )
    if PENDING in s:
        st.dialog(t("municipality.title", lang), on_dismiss=_on_keep)(_question)(lang)
