"""What has to be true: the break-even answers for a target year, each a number and a sentence.

A fragment: choosing another target year reruns only this section. The
answers' words (``effect_answer``, ``work_answer``, ``homes_answer``, ``shift_answer``) are
pure and tested directly.
"""

from __future__ import annotations

import math

import streamlit as st

import model
from model.analysis import breakeven as be
from model.analysis.uncertainty import TERM_YEARS
from model.area import DEFAULT_AREA
from model.scenario import Scenario
from model.text.i18n import fmt_mnkr, fmt_number, fmt_percent, t, ta
from model.text.labels import measure_label
from model.text.user_text import markdown_literal
from ui import cache

YEAR_KEY = "breakeven_year"
#: Rounding of the answers: up to a whole percent or home ("at least"), down to 0.1 mnkr ("at most").
#: The small epsilons keep an exact answer (0.30 from 0.30000000000000004) from rounding a step further.
ROUNDING_EPSILON = 1e-9
HOMES_EPSILON = 1e-6
SHIFT_STEP_SEK = 1e5

Answer = tuple[str, str, str]  # (metric label, metric value, sentence)


def _lower_first(text: str) -> str:
    """*text* with a lower-case first letter inside a sentence, unless it starts an acronym (``IPS``)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def effect_answer(a: be.BreakEven, params: model.Parameters, lang: str) -> Answer:
    """The effect a preventive measure needs (a cut in the risk of placement, in whole percent)."""
    return _effect(a, params, lang, "effect", 100, lambda x: fmt_percent(x, lang))


def work_answer(a: be.BreakEven, params: model.Parameters, lang: str) -> Answer:
    """The rise in the monthly exits to work an exit-rate measure needs (percentage points, two decimals)."""
    return _effect(a, params, lang, "work", 10_000, lambda x: fmt_number(100 * x, 2, lang))


def _effect(a: be.BreakEven, params: model.Parameters, lang: str, kind: str, steps: int, show) -> Answer:
    """An effect needed, rounded up to 1/*steps* ("at least"), in the words of *kind* (``effect``, ``work``)."""
    key = f"uncertainty.breakeven.{kind}"
    measure = markdown_literal(measure_label(params, a.parameter.split(".")[1], lang))
    label = t(f"{key}.metric", lang)
    words = {"measure": _lower_first(measure), "year": a.year}
    if a.status == be.FOUND:
        needed = math.ceil(steps * a.value - ROUNDING_EPSILON) / steps  # "at least": round up
        text = t(
            f"{key}.found",
            lang,
            value=show(needed),
            current=show(a.current),
            low=show(a.plausible_low),
            high=show(a.plausible_high),
            **words,
        )
        text += " " + t("uncertainty.breakeven.effect." + ("inside" if a.within_range else "above"), lang)
        return label, show(needed), text
    if a.status == be.NOT_IN_MIX:
        return label, "–", t(f"{key}.not_in_mix", lang, measure=measure)
    if a.status == be.ALWAYS:
        return label, show(0.0), t(f"{key}.always", lang, **words)
    return label, "–", t(f"{key}.never", lang, **words)


def homes_answer(a: be.BreakEven, lang: str) -> Answer:
    """The family homes needed per year."""
    label = t("uncertainty.breakeven.homes.metric", lang)
    unit = t("uncertainty.breakeven.homes.unit", lang)
    if a.status == be.FOUND:
        homes = math.ceil(a.value - HOMES_EPSILON)  # whole homes: the smallest number that is enough
        text = t(
            "uncertainty.breakeven.homes.found",
            lang,
            year=a.year,
            value=fmt_number(homes, 0, lang),
            current=fmt_number(a.current, 0, lang),
            low=fmt_number(a.plausible_low, 0, lang),
            high=fmt_number(a.plausible_high, 0, lang),
        )
        return label, f"{fmt_number(homes, 0, lang)} {unit}", text
    if a.status == be.NOT_IN_MIX:
        return label, "–", t("uncertainty.breakeven.homes.not_in_mix", lang)
    key = "always" if a.status == be.ALWAYS else "never"
    text = t(f"uncertainty.breakeven.homes.{key}", lang, year=a.year, high=fmt_number(a.search_high, 0, lang))
    return label, f"0 {unit}" if a.status == be.ALWAYS else "–", text


def shift_answer(a: be.BreakEven, lang: str, area: str = DEFAULT_AREA) -> Answer:
    """The largest shift the placement budget can take (every year, or in one year)."""
    scope = "every" if a.year is None else "year"
    label = t(f"uncertainty.breakeven.shift.metric_{scope}", lang, year=a.year)
    if a.status == be.NOT_IN_MIX:
        return label, "–", t("uncertainty.breakeven.shift.not_in_mix", lang)
    if a.status == be.NEVER:
        return label, fmt_mnkr(0.0, lang), t(f"uncertainty.breakeven.shift.never_{scope}", lang, year=a.year)
    key = "found" if a.status == be.FOUND else "always"
    at_most = math.floor(a.value / SHIFT_STEP_SEK + ROUNDING_EPSILON) * SHIFT_STEP_SEK  # "at most": round down
    text = ta(
        f"uncertainty.breakeven.shift.{key}_{scope}",
        lang,
        area,
        year=a.year,
        value=fmt_mnkr(at_most, lang),
        current=fmt_mnkr(a.current, lang),
    )
    return label, fmt_mnkr(at_most, lang), text


def answers(params: model.Parameters, scenario: Scenario, year: int, lang: str) -> list[Answer]:
    """Every answer for a target *year*: the questions the catalogue asks about its ``breakeven``
    measures (:func:`model.analysis.breakeven.payback_answers`), then the largest shifts."""
    out = []
    for a in cache.payback_answers(params, scenario, year):
        mechanism = params.measure(a.parameter.split(".")[1]).mechanism
        if mechanism == "prevention":
            out.append(effect_answer(a, params, lang))
        elif mechanism == "exit_rate":
            out.append(work_answer(a, params, lang))
        else:
            out.append(homes_answer(a, lang))
    out.append(shift_answer(cache.largest_shift(params, scenario, None), lang, params.area.id))
    out.append(shift_answer(cache.largest_shift(params, scenario, year), lang, params.area.id))
    return out


@st.fragment
def render(params: model.Parameters, scenario: Scenario, lang: str) -> None:
    """The target year and one metric and sentence per answer."""
    st.header(t("uncertainty.breakeven.subheader", lang))
    st.caption(t("uncertainty.breakeven.intro", lang))
    options = list(range(scenario.first_year, scenario.last_year + 1))
    if st.session_state.get(YEAR_KEY) not in options:
        st.session_state[YEAR_KEY] = scenario.first_year + min(TERM_YEARS, scenario.horizon_years) - 1
    year = st.select_slider(
        t("uncertainty.breakeven.year", lang),
        options=options,
        value=st.session_state[YEAR_KEY],  # the browser's fallback: see ui.state.widget_default
        key=YEAR_KEY,
        help=t("uncertainty.breakeven.year_help", lang),
    )
    for label, value, text in answers(params, scenario, int(year), lang):
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.metric(label, value, border=True)
        right.markdown(text)
