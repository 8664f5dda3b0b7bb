"""The uncertainty page's words: shares of the draws, the summary sentences, the break-even answers."""

from __future__ import annotations

import dataclasses

import pytest

import model
from model.analysis import breakeven as be
from model.text.i18n import fmt_mnkr
from ui.uncertainty import breakeven, fan, probabilities

SCENARIO = model.Scenario(shift_sek_per_year=10e6)


@pytest.mark.parametrize(
    ("p", "phrase"),
    [
        (1.0, "I samtliga simuleringar"),
        (0.0, "I ingen av simuleringarna"),
        (0.97, "I fler än 19 av 20 simuleringar"),
        (0.02, "I färre än 1 av 20 simuleringar"),
        (0.68, "I 7 av 10 simuleringar"),
        (0.06, "I 1 av 10 simuleringar"),
        (0.94, "I 9 av 10 simuleringar"),
    ],
)
def test_share_of_the_draws_in_words(p, phrase):
    assert probabilities.share_phrase(p, "sv") == phrase


@pytest.fixture(scope="module")
def mc(default_params) -> model.UncertaintyResult:
    return model.run_uncertainty(default_params, SCENARIO, 200, 0)


def test_the_sentences_say_the_summary(mc):
    s = mc.summary
    text = probabilities.sentences(s, "2027–2036", "sv")
    assert len(text) == 5
    assert text[0].startswith("**") and text[0].endswith("**") and str(s["term_year"]) in text[0]
    assert fmt_mnkr(s["net_total_sek_p05"], "sv", sign=True, decimals=0) in text[3]
    no_payback = {**s, "payback_year_median": None, "payback_year_central": None}
    assert probabilities.sentences(no_payback, "2027–2036", "sv")[1:3] == [
        "I minst hälften av simuleringarna betalar sig omställningen inte inom perioden.",
        "Med alla antaganden på sina mest sannolika värden (som på Översikt) betalar den sig inte inom perioden.",
    ]


def test_the_fan_table_has_a_row_per_year(mc):
    shown = fan.yearly_table(mc.yearly, "sv")
    assert len(shown) == len(mc.yearly) and shown.shape[1] == 6
    assert shown.iloc[0, 5].count("mnkr") == 2  # "−1,0 mnkr till +0,5 mnkr"


def answer(status: str, value: float | None, **more) -> be.BreakEven:
    fields = {"current": 0.3, "search_low": 0.0, "search_high": 1.0, "plausible_low": 0.1, "plausible_high": 0.4}
    return be.BreakEven(
        parameter="measure.parent_training.risk_reduction", status=status, value=value, **{**fields, **more}
    )


def test_the_effect_needed_rounds_up_to_a_whole_percent(default_params):
    label, value, text = breakeven.effect_answer(answer(be.FOUND, 0.2501, year=2030), default_params, "sv")
    assert value == "26\u00a0%" and "2030" in text and "föräldrastöd i grupp" in text
    assert (
        breakeven.effect_answer(answer(be.FOUND, 0.30000000000000004, year=2030), default_params, "sv")[1]
        == "30\u00a0%"
    )
    assert breakeven.effect_answer(answer(be.NEVER, None, year=2030), default_params, "sv")[1] == "–"
    assert breakeven.effect_answer(answer(be.ALWAYS, 0.0, year=2030), default_params, "sv")[1] == "0\u00a0%"


def test_homes_are_whole_and_the_shift_rounds_down():
    homes = be.BreakEven("measure.family_homes.homes_per_year", be.FOUND, 3.2, 2.0, 0.0, 50.0, 1.0, 4.0, 2030)
    assert breakeven.homes_answer(homes, "sv")[1].startswith("4 ")
    shift = be.BreakEven("shift", be.FOUND, 12_345_678.0, 10e6, 0.0, 60e6, year=None)
    assert breakeven.shift_answer(shift, "sv")[1] == fmt_mnkr(12.3e6, "sv")
    never = be.BreakEven("shift", be.NEVER, None, 10e6, 0.0, 60e6, year=2030)
    assert breakeven.shift_answer(never, "sv")[1] == fmt_mnkr(0.0, "sv")


def test_the_answers_ask_only_about_the_catalogues_breakeven_measures(default_params):
    assert len(breakeven.answers(default_params, SCENARIO, 2030, "sv")) == 4
    # No preventive measure with the role "breakeven": no question about the effect needed.
    measures = tuple(
        dataclasses.replace(m, roles=tuple(r for r in m.roles if r != "breakeven"))
        if m.mechanism == "prevention"
        else m
        for m in default_params.measures
    )
    without = dataclasses.replace(default_params, measures=measures)
    homes_only = model.Scenario(shift_sek_per_year=10e6, mix={"family_homes": 1.0})
    labels = [label for label, _, _ in breakeven.answers(without, homes_only, 2030, "sv")]
    assert len(labels) == 3 and "Effekt som krävs" not in labels
