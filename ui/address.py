"""The address bar holds the whole state on every page, and Back and Forward move between states.

It holds the language (when not Swedish), the area (``omrade``; :mod:`ui.areas`), the
municipality (always: it marks an address the app wrote), every lever, whose costs the overview shows
(``betalare=offentlig``: the whole public sector; absent: the municipality's), the saved scenario on screen while it
is unchanged (``scenario``) and, when the assumptions differ from the
municipality's preset, a short-lived draft of the edited set (``utkast``,
:mod:`ui.drafts`). A reload or a copied address therefore shows the same state.

Streamlit's own binding (``bind="query-params"``) replaces the browser's
current history entry on every change, so Back left the app, and pages other
than the first dropped the municipality. Here the app writes the address
itself after a run that changed the state (the browser records a new history
entry), the page links carry it (one entry per page switch, ``ui.navigation``),
and an address that differs from the one the app last wrote — Back, Forward —
is adopted before any widget is drawn (:func:`follow`).

``managed``, ``wanted_query`` and ``levers_of_query`` are pure and tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import model
from model.area import DEFAULT_AREA, area_ids
from model.errors import ParameterError, ScenarioFileError
from model.evidence import level_ids
from model.files.scenario_json import lever_of_text
from model.files.scenario_store import ScenarioNotFound
from model.levers import (
    CHOICE_KEYS,
    EVIDENCE,
    HORIZON,
    LEVER_KEYS,
    MIX_PREFIX,
    PRICES,
    TAX,
    TAX_CHOICES,
    default_levers,
)
from model.prices import PRICE_BASES
from model.text.i18n import DEFAULT_LANGUAGE, LANGUAGES
from ui import areas, cache, share, state
from ui.drafts import is_token, token_of

DRAFT = "utkast"  # query parameter of a draft of the edited assumptions
WRITTEN = "_address_written"  # the managed part of the address the app last wrote


def managed(query: Mapping[str, object]) -> dict[str, str]:
    """The part of an address this module reads and writes (other parameters are left alone)."""
    keys = (state.LANG, state.AREA, state.PRESET, state.PAYER_VIEW, share.SCENARIO, DRAFT, *CHOICE_KEYS, *LEVER_KEYS)
    return {k: str(v) for k, v in query.items() if k in keys or k.startswith(MIX_PREFIX)}


def wanted_query(
    session: Mapping[str, object], params: model.Parameters, lang: str, draft: str | None, scenario: str | None
) -> dict[str, str]:
    """The address of a state: the link the sharing tab gives, plus the open scenario and the draft."""
    query = share.share_query(session, params, lang)
    if session.get(state.PAYER_VIEW) == state.PUBLIC_SECTOR:
        query[state.PAYER_VIEW] = state.PUBLIC_SECTOR
    if scenario:
        query[share.SCENARIO] = scenario
    if draft:
        query[DRAFT] = draft
    return query


def levers_of_query(query: Mapping[str, str], params: model.Parameters) -> dict[str, float | int | str]:
    """The valid levers an address carries (an invalid one is left out: the app wrote it, or check_url warned)."""
    out: dict[str, float | int | str] = {}
    if query.get(EVIDENCE) in level_ids():  # the evidence level: an id, not a number
        out[EVIDENCE] = query[EVIDENCE]
    if query.get(PRICES) in PRICE_BASES:  # the price basis: an id too
        out[PRICES] = query[PRICES]
    if params.area.municipal_tax and query.get(TAX) in TAX_CHOICES:  # the tax: only where the area has it
        out[TAX] = query[TAX]
    horizon = None
    try:
        horizon = int(lever_of_text(HORIZON, query[HORIZON])) if HORIZON in query else None
    except ScenarioFileError:
        pass
    for key in default_levers(params):
        if key not in query or key in CHOICE_KEYS:
            continue
        try:
            out[key] = lever_of_text(key, query[key], **({"horizon": horizon} if horizon else {}))
        except ScenarioFileError:
            continue
    return out


def follow() -> None:
    """Before any widget: take the state from an address the app did not write (first run, Back, Forward)."""
    s = st.session_state
    query = managed(st.query_params.to_dict())
    last = s.get(WRITTEN)
    if last is None:
        _adopt(query, first=True)
    elif query != last and state.PRESET in query:  # no municipality: Streamlit dropped the address; rewrite it
        _adopt(query, first=False)


def write(params: model.Parameters, lang: str) -> dict[str, str]:
    """After the sidebar: write the state to the address when it changed; return the address."""
    s = st.session_state
    draft = None
    if params != state.default_params():
        draft = cache.draft_store().put(params)
    opened = share.opened_status(s, params)
    scenario = opened[0] if opened and not opened[2] else None
    wanted = wanted_query(s, params, lang, draft, scenario)
    if managed(st.query_params.to_dict()) != wanted:
        others = {k: v for k, v in st.query_params.to_dict().items() if k not in managed(st.query_params.to_dict())}
        st.query_params.from_dict({**others, **wanted})
    s[WRITTEN] = wanted
    return wanted


def _adopt(query: Mapping[str, str], first: bool) -> None:
    """Make *query*'s state the session's (on the first run, only what it carries: a linked scenario may
    already have set the rest)."""
    s = st.session_state
    lang = query.get(state.LANG, DEFAULT_LANGUAGE)
    s[state.LANG] = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _adopt_area(query, first)
    preset = query.get(state.PRESET)
    if state.known_preset(preset) == preset and areas.area_of(preset) == areas.active(s):
        s[state.PRESET] = preset
    if state.PAYER_VIEW in query or not first:  # any other value than the public sector's: the municipality's
        s[state.PAYER_VIEW] = state.PUBLIC_SECTOR if query.get(state.PAYER_VIEW) == state.PUBLIC_SECTOR else ""
        s.pop(state.PAYER_TOGGLE, None)  # the toggle is drawn again from the adopted value
    if not first and share.SCENARIO in query:
        _reopen(query[share.SCENARIO])
    token = query.get(DRAFT)
    if token:
        _restore(token)
    elif not first:  # an entry from before the assumptions were edited
        s[state.PARAMS] = cache.preset(state.known_preset(s.get(state.PRESET)))
        s[state.PARAMS_PRESET] = state.known_preset(s.get(state.PRESET))
    params = state.params()
    levers = levers_of_query(query, params)
    for key, default in default_levers(params).items():
        if key in levers:
            s[key] = levers[key]
        elif not first:
            s[key] = default


def _adopt_area(query: Mapping[str, str], first: bool) -> None:
    """Switch to the area *query* names (parking the one on screen): ``omrade``, else its municipality's,
    else (Back to an address from before areas) the children's; on the first run only what the link says."""
    preset = query.get(state.PRESET)
    if query.get(state.AREA) in area_ids():
        target: str | None = query[state.AREA]
    elif preset is not None and state.known_preset(preset) == preset:
        target = areas.area_of(preset)
    else:
        target = None if first else DEFAULT_AREA
    if target is not None:
        areas.switch(st.session_state, target)


