"""Every budget line the shift touches, and who pays (issue 10), through the public API.

``res.budget_lines``: one row per year and line; the deviations of a year add
up to its net effect to the krona. ``res.by_payer``: the municipality, the
state (its part of SiS) and the region (its share of co-financed measures);
the payers add up to the public sector's cost. The statement in words names
the lines that do not hold.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import yaml
from numpy.testing import assert_allclose

import model
from model.files.budget_export import bibliography_table, budget_lines_csv, payers_csv
from model.levers import default_levers, scenario_from_levers
from model.resources import DATA_DIR
from model.text.budget_text import budget_statement
from model.text.i18n import fmt_mnkr

LINES = ["external", "own_care", "in_home", "prevention"]
PAYERS = ["municipality", "state", "region"]


@pytest.fixture(scope="module")
def default_run(default_params):
    return model.run(default_params, scenario_from_levers(default_levers(default_params), default_params))


SCENARIOS = {
    "default mix": {"family_homes": 0.4, "parent_training": 0.3, "early_intervention": 0.3},
    "review and homes": {"placement_review": 0.3, "family_homes": 0.7},
    "every measure": {"family_homes": 0.2, "parent_training": 0.1, "early_intervention": 0.1,
                      "placement_review": 0.2, "family_treatment": 0.1, "mst": 0.2, "youth_support_workers": 0.1},
}


@pytest.mark.parametrize("mix", SCENARIOS.values(), ids=SCENARIOS.keys())
@pytest.mark.parametrize("preset", ["default", "small"])
def test_budget_lines_add_up_to_the_net_to_the_krona(mix, preset):
    params = model.load_parameters(preset=preset)
    res = model.run(params, model.Scenario(shift_sek_per_year=5e6, mix=mix, ramp_years=3, horizon_years=12))
    lines = res.budget_lines
    assert list(lines.columns) == ["year", "line", "budget_sek", "outcome_sek", "deviation_sek", "holds"]
    assert len(lines) == 12 * len(LINES) and list(lines["line"][:4]) == LINES
    by_year = lines.groupby("year", sort=True)
    assert np.abs(by_year["deviation_sek"].sum().to_numpy() - res.yearly["net_sek"].to_numpy()).max() < 0.5
    assert_allclose(by_year["budget_sek"].sum(), res.yearly["cost_baseline_sek"], rtol=1e-12)
    assert_allclose(by_year["outcome_sek"].sum(), res.yearly["cost_scenario_sek"], rtol=1e-12)
    assert_allclose(lines["deviation_sek"], lines["outcome_sek"] - lines["budget_sek"], atol=1e-6)
    assert (lines["holds"] == (lines["deviation_sek"] <= 0.05e6)).all()  # a deficit that rounds to 0,0 mnkr holds


def test_each_line_is_budgeted_as_the_committee_would(default_run):
    y, lines = default_run.yearly, default_run.budget_lines.set_index(["line", "year"])
    external, own, prevention = lines.loc["external"], lines.loc["own_care"], lines.loc["prevention"]
    # The external line is the cut budget against the forecast: the same figures as the yearly table's.
    assert_allclose(external["budget_sek"], y["cost_external_baseline_sek"] - y["shift_sek"])
    assert_allclose(external["deviation_sek"], y["external_budget_deviation_sek"])
    assert not external["holds"].any() and not y["external_budget_holds"].any()  # the strict check agrees here
    assert lines.loc["in_home", "holds"].all() and (lines.loc["in_home", "deviation_sek"] > 1).any()  # kronor only
    # No money moves to the own homes' line: its budget is the baseline's, and the recruited homes' fees overrun it.
    assert_allclose(own["budget_sek"], y["cost_own_care_baseline_sek"])
    assert (own["deviation_sek"].iloc[1:] > 1e6).all()
    # The prevention line gets the money moved and uses part of it: the rest is a surplus.
    assert_allclose(prevention["budget_sek"], y["shift_sek"])
    assert_allclose(-prevention["deviation_sek"], y["prevention_unused_sek"], atol=1e-6)
    assert prevention["holds"].all()


def test_no_shift_leaves_every_line_on_budget(default_params):
    res = model.run(default_params, model.Scenario())
    assert (res.budget_lines["deviation_sek"].abs() < 1e-6).all() and res.budget_lines["holds"].all()
    assert budget_statement(res.budget_lines, "sv") == "Inga pengar flyttas: varje budgetpost är som utan förändring."


def test_the_statement_names_the_lines_that_do_not_hold(default_run):
    sv, en = budget_statement(default_run.budget_lines, "sv"), budget_statement(default_run.budget_lines, "en")
    own = default_run.budget_lines.query("line == 'own_care'")["deviation_sek"].mean()
    # The default overruns the cut placement budget every year and funds none of the new homes' fees.
    assert sv.startswith("Placeringsbudgeten överskrids alla år med i genomsnitt ")
    assert f"arvodena till de egna familjehemmen och nätverkshemmen ({fmt_mnkr(own, 'sv')} mer per år" in sv
    assert "saknar finansiering" in sv and "öppenvård" not in sv  # an overrun of a few hundred kronor is not named
    assert en.startswith("The placement budget is exceeded every year by ") and "have no funding" in en
    assert "\u00a0MSEK" in en and "\u00a0mnkr" in sv


def test_the_statement_says_from_which_year_the_placement_budget_holds(default_params):
    res = model.run(default_params, model.Scenario(shift_sek_per_year=10e6, mix=SCENARIOS["review and homes"]))
    external = res.budget_lines.query("line == 'external'")
    first = int(external.loc[external["deviation_sek"] <= 0.05e6, "year"].min())
    assert first > res.scenario.first_year and (external["year"] >= first).eq(external["deviation_sek"] <= 0.05e6).all()
    text = budget_statement(res.budget_lines, "sv")
    assert text.startswith(f"Placeringsbudgeten håller från {first}, men arvodena till de egna familjehemmen")


def test_payers_add_up_to_the_public_sector(default_run):
    y, payers = default_run.yearly, default_run.by_payer
    assert list(payers.columns) == ["year", "payer", "cost_baseline_sek", "cost_scenario_sek", "net_sek"]
    assert list(payers["payer"][:3]) == PAYERS and len(payers) == 3 * len(y)
    for variant in ("baseline", "scenario"):
        total = payers.groupby("year")[f"cost_{variant}_sek"].sum().to_numpy()
        assert_allclose(total, y[f"cost_public_{variant}_sek"], rtol=1e-12)
        municipality = payers.query("payer == 'municipality'")[f"cost_{variant}_sek"].to_numpy()
        assert_allclose(municipality, y[f"cost_{variant}_sek"], rtol=1e-12)  # the headline stays the municipality's
    assert_allclose(default_run.summary.net_public_total_sek, payers["net_sek"].sum(), rtol=1e-12)


def test_the_state_pays_what_the_fee_does_not_cover_of_sis(default_params, default_run):
    """By hand: SiS care days × (full cost 13 000 − fee 8 000 kr) — no real growth in the default."""
    assert default_params.value("economics.real_cost_growth") == 0
    part = default_params.value("care.sis.full_cost_per_day") - default_params.value("care.sis.cost_per_day")
    assert part == 5000
    state = default_run.by_payer.query("payer == 'state'")
    for variant in ("baseline", "scenario"):
        assert_allclose(state[f"cost_{variant}_sek"], default_run.yearly[f"care_days_sis_{variant}"] * part, rtol=1e-9)
    # A fee at or above the full cost leaves the state nothing, never a negative share.
    cheap = model.run(default_params.with_values({"care.sis.cost_per_day": 13_000}), default_run.scenario)
    assert (cheap.by_payer.query("payer == 'state'")[["cost_baseline_sek", "cost_scenario_sek"]] == 0).all().all()


def test_the_region_pays_its_share_of_a_co_financed_measure(default_params, default_run):
    shared = default_params.with_values({"measure.parent_training.region_share": 0.25})
    res = model.run(shared, default_run.scenario)
    spent = res.by_measure.query("measure == 'parent_training'")["spent_sek"].to_numpy()
    region = res.by_payer.query("payer == 'region'")
    assert_allclose(region["cost_scenario_sek"], spent * 0.25 / 0.75, rtol=1e-12)  # a quarter of the full cost
    assert (region["cost_baseline_sek"] == 0).all()
    # The municipality's money and results are unchanged: only the public sector's total grows.
    assert res.summary.net_total_sek == pytest.approx(default_run.summary.net_total_sek, rel=1e-12)
    assert res.summary.net_public_total_sek == pytest.approx(
        default_run.summary.net_public_total_sek + spent.sum() / 3, rel=1e-9)
    # The shipped measures have no sourced co-financing: the region pays nothing by default.
    region = default_run.by_payer.query("payer == 'region'")
    assert (region[["cost_baseline_sek", "cost_scenario_sek"]] == 0).all().all()


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("measure.mst.region_share", 0.95, "above_domain"),
        ("measure.mst.region_share", -0.1, "below_domain"),
        ("care.sis.full_cost_per_day", -1, "below_domain"),
        ("care.sis.full_cost_per_day", "tretton tusen", "not_a_number"),
    ],
)
def test_bad_payer_values_are_refused_naming_the_field(default_params, name, value, code):
    with pytest.raises(model.ParameterError) as err:
        default_params.with_values({name: value})
    assert err.value.code == code and name in str(err.value)


def test_a_set_without_the_full_cost_of_sis_is_refused_naming_it(default_params):
    kept = tuple(p for p in default_params.parameters if p.name != "care.sis.full_cost_per_day")
    with pytest.raises(model.ParameterError) as err:
        replace(default_params, parameters=kept)
    assert err.value.code == "missing_parameter" and "care.sis.full_cost_per_day" in str(err.value)


def test_a_set_without_co_financing_rows_means_none(default_params, default_run):
    kept = tuple(p for p in default_params.parameters if not p.name.endswith(".region_share"))
    res = model.run(replace(default_params, parameters=kept), default_run.scenario)
    assert (res.by_payer.query("payer == 'region'")["cost_scenario_sek"] == 0).all()
    assert res.summary.net_public_total_sek == pytest.approx(default_run.summary.net_public_total_sek)


# --- exports -----------------------------------------------------------------------------------


def test_the_csv_downloads_hold_every_line_and_payer(default_run):
    text = budget_lines_csv(default_run, "sv").decode("utf-8-sig").splitlines()
    assert text[0] == "År;Budgetpost;Budget (kr);Prognos (kr);Avvikelse (kr);Håller"
    assert len(text) == 1 + len(default_run.budget_lines)
    first = default_run.budget_lines.iloc[0]
    # Whole kronor with the Swedish decimal comma, as Swedish Excel reads a ';'-separated file.
    assert text[1].split(";") == ["2027", "Externa placeringar (köpt vård)", f"{round(first.budget_sek)},0",
                                  f"{round(first.outcome_sek)},0", f"{round(first.deviation_sek)},0", "Nej"]
    english = payers_csv(default_run, "en").decode("utf-8-sig").splitlines()
    assert english[0].startswith("Year,Payer,") and len(english) == 1 + len(default_run.by_payer)
    assert english[2].split(",")[1] == "The state (SiS)"


def test_the_bibliography_table_is_the_whole_of_data_sources(default_run):
    entries = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    table = bibliography_table("sv")
    assert list(table.columns) == ["Id", "Författare", "Titel", "År", "Utgivare eller tidskrift",
                                   "Adress eller dokument", "Läst"]
    assert list(table["Id"]) == [e["id"] for e in entries]
    row = table.set_index("Id").loc["riksrevisionen_2024_7"]
    assert row["År"] == "2024" and row["Adress eller dokument"].startswith("https://www.riksrevisionen.se/")
