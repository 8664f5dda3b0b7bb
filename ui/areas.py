"""The area of the committee's work on screen (Barn och unga, Ekonomiskt bistånd), and each area's own state.

The active area is the area of the active municipality (``state.PRESET``:
every preset belongs to one area), so it has one home; the address says it
as ``omrade`` (absent: the children's area, so older links still work).

Each area keeps its own municipality, parameter set (an analyst's edits
included), levers, opened saved scenario and undo history. Streamlit deletes
the state of widgets that a run does not draw, so the selector's callback
parks the leaving area's state under a session key that is no widget's
(:data:`PARKED`) and restores the arriving area's — the first time, its
default municipality's set and :func:`model.levers.default_levers`.
``park``, ``restore`` and ``switch`` take the session as an argument and are
tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

import streamlit as st

import model
from model.area import area_ids
from model.files.presets import resolve_preset
from model.levers import default_levers
from model.text.i18n import t
from ui import cache, history, municipality, share, state
from ui.errors import safe_callback

PARKED = "_areas_parked"  # area id -> the state it had when the user left it
#: The session keys an area owns besides its levers (the levers are parked by name, per area).
OWN_KEYS = (state.PRESET, state.PARAMS, state.PARAMS_PRESET, share.OPENED, history.STACK, history.LAST)


def area_of(preset: str | None) -> str:
    """The area of a municipality (preset); the children's area for an unknown one."""
    return resolve_preset(state.known_preset(preset))[0]


def active(session: Mapping[str, object]) -> str:
    """The area on screen in *session*: the active municipality's (``state.area`` for this session's)."""
    return area_of(session.get(state.PRESET))  # type: ignore[arg-type]


def default_preset(area: str) -> str:
    """The municipality an area starts with (its default one, about 100 000 inhabitants)."""
    return next(iter(model.presets(area)))


def label(area: str, lang: str) -> str:
    """An area's name in *lang* ("Barn och unga", "Ekonomiskt bistånd")."""
    return t(f"area.{area}", lang)


def park(session: MutableMapping[str, object], params: model.Parameters) -> None:
    """Keep the active area's state (its set *params*, its levers) under :data:`PARKED`."""
    record = {k: session[k] for k in OWN_KEYS if k in session}
    record["levers"] = share.levers_from_state(session, params)
    parked = dict(session.get(PARKED) or {})  # type: ignore[call-overload]
    parked[params.area.id] = record
    session[PARKED] = parked


def restore(session: MutableMapping[str, object], area: str) -> None:
    """Make *area*'s parked state the session's (its default municipality and levers if it has none)."""
    record = dict((session.get(PARKED) or {}).get(area) or {})  # type: ignore[attr-defined]
    for key in OWN_KEYS:
        session.pop(key, None)
    levers = record.pop("levers", None)
    session.update(record)
    if state.PRESET not in record:
        session[state.PRESET] = default_preset(area)
    params = record.get(state.PARAMS)
    if params is None:
        params = cache.preset(str(session[state.PRESET]))
    for key, value in (levers or default_levers(params)).items():  # type: ignore[union-attr]
        session[key] = value


def switch(session: MutableMapping[str, object], area: str) -> None:
    """Leave the active area for *area*: park the one, restore the other (nothing for the same or an unknown)."""
    if area not in area_ids() or area == active(session):
        return
    park(session, state.params())
    restore(session, area)


def sets(session: Mapping[str, object]) -> dict[str, tuple[model.Parameters, Mapping[str, object]]]:
    """Every area's (parameter set, levers): the active one's as on screen, the others' as parked or default."""
    out: dict[str, tuple[model.Parameters, Mapping[str, object]]] = {}
    parked = session.get(PARKED) or {}
    here = active(session)
    for area in area_ids():
        if area == here:
            params = state.params()
            out[area] = (params, share.levers_from_state(session, params))
            continue
        record = parked.get(area) or {}  # type: ignore[attr-defined]
        params = record.get(state.PARAMS)
        if params is None:
            params = cache.preset(record.get(state.PRESET) or default_preset(area))
        out[area] = (params, record.get("levers") or default_levers(params))
    return out


def widget_key(lang: str) -> str:
    """The selector's key in *lang* (a widget keeps the label it was first drawn with)."""
    return f"_omrade_{lang}"


@safe_callback
def _on_choose(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen:
        st.session_state.pop(municipality.PENDING, None)  # a municipality question of the area left behind
        switch(st.session_state, str(chosen))


def render(lang: str) -> None:
    """The selector at the top of the sidebar (a radio: two long names do not fit side by side in it).

    Its value is the session's (set before it is drawn), and so is its default (``index``; why:
    :func:`ui.state.widget_default`). A default other than the session's value (the first option) would
    switch the area, the language or the municipality behind the user's back; a switch of language also
    puts the scenario page's tabs back to the first (their labels change). The language and municipality
    selectors do the same.
    """
    key = widget_key(lang)
    here = active(st.session_state)
    st.session_state[key] = here
    st.sidebar.radio(
        t("area.label", lang),
        area_ids(),
        index=list(area_ids()).index(here),
        format_func=lambda a: label(a, lang),
        key=key,
        on_change=_on_choose,
        args=(key,),
        help=t("area.help", lang),
    )
    st.sidebar.divider()
