"""Break-even questions: plugged back into model.run, each answer meets its goal exactly (issue 5)."""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.analysis import breakeven as be

SCENARIO = model.Scenario(shift_sek_per_year=10e6)
#: Parent training alone, with about the money it can use: how large must its effect be?
PREVENTION = model.Scenario(shift_sek_per_year=1e6, mix={"parent_training": 1.0})
#: Own family homes with a measure that costs more than it saves: how many homes a year must be found?
HOMES = model.Scenario(shift_sek_per_year=5e6, mix={"family_homes": 0.7, "parent_training": 0.3})
#: Placement review and own homes: how much can the external budget be cut and still hold in a year?
REVIEW = model.Scenario(shift_sek_per_year=10e6, mix={"placement_review": 0.3, "family_homes": 0.7})
#: Tolerance on the net effect or budget deviation at a break-even answer [SEK] (of tens of millions).
TOLERANCE_SEK = 1_000.0


def worst_cumulative_from(result: model.Result, year: int) -> float:
    y = result.yearly
    return float(y.loc[y["year"] >= year, "cumulative_net_sek"].max())


# --- the search ----------------------------------------------------------------------------------


def test_first_crossing_brackets_a_threshold():
    calls = []

    def met(x):
        calls.append(len(x))
        return x >= 0.3141

    status, a, b = be.first_crossing(met, 0.0, 1.0, 1e-9)
    assert status == be.FOUND
    assert a < 0.3141 <= b and b - a <= 1e-9
    assert len(calls) < 12  # a handful of batched rounds, not one call per candidate


def test_first_crossing_reports_always_and_never():
    assert be.first_crossing(lambda x: x >= -1.0, 0.0, 1.0, 1e-6)[0] == be.ALWAYS
    assert be.first_crossing(lambda x: x >= 2.0, 0.0, 1.0, 1e-6)[0] == be.NEVER


def test_first_crossing_finds_the_first_switch_from_the_low_end():
    status, a, b = be.first_crossing(lambda x: (x >= 0.2) & (x < 0.5) | (x > 0.9), 0.0, 1.0, 1e-9)
    assert status == be.FOUND and b == pytest.approx(0.2, abs=1e-8)


# --- effect needed -----------------------------------------------------------------------------------


# (Since the measures have a lead time, issue 10, parent training alone cannot pay back by 2030 at any effect.)
@pytest.mark.parametrize(("scenario", "year"), [(PREVENTION, 2031), (PREVENTION, 2032), (PREVENTION, 2033)])
def test_effect_needed_pays_back_exactly_by_the_year(default_params, scenario, year):
    a = be.effect_needed(default_params, scenario, year)
    assert a.status == be.FOUND, a
    assert a.parameter == "measure.parent_training.risk_reduction"
    at = model.run(default_params.with_values({a.parameter: a.value}), scenario)
    assert at.summary["payback_year"] is not None and at.summary["payback_year"] <= year
    assert abs(worst_cumulative_from(at, year)) < TOLERANCE_SEK
    below = model.run(default_params.with_values({a.parameter: a.value - 1e-4}), scenario)
    assert worst_cumulative_from(below, year) > 0.0


def test_an_earlier_year_needs_a_larger_effect(default_params):
    late = be.effect_needed(default_params, PREVENTION, 2034)
    early = be.effect_needed(default_params, PREVENTION, 2031)
    assert early.value > late.value
    assert late.within_range is (late.plausible_low <= late.value <= late.plausible_high)


def test_effect_needed_statuses(default_params):
    # Placement review and own homes pay back by 2030: no effect of parent training is needed.
    always = be.effect_needed(default_params, REVIEW.with_(mix={**REVIEW.mix_dict, "family_homes": 0.6,
                                                                "parent_training": 0.1}), 2030)
    assert always.status == be.ALWAYS and always.value == 0.0
    # Nothing pays back in the first year, whatever the effect.
    never = be.effect_needed(default_params, PREVENTION, 2027)
    assert never.status == be.NEVER and never.value is None
    # The default mix: early intervention uses more than any effect of parent training could save.
    assert be.effect_needed(default_params, SCENARIO, 2036).status == be.NEVER
    no_money = be.effect_needed(default_params, SCENARIO.with_(mix={"family_homes": 1.0}), 2030)
    assert no_money.status == be.NOT_IN_MIX


