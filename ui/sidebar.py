"""The shared sidebar: municipality, language and the levers of the budget shift.

Rendered by ``app.py`` on every page so the levers survive page switches. Each
lever is bound to the URL (``bind="query-params"``) so a link reproduces the
scenario; bounds come from :data:`model.scenario.LEVER_BOUNDS` and the
parameter set's own ranges, defaults from :func:`model.scenario_file.default_levers`.
"""

from __future__ import annotations

import math

import streamlit as st

import model
from model.breakeven import external_budget_now
from model.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_mnkr, fmt_percent, t
from model.io import DEFAULT_PRESET
from model.scenario import DEFAULT_FIRST_YEAR, LEVER_BOUNDS
from model.scenario_file import DISCOUNT, HORIZON, RAMP, SHIFT, START, default_levers
from ui import state
from ui.text import preset_name

#: Measures whose sliders are always visible; the others are under "Fler insatser".
MAIN_MEASURES = ("family_homes", "parent_training", "early_intervention")
#: The discount-rate slider reaches at least this far [%], even when the set's range ends lower.
DISCOUNT_SLIDER_TOP = 6.0
DISCOUNT_STEP = 0.5  # percentage points


def shift_slider_max(p: model.Parameters) -> float:
    """Slider maximum for the shift [mnkr]: the external-placement budget, rounded up to 5."""
    return float(max(5, 5 * math.ceil(external_budget_now(p) / 1e6 / 5)))


def slider_bounds(p: model.Parameters) -> dict[str, tuple[float, float]]:
    """The levers' (low, high) that depend on the parameter set, as the sliders draw them."""
    rate = p["economics.discount_rate"]
    return {
        SHIFT: (float(LEVER_BOUNDS["shift_mnkr"][0]), shift_slider_max(p)),
        DISCOUNT: (float(100 * rate.low), float(max(100 * rate.high, DISCOUNT_SLIDER_TOP))),
    }


def render_settings() -> str:
    """Language and municipality selectors at the top of the sidebar; returns the language."""
    presets = model.presets()
    state.adopt_url_choice(state.LANG, LANGUAGES, DEFAULT_LANGUAGE)
    state.adopt_url_choice(state.PRESET, list(presets), DEFAULT_PRESET)
    lang = state.language()
    with st.sidebar:
        st.selectbox(
            t("sidebar.language", lang),
            LANGUAGES,
            format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
            key=state.LANG,
            on_change=state.url_choice_changed,
            args=(state.LANG, DEFAULT_LANGUAGE),
        )
        lang = state.language()
        st.selectbox(
            t("sidebar.municipality", lang),
            list(presets),
            format_func=lambda pid: preset_name(pid, lang),
            key=state.PRESET,
            on_change=state.url_choice_changed,
            args=(state.PRESET, DEFAULT_PRESET),
            help=t("sidebar.municipality_help", lang),
        )
    return lang


def render_levers(p: model.Parameters, lang: str) -> None:
    """The levers of the budget shift."""
    defaults = default_levers(p)
    with st.sidebar:
        st.header(t("levers.title", lang))
        _amount_slider(p, defaults, SHIFT, "shift", LEVER_BOUNDS["shift_mnkr"][2], lang)
        _time_sliders(defaults, lang)
        _amount_slider(p, defaults, DISCOUNT, "discount", DISCOUNT_STEP, lang)
        _mix_sliders(p, defaults, lang)
        shift = float(st.session_state.get(SHIFT, defaults[SHIFT]))
        st.caption(t("levers.shift_caption", lang, amount=fmt_mnkr(shift * 1e6, lang)))


def _amount_slider(
    p: model.Parameters, defaults: dict[str, float | int], key: str, name: str, step: float, lang: str
) -> None:
    """A lever with decimals (the shift in mnkr, the discount rate in %), bounded by the parameter set."""
    low, high = slider_bounds(p)[key]
    st.slider(
        t(f"levers.{name}", lang),
        min_value=low,
        max_value=high,
        value=defaults[key],  # the discount rate: 3.5, not 3.5000000000000004, the same number in a shared link
        step=step,
        key=key,
        bind="query-params",
        format="localized",  # the browser's locale: 10,5 in Swedish
        help=t(f"levers.{name}_help", lang),
    )


def _time_sliders(defaults: dict[str, float | int], lang: str) -> None:
    """Ramp-up, horizon and (when the horizon has more than one year) the start year."""
    for key, bounds, label in ((RAMP, "ramp_years", "ramp"), (HORIZON, "horizon_years", "horizon")):
        lo, hi, step, _ = LEVER_BOUNDS[bounds]
        st.slider(
            t(f"levers.{label}", lang),
            int(lo),
            int(hi),
            int(defaults[key]),
            int(step),
            key=key,
            bind="query-params",
            help=t(f"levers.{label}_help", lang, first=DEFAULT_FIRST_YEAR),
        )
    last = DEFAULT_FIRST_YEAR + int(st.session_state.get(HORIZON, defaults[HORIZON])) - 1
    if int(st.session_state.get(START, DEFAULT_FIRST_YEAR)) > last:
        st.session_state[START] = last
    if last > DEFAULT_FIRST_YEAR:
        st.slider(
            t("levers.start", lang),
            DEFAULT_FIRST_YEAR,
            last,
            int(defaults[START]),
            1,
            key=START,
            bind="query-params",
            help=t("levers.start_help", lang),
        )


def _mix_sliders(p: model.Parameters, defaults: dict[str, float | int], lang: str) -> None:
    """One weight per measure (the main ones visible, the rest in an expander) and the resulting mix."""
    st.subheader(t("levers.mix", lang), help=t("levers.mix_help", lang))
    main = [m for m in p.measures if m.id in MAIN_MEASURES]
    other = [m for m in p.measures if m.id not in MAIN_MEASURES]
    for m in main:
        _mix_slider(m, defaults, lang)
    if other:
        with st.expander(t("levers.more_measures", lang)):
            for m in other:
                _mix_slider(m, defaults, lang)
    mix = state.mix_from_state(st.session_state, p.measure_ids)
    if mix:
        st.caption(" · ".join(f"{p.measure(k).label(lang)} {fmt_percent(v, lang)}" for k, v in mix.items()))
    else:
        st.warning(t("levers.no_measure", lang), icon=":material/warning:")


def _mix_slider(m: model.Measure, defaults: dict[str, float | int], lang: str) -> None:
    lo, hi, step, _ = LEVER_BOUNDS["mix_percent"]
    key = state.mix_key(m.id)
    st.slider(
        m.label(lang),
        int(lo),
        int(hi),
        int(defaults[key]),
        int(step),
        key=key,
        bind="query-params",
        format="%d %%",
        help=t("levers.measure_help", lang, evidence=m.evidence or "–", source=m.source or "–"),
    )
