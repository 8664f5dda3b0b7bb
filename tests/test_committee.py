"""The whole committee (model.analysis.committee): its sums are exactly the areas', its ratios mean what they say."""

import numpy as np
import pytest

import model
from model.analysis.committee import TOTAL, benefit_per_krona, committee, comparison, yearly_budget
from model.levers import default_levers, scenario_from_levers


def _sets(shift_children: float = 10.0, shift_employment: float = 5.0):
    out = {}
    for area, shift in (("children", shift_children), ("employment", shift_employment)):
        params = model.load_parameters(area=area)
        out[area] = (params, scenario_from_levers({**default_levers(params), "shift_mnkr": shift}, params))
    return out


@pytest.fixture(scope="module")
def results():
    return {area: model.run(p, s) for area, (p, s) in _sets().items()}


def test_the_total_is_the_sum_of_the_areas_year_by_year(results):
    budget = yearly_budget(results)
    total = budget[budget.area == TOTAL].set_index("year")
    for column, source in (
        ("baseline_sek", "cost_baseline_sek"),
        ("scenario_sek", "cost_scenario_sek"),
        ("moved_sek", "prevention_allocated_sek"),
        ("net_sek", "net_sek"),
    ):
        expected = sum(r.yearly.set_index("year")[source] for r in results.values())
        np.testing.assert_allclose(total[column].to_numpy(), expected.loc[total.index].to_numpy(), rtol=1e-12)
    assert set(budget.area) == {"children", "employment", TOTAL}


def test_areas_with_different_horizons_sum_only_their_common_years():
    sets = _sets()
    params, scenario = sets["employment"]
    sets["employment"] = (params, scenario.with_(horizon_years=5))
    budget = committee(sets, draws=0).yearly
    assert sorted(budget[budget.area == TOTAL].year) == list(range(2027, 2032))
    assert len(budget[budget.area == "children"]) == 10


def test_the_comparison_row_of_an_area_is_its_run(results):
    table = comparison(results, {"children": 0.25}).set_index("area")
    for area, result in results.items():
        assert table.loc[area, "net_sek"] == pytest.approx(result.summary.net_total_sek)
        assert table.loc[area, "npv_sek"] == pytest.approx(result.summary.npv_sek)
        assert table.loc[area, "moved_sek"] == pytest.approx(result.yearly.prevention_allocated_sek.sum())
    assert table.loc["children", "chance_payback"] == 0.25
    assert table.loc[TOTAL, "net_sek"] == pytest.approx(sum(r.summary.net_total_sek for r in results.values()))


def test_a_zero_shift_gives_net_zero_in_every_area_and_no_chance():
    out = committee(_sets(0.0, 0.0), draws=50)
    table = out.table.set_index("area")
    for area in ("children", "employment"):
        assert table.loc[area, "net_sek"] == 0.0
        assert table.loc[area, "moved_sek"] == 0.0
        assert table.loc[area, "benefit_per_krona"] is None
        assert table.loc[area, "chance_payback"] is None
    assert (out.yearly.net_sek == 0.0).all()


def test_benefit_per_krona_is_the_saving_per_krona_moved():
    assert benefit_per_krona(-5e6, 10e6) == 0.5  # a saving: positive
    assert benefit_per_krona(2e6, 10e6) == -0.2  # a cost: negative
    assert benefit_per_krona(0.0, 10e6) == 0.0
    assert benefit_per_krona(-1.0, 0.0) is None


def test_benefit_per_krona_has_the_sign_of_the_saving(results):
    table = comparison(results, {}).set_index("area")
    for area in results:
        assert np.sign(table.loc[area, "benefit_per_krona"]) == -np.sign(table.loc[area, "net_sek"])


def test_the_chance_comes_from_a_seeded_uncertainty_run():
    sets = _sets()
    a = committee(sets, draws=60, seed=3).table.set_index("area")
    b = committee(sets, draws=60, seed=3).table.set_index("area")
    for area in ("children", "employment"):
        assert 0.0 <= a.loc[area, "chance_payback"] <= 1.0
        assert a.loc[area, "chance_payback"] == b.loc[area, "chance_payback"]
