"""The employment area (financial assistance → work) on the care model's engine.

Calibration (the baseline reproduces the preset's households and cost),
Little's law on the engine's own output, a zero shift that is the baseline,
invariants on random draws within every range, the direction of effects, a
hand-computed one-stock case matched to the krona, the municipal tax flag and
the command line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

import model
from model.analysis.breakeven import payback_answers
from model.area import load_area
from model.baseline import exit_probability
from model.care import simulate_care
from model.cli import main as cli_main
from model.fields import PRICE_INDEXES
from model.text.i18n import fmt_mnkr

ROOT = Path(__file__).resolve().parents[1]
DAYS_PER_YEAR = 365.0
ON_ASSISTANCE = ("short_term", "long_term")
IPS_AND_TRAINING = {"ips": 0.5, "workplace_training": 0.5}


@pytest.fixture(scope="module")
def employment() -> model.Parameters:
    return model.load_parameters(area="employment")


@pytest.fixture(scope="module")
def employment_small() -> model.Parameters:
    return model.load_parameters(area="employment", preset="small")


def _households(params: model.Parameters) -> float:
    return sum(params.value(f"care.{f}.children") for f in ON_ASSISTANCE)


def _yearly_cost(params: model.Parameters) -> float:
    return sum(
        params.value(f"care.{f}.children") * params.value(f"care.{f}.cost_per_day") * DAYS_PER_YEAR
        for f in ON_ASSISTANCE
    )


# --- calibration ---------------------------------------------------------------------------


@pytest.mark.parametrize("preset", ["default", "small"])
def test_the_baseline_reproduces_the_presets_households_and_cost_in_year_one(preset):
    params = model.load_parameters(area="employment", preset=preset)
    y = model.run(params, model.Scenario(mix={})).yearly.iloc[0]
    assert y["children_placed_baseline"] == pytest.approx(_households(params), rel=0.01)
    assert y["cost_baseline_sek"] == pytest.approx(_yearly_cost(params), rel=0.01)
    assert y["cost_external_baseline_sek"] == pytest.approx(_yearly_cost(params), rel=0.01)


def test_the_default_matches_the_national_statistics_it_was_calibrated_to(employment):
    y = model.run(employment, model.Scenario(mix={})).yearly.iloc[0]
    # 1 033 kr per inhabitant paid out in 2024 (Regionfakta), 100 000 inhabitants.
    assert y["cost_baseline_sek"] / employment.value("population.inhabitants") == pytest.approx(1033, rel=0.01)
    # About 1 % of adults on assistance in a month (national monthly statistics).
    assert y["children_placed_baseline"] / employment.value("population.adults") == pytest.approx(0.01, abs=0.0015)
    # 40 % of the year's households long-term => 0.65 of the stock.
    assert y["children_long_term_baseline"] / y["children_placed_baseline"] == pytest.approx(0.65, abs=0.01)
    # Cost per household-month: 75 045 kr a household-year over 6.8 months.
    per_month = y["cost_baseline_sek"] / y["children_placed_baseline"] / 12
    assert per_month == pytest.approx(75_045 / 6.8, rel=0.02)


def test_stock_is_inflow_times_mean_duration_on_the_engines_output(employment):
    """Little's law: households on assistance = entries a month × mean months on assistance per entry."""
    params = employment.with_values({"population.growth_per_year": 0.0})
    r = model.run(params, model.Scenario(mix={}))
    y = r.yearly.iloc[-1]
    v = params.values()
    p_short, p_long, p_after = (exit_probability(v[f"care.{f}.duration_months"]) for f in
                                ("short_term", "long_term", "after_exit"))
    x_short, x_long = y["children_short_term_baseline"], y["children_long_term_baseline"]
    share_long = v["flow.short_term.long_term"]
    # New households a month (the engine's starts) enter short-term assistance, a few long-term directly
    # (what the preset's long-term stock needs beyond the short-term spells that become long-term).
    new = y["placements_started_baseline"] / 12
    new_long = x_long * p_long - x_short * p_short * share_long
    assert 0 <= new_long < 0.05 * new
    returns = y["children_after_exit_baseline"] * p_after * v["flow.after_exit.short_term"]
    into_short = new - new_long + returns
    # Each state: its households are what enters it a month times its mean stay (1 / p months) ...
    assert x_short == pytest.approx(into_short / p_short, rel=1e-6)
    assert x_long == pytest.approx((x_short * p_short * share_long + new_long) / p_long, rel=1e-6)
    # ... and all on assistance: entries a month times the mean months on assistance per entry.
    months_per_entry = 1 / p_short + share_long / p_long
    assert y["children_placed_baseline"] == pytest.approx(into_short * months_per_entry + new_long / p_long, rel=1e-6)


