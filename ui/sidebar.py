"""The shared sidebar: municipality, language and the levers of the budget shift.

Rendered by ``app.py`` on every page so the levers survive page switches. Each
lever is bound to the URL (``bind="query-params"``) so a link reproduces the
scenario; bounds come from :data:`model.scenario.LEVER_BOUNDS` and the
parameter set's own ranges.
"""

from __future__ import annotations

import streamlit as st

import model
from model.files.presets import DEFAULT_PRESET, preset_name
from model.levers import LEVER_BOUNDS, default_shift_mnkr, discount_pct_range
from model.levers import shift_max_mnkr as shift_slider_max
from model.scenario import DEFAULT_FIRST_YEAR
from model.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, fmt_mnkr, fmt_percent, t
from ui import state


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
    lo, _, step, _ = LEVER_BOUNDS["shift_mnkr"]
    default = default_shift_mnkr(p)
    with st.sidebar:
        st.header(t("levers.title", lang))
        st.slider(
            t("levers.shift", lang),
            min_value=lo,
            max_value=shift_slider_max(p),
            value=default,
            step=step,
            key=state.SHIFT,
            bind="query-params",
            format="localized",  # the browser's locale: 10,5 in Swedish
            help=t("levers.shift_help", lang),
        )
        lo, hi, step, default = LEVER_BOUNDS["ramp_years"]
        st.slider(
            t("levers.ramp", lang),
            int(lo),
            int(hi),
            int(default),
            int(step),
            key=state.RAMP,
            bind="query-params",
            help=t("levers.ramp_help", lang),
        )
        lo, hi, step, default = LEVER_BOUNDS["horizon_years"]
        st.slider(
            t("levers.horizon", lang),
            int(lo),
            int(hi),
            int(default),
            int(step),
            key=state.HORIZON,
            bind="query-params",
            help=t("levers.horizon_help", lang, first=DEFAULT_FIRST_YEAR),
        )
        horizon = int(st.session_state.get(state.HORIZON, default))
        last = DEFAULT_FIRST_YEAR + horizon - 1
        if int(st.session_state.get(state.START, DEFAULT_FIRST_YEAR)) > last:
            st.session_state[state.START] = last
        if last > DEFAULT_FIRST_YEAR:
            st.slider(
                t("levers.start", lang),
                DEFAULT_FIRST_YEAR,
                last,
                DEFAULT_FIRST_YEAR,
                1,
                key=state.START,
                bind="query-params",
                help=t("levers.start_help", lang),
            )
        rate = p["economics.discount_rate"]
        low, high = discount_pct_range(p)
        st.slider(
            t("levers.discount", lang),
            min_value=low,
            max_value=high,
            value=round(100 * rate.value, 6),  # 3.5, not 3.5000000000000004: the same number in a shared link
            step=0.5,
            key=state.DISCOUNT,
            bind="query-params",
            format="localized",
            help=t("levers.discount_help", lang),
        )
        st.subheader(t("levers.mix", lang), help=t("levers.mix_help", lang))
        main = [m for m in p.measures if m.has_role("featured")]
        other = [m for m in p.measures if not m.has_role("featured")]
        for m in main:
            _mix_slider(m, lang)
        if other:
            with st.expander(t("levers.more_measures", lang)):
                for m in other:
                    _mix_slider(m, lang)
        mix = state.mix_from_state(st.session_state, p.measures)
        if mix:
            st.caption(" · ".join(f"{p.measure(k).label(lang)} {fmt_percent(v, lang)}" for k, v in mix.items()))
        else:
            st.warning(t("levers.no_measure", lang), icon=":material/warning:")
        shift = float(st.session_state.get(state.SHIFT, default_shift_mnkr(p)))
        st.caption(t("levers.shift_caption", lang, amount=fmt_mnkr(shift * 1e6, lang)))


def _mix_slider(m: model.Measure, lang: str) -> None:
    lo, hi, step, _ = LEVER_BOUNDS["mix_percent"]
    st.slider(
        m.label(lang),
        int(lo),
        int(hi),
        state.default_mix_percent(m),
        int(step),
        key=state.mix_key(m.id),
        bind="query-params",
        format="%d %%",
        help=t("levers.measure_help", lang, evidence=m.evidence or "–", source=m.source or "–"),
    )
