"""The net effect against the amount moved: where more money stops helping (one batch, numbers only).

Every measure buys through ``money / price`` only (families reached, review
posts, homes recruited and supported: :data:`model.fields.PRICE_FIELDS`), so
a scenario with ``k`` times the money is exactly the scenario at the largest
amount with each measure's prices divided by ``k``; only the money used must
be scaled back by ``k``. All amounts therefore run as one batch of the care
model (:func:`money_scaled`), the same trick the break-even search for the
largest shift uses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.care import simulate_care
from model.evidence import at_level
from model.fields import PRICE_FIELDS
from model.levers import check_shift
from model.parameters import Parameters
from model.results import yearly_arrays
from model.scenario import Scenario, applied_discount_rate

#: Amounts on the curve by default (0 to the largest, evenly spaced).
DEFAULT_POINTS = 41


def money_scaled(params: Parameters, k: np.ndarray) -> dict[str, np.ndarray]:
    """Every parameter at its value for each of *k* (> 0), the measures' prices divided by *k*: (n,) arrays."""
    values = {name: np.full(len(k), v) for name, v in params.values().items()}
    for m in params.measures:
        for f in PRICE_FIELDS[m.mechanism]:
            values[f"measure.{m.id}.{f}"] = values[f"measure.{m.id}.{f}"] / k
    return values


def net_by_amount(params: Parameters, scenario: Scenario, amounts: np.ndarray) -> pd.DataFrame:
    """The scenario's headline at each amount moved a year, its mix, ramp and years kept.

    Parameters
    ----------
    params : Parameters
        The assumptions (taken at the scenario's evidence level).
    scenario : Scenario
        The levers; its amount is replaced by each of *amounts*.
    amounts : array_like
        Amounts moved a year at full ramp-up [SEK/year], each ≥ 0 and at most
        the external-placement budget.

    Returns
    -------
    DataFrame
        One row per amount: ``shift_sek_per_year``, ``net_total_sek``,
        ``npv_sek``, ``spent_sek`` (money the measures used over the horizon)
        and ``unused_sek`` (moved but not used) [SEK].
    """
    amounts = np.asarray(amounts, dtype=float)
    top = float(amounts.max(initial=0.0))
    reference = scenario.with_(shift_sek_per_year=top)
    check_shift(params, reference)
    params = at_level(params, scenario.evidence_level)
    n_years = scenario.horizon_years
    net, spent = np.zeros((len(amounts), n_years)), np.zeros(len(amounts))
    moved = amounts * sum(reference.with_(shift_sek_per_year=1.0).shift_by_year())  # one scenario, not one per amount
    positive = amounts > 0
    if positive.any() and reference.mix_dict:
        k = amounts[positive] / top
        run = simulate_care(
            money_scaled(params, k), params.measures, reference, params.area, strict=False, price_year=params.price_year
        )
        y = yearly_arrays(run, reference, np.zeros(len(k)))
        used = y["cost_prevention"] * k[:, None]
        net[positive] = y["cost_care_scenario"] - y["cost_care_baseline"] + used
        spent[positive] = used.sum(-1)
    factor = (1.0 + applied_discount_rate(params, scenario)) ** -np.arange(n_years)
    return pd.DataFrame(
        {
            "shift_sek_per_year": amounts,
            "net_total_sek": net.sum(-1),
            "npv_sek": (net * factor).sum(-1),
            "spent_sek": spent,
            "unused_sek": np.maximum(moved - spent, 0.0),
        }
    )


def amounts_up_to(largest: float, points: int = DEFAULT_POINTS) -> np.ndarray:
    """Evenly spaced amounts from 0 to *largest* [SEK/year]."""
    return np.linspace(0.0, max(float(largest), 0.0), max(int(points), 2))
