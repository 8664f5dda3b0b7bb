"""One run of the model: baseline and scenario for one parameter set, as tidy tables."""

from __future__ import annotations

import numpy as np

from model.care import simulate_care
from model.evidence import at_level
from model.levers import check_shift, in_catalogue
from model.parameters import Parameters
from model.results import Result, build_result, yearly_arrays
from model.scenario import Scenario, applied_discount_rate


def run(params: Parameters, scenario: Scenario | None = None) -> Result:
    """Run baseline and scenario for one parameter set.

    Parameters
    ----------
    params : Parameters
        The municipality's assumptions (:func:`model.load_parameters`), in their area.
    scenario : Scenario, optional
        The levers; ``None`` or ``Scenario()`` means no change.

    Returns
    -------
    Result
        ``yearly`` (one row per year), ``by_form``, ``by_measure``,
        ``by_mechanism`` (where the net effect comes from) and ``summary``;
        ``result.params`` is the set at the scenario's evidence level.

    Raises
    ------
    ValueError
        A scenario naming an unknown measure, a shift larger than the
        external-placement budget (:class:`~model.errors.ScenarioFileError`
        naming ``shift_sek_per_year``), or parameters that cannot be a steady
        state (:class:`~model.errors.ParameterError`).
    """
    if not isinstance(params, Parameters):
        raise TypeError("params: expected model.Parameters (from model.load_parameters())")
    scenario = Scenario() if scenario is None else scenario
    if not isinstance(scenario, Scenario):
        raise TypeError("scenario: expected model.Scenario (for example model.Scenario(shift_sek_per_year=10e6))")
    scenario = in_catalogue(params, scenario)
    check_shift(params, scenario)
    params = at_level(params, scenario.evidence_level)
    values = {name: np.array([v]) for name, v in params.values().items()}
    care = simulate_care(values, params.measures, scenario, params.area, decompose=True, price_year=params.price_year)
    rate = applied_discount_rate(params, scenario)
    arrays = yearly_arrays(care, scenario, np.array([rate]))
    return build_result(params, scenario, arrays, care, rate)