# --- a zero shift, invariants, direction -----------------------------------------------------


def test_no_shift_is_exactly_the_baseline(employment):
    r = model.run(employment, model.Scenario(shift_sek_per_year=0.0, mix=IPS_AND_TRAINING))
    y = r.yearly
    for name in ("cost", "children_placed", "children_short_term", "children_long_term", "children_after_exit"):
        col = f"{name}_baseline_sek" if name == "cost" else f"{name}_baseline"
        assert np.array_equal(y[col].to_numpy(), y[col.replace("baseline", "scenario")].to_numpy()), name
    assert (y["net_sek"] == 0).all() and r.summary.municipal_tax_sek == 0


def _draws(params: model.Parameters, n: int, seed: int) -> dict[str, np.ndarray]:
    """Every parameter drawn uniformly within its low–high range."""
    rng = np.random.default_rng(seed)
    return {p.name: rng.uniform(p.low, p.high, n) for p in params.parameters}


def test_invariants_hold_on_random_draws_within_every_range(employment):
    values = _draws(employment, 200, seed=13)
    ids = employment.measure_ids
    rng = np.random.default_rng(1)
    shares = rng.dirichlet(np.ones(len(ids)))
    scenario = model.Scenario(shift_sek_per_year=8e6, mix=dict(zip(ids, shares, strict=True)), ramp_years=2)
    run = simulate_care(values, employment.measures, scenario, employment.area, strict=False)
    occ = run.occupancy  # (2, D, T+1, S)
    assert (occ >= 0).all() and np.isfinite(occ).all()
    assert (run.spent >= -1e-9).all() and (run.spent <= run.allocated + 1e-6).all()
    # People are conserved: everyone (the exit state included) is who was there plus who came in.
    base_inflow = occ[0, :, 1:, :].sum(-1) - occ[0, :, :-1, :].sum(-1)
    scen_inflow = occ[1, :, 1:, :].sum(-1) - occ[1, :, :-1, :].sum(-1)
    assert (base_inflow >= -1e-9).all()
    # The measures change how long households stay, not how many new ones come: the same inflow.
    assert_allclose(scen_inflow, base_inflow, rtol=1e-9, atol=1e-9)
    on = [run.states.index[f] for f in ON_ASSISTANCE]
    assert (occ[1][..., on].sum(-1) <= occ[0][..., on].sum(-1) + 1e-9).all()


@pytest.mark.parametrize("mix", [IPS_AND_TRAINING, {"case_management": 1.0}, {"fontanhus": 1.0},
                                 {"social_enterprise": 1.0}, {"occupational_therapist": 1.0}])
def test_more_money_never_raises_the_number_on_assistance(employment, mix):
    before = None
    for mnkr in (0, 1, 3, 6, 12):
        y = model.run(employment, model.Scenario(shift_sek_per_year=mnkr * 1e6, mix=mix)).yearly
        now = y["children_placed_scenario"].to_numpy()
        assert (now <= y["children_placed_baseline"].to_numpy() + 1e-9).all()
        if before is not None:
            assert (now <= before + 1e-9).all(), mnkr
        before = now


@pytest.mark.parametrize("measure", ["ips", "workplace_training", "case_management", "fontanhus"])
def test_a_larger_effect_never_raises_the_number_on_assistance(employment, measure):
    name = f"measure.{measure}.exit_increase"
    before = None
    for effect in np.linspace(0.0, employment[name].high, 4):
        params = employment.with_values({name: float(effect)})
        y = model.run(params, model.Scenario(shift_sek_per_year=5e6, mix={measure: 1.0})).yearly
        now = y["children_placed_scenario"].to_numpy()
        if before is not None:
            assert (now <= before + 1e-9).all(), effect
        before = now
    # And zero effect leaves the households where the baseline has them.
    zero = model.run(employment.with_values({name: 0.0}), model.Scenario(shift_sek_per_year=5e6, mix={measure: 1.0}))
    assert_allclose(zero.yearly["children_placed_scenario"], zero.yearly["children_placed_baseline"], rtol=1e-12)


