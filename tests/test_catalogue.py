"""Measure roles are data (data/base.yaml), and each fact the app and the analyses share has one home."""

from __future__ import annotations

import dataclasses

import pytest

import model
from model.analysis import breakeven
from model.catalogue import breakeven_measure, default_mix, embedded_default_mix, featured, template
from model.levers import (
    DISCOUNT,
    SHIFT,
    default_levers,
    discount_pct_range,
    external_budget,
    mix_from_levers,
    parameter_bounds,
    shift_max_mnkr,
)
from model.scenario import discount_rate


def test_the_default_mix_is_the_catalogues(default_params):
    assert embedded_default_mix() == {"family_homes": 0.4, "parent_training": 0.3, "early_intervention": 0.3}
    assert default_mix(default_params.measures) == embedded_default_mix()
    assert model.Scenario().mix_dict == embedded_default_mix()
    levers = default_levers(default_params)
    assert [levers[f"mix_{m}"] for m in ("family_homes", "parent_training", "early_intervention", "mst")] == [
        40, 30, 30, 0
    ]
    assert mix_from_levers({}, default_params.measures) == pytest.approx(embedded_default_mix())


def test_roles_come_from_the_catalogue(default_params):
    measures = default_params.measures
    assert [m.id for m in featured(measures)] == [
        "family_homes", "parent_training", "early_intervention", "placement_review"
    ]
    assert template(measures, "prevention", "family").id == "parent_training"
    assert template(measures, "review", "post").id == "placement_review"
    assert template(measures, "prevention", "post").id == "early_intervention"
    assert template(measures, "recruitment", "home").id == "family_homes"
    assert template(measures, "recruitment", "family") is None
    assert breakeven_measure(measures, "prevention").id == "parent_training"
    assert breakeven_measure(measures, "recruitment").id == "family_homes"


def test_the_breakeven_questions_follow_the_roles(default_params):
    scenario = model.Scenario(shift_sek_per_year=10_000_000)
    answers = breakeven.payback_answers(default_params, scenario, 2030)
    assert [a.parameter for a in answers] == [
        "measure.parent_training.risk_reduction",
        "measure.family_homes.max_per_year",
    ]
    # Without the role, the question is not asked.
    plain = tuple(dataclasses.replace(m, roles=()) for m in default_params.measures)
    assert breakeven.payback_answers(dataclasses.replace(default_params, measures=plain), scenario, 2030) == []


def test_roles_and_default_shares_are_validated(default_params):
    m = default_params.measures[0]
    with pytest.raises(model.ParameterError) as err:
        dataclasses.replace(
            default_params, measures=(dataclasses.replace(m, roles=("star",)), *default_params.measures[1:])
        )
    assert (err.value.field, err.value.code) == ("measures.family_homes.roles", "bad_choice")
    with pytest.raises(model.ParameterError) as err:
        dataclasses.replace(
            default_params, measures=(dataclasses.replace(m, default_share=0.5), *default_params.measures[1:])
        )
    assert (err.value.field, err.value.code) == ("measures.default_share", "shares_sum")


def test_the_external_budget_has_one_home(default_params):
    by_hand = sum(
        default_params.value(f"care.{f}.children") * default_params.value(f"care.{f}.cost_per_day") * 365
        for f in ("consultant_family_home", "hvb", "sis", "supported_housing")
    )
    assert external_budget(default_params) == pytest.approx(by_hand)
    assert shift_max_mnkr(default_params) == 0.5 * (by_hand // 0.5e6)
    assert parameter_bounds(default_params) == {
        SHIFT: (0.0, shift_max_mnkr(default_params)),
        DISCOUNT: discount_pct_range(default_params),
    }
    assert discount_pct_range(default_params) == (0.0, 6.0)


@pytest.mark.parametrize("preset", ["default", "small"])
def test_the_shift_slider_stops_at_the_external_budget(preset, default_params, small_params):
    """No more than the first year's external-placement budget can be moved: the slider's step below it."""
    params = {"default": default_params, "small": small_params}[preset]
    top = shift_max_mnkr(params)
    budget = external_budget(params) / 1e6
    assert top % 0.5 == 0 and budget - 0.5 < top <= budget
    model.run(params, model.Scenario(shift_sek_per_year=top * 1e6))  # the slider's maximum is a valid scenario
    with pytest.raises(ValueError, match="shift_sek_per_year"):
        model.run(params, model.Scenario(shift_sek_per_year=(top + 0.5) * 1e6))
    rate = params["economics.discount_rate"]
    low, high = discount_pct_range(params)
    assert low == pytest.approx(100 * rate.low) and high == max(100 * rate.high, 6.0)


def test_the_discount_rate_rule_has_one_home(default_params):
    assert discount_rate(default_params, model.Scenario()) == default_params.value("economics.discount_rate")
    assert discount_rate(default_params, model.Scenario(discount_rate=0.01)) == 0.01
    res = model.run(default_params, model.Scenario(discount_rate=0.01))
    assert res.summary.discount_rate == 0.01
