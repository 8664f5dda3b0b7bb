"""Links: the levers in the URL, links to saved scenarios, and tampered URLs.

The sidebar's widgets are bound to the URL's query parameters, so the address
bar always holds the levers. Two more things live here:

* ``?scenario=<id>`` opens a saved scenario — its levers *and* the parameter
  set it was saved with — so a link reproduces a scenario whose assumptions
  differ from the preset. When the user then moves a lever, the parameter is
  dropped from the URL (``ui.address`` writes it only while the scenario is
  unchanged): the address bar never claims to show a saved scenario it no
  longer shows.
* On the first run of a session the URL is checked before any widget reads it.
  A value that is not a number, out of range, an unknown municipality or
  measure, or a scenario that does not exist gives a message naming the field,
  is removed from the URL, and the lever falls back to its default (Streamlit
  alone would silently clamp ``horizon=99`` to 15).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from urllib.parse import urlencode, urlsplit

import streamlit as st

import model
from model.area import DEFAULT_AREA, area_ids
from model.errors import ScenarioFileError, shorten
from model.evidence import level_ids
from model.files.document import params_hash
from model.files.scenario_json import SavedScenario, lever_of_text
from model.files.scenario_store import ScenarioNotFound, is_valid_id
from model.levers import (
    DISCOUNT,
    EVIDENCE,
    HORIZON,
    LEVER_KEYS,
    MIX_PREFIX,
    PRICES,
    RAMP,
    SHIFT,
    START,
    TAX,
    TAX_CHOICES,
    default_levers,
    parameter_bounds,
)
from model.prices import PRICE_BASES
from model.scenario import DEFAULT_FIRST_YEAR
from model.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from model.text.labels import measure_label
from model.text.user_text import markdown_literal
from ui import cache, state
from ui.navigation import URL_PATHS
from ui.text import exact_number

SCENARIO = "scenario"  # query parameter of a link to a saved scenario
CHECKED = "_url_checked"
MESSAGES = "_url_messages"
OPENED = "_opened"  # {"id", "name", "levers", "params_sha256"} of the saved scenario last opened


# --- levers ---------------------------------------------------------------------------------


def levers_from_state(session: Mapping[str, object], params: model.Parameters) -> dict[str, float | int | str]:
    """The current levers (the sidebar's values, defaults where a widget has not run yet)."""
    out: dict[str, float | int | str] = {}
    for key, default in default_levers(params).items():
        value = session.get(key, default)
        if key == EVIDENCE:
            out[key] = value if value in level_ids() else default
        elif key == PRICES:
            out[key] = value if value in PRICE_BASES else default
        elif key == TAX:
            out[key] = value if value in TAX_CHOICES else default
        else:
            out[key] = value if isinstance(value, (int, float)) and not isinstance(value, bool) else default
    return out


def share_query(session: Mapping[str, object], params: model.Parameters, language: str) -> dict[str, str]:
    """Query parameters of a link to the current levers (every lever written out, so a later
    change of a default does not change what an old link shows)."""
    query = {}
    if language != DEFAULT_LANGUAGE:
        query[state.LANG] = language
    query[state.AREA] = params.area.id
    query[state.PRESET] = state.known_preset(params.preset)
    for key, value in levers_from_state(session, params).items():
        if key.startswith(MIX_PREFIX) and value == 0 and key not in session:
            continue
        if isinstance(value, str):
            query[key] = value
        else:
            query[key] = repr(float(value)) if isinstance(value, float) else str(int(value))
    return query


def scenario_query(scenario_id: str, language: str) -> dict[str, str]:
    """Query parameters of a link to a saved scenario."""
    return {**({state.LANG: language} if language != DEFAULT_LANGUAGE else {}), SCENARIO: scenario_id}


def link(query: Mapping[str, str]) -> str:
    """An absolute link to the app's first page with *query* (relative when the URL is unknown)."""
    here = st.context.url
    if not here:
        return "./?" + urlencode(query)
    parts = urlsplit(here)
    path = parts.path.rstrip("/")
    for page in URL_PATHS:
        if path.endswith("/" + page):
            path = path[: -len(page) - 1]
            break
    return f"{parts.scheme}://{parts.netloc}{path}/?" + urlencode(query)


# --- opening a saved scenario ------------------------------------------------------------------


def open_saved(session: MutableMapping[str, object], saved: SavedScenario) -> list[dict]:
    """Put a saved scenario's levers and parameter set into *session* (before the widgets run).

    Returns messages for levers that had to be moved into the sliders' range.
    """
    params = saved.params
    levers = dict(default_levers(params))
    levers.update(saved.levers_dict)
    notes = []
    for key, (low, high) in parameter_bounds(params).items():
        value = float(levers[key])
        if not low <= value <= high:
            levers[key] = min(max(value, low), high)
            notes.append({"code": "clamped", "field": key, "value": value, "low": low, "high": high})
    for key, value in levers.items():
        session[key] = value
    preset = state.known_preset(params.preset)
    session[state.PRESET] = preset
    session[state.PARAMS_PRESET] = preset
    session[state.PARAMS] = params
    session[OPENED] = opened_record(saved.id, saved.name, levers, params)
    return notes


def opened_record(scenario_id: str, name: str, levers: Mapping[str, object], params: model.Parameters) -> dict:
    """What the session remembers of the saved scenario on screen, to tell when it has been edited."""
    return {"id": scenario_id, "name": name, "levers": levers, "params_sha256": params_hash(params)}


def opened_status(session: Mapping[str, object], params: model.Parameters) -> tuple[str, str, bool] | None:
    """The saved scenario last opened as (id, name, changed since it was saved), or None."""
    opened = session.get(OPENED)
    if not isinstance(opened, Mapping):
        return None
    same = levers_from_state(session, params) == opened["levers"] and params_hash(params) == opened["params_sha256"]
    return str(opened["id"]), str(opened["name"]), not same


def track_opened(params: model.Parameters, language: str) -> None:
    """Say in the sidebar which saved scenario is open, and whether it has changed since it was saved."""
    status = opened_status(st.session_state, params)
    if status is None:
        return
    _, name, changed = status
    key = "scenarios.sidebar.edited" if changed else "scenarios.sidebar.opened"
    st.sidebar.caption(t(key, language, name=markdown_literal(name)))


# --- checking the URL on the first run -----------------------------------------------------------


class Findings:
    """What the URL check found: messages for the user, and the query parameters to remove."""

    def __init__(self) -> None:
        self.messages: list[dict] = []
        self.remove: list[str] = []

    def bad(self, key: str, code: str, **details: object) -> None:
        shown = {k: v if isinstance(v, (int, float)) else shorten(v) for k, v in details.items()}
        self.messages.append({"code": code, "field": key, **shown})
        self.remove.append(key)


def check_url() -> None:
    """Validate the URL once per session, before any widget reads it (see the module docstring)."""
    if st.session_state.get(CHECKED):
        return
    st.session_state[CHECKED] = True
    found = check_query({key: st.query_params.get_all(key) for key in st.query_params}, st.session_state)
    st.session_state[MESSAGES] = found.messages
    if found.remove:
        for key in dict.fromkeys(found.remove):
            if key in st.query_params:
                del st.query_params[key]
        st.rerun()  # the widgets must not be seeded from the values just removed


def check_query(query: Mapping[str, list[str]], session: MutableMapping[str, object]) -> Findings:
    """What is wrong with a link's query parameters (every value as the URL gave it).

    A pure function of the query but for a linked saved scenario, which is
    opened into *session*. The fuzz test feeds it mutated links directly.
    """
    found = Findings()
    values = _single_values(query, found)
    if state.LANG in values and values[state.LANG] not in LANGUAGES:
        found.bad(state.LANG, "bad_choice", value=values[state.LANG])
    if state.AREA in values and values[state.AREA] not in area_ids():
        found.bad(state.AREA, "bad_choice", value=values[state.AREA])
    area = values.get(state.AREA) if state.AREA not in found.remove else None
    if state.PRESET in values and values[state.PRESET] not in model.presets(area or _area_of(values[state.PRESET])):
        found.bad(state.PRESET, "bad_choice", value=values[state.PRESET])
    if EVIDENCE in values and values[EVIDENCE] not in level_ids():
        found.bad(EVIDENCE, "bad_choice", value=values[EVIDENCE])
    if PRICES in values and values[PRICES] not in PRICE_BASES:
        found.bad(PRICES, "bad_choice", value=values[PRICES])
    params = _params_of_url(values, found, session)
    if TAX in values and not params.area.municipal_tax:
        found.bad(TAX, "not_in_area", value=values[TAX])
    elif TAX in values and values[TAX] not in TAX_CHOICES:
        found.bad(TAX, "bad_choice", value=values[TAX])
    _check_levers(values, params, found)
    return found


def _single_values(query: Mapping[str, list[str]], found: Findings) -> dict[str, str]:
    """The app's query parameters, each given once (a repeated one is a finding)."""
    values = {}
    for key, all_values in query.items():
        app_keys = (state.LANG, state.AREA, state.PRESET, SCENARIO, EVIDENCE, PRICES, TAX, *LEVER_KEYS)
        if key in app_keys or key.startswith(MIX_PREFIX):
            if len(all_values) != 1:
                found.bad(key, "repeated")
                continue
            values[key] = all_values[0]
    return values


def _params_of_url(
    values: dict[str, str], found: Findings, session: MutableMapping[str, object]
) -> model.Parameters:
    """The parameter set the link means: a linked saved scenario's, else the municipality's."""
    params = None
    if SCENARIO in values:
        params = _open_from_url(values[SCENARIO], found, session)
        if params is not None and state.PRESET in values and state.PRESET not in found.remove:
            if values[state.PRESET] != params.preset:
                found.remove.append(state.PRESET)  # the saved scenario's set wins over a stray municipality
        if params is not None and values.get(state.AREA, params.area.id) != params.area.id:
            found.remove.append(state.AREA)  # and over a stray area
    if params is None:
        preset = None if state.PRESET in found.remove else values.get(state.PRESET)
        if preset is None and state.AREA in values and state.AREA not in found.remove:
            preset = next(iter(model.presets(values[state.AREA])))  # the area's default municipality
        params = cache.preset(state.known_preset(preset))
    return params


def _area_of(preset: str) -> str:
    """The area of a municipality in a link (the children's for one no area has: the link is then wrong anyway)."""
    known = state.known_preset(preset)
    return next((a for a in area_ids() if known in model.presets(a)), DEFAULT_AREA)


def _check_levers(values: dict[str, str], params: model.Parameters, found: Findings) -> None:
    """Each lever a number within its bounds (the horizon first: the start year depends on it)."""
    bounds = parameter_bounds(params)
    horizon = int(default_levers(params)[HORIZON])
    if HORIZON in values:
        try:
            horizon = int(lever_of_text(HORIZON, values[HORIZON], horizon))
        except ScenarioFileError as exc:
            found.bad(HORIZON, exc.code, **{"value": values[HORIZON], **_bounds_of(exc)})
    for key in (k for k in values if k in LEVER_KEYS or k.startswith(MIX_PREFIX)):
        if key == HORIZON or key in found.remove:
            continue
        if key.startswith(MIX_PREFIX) and key[len(MIX_PREFIX) :] not in params.measure_ids:
            found.bad(key, "unknown_measure", value=key[len(MIX_PREFIX) :])
            continue
        try:
            value = lever_of_text(key, values[key], horizon)
        except ScenarioFileError as exc:
            found.bad(key, exc.code, **{"value": values[key], **_bounds_of(exc)})
            continue
        if key in bounds and not bounds[key][0] <= value <= bounds[key][1]:
            found.bad(key, "out_of_range", value=values[key], low=_num(bounds[key][0]), high=_num(bounds[key][1]))


def _open_from_url(raw: str, found: Findings, session: MutableMapping[str, object]) -> model.Parameters | None:
    """Open ``?scenario=<id>``; on failure report it and return None."""
    if not is_valid_id(raw):
        found.bad(SCENARIO, "no_scenario", value=raw)
        return None
    try:
        scenarios = cache.store()
        saved = scenarios.get(raw)
    except ScenarioNotFound:
        found.bad(SCENARIO, "no_scenario", value=raw)
        return None
    except ValueError as exc:  # ScenarioFileError, ParameterError: a record this version cannot read
        found.bad(SCENARIO, "unreadable", value=raw, detail=str(exc))
        return None
    except Exception as exc:  # a database that cannot be reached must not stop the app
        found.bad(SCENARIO, "store_unavailable", detail=type(exc).__name__)
        return None
    found.messages.extend(open_saved(session, saved))
    found.messages.append({"code": "opened", "field": SCENARIO, "name": saved.name})
    if saved.upgraded:
        found.messages.append({"code": "upgraded", "field": SCENARIO, "names": ", ".join(saved.upgraded)})
    if scenarios.preset_updated(saved):
        found.messages.append({"code": "preset_updated", "field": SCENARIO})
    return saved.params


def field_label(key: str, language: str, params: model.Parameters | None = None) -> str:
    """The name people know a URL parameter by (a measure's label when *params* has it), as Markdown.

    The parts that came from the link or a parameter set are escaped (:func:`markdown_literal`).
    """
    labels = {
        state.LANG: "sidebar.language",
        state.AREA: "area.label",
        state.PRESET: "sidebar.municipality",
        SHIFT: "levers.shift",
        RAMP: "levers.ramp",
        HORIZON: "levers.horizon",
        START: "levers.start",
        DISCOUNT: "levers.discount",
        EVIDENCE: "levers.evidence",
        PRICES: "levers.prices",
        TAX: "levers.tax",
        SCENARIO: "scenarios.url.scenario_field",
        "utkast": "scenarios.url.draft_field",
    }
    if key in labels:
        return t(labels[key], language, first=DEFAULT_FIRST_YEAR)
    if key.startswith(MIX_PREFIX):
        mid = key[len(MIX_PREFIX) :]
        label = measure_label(params, mid, language) if params is not None else mid
        return t("scenarios.url.mix_field", language, measure=markdown_literal(label))
    return markdown_literal(key)


def show_url_messages(language: str) -> None:
    """Show (once) what the URL check found, in the user's language."""
    messages = st.session_state.pop(MESSAGES, None)
    params = state.params() if messages else None
    for m in messages or []:
        text = message_text(m, language, params)
        if m["code"] == "opened":
            st.success(text, icon=":material/folder_open:")
        elif m["code"] in ("upgraded", "preset_updated", "clamped", "draft_gone"):
            st.info(text, icon=":material/info:")
        else:
            st.warning(text, icon=":material/link_off:")


def message_text(m: Mapping[str, object], language: str, params: model.Parameters | None) -> str:
    """One finding of the URL check as Markdown in *language* (what :func:`show_url_messages` shows).

    Every value came from the link or a saved scenario: it is shown as typed, never as Markdown.
    """
    details = {k: _shown(v, language) for k, v in m.items() if k not in ("code", "field")}
    return t(f"scenarios.url.{m['code']}", language, **details, field=field_label(str(m["field"]), language, params))


def _shown(value: object, language: str) -> str:
    """A detail of a URL message: a number in the user's format, text escaped (it came from the link)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return exact_number(value, language, 6)
    return markdown_literal(value)


def _bounds_of(exc: ScenarioFileError) -> dict[str, object]:
    """The details a lever's message shows besides its value: its bounds, or the two readings of a number."""
    return {k: v for k, v in exc.details.items() if k in ("low", "high", "first", "second")}


def _num(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x