# --- a hand-computed case --------------------------------------------------------------------

ONE_STOCK_AREA = """\
id: one_stock
label_sv: Ett bestånd
roles:
  exit: left
care_forms:
  - {id: assisted, label_sv: Bistånd, placement: true, purchased: true, cash: true}
  - {id: left, label_sv: Lämnat, cash: true}
"""


def _row(name: str, value: float) -> str:
    return f"  - {{name: {name}, value: {value}, unit: '-', low: {value}, high: {value}, source: hand, status: E}}\n"


ONE_STOCK_PARAMETERS = (
    "format: omstallningskalkylen/parameters-v1\nname: Handräknad\nprice_year: 2024\narea: one_stock\n"
    "measures:\n"
    "  - {id: job_coach, label_sv: Jobbcoach, mechanism: exit_rate, unit: participant, targets: [assisted]}\n"
    "parameters:\n"
    + _row("population.inhabitants", 10_000)
    + _row("population.children_0_20", 2_000)
    + _row("population.growth_per_year", 0.0)
    + _row("economics.discount_rate", 0.0)
    + _row("economics.real_cost_growth", 0.0)
    + _row("reporting.small_count_threshold", 5)
    + _row("care.assisted.children", 100)
    + _row("care.assisted.cost_per_day", 300)
    + _row("care.assisted.duration_months", 10)
    + _row("flow.assisted.left", 1.0)
    + _row("measure.job_coach.cost_per_unit", 120_000)
    + _row("measure.job_coach.participants_per_unit", 1)
    + _row("measure.job_coach.target_share", 1.0)
    + _row("measure.job_coach.exit_increase", 0.02)
    + _row("measure.job_coach.delay_months", 0)
    + _row("measure.job_coach.fade_months", 1)
    + _row("measure.job_coach.deadweight", 0.0)
    + _row("measure.job_coach.startup_cost", 0)
    + _row("measure.job_coach.lead_time_months", 0)
    + _row("measure.job_coach.notice_months", 0)
    + "".join(_row(f"prices.{kind}.index_per_year", 0.0) for kind in PRICE_INDEXES)
)


def test_a_hand_computed_one_stock_case_matches_the_engine_to_the_krona(tmp_path):
    (tmp_path / "one_stock.yaml").write_text(ONE_STOCK_AREA, encoding="utf-8")
    (tmp_path / "set.yaml").write_text(ONE_STOCK_PARAMETERS, encoding="utf-8")
    params = model.load_parameters(tmp_path / "set.yaml", area=load_area(tmp_path / "one_stock.yaml"))
    result = model.run(params, model.Scenario(shift_sek_per_year=1_200_000, mix={"job_coach": 1.0}, horizon_years=3))

    # By hand: 1.2 mnkr a year is 100 000 kr a month = 10 places of 120 000 kr a year, 10 of the 100
    # households at a time (coverage 0.1). Their hazard rises by 0.02 a month, the stock's by
    # 0.1 × 0.02 = 0.002 on top of 1/10: the monthly exit probability goes from 1 − e^−0.1 to 1 − e^−0.102.
    p_base, p_scen = 1 - np.exp(-0.1), 1 - np.exp(-0.102)
    inflow = 100 * p_base  # keeps 100 households steady
    month_price = 300 * 365 / 12
    x_base = x_scen = 100.0
    cost_base = cost_scen = 0.0
    for _ in range(36):
        cost_base += x_base * month_price
        cost_scen += x_scen * month_price + 100_000  # the money used: every krona buys places
        x_base = x_base * (1 - p_base) + inflow
        x_scen = x_scen * (1 - p_scen) + inflow
    assert x_base == pytest.approx(100.0)
    s = result.summary
    assert s.net_total_sek == pytest.approx(cost_scen - cost_base, abs=1.0)
    assert result.yearly["cost_baseline_sek"].sum() == pytest.approx(cost_base, abs=1.0)
    assert s.prevention_spent_sek == pytest.approx(3_600_000, abs=1.0)


# --- money -----------------------------------------------------------------------------------


