"""The shared sidebar: municipality, language and the levers of the budget shift.

Rendered by ``app.py`` on every page so the levers survive page switches. The
address bar holds every lever (``ui.address`` writes it, so a link reproduces
the scenario and Back and Forward step between states); bounds, steps and
defaults are :mod:`model.levers`'s (the table ``LEVER_BOUNDS``, the bounds that
follow the parameter set ``parameter_bounds``, and ``default_levers``), the same
rules a scenario file and a link are checked by.
"""

from __future__ import annotations

import streamlit as st

import model
from model.levers import DISCOUNT, HORIZON, LEVER_BOUNDS, RAMP, SHIFT, START, default_levers, parameter_bounds
from model.scenario import DEFAULT_FIRST_YEAR
from model.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_mnkr, t
from model.text.user_text import markdown_literal
from ui import evidence_level, history, mix, municipal_tax, municipality, price_basis, state

DISCOUNT_STEP = 0.5  # percentage points


def render_settings() -> str:
    """Language and municipality selectors at the top of the sidebar; returns the language."""
    st.session_state.setdefault(state.LANG, DEFAULT_LANGUAGE)
    st.sidebar.selectbox(
        t("sidebar.language", state.language()),
        LANGUAGES,
        index=LANGUAGES.index(state.language()),  # the browser's fallback: see ui.state.widget_default
        format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
        key=state.LANG,
    )
    lang = state.language()
    municipality.render(lang)
    return lang


def render_levers(p: model.Parameters, lang: str) -> None:
    """The levers of the budget shift."""
    defaults = default_levers(p)
    history.record(p)  # before the buttons, so "Ångra" knows about the change this run shows
    with st.sidebar:
        st.header(t("levers.title", lang))
        history.render(p, lang)
        _amount_slider(p, defaults, SHIFT, "shift", LEVER_BOUNDS["shift_mnkr"][2], lang)
        _time_sliders(defaults, lang)
        _amount_slider(p, defaults, DISCOUNT, "discount", DISCOUNT_STEP, lang)
        evidence_level.render(lang, p.area.id)
        price_basis.render(lang, p.price_year)
        if p.area.municipal_tax:  # financial assistance: count the tax on earnings in the net effect
            municipal_tax.render(lang)
        _mix_sliders(p, defaults, lang)
        shift = float(st.session_state.get(SHIFT, defaults[SHIFT]))
        st.caption(t("levers.shift_caption", lang, amount=fmt_mnkr(shift * 1e6, lang)))


def _amount_slider(
    p: model.Parameters, defaults: dict[str, float | int | str], key: str, name: str, step: float, lang: str
) -> None:
    """A lever with decimals (the shift in mnkr, the discount rate in %), bounded by the parameter set."""
    low, high = parameter_bounds(p)[key]
    if key in st.session_state and not low <= st.session_state[key] <= high:  # the set changed under the lever
        st.session_state[key] = min(max(st.session_state[key], low), high)
    st.slider(
        t(f"levers.{name}", lang),
        min_value=low,
        max_value=high,
        # The session's value (the browser's fallback, ui.state.widget_default), else the default: the discount rate
        # 3.5, not 3.5000000000000004, the same number in a shared link.
        value=float(state.widget_default(key, defaults[key])),
        step=step,
        key=key,
        format="localized",  # the browser's locale: 10,5 in Swedish
        help=t(f"levers.{name}_help", lang),
    )


def _time_sliders(defaults: dict[str, float | int | str], lang: str) -> None:
    """Ramp-up, horizon and (when the horizon has more than one year) the start year."""
    for key, bounds, label in ((RAMP, "ramp_years", "ramp"), (HORIZON, "horizon_years", "horizon")):
        lo, hi, step, _ = LEVER_BOUNDS[bounds]
        st.slider(
            t(f"levers.{label}", lang),
            int(lo),
            int(hi),
            int(state.widget_default(key, defaults[key])),  # the browser's fallback: see ui.state.widget_default
            int(step),
            key=key,
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
            int(state.widget_default(START, defaults[START])),
            1,
            key=START,
            help=t("levers.start_help", lang),
        )


def _mix_sliders(p: model.Parameters, defaults: dict[str, float | int | str], lang: str) -> None:
    """One weight per measure (the catalogue's featured ones visible, the rest in an expander) and the mix."""
    st.subheader(t("levers.mix", lang), help=t("levers.mix_help", lang))
    main = [m for m in p.measures if m.has_role("featured")]
    other = [m for m in p.measures if not m.has_role("featured")]
    # The weights as the model uses them: a share of the money under each slider (30/30 reads 50 %/50 %).
    shares = state.mix_from_state(st.session_state, p.measures)
    shift = float(st.session_state.get(SHIFT, defaults[SHIFT]))
    for m in main:
        _mix_slider(m, defaults, lang)
        mix.show_share(m.id, shares, shift, lang)
    if other:
        with st.expander(t("levers.more_measures", lang)):
            for m in other:
                _mix_slider(m, defaults, lang)
                mix.show_share(m.id, shares, shift, lang)
    if not shares:
        st.warning(t("levers.no_measure", lang), icon=":material/warning:")


def _mix_slider(m: model.Measure, defaults: dict[str, float | int | str], lang: str) -> None:
    lo, hi, step, _ = LEVER_BOUNDS["mix_percent"]
    key = state.mix_key(m.id)
    st.slider(
        markdown_literal(m.label(lang)),  # a measure of an uploaded or saved set: shown as typed
        int(lo),
        int(hi),
        int(state.widget_default(key, defaults[key])),  # the browser's fallback: see ui.state.widget_default
        int(step),
        key=key,
        format="%d",  # a weight: the share of the money is written under the slider
        help=t(
            "levers.measure_help",
            lang,
            evidence=markdown_literal(m.evidence or "–"),
            source=markdown_literal(m.citation(lang) or "–"),
        ),
    )
