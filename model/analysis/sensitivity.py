"""What matters most: one-at-a-time sensitivity of the net present value (a tornado).

Each uncertain parameter (:func:`model.analysis.distributions.uncertain_parameters`)
is set to the low and then to the high end of its range while every other
parameter stays at its value. All ``2 N`` variants and the central run go
through the care model as one batch (one vectorised pass), so a tornado costs
about as much as a hundred-odd draws of the Monte Carlo analysis.

The swing (``|NPV at high − NPV at low|``) ranks the parameters: the top of
the tornado is where better figures would narrow the answer most.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.analysis.distributions import uncertain_parameters
from model.analysis.uncertainty import batch_outcomes
from model.evidence import at_level
from model.levers import check_shift
from model.parameters import Parameters
from model.scenario import Scenario, applied_discount_rate

TORNADO_COLUMNS = (
    "parameter",
    "value",
    "low",
    "high",
    "unit",
    "npv_low_sek",
    "npv_high_sek",
    "npv_central_sek",
    "swing_sek",
)


def tornado(params: Parameters, scenario: Scenario | None = None) -> pd.DataFrame:
    """Net present value at the low and at the high end of each parameter's range.

    Parameters
    ----------
    params : Parameters
        The assumptions (at the scenario's evidence level); every parameter
        with a range (and not fixed or a choice such as the discount rate)
        gets a row, the evidence-transfer factors and the structural
        parameters of recruitment included.
    scenario : Scenario, optional
        The levers (``None``: no change, every swing is zero).

    Returns
    -------
    DataFrame
        One row per parameter, sorted by ``swing_sek`` (largest first, ties by
        name): ``parameter`` (name), ``value``, ``low``, ``high``, ``unit``,
        ``npv_low_sek`` / ``npv_high_sek`` (NPV of the net effect with the
        parameter at its low / high value [SEK]; negative = saving),
        ``npv_central_sek`` (every parameter at its value) and ``swing_sek``
        (absolute difference of the two [SEK]).
    """
    if not isinstance(params, Parameters):
        raise TypeError("params: expected model.Parameters (from model.load_parameters())")
    scenario = Scenario() if scenario is None else scenario
    check_shift(params, scenario)
    params = at_level(params, scenario.evidence_level)
    varied = uncertain_parameters(params)
    n = len(varied)
    # Member 0: central; 1 + 2i: parameter i at its low end; 2 + 2i: at its high end.
    values = {name: np.full(2 * n + 1, v) for name, v in params.values().items()}
    for i, p in enumerate(varied):
        values[p.name][1 + 2 * i] = p.low
        values[p.name][2 + 2 * i] = p.high
    npv = batch_outcomes(values, params, scenario, applied_discount_rate(params, scenario))["npv_sek"]
    low, high = npv[1::2], npv[2::2]
    df = pd.DataFrame(
        {
            "parameter": [p.name for p in varied],
            "value": [p.value for p in varied],
            "low": [p.low for p in varied],
            "high": [p.high for p in varied],
            "unit": [p.unit for p in varied],
            "npv_low_sek": low,
            "npv_high_sek": high,
            "npv_central_sek": np.full(n, npv[0]),
            "swing_sek": np.abs(high - low),
        },
        columns=list(TORNADO_COLUMNS),
    )
    return df.sort_values(["swing_sek", "parameter"], ascending=[False, True], kind="stable").reset_index(drop=True)
