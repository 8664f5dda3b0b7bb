"""The municipality's own figures: recalibrating the baseline (model.analysis.calibration)."""

from __future__ import annotations

import math

import pytest
from numpy.testing import assert_allclose

import model
from model.analysis.calibration import (
    baseline_figures,
    calibrate,
    check_baseline,
    family_home_cost,
    family_home_forms,
    placement_forms,
)
from model.area import load_area

FAMILY_HOME_FORMS = family_home_forms(load_area("children"))
PLACEMENT_FORMS = placement_forms(load_area("children"))

OWN = {
    "children_0_20": 26_000,
    "children": {"hvb": 22, "sis": 4, "municipal_family_home": 100, "consultant_family_home": 25},
    "hvb_cost_per_day": 7_400,
    "family_home_cost_per_day": 1_250,
    "placements_started_per_year": 95,
    "note": "Kolada 2024 och verksamhetssystemet",
}


@pytest.fixture(scope="module")
def calibrated(default_params):
    return calibrate(default_params, **OWN)


def test_the_figures_are_put_into_the_set(calibrated):
    p = calibrated.params
    assert p.value("population.children_0_20") == 26_000
    for form, n in OWN["children"].items():
        assert p.value(f"care.{form}.children") == n
        assert p[f"care.{form}.children"].low == p[f"care.{form}.children"].high == n  # known: no range
        assert p[f"care.{form}.children"].status == "F"
    assert p.value("care.hvb.cost_per_day") == 7_400
    assert "N33100" in p["care.hvb.cost_per_day"].source
    assert "Kolada 2024 och verksamhetssystemet" in p["care.hvb.cost_per_day"].source
    # Forms left out keep their values.
    assert p.value("care.kinship_home.children") == 40


def test_family_home_costs_average_to_n33101_keeping_their_ratios(default_params, calibrated):
    p = calibrated.params
    assert family_home_cost(p) == pytest.approx(1_250, abs=1.0)  # whole kronor
    before = [default_params.value(f"care.{f}.cost_per_day") for f in FAMILY_HOME_FORMS]
    after = [p.value(f"care.{f}.cost_per_day") for f in FAMILY_HOME_FORMS]
    assert_allclose([a / b for a, b in zip(after, before, strict=True)], calibrated.family_home_cost_factor, rtol=2e-3)
    assert all("N33101" in p[f"care.{f}.cost_per_day"].source for f in FAMILY_HOME_FORMS)


def test_durations_scale_so_that_the_steady_state_starts_last_years_placements(default_params, calibrated):
    assert calibrated.after["placements_started_per_year"] == pytest.approx(95, rel=5e-3)
    k = calibrated.duration_factor
    for f in PLACEMENT_FORMS:
        assert calibrated.params.value(f"care.{f}.duration_months") == pytest.approx(
            default_params.value(f"care.{f}.duration_months") * k, abs=0.006
        )
    # In-home support is a course, not a placement: unchanged.
    assert calibrated.params.value("care.in_home.duration_months") == default_params.value(
        "care.in_home.duration_months"
    )


def test_the_model_reproduces_the_figures_in_its_first_year(calibrated):
    """The baseline is a steady state: children in care stay at the municipality's figures."""
    res = model.run(calibrated.params)
    first = res.by_form[res.by_form["year"] == res.yearly["year"].iloc[0]].set_index("care_form")
    for form, n in OWN["children"].items():
        assert first.loc[form, "children_baseline"] == pytest.approx(n, rel=0.02)  # grows with the population
    starts = res.yearly["placements_started_baseline"].iloc[0]
    assert starts == pytest.approx(95, rel=0.02)
    cost = res.yearly["cost_baseline_sek"].iloc[0]
    assert cost == pytest.approx(calibrated.after["cost_per_year_sek"], rel=0.02)


def test_before_and_after_are_the_baselines_of_the_two_sets(default_params, calibrated):
    assert calibrated.before == baseline_figures(default_params)
    assert calibrated.after == baseline_figures(calibrated.params)
    assert calibrated.after["children_placed"] > calibrated.before["children_placed"]
    assert calibrated.after["cost_per_year_sek"] > calibrated.before["cost_per_year_sek"]
    assert calibrated.after["placements_started_per_1000"] == pytest.approx(1000 * 95 / 26_000, rel=5e-3)


def test_todays_figures_change_nothing_that_matters(default_params):
    now = baseline_figures(default_params)
    c = calibrate(
        default_params,
        children_0_20=now["children_0_20"],
        hvb_cost_per_day=now["hvb_cost_per_day"],
        family_home_cost_per_day=now["family_home_cost_per_day"],
        placements_started_per_year=now["placements_started_per_year"],
    )
    assert c.duration_factor == pytest.approx(1.0, abs=1e-6)
    assert c.family_home_cost_factor == pytest.approx(1.0, abs=1e-9)
    for key in ("cost_per_year_sek", "placements_started_per_year", "children_placed"):
        assert c.after[key] == pytest.approx(now[key], rel=1e-3), key


@pytest.mark.parametrize("starts", [60, 75, 120, 300])
def test_more_starts_mean_shorter_stays(default_params, starts):
    c = calibrate(default_params, placements_started_per_year=starts)
    now = baseline_figures(default_params)["placements_started_per_year"]
    assert (c.duration_factor < 1) == (starts > now)
    assert c.after["placements_started_per_year"] == pytest.approx(starts, rel=5e-3)
    check_baseline(c.params)


def test_unreachable_starts_name_the_possible_range(default_params):
    with pytest.raises(model.ParameterError) as err:
        calibrate(default_params, placements_started_per_year=5)
    exc = err.value
    assert (exc.field, exc.code) == ("placements_started_per_year", "calibration_unreachable")
    assert exc.details["low"] > 5 and exc.details["high"] > exc.details["low"]


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"hvb_cost_per_day": -1}, "care.hvb.cost_per_day", "below_domain"),
        ({"children_0_20": 0}, "population.children_0_20", "below_domain"),
        ({"children": {"hvb": math.nan}}, "care.hvb.children", "not_finite"),
        ({"children": {"castle": 3}}, "care.castle.children", "unknown_care_form"),
        ({"placements_started_per_year": 0}, "placements_started_per_year", "below_domain"),
        ({"children": {"sis": 0, "hvb": 40}}, "care.sis.children", "negative_inflow"),
    ],
)
def test_bad_figures_are_refused(default_params, kwargs, field, code):
    with pytest.raises(model.ParameterError) as err:
        calibrate(default_params, **kwargs)
    assert (err.value.field, err.value.code) == (field, code)


def test_the_small_preset_calibrates_too(small_params):
    c = calibrate(small_params, children_0_20=3_600, placements_started_per_year=14, hvb_cost_per_day=8_000)
    assert c.after["placements_started_per_year"] == pytest.approx(14, rel=5e-3)
    model.run(c.params, model.Scenario(shift_sek_per_year=2e6))
