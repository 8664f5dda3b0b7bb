"""Omställningskalkylen's model: pure Python, no user interface.

>>> import model
>>> params = model.load_parameters()
>>> res = model.run(params, model.Scenario(shift_sek_per_year=10_000_000))
>>> res.yearly.columns[:3].tolist()
['year', 'population_0_20', 'cost_baseline_sek']
"""

from __future__ import annotations

import numpy as np

from model.analysis.sensitivity import tornado
from model.analysis.uncertainty import UncertaintyResult, run_uncertainty
from model.care import simulate_care
from model.files.parameter_files import load_parameters, presets, save_parameters
from model.files.parameter_table import parameter_table, parameters_from_table
from model.parameters import CARE_FORMS, Measure, Parameter, ParameterError, Parameters
from model.results import Result, build_result, yearly_arrays
from model.scenario import Scenario

__all__ = [
    "CARE_FORMS",
    "Measure",
    "Parameter",
    "ParameterError",
    "Parameters",
    "Result",
    "Scenario",
    "UncertaintyResult",
    "load_parameters",
    "parameter_table",
    "parameters_from_table",
    "presets",
    "run",
    "run_uncertainty",
    "save_parameters",
    "tornado",
]


def run(params: Parameters, scenario: Scenario | None = None) -> Result:
    """Run baseline and scenario for one parameter set.

    Parameters
    ----------
    params : Parameters
        The municipality's assumptions (:func:`load_parameters`).
    scenario : Scenario, optional
        The levers; ``None`` or ``Scenario()`` means no change.

    Returns
    -------
    Result
        ``yearly`` (one row per year), ``by_form``, ``by_measure`` and ``summary``.

    Raises
    ------
    ValueError
        A scenario naming an unknown measure, or parameters that cannot be a
        steady state (:class:`ParameterError`).
    """
    if not isinstance(params, Parameters):
        raise TypeError("params: expected model.Parameters (from model.load_parameters())")
    scenario = Scenario() if scenario is None else scenario
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario: expected model.Scenario (for example model.Scenario(shift_sek_per_year=10e6))")
    values = {name: np.array([v]) for name, v in params.values().items()}
    care = simulate_care(values, params.measures, scenario)
    rate = params.value("economics.discount_rate") if scenario.discount_rate is None else scenario.discount_rate
    arrays = yearly_arrays(care, scenario, np.array([rate]))
    return build_result(params, scenario, arrays, care.measure_ids, rate)
