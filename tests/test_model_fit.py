"""How well the model fits (issue 10): a set's baseline beside the national statistics, stock = inflow × stay,
the published cohort case, and the average-municipality preset held to the national figures."""

from __future__ import annotations

import pytest
import yaml
from numpy.testing import assert_allclose

import model
from model.analysis import fit
from model.bibliography import bibliography
from model.files import fit_report
from model.levers import default_shift_mnkr
from model.resources import DATA_DIR

AVERAGE = "average"


@pytest.fixture(scope="module")
def average() -> model.Parameters:
    return model.load_parameters(preset=AVERAGE)


def test_the_presets_are_the_vaxjo_like_default_an_average_and_a_small_municipality():
    names = model.presets()
    assert list(names)[0] == "default" and {"average", "small"} <= set(names)
    assert "Växjö" in names["default"] and "HVB" in names["default"]
    assert "enomsnitt" in names[AVERAGE]


def test_every_national_figure_has_a_source_in_the_bibliography():
    doc = yaml.safe_load((DATA_DIR / "model_fit.yaml").read_text(encoding="utf-8"))
    for row in doc["national"]:
        assert row["sources"] and set(row["sources"]) <= bibliography().keys(), row["id"]
        assert row["note_sv"] and row["note_en"] and 0 < row["tolerance"] < 1, row["id"]
    assert set(doc["published_cohort_case"]["sources"]) <= bibliography().keys()


def test_the_average_preset_matches_the_national_figures_within_the_stated_tolerances(average):
    table = fit.national_comparison(average)
    assert list(table["id"]) == list(fit.FIGURES)
    outside = table[table["difference"].abs() > table["tolerance"]]
    assert outside.empty, outside[["id", "national", "model", "difference", "tolerance"]].to_string()


def test_the_cost_gap_of_the_average_preset_is_the_one_the_method_page_states(average):
    """The honest gap: with national volumes and the model's prices, the cost per child is about a quarter low."""
    row = fit.national_comparison(average).set_index("id").loc["cost_per_child_0_20"]
    assert -0.30 < row["difference"] < -0.20
    assert "fjärdedel" in model.text.i18n.t("fit.about.average", "sv")


def test_the_default_is_not_average_it_costs_far_less_per_child():
    table = fit.national_comparison(model.load_parameters()).set_index("id")
    assert abs(table.loc["placed_during_year_per_1000", "difference"]) < 0.05  # volumes near the national ones
    assert table.loc["cost_per_child_0_20", "difference"] < -0.30  # but cheap: few in HVB and SiS


@pytest.mark.parametrize("preset", model.presets())
def test_the_comparison_agrees_with_the_models_own_summary(preset):
    params = model.load_parameters(preset=preset)
    s = model.run(params, model.Scenario(horizon_years=1)).summary
    table = fit.national_comparison(params).set_index("id")["model"]
    assert table["placed_during_year_per_1000"] == s.children_placed_per_1000_during_year
    assert table["placements_started_per_1000"] == s.placements_started_per_1000


@pytest.mark.parametrize("preset", model.presets())
def test_stock_is_inflow_times_mean_stay_in_every_care_form(preset):
    params = model.load_parameters(preset=preset)
    table = fit.stock_and_flow(params)
    assert list(table["form"]) == list(params.area.reported_forms)
    assert_allclose(table["entries_times_stay"], table["children"], rtol=1e-9)
    assert_allclose(table["children"], [params.value(f"care.{f}.children") for f in table["form"]])
    assert ((table["mean_stay_months"] - table["duration_months"]).between(0.4, 0.6)).all()


def test_the_engine_reproduces_the_published_cohort_case():
    table = fit.published_case()
    assert len(table) == 4
    assert_allclose(table["model"], table["published"], rtol=0, atol=5e-7)


def test_choosing_a_preset_scales_the_default_amount_with_its_children(average):
    assert default_shift_mnkr(average) == default_shift_mnkr(model.load_parameters()) == 10.0
    assert default_shift_mnkr(model.load_parameters(preset="small")) < 2.0


def test_the_tables_in_words_are_in_the_readers_language(average):
    sv = fit_report.comparison_rows(average, "sv")
    en = fit_report.comparison_rows(average, "en")
    assert sv[0][0] == "Mått" and en[0][0] == "Measure" and len(sv) == len(fit.FIGURES) + 1
    assert sv[1][1] == "10,6 (2022)" and en[1][1] == "10.6 (2022)"
    assert sv[4][3].startswith("−25")


def test_the_employment_default_lies_within_the_stated_tolerances_of_its_national_figures():
    params = model.load_parameters(area="employment", preset="employment_default")
    table = fit.national_comparison(params)
    assert list(table["id"]) == list(fit.AREA_FIGURES["employment"])
    outside = table[table["difference"].abs() > table["tolerance"]]
    assert outside.empty, outside[["id", "national", "model", "difference", "tolerance"]]
    # The children's figures are not the employment area's (a row per area, not per file).
    assert "placed_during_year_per_1000" not in fit.national_figures("employment")
