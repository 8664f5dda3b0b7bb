"""Who pays: the municipality, the state and the region, per year.

The model's costs are the municipality's: what it pays per care day and for
the measures it funds. Two other public payers share some of them:

- **the state**, for care a form's area flags ``state_funded`` (the SiS
  youth homes): the municipality pays a fee per day (``care.<id>.cost_per_day``)
  and the state the rest of the full cost (``care.<id>.full_cost_per_day``;
  Riksrevisionen 2024:7: about a third of SiS's funding is state
  appropriations). A fee above the full cost leaves the state nothing (never
  a negative share);
- **the region**, for a measure it co-finances: ``measure.<id>.region_share``
  (optional; none means 0) is the region's share of the measure's full cost, so for every krona the
  municipality uses the region pays ``share / (1 − share)`` kronor. The
  municipality's money moved and what it buys are unchanged: the measure's
  cost per unit is the municipality's part.

Both are shares per krona of the municipality's cost, so they follow its
prices, real growth included. The public sector as a whole is the sum of the
three payers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from model.baseline import column
from model.fields import REGION_SHARE_FIELD, STATE_FUNDED_FIELD
from model.states import StateSpace

#: The payers, in the order of :attr:`model.Result.by_payer`.
PAYERS = ("municipality", "state", "region")


def state_part(values: Mapping[str, np.ndarray], states: StateSpace, d: int) -> np.ndarray:
    """What the state pays per krona of the municipality's cost in each state, shape (D, S) [1].

    ``(full cost − fee) / fee`` for a state-funded care form (0 where the fee
    is 0 or above the full cost), 0 for every other state.
    """
    out = np.zeros((d, states.n_states))
    for i in np.flatnonzero(states.state_funded[: states.n_care_forms]):
        form = states.ids[i]
        fee = column(values, f"care.{form}.cost_per_day", d)
        full = column(values, f"care.{form}.{STATE_FUNDED_FIELD}", d)
        out[:, i] = np.divide(np.maximum(full - fee, 0.0), fee, out=np.zeros(d), where=fee > 0)
    return out


def region_part(values: Mapping[str, np.ndarray], measure_ids: Sequence[str], d: int) -> np.ndarray:
    """What the region pays per krona the municipality uses on each measure, shape (D, K) [1]."""
    out = np.zeros((d, len(measure_ids)))
    for k, mid in enumerate(measure_ids):
        name = f"measure.{mid}.{REGION_SHARE_FIELD}"
        if name in values:  # optional: no row, no co-financing
            share = column(values, name, d)
            out[:, k] = share / (1.0 - share)  # share < 1: its domain stops at 0.9
    return out


def payer_arrays(
    cost: np.ndarray, spent: np.ndarray, state: np.ndarray, region: np.ndarray
) -> dict[str, np.ndarray]:
    """Yearly cost of the state and the region, baseline and scenario, each (D, Y) [SEK].

    *cost* is the municipality's cost of care per year and state (2, D, Y, S),
    *spent* what it uses on each measure per year (D, Y, K); *state* and
    *region* come from :func:`state_part` and :func:`region_part`.
    """
    state_cost = np.einsum("jdys,ds->jdy", cost, state)
    region_scenario = np.einsum("dyk,dk->dy", spent, region)
    return {
        "cost_state_baseline": state_cost[0],
        "cost_state_scenario": state_cost[1],
        "cost_region_baseline": np.zeros_like(region_scenario),  # no measure runs in the baseline
        "cost_region_scenario": region_scenario,
    }