def _restore(token: str) -> None:
    """The draft *token* as the active set, or a message that it is gone (the preset's values stay)."""
    s = st.session_state
    current = s.get(state.PARAMS)
    if current is not None and token_of(current) == token:
        return
    try:
        params = cache.draft_store().get(token) if is_token(token) else None
    except ParameterError:
        params = None
    if params is None:
        s.setdefault(share.MESSAGES, []).append({"code": "draft_gone", "field": DRAFT})
        return
    preset = state.known_preset(params.preset)
    s[state.PRESET] = s[state.PARAMS_PRESET] = preset
    s[state.PARAMS] = params


def _reopen(scenario_id: str) -> None:
    """Back or Forward to a saved scenario that is not the one open: open it again (quietly)."""
    opened = st.session_state.get(share.OPENED) or {}
    if opened.get("id") == scenario_id:
        return
    try:
        saved = cache.store().get(scenario_id)
        areas.switch(st.session_state, saved.params.area.id)
        share.open_saved(st.session_state, saved)
    except (ScenarioNotFound, ValueError):
        st.session_state.setdefault(share.MESSAGES, []).append(
            {"code": "no_scenario", "field": share.SCENARIO, "value": scenario_id}
        )
    except Exception as exc:  # a database that cannot be reached must not stop the app
        st.session_state.setdefault(share.MESSAGES, []).append(
            {"code": "store_unavailable", "field": share.SCENARIO, "detail": type(exc).__name__}
        )
