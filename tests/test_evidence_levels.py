"""Evidence levels (data/evidence_levels.yaml) and the net effect against the amount moved."""

from __future__ import annotations

import numpy as np
import pytest

import model
from model.analysis.amounts import amounts_up_to, net_by_amount
from model.evidence import CENTRAL, at_level, evidence_levels, level_ids, level_values
from model.fields import DOMAINS
from model.levers import EVIDENCE, check_levers, default_levers, levers_from_scenario, scenario_from_levers

#: Parameters whose larger value is the optimistic one (for the others the smaller value is).
SMALLER_IS_BETTER = ("non_substitutable_share", "lead_time_months", "own_home_cost_per_day")


def test_the_levels_are_data_with_central_as_the_sets_own_values(default_params):
    assert level_ids() == ("cautious", "central", "optimistic")
    assert all(level.label_sv and level.description_sv and level.description_en for level in evidence_levels())
    assert at_level(default_params, CENTRAL) == default_params
    assert model.Scenario().evidence_level == CENTRAL


def test_every_level_value_names_a_parameter_within_its_domain_and_points_the_right_way(default_params):
    employment = model.load_parameters(area="employment")
    for v in level_values():
        params = employment if v.name in employment else default_params
        assert v.name in params, v.name
        p = params[v.name]
        cautious, optimistic = v.value("cautious"), v.value("optimistic")
        lo, hi, _ = DOMAINS[p.kind]
        assert lo <= cautious <= hi and lo <= optimistic <= hi, v.name
        if p.kind in SMALLER_IS_BETTER:
            assert optimistic <= p.value <= cautious, v.name
        else:
            assert cautious <= p.value <= optimistic, v.name
        assert v.why_sv and v.why_en, v.name


def test_a_level_is_applied_to_every_run_and_orders_the_results(default_params):
    nets = {}
    for level in level_ids():
        result = model.run(default_params, model.Scenario(shift_sek_per_year=10e6, evidence_level=level))
        nets[level] = result.summary.net_total_sek
        assert result.params.value("measure.parent_training.risk_reduction") == (
            default_params.value("measure.parent_training.risk_reduction")
            if level == CENTRAL
            else next(v for v in level_values() if v.name == "measure.parent_training.risk_reduction").value(level)
        )
    assert nets["cautious"] > nets["central"] > nets["optimistic"]


def test_an_unknown_level_is_refused_naming_the_field(default_params):
    with pytest.raises(ValueError, match="evidence_level"):
        model.Scenario(evidence_level="magisk")
    with pytest.raises(ValueError, match="evidence_level"):
        model.Scenario(evidence_level=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="levers.evidence"):
        check_levers({EVIDENCE: "magisk"}, default_params)


def test_the_level_is_a_lever_that_round_trips(default_params):
    assert default_levers(default_params)[EVIDENCE] == "central"
    scenario = model.Scenario(shift_sek_per_year=10e6, evidence_level="optimistic")
    levers = levers_from_scenario(scenario, default_params)
    assert levers[EVIDENCE] == "optimistic"
    assert scenario_from_levers(levers, default_params) == scenario.with_(discount_rate=0.035, start_year=2027)


def test_the_curve_of_amounts_equals_model_run_at_each_amount(default_params):
    scenario = model.Scenario(shift_sek_per_year=0.0, mix={"family_homes": 0.4, "placement_review": 0.3,
                                                           "parent_training": 0.3})
    amounts = amounts_up_to(20e6, 5)
    curve = net_by_amount(default_params, scenario, amounts)
    assert curve["net_total_sek"].iloc[0] == 0.0
    for amount, net, npv in curve[["shift_sek_per_year", "net_total_sek", "npv_sek"]].itertuples(index=False):
        if amount == 0:
            continue
        s = model.run(default_params, scenario.with_(shift_sek_per_year=amount)).summary
        assert net == pytest.approx(s.net_total_sek, rel=1e-9, abs=1.0)
        assert npv == pytest.approx(s.npv_sek, rel=1e-9, abs=1.0)


def test_the_curve_shows_where_more_money_stops_helping(default_params):
    """Parent training alone saturates at about 1.2 mnkr a year: beyond it, no more effect and money unused."""
    scenario = model.Scenario(mix={"parent_training": 1.0})
    curve = net_by_amount(default_params, scenario, np.array([0.5e6, 1e6, 2e6, 4e6, 8e6]))
    assert (curve["unused_sek"].iloc[:2] < 1e6).all() and (curve["unused_sek"].iloc[2:] > 1e6).all()
    assert curve["spent_sek"].iloc[2] == pytest.approx(curve["spent_sek"].iloc[-1], rel=1e-9)
    assert curve["net_total_sek"].iloc[2] == pytest.approx(curve["net_total_sek"].iloc[-1], rel=1e-9)
    with pytest.raises(ValueError, match="shift_sek_per_year"):
        net_by_amount(default_params, scenario, np.array([0.0, 100e6]))
