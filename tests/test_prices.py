"""Fixed and current prices, real cost growth for every kind, start-up costs, lead times and notice (issue 10).

Everything through the public API: model.run, model.Scenario, res.yearly, res.by_measure, res.summary.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose

import model
from model.cli import main
from model.errors import ParameterError, ScenarioFileError
from model.files.scenario_json import scenario_from_dict, scenario_to_dict
from model.levers import check_levers, default_levers, levers_from_scenario, scenario_from_levers
from ui.errors import message  # the words the app shows for a refused value

KINDS = ("purchased_care", "family_home_fees", "staff", "other")
INDEX = "prices.{}.index_per_year"
MONEY = [
    "cost_baseline_sek", "cost_scenario_sek", "net_sek", "cost_external_baseline_sek", "cost_own_care_scenario_sek",
    "cost_in_home_scenario_sek", "cost_prevention_sek", "prevention_startup_sek", "prevention_allocated_sek",
]
PT = "measure.parent_training."


@pytest.fixture(scope="module")
def params():
    return model.load_parameters()


def _parent_training(params, **values):
    """Parent training alone, 1 mnkr a year (inside its target group), with some of its timing set."""
    p = params.with_values({PT + k: v for k, v in values.items()})
    return p, dict(shift_sek_per_year=1_000_000, mix={"parent_training": 1.0})


def test_current_prices_equal_fixed_prices_when_every_index_is_zero(params):
    flat = params.with_values({INDEX.format(k): 0.0 for k in KINDS})
    sc = model.Scenario(shift_sek_per_year=10e6)
    fixed, current = model.run(flat, sc), model.run(flat, sc.with_(price_basis="current"))
    assert_allclose(current.yearly[MONEY], fixed.yearly[MONEY], rtol=1e-12)
    assert current.summary.npv_sek == pytest.approx(fixed.summary.npv_sek, rel=1e-12)
    assert current.summary.discount_rate == pytest.approx(fixed.summary.discount_rate)


def test_current_prices_raise_each_cost_kind_by_its_own_index(params):
    only_purchased = params.with_values({INDEX.format(k): 0.0 for k in KINDS} | {INDEX.format("purchased_care"): 0.05})
    sc = model.Scenario()
    fixed, current = model.run(only_purchased, sc), model.run(only_purchased, sc.with_(price_basis="current"))
    years = current.yearly["year"].to_numpy()
    factor = 1.05 ** (years - params.price_year)  # from the price year 2024 to each budget year
    assert_allclose(current.yearly["cost_external_baseline_sek"], fixed.yearly["cost_external_baseline_sek"] * factor)
    # Own family homes and in-home support are other kinds: unchanged.
    assert_allclose(current.yearly["cost_own_care_baseline_sek"], fixed.yearly["cost_own_care_baseline_sek"])
    assert_allclose(current.yearly["cost_in_home_baseline_sek"], fixed.yearly["cost_in_home_baseline_sek"])


def test_the_amount_moved_is_in_the_chosen_basis_and_buys_less_each_year_in_current_prices(params):
    p, levers = _parent_training(params, startup_cost=0.0, lead_time_months=0)
    fixed = model.run(p, model.Scenario(**levers))
    current = model.run(p, model.Scenario(**levers, price_basis="current"))
    # The same kronor moved every year ...
    assert_allclose(current.yearly["shift_sek"], fixed.yearly["shift_sek"])
    # ... buy fewer families as wages rise (staff index 2.5 % a year from 2024).
    staff = 1 + p.value(INDEX.format("staff"))
    years = current.yearly["year"].to_numpy()
    assert_allclose(current.yearly["families_reached"], fixed.yearly["families_reached"] / staff ** (years - 2024))


def test_discounting_is_real_with_fixed_prices_and_nominal_with_current(params):
    sc = model.Scenario(shift_sek_per_year=10e6)
    real = params.value("economics.discount_rate")
    cpi = params.value(INDEX.format("other"))
    fixed, current = model.run(params, sc), model.run(params, sc.with_(price_basis="current"))
    assert fixed.summary.discount_rate == pytest.approx(real)
    assert current.summary.discount_rate == pytest.approx((1 + real) * (1 + cpi) - 1)
    k = np.arange(len(current.yearly))
    rate = current.summary.discount_rate
    assert_allclose(current.yearly["discounted_net_sek"], current.yearly["net_sek"] / (1 + rate) ** k)
    # A scenario's own (real) discount rate is made nominal the same way.
    own = model.run(params, sc.with_(price_basis="current", discount_rate=0.01))
    assert own.summary.discount_rate == pytest.approx(1.01 * (1 + cpi) - 1)


def test_real_cost_growth_applies_to_every_cost_kind(params):
    g = 0.02
    p0, levers = _parent_training(params, startup_cost=0.0, lead_time_months=0)
    p1 = p0.with_values({"economics.real_cost_growth": g})
    base0, base1 = model.run(p0, model.Scenario(**levers)), model.run(p1, model.Scenario(**levers))
    y0, y1 = base0.yearly, base1.yearly
    # Care bought, own family homes and in-home support grow alike (month by month, so compare ratios).
    ratio = y1["cost_external_baseline_sek"] / y0["cost_external_baseline_sek"]
    assert (np.diff(ratio) > 0).all()
    # (the yearly ratios differ only by how the stock moves within a year: under 1e-5)
    assert_allclose(y1["cost_own_care_baseline_sek"] / y0["cost_own_care_baseline_sek"], ratio, rtol=1e-4)
    assert_allclose(y1["cost_in_home_baseline_sek"] / y0["cost_in_home_baseline_sek"], ratio, rtol=1e-4)
    # The measure's unit cost grows too: the same money (all used) reaches fewer families, by the same ratio.
    assert_allclose(y1["cost_prevention_sek"], y0["cost_prevention_sek"])
    assert_allclose(y0["families_reached"] / y1["families_reached"], ratio, rtol=1e-3)


def test_start_up_costs_appear_only_in_the_first_funded_year(params):
    sc = model.Scenario(shift_sek_per_year=10e6, start_year=2029)
    bm = model.run(params, sc).by_measure
    startup = bm.groupby("year")["startup_sek"].sum()
    assert startup.loc[2029] > 0
    assert (startup.drop(2029) == 0).all()
    mix = sc.mix_dict
    expected = sum(params.value(f"measure.{m}.startup_cost") for m, share in mix.items() if share > 0)
    assert startup.loc[2029] == pytest.approx(expected)  # every funded measure pays its own, in fixed prices
    per_measure = bm[bm.year == 2029].set_index("measure")["startup_sek"]
    for m in mix:
        assert per_measure[m] == pytest.approx(params.value(f"measure.{m}.startup_cost"))
    # The start-up cost is money used: in the spending of its year and in the net.
    assert (bm["spent_sek"] >= bm["startup_sek"]).all()


def test_a_start_up_cost_in_current_prices_is_raised_by_the_other_index(params):
    sc = model.Scenario(shift_sek_per_year=10e6, price_basis="current")
    startup = model.run(params, sc).yearly["prevention_startup_sek"]
    other = 1 + params.value(INDEX.format("other"))
    fixed_total = sum(params.value(f"measure.{m}.startup_cost") for m in sc.mix_dict)
    assert startup.iloc[0] == pytest.approx(fixed_total * other ** (2027 - 2024))


def test_lead_time_delays_the_service(params):
    p0, levers = _parent_training(params, startup_cost=0.0, lead_time_months=0)
    p6, _ = _parent_training(params, startup_cost=0.0, lead_time_months=6)
    p12, _ = _parent_training(params, startup_cost=50_000.0, lead_time_months=12)
    y0 = model.run(p0, model.Scenario(**levers)).yearly
    y6 = model.run(p6, model.Scenario(**levers)).yearly
    y12 = model.run(p12, model.Scenario(**levers)).yearly
    assert y6["families_reached"].iloc[0] == pytest.approx(y0["families_reached"].iloc[0] / 2)
    assert y6["cost_prevention_sek"].iloc[0] == pytest.approx(500_000)
    assert_allclose(y6["families_reached"].iloc[1:], y0["families_reached"].iloc[1:])
    # A year's lead time: the first year buys nothing; only the start-up cost is used, the rest is unused.
    assert y12["families_reached"].iloc[0] == 0
    assert y12["cost_prevention_sek"].iloc[0] == pytest.approx(50_000)
    assert y12["prevention_unused_sek"].iloc[0] == pytest.approx(950_000)
    # Fewer families reached early: fewer placements avoided in the first years.
    assert y12["placements_avoided"].iloc[:2].sum() < y0["placements_avoided"].iloc[:2].sum()


def test_recruitment_keeps_its_own_lead_time_and_gets_no_second_one(params):
    """Recruiting family homes: lead_time_months is the time to a home ready (recruiters start at once)."""
    sc = model.Scenario(shift_sek_per_year=4e6, mix={"family_homes": 1.0})
    p = params.with_values({"measure.family_homes.startup_cost": 0.0})
    bm = model.run(p, sc).by_measure
    assert bm.loc[bm.year == 2027, "spent_sek"].iloc[0] > 0  # money used from the first year


@pytest.mark.parametrize("notice", [0, 3, 6])
def test_stopping_a_measure_stops_its_spending_after_the_notice_period(params, notice):
    p, levers = _parent_training(params, startup_cost=0.0, lead_time_months=0, notice_months=notice)
    y = model.run(p, model.Scenario(**levers, end_year=2030)).yearly.set_index("year")
    assert y.loc[2030, "prevention_allocated_sek"] == pytest.approx(1_000_000)
    assert y.loc[2031, "prevention_allocated_sek"] == 0
    # The staff work out their notice: the last month's spending goes on for `notice` months, outside the shift.
    assert y.loc[2031, "cost_prevention_sek"] == pytest.approx(1_000_000 * notice / 12)
    assert (y.loc[2032:, "cost_prevention_sek"] == 0).all()
    assert y.loc[2031, "families_reached"] == pytest.approx(y.loc[2030, "families_reached"] * notice / 12)


def test_end_year_is_a_lever_in_the_scenario_file(params):
    sc = model.Scenario(shift_sek_per_year=10e6, end_year=2031, price_basis="current")
    back = scenario_from_dict(scenario_to_dict(sc))
    assert back == sc
    assert sum(1 for x in sc.shift_by_year() if x > 0) == 5


# --- bad input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value, code", [(-0.11, "below_domain"), (0.21, "above_domain")])
def test_an_index_outside_minus_10_to_20_percent_a_year_is_refused_naming_it(params, value, code):
    name = INDEX.format("purchased_care")
    with pytest.raises(ParameterError) as err:
        params.with_values({name: value})
    assert err.value.field == name and err.value.code == code


def test_the_index_limits_are_allowed(params):
    for value in (-0.1, 0.2):
        params.with_values({INDEX.format("staff"): value})


def test_a_start_up_cost_that_is_not_a_number_is_refused_naming_it(params, tmp_path):
    path = tmp_path / "set.yaml"
    model.save_parameters(params, path)
    text = path.read_text(encoding="utf-8")
    name = "measure.mst.startup_cost"
    start = text.index(f"name: {name}")
    value_at = text.index("value:", start)
    end = text.index("\n", value_at)
    path.write_text(text[:value_at] + "value: fyrahundratusen" + text[end:], encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        model.load_parameters(path)
    assert name in err.value.field


@pytest.mark.parametrize("basis", ["nominal", "löpande", "", None, 1])
def test_an_unknown_price_basis_is_refused_naming_it(basis):
    with pytest.raises(ValueError, match="price_basis"):
        model.Scenario(price_basis=basis)


def test_an_unknown_price_basis_in_a_scenario_file_names_the_field():
    doc = scenario_to_dict(model.Scenario(shift_sek_per_year=10e6))
    doc["price_basis"] = "löpande"
    with pytest.raises(ScenarioFileError) as err:
        scenario_from_dict(doc)
    assert err.value.field == "scenario.price_basis" and err.value.code == "bad_choice"


def test_the_price_basis_is_a_lever(params):
    levers = default_levers(params)
    assert levers["prices"] == "fixed"
    current = {**levers, "prices": "current"}
    sc = scenario_from_levers(check_levers(current, params), params)
    assert sc.price_basis == "current"
    assert levers_from_scenario(sc, params)["prices"] == "current"
    with pytest.raises(ScenarioFileError) as err:
        check_levers({**levers, "prices": "nominal"}, params)
    assert err.value.field == "levers.prices"


def test_every_cost_kind_has_an_index_and_every_care_form_a_kind(params):
    for kind in KINDS:
        p = params[INDEX.format(kind)]
        assert p.source and p.unit and p.low <= p.value <= p.high
    assert {c.price_index for c in params.area.care_forms} <= set(KINDS)
    assert pd.Series([c.price_index for c in params.area.care_forms if c.purchased]).eq("purchased_care").all()


def test_bad_price_input_gets_a_swedish_message_naming_the_field(params):
    with pytest.raises(ParameterError) as err:
        params.with_values({INDEX.format("staff"): 0.25})
    text = message(err.value, "sv")
    assert INDEX.format("staff") in text and "större än det största tillåtna värdet" in text
    doc = scenario_to_dict(model.Scenario())
    doc["price_basis"] = "löpande"
    with pytest.raises(ScenarioFileError) as bad:
        scenario_from_dict(doc)
    text = message(bad.value, "sv")
    assert "scenario.price_basis" in text and "'löpande'" in text and "fixed, current" in text


def test_the_command_line_refuses_an_unknown_price_basis_naming_it(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["run", "--price-basis", "nominal", "--output", str(tmp_path / "r.csv")])
    assert stop.value.code == 2
    assert "--price-basis" in capsys.readouterr().err
    assert main(["run", "--shift-mnkr", "10", "--price-basis", "current", "-o", str(tmp_path / "r.csv")]) == 0
    assert "current prices" in capsys.readouterr().out



@pytest.mark.parametrize("shared", [True, False], ids=["one start for every draw", "a start per draw"])
def test_funding_splits_each_draw_and_month_as_the_rule_says(params, shared):
    """model.funding.fund against its rule written out per draw and month (fund skips months and masks)."""
    from model.funding import STARTUP_MONTHS, fund

    rng = np.random.default_rng(5)
    d, months = 40, 60
    measures = [m for m in params.measures if m.mechanism in ("prevention", "recruitment")][:3]
    assert {m.mechanism for m in measures} == {"prevention", "recruitment"}
    starts = np.full(d, 7) if shared else rng.integers(0, months, d)
    money = np.where(np.arange(months)[None, :] >= starts[:, None], rng.uniform(1e4, 1e5, (d, months)), 0.0)
    if shared:  # the same money for every draw, as model.care.allocation gives it: a broadcast view
        money = np.broadcast_to(money[:1], money.shape)
    values = {}
    for m in measures:
        values[f"measure.{m.id}.startup_cost"] = rng.uniform(0.0, 6e5, d)
        values[f"measure.{m.id}.lead_time_months"] = rng.uniform(0.0, 9.0, d)
        values[f"measure.{m.id}.notice_months"] = np.full(d, 3.0)
    service_factor, startup_factor = (1.0 + rng.uniform(0.0, 0.1, (d, months)) for _ in range(2))
    allocated = np.stack([money] * len(measures), axis=-1)
    if shared:
        allocated = np.broadcast_to(allocated[:1], allocated.shape)
    out = fund(values, measures, allocated, service_factor, startup_factor)
    for k, m in enumerate(measures):
        cost = values[f"measure.{m.id}.startup_cost"]
        lead = np.zeros(d) if m.mechanism == "recruitment" else np.rint(values[f"measure.{m.id}.lead_time_months"])
        for b in range(d):
            first = int(starts[b])
            for t in range(months):
                paid = min(money[b, t], cost[b] * startup_factor[b, t] / STARTUP_MONTHS)
                startup = paid if first <= t < first + STARTUP_MONTHS else 0.0
                service = (money[b, t] - startup) / service_factor[b, t] if t >= first + lead[b] else 0.0
                assert out.startup[b, t, k] == startup and out.service[b, t, k] == service, (m.id, b, t)


def test_state_prices_are_the_same_in_one_pass_and_state_by_state():
    """One factor for every kind (fixed prices: one pass) gives the array equal copies of it give (a pass per state)."""
    from model.prices import state_prices

    rng = np.random.default_rng(8)
    d, months, kinds = 30, 24, ("staff", "other", "staff", "purchased_care")
    factor = 1.0 + rng.uniform(0.0, 0.2, (d, months))
    per_month = rng.uniform(1e3, 1e5, (d, len(kinds)))
    shared = state_prices(per_month, dict.fromkeys(kinds, factor), kinds)
    apart = state_prices(per_month, {kind: factor.copy() for kind in kinds}, kinds)
    assert shared.shape == (d, months, len(kinds)) and np.array_equal(shared, apart)
    assert np.array_equal(shared, factor[:, :, None] * per_month[:, None, :])
