"""The tornado: one-at-a-time sensitivity of the NPV, all variants in one batch (issue 5)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.testing import assert_allclose

import model
from model.analysis.distributions import uncertain_parameters
from model.analysis.sensitivity import TORNADO_COLUMNS, tornado

SCENARIO = model.Scenario(shift_sek_per_year=10e6)
#: Placement review and own homes: a scenario whose saving runs through HVB and agency care.
REVIEW = model.Scenario(shift_sek_per_year=10e6, mix={"placement_review": 0.3, "family_homes": 0.7})


def widened(params: model.Parameters, name: str, low: float, high: float) -> model.Parameters:
    return replace(
        params,
        parameters=tuple(replace(p, low=low, high=high) if p.name == name else p for p in params.parameters),
    )


@pytest.fixture(scope="module")
def table(default_params):
    return tornado(default_params, SCENARIO)


def test_one_row_per_uncertain_parameter_sorted_by_swing(default_params, table):
    assert list(table.columns) == list(TORNADO_COLUMNS)
    assert sorted(table["parameter"]) == sorted(p.name for p in uncertain_parameters(default_params))
    assert table["parameter"].is_unique
    assert (np.diff(table["swing_sek"]) <= 0).all()
    assert_allclose(table["swing_sek"], (table["npv_high_sek"] - table["npv_low_sek"]).abs())
    assert "economics.discount_rate" not in set(table["parameter"])
    assert table["swing_sek"].iloc[0] > 1e6


def test_central_and_ends_equal_deterministic_runs(default_params, table):
    det = model.run(default_params, SCENARIO)
    assert_allclose(table["npv_central_sek"], det.summary["npv_sek"], rtol=1e-9)
    # Not flows and shares of starts (one share moved alone is not a valid set; the tornado
    # renormalises inside the model) and not stocks or stays (an end may not be a steady state,
    # which model.run refuses).
    names = table["parameter"]
    checked = table[~names.str.startswith(("flow.", "starts.")) & ~names.str.endswith((".children", "_months"))]
    for _, row in checked.iloc[[0, 3, len(checked) // 2]].iterrows():
        p = default_params[row["parameter"]]
        for end in ("low", "high"):
            res = model.run(default_params.with_values({p.name: getattr(p, end)}), SCENARIO)
            assert row[f"npv_{end}_sek"] == pytest.approx(res.summary["npv_sek"], rel=1e-9), (p.name, end)


@pytest.mark.parametrize(
    ("name", "low", "high"),
    [
        ("care.hvb.cost_per_day", 0.0, 100_000.0),
        ("measure.placement_review.stay_reduction", 0.0, 0.9),
        ("evidence.local_example.transfer_factor", 0.0, 3.0),
    ],
)
def test_the_widest_parameter_swings_most(default_params, name, low, high):
    params = widened(default_params, name, low, high)
    result = tornado(params, REVIEW)
    assert result["parameter"].iloc[0] == name
    assert result["swing_sek"].iloc[0] > result["swing_sek"].iloc[1]


def test_a_larger_effect_saves_more(table):
    row = table.set_index("parameter").loc["measure.parent_training.risk_reduction"]
    assert row["npv_high_sek"] < row["npv_central_sek"] < row["npv_low_sek"]


def test_no_shift_no_swing(default_params):
    result = tornado(default_params, model.Scenario())
    assert (result["swing_sek"] == 0).all()
    assert (result["npv_central_sek"] == 0).all()


def test_fixed_parameters_are_left_out(default_params):
    name = "care.hvb.cost_per_day"
    params = replace(
        default_params,
        parameters=tuple(replace(p, distribution="fixed") if p.name == name else p for p in default_params.parameters),
    )
    assert name not in set(tornado(params, SCENARIO)["parameter"])


def test_exported_from_the_package():
    assert model.tornado is tornado
