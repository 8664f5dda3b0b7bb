"""Omställningskalkylen's model: pure Python, no user interface. This module is its public API.

>>> import model
>>> params = model.load_parameters()
>>> res = model.run(params, model.Scenario(shift_sek_per_year=10_000_000))
>>> res.yearly.columns[:3].tolist()
['year', 'population_0_20', 'cost_baseline_sek']

The model is built in rings that import only inward: the core (this folder:
parameters, areas, scenarios, levers, the cohort engine, the care model,
results), :mod:`model.text` (words and number formats), :mod:`model.analysis`
(many runs: uncertainty, sensitivity, break-even, calibration, comparison)
and :mod:`model.files` (everything that reads or writes bytes). ``tests/test_layers.py``
checks the rule. ``model.store`` and ``model.scenario_file`` keep their
documented paths as thin re-exports; ``model.breakeven`` likewise.
"""

from __future__ import annotations

from model import breakeven, scenario_file
from model.analysis.sensitivity import tornado
from model.analysis.uncertainty import UncertaintyResult, UncertaintySummary, run_uncertainty
from model.area import Area, CareForm, load_area
from model.errors import ParameterError, ScenarioFileError
from model.files.parameter_files import load_parameters, save_parameters
from model.files.parameter_table import parameter_table, parameters_from_table
from model.files.presets import presets
from model.parameters import Measure, Parameter, Parameters
from model.results import Result
from model.run import run
from model.scenario import Scenario
from model.summary import Summary

__all__ = [
    "Area",
    "CareForm",
    "Measure",
    "Parameter",
    "ParameterError",
    "Parameters",
    "Result",
    "Scenario",
    "ScenarioFileError",
    "Summary",
    "UncertaintyResult",
    "UncertaintySummary",
    "breakeven",
    "load_area",
    "load_parameters",
    "parameter_table",
    "parameters_from_table",
    "presets",
    "run",
    "run_uncertainty",
    "save_parameters",
    "scenario_file",
    "tornado",
]
