"""Recruitment: money buys new homes, and people who would enter a bought place go there instead.

A measure of mechanism ``recruitment`` (recruiting municipal family homes)
first pays the yearly support of the homes already recruited, then recruits
new homes at a cost per home, at most ``max_per_year``; homes quit at a yearly
rate. Placements that would have gone to the area's ``recruited_from`` care
form (the agency family home) — new ones and step-downs from HVB or SiS — go
to a free recruited home instead, with the same length of stay but the cost of
``recruited_as`` (the municipal family home).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from model.baseline import column
from model.parameters import Measure


def recruitment_lever(values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray, d: int) -> dict[str, np.ndarray]:
    """Parameters of one recruitment measure as arrays of shape (D,), and its money (D, T) [SEK/month]."""
    key = f"measure.{m.id}."
    return {
        "money": money,
        "cost": np.maximum(column(values, key + "recruitment_cost", d), 1.0),
        "support": column(values, key + "support_cost_per_year", d) / 12.0,
        "stay": (1.0 - column(values, key + "quit_rate_per_year", d)) ** (1.0 / 12.0),
        "cap": column(values, key + "max_per_year", d) / 12.0,
        "places": column(values, key + "places_per_home", d),
    }


def place_in_recruited_homes(
    pool: np.ndarray, p_exit: np.ndarray, levers: Sequence[dict[str, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Recruit homes month by month and place agency-home children in them.

    Children in recruited homes keep the exit rate and destinations of agency
    homes, so agency and recruited homes together (*pool*, the scenario's
    agency-home occupancy without recruitment) evolve as if there were no
    recruitment; recruitment only decides who of them sits in a municipal home.
    Each month the money first pays the support of the homes already recruited,
    then recruits new homes (at most ``cap`` a month and no more than the pool
    needs); new entries to the pool go to a free recruited home first.

    Parameters
    ----------
    pool : ndarray, shape (D, T+1)
        Children in agency plus recruited homes at the start of each month.
    p_exit : ndarray, shape (D, T)
        Monthly exit probability of agency-home stays in each month (the
        scenario's: a measure may shorten them).
    levers : sequence of dict
        One per recruitment measure (:func:`recruitment_lever`).

    Returns
    -------
    placed : ndarray, shape (D, T+1)
        Children in recruited homes at the start of each month.
    homes, recruited, used : ndarray, shape (K, D, T)
        Homes in the pool, homes recruited and money used [SEK] per month and measure.
    """
    d, months = pool.shape[0], pool.shape[1] - 1
    stay_in_care = 1.0 - p_exit
    entering = pool[:, 1:] - pool[:, :-1] * stay_in_care  # inflow to the pool per month (>= 0)
    # The recursion runs month by month. With one draw it runs on Python floats
    # (numpy's per-call overhead on length-1 arrays would dominate model.run);
    # with many draws on arrays over draws. The arithmetic is the same.
    by_month: Callable[[np.ndarray], list]
    lower: Callable[..., Any]
    upper: Callable[..., Any]
    if d == 1:
        by_month, lower, upper = _floats, min, max
    else:
        by_month, lower, upper = _columns, np.minimum, np.maximum
    lv = [{key: by_month(v) for key, v in lever.items()} for lever in levers]
    rows = _months(by_month(pool[:, 1:]), by_month(entering), by_month(stay_in_care), lv, lower, upper)
    homes_t, recruited_t, used_t, placed_t = rows
    # (T, K[, D]) -> (K, D, T); placed (T[, D]) -> (D, T+1) starting from zero.
    homes, recruited, used = (
        np.asarray(a, dtype=float).reshape(months, len(levers), d).transpose(1, 2, 0)
        for a in (homes_t, recruited_t, used_t)
    )
    placed = np.zeros((d, months + 1))
    placed[:, 1:] = np.asarray(placed_t, dtype=float).reshape(months, d).T
    return placed, homes, recruited, used


def _floats(a: np.ndarray) -> list:
    """Draw 0 of a (1,) or (1, T) array as Python floats (a per-lever constant, or a list over months)."""
    return a[0].tolist()


def _columns(a: np.ndarray) -> list:
    """A (D, T) array as a list over months of (D,) arrays; a (D,) array stays as it is."""
    return list(a.T) if a.ndim == 2 else a  # type: ignore[return-value]


def _months(
    pool_next: list, entering: list, stay: list, levers: list[dict], lower: Callable, upper: Callable
) -> tuple[list, list, list, list]:
    """The monthly recursion: homes, homes recruited, money used (per measure) and children placed."""
    homes_t: list = []
    recruited_t: list = []
    used_t: list = []
    placed_t: list = []
    zero = 0.0 * entering[0]
    current = [zero for _ in levers]
    n = zero
    for t in range(len(entering)):
        capacity = zero
        row_homes, row_new, row_used = [], [], []
        for k, x in enumerate(levers):
            # Homes whose support the month's money cannot pay are let go.
            current[k] = lower(current[k], x["money"][t] / upper(x["support"], 1e-12))
            keep = current[k] * x["support"]
            kept = current[k] * x["stay"]
            wanted = (pool_next[t] - capacity) / x["places"] - kept
            new = lower(upper(lower((x["money"][t] - keep) / x["cost"], wanted), 0.0), x["cap"])
            current[k] = kept + new
            capacity = capacity + current[k] * x["places"]
            row_homes.append(current[k])
            row_new.append(new)
            row_used.append(keep + new * x["cost"])
        remaining = n * stay[t]
        n = upper(remaining, lower(capacity, remaining + entering[t]))
        homes_t.append(row_homes)
        recruited_t.append(row_new)
        used_t.append(row_used)
        placed_t.append(n)
    return homes_t, recruited_t, used_t, placed_t