def test_the_municipal_tax_is_shown_apart_and_counted_only_on_request(employment):
    off = model.run(employment, model.Scenario(shift_sek_per_year=5e6, mix=IPS_AND_TRAINING))
    on = model.run(employment, model.Scenario(shift_sek_per_year=5e6, mix=IPS_AND_TRAINING, count_municipal_tax=True))
    tax = off.yearly["municipal_tax_sek"].to_numpy()
    y = off.yearly
    fewer = (y["children_placed_baseline"] - y["children_placed_scenario"]).to_numpy()
    rate = employment.value("economics.municipal_tax_rate") * employment.value("work.earnings_per_month")
    assert (tax > 0).all()
    assert tax.sum() == pytest.approx(fewer.sum() * 12 * rate, rel=1e-3)  # households kept off × a year's tax
    assert_allclose(on.yearly["net_sek"].to_numpy(), off.yearly["net_sek"].to_numpy() - tax, atol=1e-6)
    assert off.summary.municipal_tax_sek == pytest.approx(tax.sum())
    # The mechanisms still add up to the net, with the tax rows when it is counted.
    for r in (off, on):
        assert_allclose(r.by_mechanism.groupby("year")["net_sek"].sum().to_numpy(), r.yearly["net_sek"].to_numpy(),
                        atol=1.0)
    assert "municipal_tax" in set(on.by_mechanism["mechanism"])
    assert "municipal_tax" not in set(off.by_mechanism["mechanism"])


def test_the_default_scenario_uses_the_areas_own_catalogue(employment):
    r = model.run(employment, model.Scenario(shift_sek_per_year=5e6))
    assert r.scenario.mix_dict == IPS_AND_TRAINING
    u = model.run_uncertainty(employment, model.Scenario(shift_sek_per_year=5e6), draws=50, seed=3)
    assert 0.0 <= u.summary.probability_net_saving <= 1.0
    assert u.summary.net_total_sek_central == pytest.approx(r.summary.net_total_sek)


def test_a_measure_of_the_other_area_is_refused_by_the_model(employment):
    with pytest.raises(ValueError, match="parent_training"):
        model.run(employment, model.Scenario(shift_sek_per_year=5e6, mix={"parent_training": 1.0}))


# --- command line ----------------------------------------------------------------------------


def test_cli_lists_the_areas(capsys):
    assert cli_main(["areas"]) == 0
    ids = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert ids == ["children", "employment"]


def test_cli_lists_an_areas_presets_and_measures(capsys, employment):
    assert cli_main(["presets", "--area", "employment"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == [
        "employment_default", "employment_small"]
    assert cli_main(["measures", "--area", "employment"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == list(employment.measure_ids)


def test_cli_runs_the_employment_area(tmp_path, employment):
    out = tmp_path / "bistand.csv"
    proc = subprocess.run(
        [sys.executable, "-m", "model", "run", "--area", "employment", "--shift-mnkr", "5",
         "--mix", "ips=0.5,workplace_training=0.5", "--output", str(out)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    expected = model.run(employment, model.Scenario(shift_sek_per_year=5e6, mix=IPS_AND_TRAINING)).summary
    assert fmt_mnkr(expected.net_total_sek, "en") in proc.stdout
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "field", "words"),
    [
        (["--area", "transport"], "--area", "okänt område 'transport'"),
        (["--area", "employment", "--mix", "ips=0.5,parent_training=0.5"], "--mix", "finns inte i området"),
        (["--mix", "ips=1"], "--mix", "finns inte i området children"),
        (["--area", "employment", "--mix", "ips=0.5,parent_training=0.5", "--language", "en"], "--mix",
         "is not in the area employment"),
    ],
    ids=["unknown-area", "measure-of-the-other-area", "employment-measure-in-children", "english"],
)
def test_cli_bad_area_input_exits_2_naming_the_field(tmp_path, capsys, args, field, words):
    out = tmp_path / "out.csv"
    assert cli_main(["run", "--shift-mnkr", "5", *args, "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert field in err and words in err and "Traceback" not in err
    assert not out.exists()


def test_break_even_asks_how_large_an_exit_rate_increase_ips_needs(employment):
    scenario = model.Scenario(shift_sek_per_year=5e6, mix={"ips": 1.0})
    (answer,) = payback_answers(employment, scenario, 2030)
    assert answer.parameter == "measure.ips.exit_increase" and answer.status == "found"
    assert answer.value > employment.value("measure.ips.exit_increase")  # the default does not pay back by 2030
    at = employment.with_values({"measure.ips.exit_increase": answer.value * 1.01})
    payback = model.run(at, scenario).summary.payback_year
    assert payback is not None and payback <= 2030