def test_year_outside_the_horizon_is_refused(default_params):
    with pytest.raises(ValueError, match="year"):
        be.effect_needed(default_params, PREVENTION, 2050)


# --- family homes needed ---------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2031, 2033])
def test_homes_needed_pays_back_exactly_by_the_year(default_params, year):
    scenario = HOMES
    a = be.homes_needed(default_params, scenario, year)
    assert a.status == be.FOUND, a
    assert a.parameter == "measure.family_homes.max_per_year"
    at = model.run(default_params.with_values({a.parameter: a.value}), scenario)
    assert at.summary["payback_year"] is not None and at.summary["payback_year"] <= year
    assert abs(worst_cumulative_from(at, year)) < TOLERANCE_SEK
    fewer = model.run(default_params.with_values({a.parameter: max(a.value - 0.01, 0.0)}), scenario)
    assert worst_cumulative_from(fewer, year) > 0.0


def test_homes_needed_not_in_mix(default_params):
    assert be.homes_needed(default_params, PREVENTION, 2030).status == be.NOT_IN_MIX


# --- largest shift the placement budget can take --------------------------------------------------------


@pytest.mark.parametrize("year", [2029, 2030, 2032])
def test_largest_shift_keeps_the_budget_exactly(default_params, year):
    a = be.largest_shift(default_params, REVIEW, year)
    assert a.status == be.FOUND, a
    assert 0 < a.value < a.search_high
    y = model.run(default_params, REVIEW.with_(shift_sek_per_year=a.value)).yearly
    deviation = (
        y["external_budget_deviation_sek"]
        if year is None
        else y.loc[y["year"] == year, "external_budget_deviation_sek"]
    )
    assert abs(deviation.max()) < TOLERANCE_SEK
    assert (deviation <= 1.0).all()  # the budget holds (model.results' tolerance)
    more = model.run(default_params, REVIEW.with_(shift_sek_per_year=a.value * 1.001)).yearly
    more_dev = (
        more["external_budget_deviation_sek"]
        if year is None
        else more.loc[more["year"] == year, "external_budget_deviation_sek"]
    )
    assert more_dev.max() > 1.0


def test_the_money_scaling_batch_equals_direct_runs(default_params):
    """The shift search runs many shifts as one batch by scaling prices; check it against model.run."""
    high = 60e6
    shifts = np.array([2e6, 10e6, 35e6])
    for scenario, year in ((SCENARIO, None), (REVIEW, 3)):
        broken = be._budget_broken(default_params, scenario, high, year)(shifts)
        for s, b in zip(shifts, broken, strict=True):
            y = model.run(default_params, scenario.with_(shift_sek_per_year=float(s))).yearly
            deviation = y["external_budget_deviation_sek"] if year is None else y["external_budget_deviation_sek"][year]
            assert b == bool((deviation > 1.0).any()), (s, year)


def test_a_later_year_can_take_a_larger_shift(default_params):
    early = be.largest_shift(default_params, REVIEW, 2029)
    later = be.largest_shift(default_params, REVIEW, 2032)
    assert later.value > early.value


def test_the_first_years_cut_comes_before_the_effects(default_params):
    """Homes take months to recruit and review posts to fill: a cut in the first year is never covered."""
    for scenario in (REVIEW, REVIEW.with_(ramp_years=3), SCENARIO):
        assert be.largest_shift(default_params, scenario).status == be.NEVER


def test_largest_shift_with_a_ramp(default_params):
    scenario = REVIEW.with_(ramp_years=3)
    a = be.largest_shift(default_params, scenario, 2030)
    assert a.status == be.FOUND
    y = model.run(default_params, scenario.with_(shift_sek_per_year=a.value)).yearly
    assert abs(y.loc[y["year"] == 2030, "external_budget_deviation_sek"].max()) < TOLERANCE_SEK


def test_largest_shift_never(default_params):
    # All money to parent training: its effect comes after a delay, so the first year's cut is never covered.
    a = be.largest_shift(default_params, SCENARIO.with_(mix={"parent_training": 1.0}))
    assert a.status == be.NEVER and a.value == 0.0
