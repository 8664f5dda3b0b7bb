"""Session state: the app-wide keys, the active parameter set, and the levers as a Scenario.

Widgets write ``st.session_state`` under the keys below (``ui.address`` keeps
them in the URL, so a link reproduces a scenario); everything else is derived
from them in the script body. A page's own keys live with the page (``ui/<page>/``).
Nothing here is module-level mutable state: that would be shared by every user
of the server.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import model
from model.area import area_ids
from model.files.presets import DEFAULT_PRESET, resolve_preset

# The levers are named once, in model.levers (files and the URL use the same names).
from model.levers import MIX_PREFIX, mix_from_levers, scenario_from_levers
from model.scenario import Scenario
from model.text.i18n import DEFAULT_LANGUAGE, LANGUAGES
from ui import cache

# Session keys of the app-wide state (also the URL's query parameters).
LANG = "lang"
PRESET = "kommun"
#: The area of the committee's work on screen (``ui.areas``): an id of ``data/areas``; absent: the children's.
AREA = "omrade"
#: Whose costs the overview's big numbers show: the municipality's (absent) or the public sector's.
PAYER_VIEW = "betalare"
PUBLIC_SECTOR = "offentlig"  # the value of PAYER_VIEW for the whole public sector
# Session-only keys.
PARAMS = "_params"  # the active (validated) parameter set
PARAMS_PRESET = "_params_preset"  # the preset the active set was loaded from
PAYER_TOGGLE = "_payer_toggle"  # the overview's toggle; PAYER_VIEW keeps its value across pages


def widget_default(key: str, fallback: object) -> object:
    """The value a widget keyed *key* shows: the session's, else *fallback*. Pass it as the widget's default.

    A browser that has not taken the value a run sent (a page's first run, a link, undo, an opened
    scenario, the app's own default written before the widget) falls back to the widget's default and
    sends that with the user's next action. A default other than the session's value would change a
    lever behind the user's back: in a CI run the overview once showed the cautious level's net effect
    after a file upload and a page switch, while the evidence selector's default was its first option,
    "Försiktig", and the session's value "Trolig" (tests/app/test_widget_defaults.py).
    """
    return st.session_state.get(key, fallback)


def language() -> str:
    """The user's language (Swedish unless chosen otherwise)."""
    lang = st.session_state.get(LANG, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def public_sector() -> bool:
    """Whether the overview shows the whole public sector instead of the municipality."""
    return st.session_state.get(PAYER_VIEW) == PUBLIC_SECTOR


def known_preset(preset: str | None) -> str:
    """*preset* if it is an embedded preset of any area, else the default one."""
    known = {p for a in area_ids() for p in model.presets(a)}
    return preset if preset in known else DEFAULT_PRESET


def area() -> str:
    """The area on screen (``ui.areas``): the active municipality's."""
    return resolve_preset(known_preset(st.session_state.get(PRESET)))[0]


def params() -> model.Parameters:
    """The active parameter set: the chosen preset unless an analyst changed it."""
    preset = known_preset(st.session_state.get(PRESET, DEFAULT_PRESET))
    if st.session_state.get(PARAMS_PRESET) != preset or PARAMS not in st.session_state:
        st.session_state[PARAMS] = cache.preset(preset)
        st.session_state[PARAMS_PRESET] = preset
    return st.session_state[PARAMS]


def set_params(new: model.Parameters) -> None:
    """Make a validated parameter set active (the previous one is simply replaced)."""
    st.session_state[PARAMS] = new


def default_params() -> model.Parameters:
    """The preset the active set started from: what "Återställ" returns to and changes are shown against."""
    params()  # makes sure the active set and its preset are in session state
    return cache.preset(st.session_state[PARAMS_PRESET])


def mix_key(measure_id: str) -> str:
    """The session key (and query parameter) of a measure's weight in the mix."""
    return MIX_PREFIX + measure_id


def mix_from_state(state: Mapping[str, object], measures: tuple[model.Measure, ...]) -> dict[str, float]:
    """Mix shares from the per-measure weights [%] in *state* (see model.levers)."""
    return mix_from_levers(state, measures)


def scenario_from_state(state: Mapping[str, object], p: model.Parameters) -> Scenario:
    """The levers in *state* as a validated :class:`Scenario` (a pure function of state)."""
    return scenario_from_levers(state, p)
