"""The baseline of the care model: stays, destinations and the inflow that keeps today's numbers.

Every function works on a leading batch axis of parameter draws (``D``) and
on the states of a :class:`~model.states.StateSpace`.

* **Exits.** A mean duration ``d`` months gives a monthly exit probability
  ``1 - exp(-1/d)`` (exponential stays); exits go to destinations by share.
* **Steady state.** The people in each care form now are taken as a steady
  state: the monthly inflow per care form is what keeps them constant given
  durations and destinations, ``f = x - x P``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from model.errors import ParameterError
from model.states import StateSpace

#: A steady inflow more negative than this share of the stock is an error, not round-off [1].
NEGATIVE_INFLOW_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Baseline:
    """Today's care forms as a steady state, over the engine's states (the care forms, ``E``).

    Attributes
    ----------
    destinations : ndarray, shape (D, E, E)
        Where the leavers of each care form go [1].
    exit_probability : ndarray, shape (D, E)
        Monthly probability of leaving each care form [1].
    stock : ndarray, shape (D, E)
        People in each care form now.
    inflow : ndarray, shape (D, E)
        Monthly inflow that keeps the stock constant [people/month].
    """

    destinations: np.ndarray
    exit_probability: np.ndarray
    stock: np.ndarray
    inflow: np.ndarray


def exit_probability(duration_months: np.ndarray) -> np.ndarray:
    """Monthly exit probability of stays with mean *duration_months* [months]."""
    return -np.expm1(-1.0 / np.asarray(duration_months, dtype=float))


def column(values: Mapping[str, np.ndarray], name: str, d: int) -> np.ndarray:
    """Parameter *name* for every draw, shape (D,) (``ParameterError`` if it is missing)."""
    try:
        v = values[name]
    except KeyError:
        raise ParameterError(name, "missing_parameter") from None
    if isinstance(v, np.ndarray) and v.shape == (d,) and v.dtype == np.float64:
        return v  # the common case (a column of draws): no new view
    return np.broadcast_to(np.asarray(v, dtype=float), (d,))


def batch_size(values: Mapping[str, np.ndarray]) -> int:
    """Number of draws ``D`` in a mapping of values (scalars count as 1).

    A mapping that draws its values when they are read (:class:`model.analysis.distributions.Draws`)
    says its number in ``batch``: asking it does not draw them.
    """
    known = getattr(values, "batch", None)
    if known is not None:
        return int(known)
    return max((np.size(v) for v in values.values()), default=1)


def destinations(values: Mapping[str, np.ndarray], states: StateSpace, d: int) -> np.ndarray:
    """Destination shares, shape (D, S, S); rows renormalised to sum to 1."""
    n = states.n_states
    dest = np.zeros((d, n, n))
    for name in values:  # the names alone: only the flows' values are read
        if name.startswith("flow."):
            v = values[name]
            _, src, dst = name.split(".")
            dest[:, states.index[src], states.index[dst]] = v
    if states.recruited_state is not None:
        dest[:, states.recruited_state] = dest[:, states.source_state]
    dest[:, states.exit_state, states.exit_state] = 1.0
    # Draws of shares are independent; renormalise so each row sums to 1.
    return dest / dest.sum(axis=2, keepdims=True)


def transition_matrix(p_exit: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """Monthly transition matrices from exit probabilities (..., S) and destinations."""
    eye = np.eye(p_exit.shape[-1])
    return eye * (1.0 - p_exit)[..., None] + p_exit[..., :, None] * dest


def base_exit_probabilities(values: Mapping[str, np.ndarray], states: StateSpace, d: int) -> np.ndarray:
    """Monthly exit probabilities per state, shape (D, S)."""
    p = np.zeros((d, states.n_states))
    for i in states.forms_with_parameters:
        p[:, i] = exit_probability(column(values, f"care.{states.ids[i]}.duration_months", d))
    if states.recruited_state is not None:
        p[:, states.recruited_state] = p[:, states.source_state]
    return p


def initial_stock(values: Mapping[str, np.ndarray], states: StateSpace, d: int) -> np.ndarray:
    """People in each state now, shape (D, S)."""
    x = np.zeros((d, states.n_states))
    for i in states.forms_with_parameters:
        if i == states.after_exit_state:
            continue  # derived in steady_state
        x[:, i] = column(values, f"care.{states.ids[i]}.children", d)
    return x


def steady_inflow(x: np.ndarray, transitions: np.ndarray, states: StateSpace, strict: bool) -> np.ndarray:
    """Monthly inflow per care form that keeps stock *x* (D, E) constant: ``x - x P``.

    With ``strict`` a negative inflow (stocks, durations and destinations that
    cannot all hold) raises :class:`ParameterError`; otherwise (uncertainty
    draws) it is clipped to zero.
    """
    f = x - np.einsum("ds,dst->dt", x, transitions)
    f[:, states.exit_state] = 0.0
    scale = np.maximum(x.sum(axis=1, keepdims=True), 1.0)
    bad = f < -NEGATIVE_INFLOW_TOLERANCE * scale
    if strict and bad.any():
        state = int(np.argwhere(bad)[0][1])
        raise ParameterError(
            f"care.{states.ids[state]}.children", "negative_inflow", value=round(float(f[bad][0]), 3)
        )
    return np.maximum(f, 0.0)


def steady_state(values: Mapping[str, np.ndarray], states: StateSpace, d: int, strict: bool) -> Baseline:
    """Today's care forms as a steady state for every draw (see :class:`Baseline`)."""
    e = states.n_care_forms
    dest = destinations(values, states, d)[:, :e, :e]
    p_exit = base_exit_probabilities(values, states, d)[:, :e]
    stock = initial_stock(values, states, d)[:, :e]
    a = states.after_exit_state
    if a is not None:
        stock[:, a] = np.einsum("di,di->d", stock * p_exit, dest[:, :, a]) / p_exit[:, a]
    inflow = steady_inflow(stock, transition_matrix(p_exit, dest), states, strict)
    return Baseline(destinations=dest, exit_probability=p_exit, stock=stock, inflow=inflow)
