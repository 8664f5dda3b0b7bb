"""The employment area's calibration to the municipality's own households and assistance (issue 13)."""

from __future__ import annotations

import pytest

import model
from model.analysis.calibration import can_calibrate
from model.analysis.fit import stock_and_flow
from model.analysis.stock_calibration import calibrate_stock, calibrates_stock, stock_figures
from model.errors import ParameterError

EMPLOYMENT = model.load_parameters(area="employment")
#: A municipality's own figures: more households than the preset, a lower long-term share, its own amount.
OWN = {"households": 1_150, "paid_per_year_sek": 131_000_000, "long_term_share": 0.55}


@pytest.fixture(scope="module")
def calibrated():
    return calibrate_stock(EMPLOYMENT, **OWN, note="Kolada 2024")


def first_year(params: model.Parameters) -> dict[str, float]:
    res = model.run(params, model.Scenario(horizon_years=1))
    first = res.by_form[res.by_form["year"] == res.yearly["year"].iloc[0]].set_index("care_form")
    return {
        "households": float(res.yearly["children_placed_baseline"].iloc[0]),
        "long_term": float(first.loc["long_term", "children_baseline"]),
        "paid": float(res.yearly["cost_external_baseline_sek"].iloc[0]),
    }


def test_only_the_employment_area_has_a_long_term_stock():
    assert calibrates_stock(EMPLOYMENT.area) and not can_calibrate(EMPLOYMENT.area)
    assert not calibrates_stock(model.load_parameters().area)


def test_the_first_year_of_the_baseline_reproduces_the_entered_stock_and_cost(calibrated):
    """The issue's acceptance for a preset, here for the municipality's own figures: within 1 %."""
    year = first_year(calibrated.params)
    assert year["households"] == pytest.approx(OWN["households"], rel=0.01)
    assert year["long_term"] == pytest.approx(OWN["households"] * OWN["long_term_share"], rel=0.01)
    assert year["paid"] == pytest.approx(OWN["paid_per_year_sek"], rel=0.01)
    # The figures shown after the calibration are the set's.
    assert calibrated.after["households"] == pytest.approx(OWN["households"])
    assert calibrated.after["cost_per_year_sek"] == pytest.approx(OWN["paid_per_year_sek"], rel=1e-4)
    assert calibrated.after["cost_per_household_month"] == pytest.approx(131e6 / 12 / 1150, rel=1e-4)


def test_stock_is_inflow_times_mean_duration(calibrated):
    table = stock_and_flow(calibrated.params)
    assert list(table["form"]) == ["short_term", "long_term", "after_exit"]
    assert table["entries_times_stay"].to_numpy() == pytest.approx(table["children"].to_numpy(), rel=1e-9)
    # More households and a lower long-term share: more new households a year than before.
    assert calibrated.after["entries_per_year"] > calibrated.before["entries_per_year"]


def test_a_new_split_rescales_the_spells_that_turn_long_term(calibrated):
    before = EMPLOYMENT.value("flow.short_term.long_term")
    after = calibrated.params.value("flow.short_term.long_term")
    assert after == pytest.approx(before * calibrated.factors["long_term_flow"])
    assert after < before  # a lower long-term share: fewer short spells turn long-term
    assert after + calibrated.params.value("flow.short_term.after_exit") == pytest.approx(1.0)
    p = calibrated.params["care.long_term.children"]
    assert (p.value, p.low, p.high, p.status) == (pytest.approx(632.5), pytest.approx(632.5), pytest.approx(632.5), "F")
    assert "Kolada 2024" in p.note_sv


def test_households_during_the_year_set_the_monthly_stock():
    c = calibrate_stock(EMPLOYMENT, households_during_year=1_500)
    assert c.after["households_during_year"] == pytest.approx(1_500, rel=1e-9)
    # The split and the durations are today's: the stock scales with the households during the year.
    assert c.after["households"] == pytest.approx(780 * 1_500 / c.before["households_during_year"], rel=1e-9)
    assert c.after["long_term_share"] == pytest.approx(c.before["long_term_share"])
    assert first_year(c.params)["households"] == pytest.approx(c.after["households"], rel=0.01)


def test_the_small_preset_calibrates_from_households_during_the_year_with_a_new_split():
    small = model.load_parameters(area="employment", preset="employment_small")
    c = calibrate_stock(small, households_during_year=300, paid_per_year_sek=20_000_000, long_term_share=0.5)
    assert c.after["households_during_year"] == pytest.approx(300, rel=1e-9)
    assert c.after["long_term_share"] == pytest.approx(0.5)
    year = first_year(c.params)
    assert year["households"] == pytest.approx(c.after["households"], rel=0.01)
    assert year["paid"] == pytest.approx(20_000_000, rel=0.01)


def test_todays_figures_change_nothing():
    now = stock_figures(EMPLOYMENT)
    c = calibrate_stock(
        EMPLOYMENT,
        households=now["households"],
        paid_per_year_sek=now["cost_per_year_sek"],
        long_term_share=now["long_term_share"],
    )
    assert c.factors == {"cost": pytest.approx(1.0), "long_term_flow": 1.0}
    for name, value in EMPLOYMENT.values().items():
        assert c.params.value(name) == pytest.approx(value, rel=1e-6), name


def test_only_the_cost_entered_scales_the_cost_per_household_alone():
    c = calibrate_stock(EMPLOYMENT, paid_per_year_sek=51_673_050)  # half of today's
    assert c.factors["cost"] == pytest.approx(0.5, rel=1e-6)
    assert c.params.value("care.long_term.children") == EMPLOYMENT.value("care.long_term.children")
    assert c.params.value("care.short_term.cost_per_day") == pytest.approx(181.5, abs=0.01)


@pytest.mark.parametrize(
    ("kwargs", "field", "code"),
    [
        ({"households": 900, "households_during_year": 1_400}, "households_during_year", "calibration_both"),
        ({"households": -5}, "households", "below_domain"),
        ({"households_during_year": float("nan")}, "households_during_year", "not_finite"),
        ({"paid_per_year_sek": 0}, "paid_per_year_sek", "below_domain"),
        ({"long_term_share": 1.4}, "long_term_share", "above_domain"),
        ({"population": 0}, "population.adults", "below_domain"),
    ],
)
def test_bad_figures_are_refused_naming_the_field(kwargs, field, code):
    with pytest.raises(ParameterError) as info:
        calibrate_stock(EMPLOYMENT, **kwargs)
    assert (info.value.field, info.value.code) == (field, code)


def test_a_split_the_spells_cannot_feed_is_refused():
    """Almost no short-term households: their returns after an exit outnumber them (negative inflow)."""
    with pytest.raises(ParameterError) as info:
        calibrate_stock(EMPLOYMENT, long_term_share=0.99)
    assert info.value.code == "negative_inflow"
