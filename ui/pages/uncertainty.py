"""Page "Osäkerhet": how likely the shift is to pay back, what matters most, and what has to be true.

The Monte Carlo analysis, the tornado and the break-even solvers run only on
this page (the overview never pays for them), automatically and cached by
parameter set, scenario, number of draws and seed: 1 000 draws take about a
tenth of a second, so a lever moved while this page is open answers at once,
and coming back to a scenario is a cache hit. The break-even section is a
fragment: choosing another target year reruns only that section.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

import model
from model import breakeven as be
from model.export import parameter_label
from model.i18n import fmt_mnkr, fmt_number, fmt_percent, t
from model.scenario import Scenario
from model.sensitivity import tornado
from model.uncertainty import DEFAULT_DRAWS, TERM_YEARS, UncertaintyResult, run_uncertainty
from ui import state
from ui.charts import uncertainty as uncertainty_charts
from ui.compute import HASH
from ui.errors import show_error

DRAW_CHOICES = (1_000, 5_000, 10_000, 20_000)
DRAWS_KEY = "mc_draws"
SEED_KEY = "mc_seed"
YEAR_KEY = "breakeven_year"
EFFECT_MEASURE = "parent_training"
HOMES_MEASURE = "family_homes"


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=HASH)
def cached_uncertainty(params: model.Parameters, scenario: Scenario, draws: int, seed: int) -> UncertaintyResult:
    return run_uncertainty(params, scenario, draws, seed)


@st.cache_data(max_entries=16, show_spinner=False, hash_funcs=HASH)
def cached_tornado(params: model.Parameters, scenario: Scenario) -> pd.DataFrame:
    return tornado(params, scenario)


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs=HASH)
def cached_payback_answers(params: model.Parameters, scenario: Scenario, year: int) -> list[be.BreakEven]:
    answers = []
    if EFFECT_MEASURE in params.measure_ids:
        answers.append(be.effect_needed(params, scenario, year, EFFECT_MEASURE))
    if HOMES_MEASURE in params.measure_ids:
        answers.append(be.homes_needed(params, scenario, year, HOMES_MEASURE))
    return answers


@st.cache_data(max_entries=32, show_spinner=False, hash_funcs=HASH)
def cached_largest_shift(params: model.Parameters, scenario: Scenario, year: int | None) -> be.BreakEven:
    return be.largest_shift(params, scenario, year)


def share_phrase(p: float) -> str:
    """'I 7 av 10 simuleringar' for a share *p* of the draws."""
    if p >= 1.0:
        return t("uncertainty.share.all", lang)
    if p <= 0.0:
        return t("uncertainty.share.none", lang)
    if p > 0.95:
        return t("uncertainty.share.above", lang)
    if p < 0.05:
        return t("uncertainty.share.below", lang)
    return t("uncertainty.share.tenths", lang, k=min(9, max(1, round(10 * p))))


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def percent_text(x: float) -> str:
    return fmt_percent(x, lang, 0)


def effect_answer(a: be.BreakEven) -> tuple[str, str, str]:
    """(metric label, metric value, sentence) for the effect a preventive measure needs."""
    measure = params.measure(a.parameter.split(".")[1]).label(lang)
    label = t("uncertainty.breakeven.effect.metric", lang)
    words = {"measure": lower_first(measure), "year": a.year}
    if a.status == be.FOUND:
        needed = math.ceil(100 * a.value - 1e-9) / 100  # "at least": round up to a whole percent
        text = t(
            "uncertainty.breakeven.effect.found",
            lang,
            value=percent_text(needed),
            current=percent_text(a.current),
            low=percent_text(a.plausible_low),
            high=percent_text(a.plausible_high),
            **words,
        )
        text += " " + t("uncertainty.breakeven.effect." + ("inside" if a.within_range else "above"), lang)
        return label, percent_text(needed), text
    if a.status == be.NOT_IN_MIX:
        return label, "–", t("uncertainty.breakeven.effect.not_in_mix", lang, measure=measure)
    if a.status == be.ALWAYS:
        return label, percent_text(0.0), t("uncertainty.breakeven.effect.always", lang, **words)
    return label, "–", t("uncertainty.breakeven.effect.never", lang, **words)


def homes_answer(a: be.BreakEven) -> tuple[str, str, str]:
    """(metric label, metric value, sentence) for the family homes needed per year."""
    label = t("uncertainty.breakeven.homes.metric", lang)
    if a.status == be.FOUND:
        homes = math.ceil(a.value - 1e-6)  # whole homes: the smallest number that is enough
        text = t(
            "uncertainty.breakeven.homes.found",
            lang,
            year=a.year,
            value=fmt_number(homes, 0, lang),
            current=fmt_number(a.current, 0, lang),
            low=fmt_number(a.plausible_low, 0, lang),
            high=fmt_number(a.plausible_high, 0, lang),
        )
        return label, f"{fmt_number(homes, 0, lang)} {t('uncertainty.breakeven.homes.unit', lang)}", text
    if a.status == be.NOT_IN_MIX:
        return label, "–", t("uncertainty.breakeven.homes.not_in_mix", lang)
    key = "always" if a.status == be.ALWAYS else "never"
    text = t(f"uncertainty.breakeven.homes.{key}", lang, year=a.year, high=fmt_number(a.search_high, 0, lang))
    value = f"0 {t('uncertainty.breakeven.homes.unit', lang)}" if a.status == be.ALWAYS else "–"
    return label, value, text


def shift_answer(a: be.BreakEven) -> tuple[str, str, str]:
    """(metric label, metric value, sentence) for the largest shift the placement budget can take."""
    scope = "every" if a.year is None else "year"
    label = t(f"uncertainty.breakeven.shift.metric_{scope}", lang, year=a.year)
    if a.status == be.NOT_IN_MIX:
        return label, "–", t("uncertainty.breakeven.shift.not_in_mix", lang)
    if a.status == be.NEVER:
        return label, fmt_mnkr(0.0, lang), t(f"uncertainty.breakeven.shift.never_{scope}", lang, year=a.year)
    key = "found" if a.status == be.FOUND else "always"
    at_most = math.floor(a.value / 1e5 + 1e-9) * 1e5  # "at most": round down to 0.1 mnkr
    text = t(
        f"uncertainty.breakeven.shift.{key}_{scope}",
        lang,
        year=a.year,
        value=fmt_mnkr(at_most, lang),
        current=fmt_mnkr(a.current, lang),
    )
    return label, fmt_mnkr(at_most, lang), text


lang = state.language()
params = state.params()

try:
    scenario = state.scenario_from_state(st.session_state, params)
except ValueError as exc:
    show_error(exc, lang)
    st.stop()

years = f"{scenario.first_year}–{scenario.last_year}"
draws = int(st.session_state.get(DRAWS_KEY) or DEFAULT_DRAWS)
st.title(t("uncertainty.title", lang))
st.caption(
    t(
        "uncertainty.subtitle",
        lang,
        municipality=state.set_name(params, lang),
        years=years,
        draws=fmt_number(draws, 0, lang),
    )
)

with st.expander(t("uncertainty.settings.expander", lang), icon=":material/casino:"):
    s1, s2 = st.columns(2)
    s1.segmented_control(
        t("uncertainty.settings.draws", lang),
        DRAW_CHOICES,
        default=DEFAULT_DRAWS,
        required=True,
        format_func=lambda n: fmt_number(n, 0, lang),
        key=DRAWS_KEY,
        persist_state="session",
        help=t("uncertainty.settings.draws_help", lang),
    )
    s2.number_input(
        t("uncertainty.settings.seed", lang),
        min_value=0,
        max_value=2**31 - 1,
        value=0,
        step=1,
        key=SEED_KEY,
        persist_state="session",
        help=t("uncertainty.settings.seed_help", lang),
    )
    st.caption(t("uncertainty.settings.method", lang))

if scenario.is_baseline or not scenario.mix_dict:
    st.info(t("uncertainty.no_shift", lang), icon=":material/info:")
    st.stop()

draws = int(st.session_state.get(DRAWS_KEY) or DEFAULT_DRAWS)
seed = int(st.session_state.get(SEED_KEY) or 0)
with st.spinner(t("uncertainty.computing", lang, draws=fmt_number(draws, 0, lang)), show_time=True):
    u = cached_uncertainty(params, scenario, draws, seed)
s = u.summary

# --- Big numbers ------------------------------------------------------------------------------
# The term's number only when the horizon covers a whole term (otherwise it would repeat the horizon's).
full_term = scenario.horizon_years >= TERM_YEARS
c1, c2, c3 = st.columns(3) if full_term else (None, *st.columns(2))
if c1 is not None:
    c1.metric(
        t("uncertainty.metric.term", lang),
        percent_text(s["probability_payback_term"]),
        help=t("uncertainty.metric.term_help", lang, year=s["term_year"]),
        border=True,
    )
c2.metric(
    t("uncertainty.metric.horizon", lang, n=scenario.horizon_years),
    percent_text(s["probability_payback_horizon"]),
    help=t("uncertainty.metric.horizon_help", lang, year=s["last_year"]),
    border=True,
)
c3.metric(
    t("uncertainty.metric.saving", lang),
    percent_text(s["probability_net_saving"]),
    help=t("uncertainty.metric.saving_help", lang, years=years),
    border=True,
)

sentences = [
    "**"
    + t("uncertainty.sentence.payback", lang, share=share_phrase(s["probability_payback_term"]), year=s["term_year"])
    + "**",
]
if s["payback_year_median"] is not None:
    sentences.append(t("uncertainty.sentence.median", lang, year=s["payback_year_median"]))
else:
    sentences.append(t("uncertainty.sentence.median_none", lang))
if s["payback_year_central"] is not None:
    sentences.append(t("uncertainty.sentence.central", lang, year=s["payback_year_central"]))
else:
    sentences.append(t("uncertainty.sentence.central_none", lang))
sentences.append(
    t(
        "uncertainty.sentence.net",
        lang,
        years=years,
        low=fmt_mnkr(s["net_total_sek_p05"], lang, sign=True, decimals=0),
        high=fmt_mnkr(s["net_total_sek_p95"], lang, sign=True, decimals=0),
        median=fmt_mnkr(s["net_total_sek_median"], lang, sign=True, decimals=0),
    )
)
sentences.append(t("uncertainty.sentence.budget", lang, percent=percent_text(s["probability_budget_holds_every_year"])))
st.markdown(" ".join(sentences))

# --- Fan chart ------------------------------------------------------------------------------------
st.subheader(t("uncertainty.fan.subheader", lang))
fan = uncertainty_charts.build_fan_chart(u.yearly, lang)
st.vega_lite_chart(fan.data, spec=fan.template, width="stretch")
st.caption(t("uncertainty.fan.caption", lang))

with st.expander(t("uncertainty.table.title", lang)):
    y = u.yearly
    st.dataframe(
        pd.DataFrame(
            {
                t("uncertainty.table.year", lang): y["year"].astype(str),
                t("uncertainty.table.paid_back", lang): [percent_text(v) for v in y["probability_paid_back"]],
                t("uncertainty.table.saving", lang): [percent_text(v) for v in y["probability_cumulative_saving"]],
                t("uncertainty.table.budget", lang): [percent_text(v) for v in y["probability_budget_holds"]],
                t("uncertainty.table.median", lang): [
                    fmt_mnkr(v, lang, sign=True) for v in y["cumulative_net_sek_median"]
                ],
                t("uncertainty.table.band90", lang): [
                    t("uncertainty.interval", lang, low=fmt_mnkr(a, lang, sign=True), high=fmt_mnkr(b, lang, sign=True))
                    for a, b in zip(y["cumulative_net_sek_p05"], y["cumulative_net_sek_p95"], strict=True)
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )

# --- What matters most ------------------------------------------------------------------------------
st.subheader(t("uncertainty.tornado.subheader", lang))
table = cached_tornado(params, scenario)
top = [parameter_label(n, params, lang) for n in table.loc[table["swing_sek"] > 0, "parameter"].head(3)]
if top:
    st.markdown(t("uncertainty.tornado.sentence", lang) + "\n" + "\n".join(f"{k}. {x}" for k, x in enumerate(top, 1)))
chart = uncertainty_charts.build_tornado_chart(table, params, lang)
st.vega_lite_chart(chart.data, spec=chart.template, width="stretch")
st.caption(t("uncertainty.tornado.caption", lang))


# --- What has to be true ------------------------------------------------------------------------------
@st.fragment
def breakeven_section() -> None:
    st.subheader(t("uncertainty.breakeven.subheader", lang))
    st.caption(t("uncertainty.breakeven.intro", lang))
    options = list(range(scenario.first_year, scenario.last_year + 1))
    default = scenario.first_year + min(TERM_YEARS, scenario.horizon_years) - 1
    if st.session_state.get(YEAR_KEY) not in options:
        st.session_state[YEAR_KEY] = default
    year = st.select_slider(
        t("uncertainty.breakeven.year", lang),
        options=options,
        key=YEAR_KEY,
        help=t("uncertainty.breakeven.year_help", lang),
    )
    answers = []
    for a in cached_payback_answers(params, scenario, int(year)):
        answers.append(effect_answer(a) if a.parameter.endswith("risk_reduction") else homes_answer(a))
    answers.append(shift_answer(cached_largest_shift(params, scenario, None)))
    answers.append(shift_answer(cached_largest_shift(params, scenario, int(year))))
    for label, value, text in answers:
        left, right = st.columns([1, 3], vertical_alignment="center")
        left.metric(label, value, border=True)
        right.markdown(text)


breakeven_section()
