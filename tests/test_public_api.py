"""The public API keeps its documented paths (README, "Using the model from Python" and "Command line").

Each name is imported by the path the README gives, so a move inside the
model that forgets a re-export fails here. The typed summaries still read
like the dicts notebooks treat them as.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import model

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "path",
    [
        "model.run",
        "model.Scenario",
        "model.load_parameters",
        "model.save_parameters",
        "model.parameter_table",
        "model.parameters_from_table",
        "model.cohort.simulate",
        "model.run_uncertainty",
        "model.tornado",
        "model.breakeven.effect_needed",
        "model.breakeven.homes_needed",
        "model.breakeven.largest_shift",
        "model.store.ScenarioStore",
        "model.scenario_file.to_json_bytes",
        "model.scenario_file.from_json_bytes",
        "model.ParameterError",
        "model.presets",
        "model.load_area",
    ],
)
def test_documented_path_imports(path):
    module_name, _, attr = path.rpartition(".")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attr)), path


def test_documented_modules_are_attributes_of_model():
    assert model.breakeven.largest_shift is importlib.import_module("model.breakeven").largest_shift
    assert model.scenario_file.SavedScenario is importlib.import_module("model.scenario_file").SavedScenario
    assert issubclass(model.ParameterError, ValueError)


def test_readme_example_runs():
    params = model.load_parameters()
    sc = model.Scenario(
        shift_sek_per_year=10_000_000, mix={"family_homes": 0.4, "parent_training": 0.3, "early_intervention": 0.3}
    )
    res = model.run(params, sc)
    assert list(res.yearly.columns[:3]) == ["year", "population_0_20", "cost_baseline_sek"]
    assert {"npv_sek", "payback_year", "placements_avoided", "benefit_cost_ratio"} <= set(res.summary)
    assert not res.by_form.empty and not res.by_measure.empty and not res.by_mechanism.empty


def test_summary_reads_like_a_dict(default_params):
    s = model.run(default_params, model.Scenario(shift_sek_per_year=10_000_000)).summary
    assert isinstance(s, model.Summary)
    assert s["npv_sek"] == s.npv_sek and s.get("npv_sek") == s.npv_sek
    assert s.get("no such figure", 7) == 7 and "no such figure" not in s
    assert list(s) == list(s.keys()) and len(s) == len(list(s)) == 26
    assert dict(s.items())["payback_year"] == s.payback_year
    assert dict(s) == {k: s[k] for k in s}
    with pytest.raises(KeyError):
        s["no such figure"]
    with pytest.raises(AttributeError):
        s.npv_sek = 0.0  # type: ignore[misc]


def test_uncertainty_summary_reads_like_a_dict(default_params):
    u = model.run_uncertainty(default_params, model.Scenario(shift_sek_per_year=10_000_000), draws=20, seed=0)
    assert isinstance(u.summary, model.UncertaintySummary)
    assert u.summary["probability_net_saving"] == u.summary.probability_net_saving
    assert u.summary["npv_sek_p05"] <= u.summary["npv_sek_median"] <= u.summary["npv_sek_p95"]
    assert set(u.summary["probability_paid_back_by_year"]) == set(range(2027, 2037))


@pytest.mark.parametrize("command", [["presets"], ["measures"], ["run", "--help"]])
def test_the_command_line_keeps_its_commands(command):
    done = subprocess.run(
        [sys.executable, "-m", "model", *command], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
