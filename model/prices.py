"""Prices over time: real cost growth for every cost kind, and a nominal index per kind for current prices.

Every cost in the model has a *cost kind* (:data:`model.fields.PRICE_INDEXES`):
a care form names its kind in the area file (``price_index``: purchased care
for HVB, SiS, agency homes and supported housing, family-home fees for kinship
and municipal family homes and the recruited homes, staff for in-home
support); the money of every measure is staff (posts, therapists, recruiters)
and its one-off start-up cost is other (training, licences, campaigns,
equipment) — :data:`model.fields.MEASURE_INDEX` and :data:`model.fields.STARTUP_INDEX`.
An area has the indices of the kinds it uses (:attr:`model.area.Area.price_kinds`):
the children's all four, financial assistance staff and other (the assistance
follows the riksnorm, for whose uprating no source was found: other, CPI).

A cost in month *t* of the run is its price-year value times

* the real cost growth ``(1 + economics.real_cost_growth) ** (t / 12)``,
  the same for every kind (0 by default), from the first model month; and,
  with current prices (``price_basis="current"``, löpande priser),
* the kind's nominal index from the price year to the budget year,
  ``(1 + prices.<kind>.index_per_year) ** (year - price_year)``: a budget
  year's prices are the same in each of its months.

With fixed prices (``"fixed"``, fasta priser: the default) the second factor
is 1 and every amount is in the price year's kronor. Discounting follows the
basis (:func:`nominal_rate`): the real rate with fixed prices, the nominal
``(1 + real)(1 + CPI) − 1`` with current prices, CPI being the "other" index.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from model.baseline import column
from model.fields import PRICE_INDEX

#: The price bases a scenario may choose: constant prices of the price year, or current prices.
PRICE_BASES = ("fixed", "current")
DEFAULT_PRICE_BASIS = "fixed"
#: The real cost growth, one rate for every cost kind [1/year].
REAL_GROWTH = "economics.real_cost_growth"


def growth_factor(rate_per_year: np.ndarray, months: int) -> np.ndarray:
    """``(1 + rate) ** (t / 12)`` for each draw (D,) and month: shape (D, T).

    Computed as ``exp(log1p(rate) * t / 12)`` (one exponential per element, not a general power);
    month 0 is exactly 1.
    """
    out = np.multiply(np.log1p(rate_per_year)[:, None], np.arange(months)[None, :] / 12.0)
    np.exp(out, out=out)
    out[:, 0] = 1.0
    return out


def kind_factors(
    values: Mapping[str, np.ndarray],
    d: int,
    months: int,
    basis: str,
    first_year: int,
    price_year: int,
    kinds: Sequence[str],
) -> dict[str, np.ndarray]:
    """Price-year kronor to the run's kronor per cost kind: {kind: (D, T)}.

    Parameters
    ----------
    values : mapping of str to ndarray
        Parameter values, each (D,) (the real growth and, with current prices, the indices).
    d, months : int
        Draws and months of the run.
    basis : str
        ``"fixed"`` or ``"current"`` (:data:`PRICE_BASES`).
    first_year, price_year : int
        The run's first calendar year and the parameter set's price year.
    kinds : sequence of str
        The cost kinds of the area (:attr:`model.area.Area.price_kinds`): the set has their indices.
    """
    real = growth_factor(column(values, REAL_GROWTH, d), months)
    if basis != "current":
        return dict.fromkeys(kinds, real)
    years = first_year + np.arange(months) // 12 - price_year  # whole budget years since the price year
    return {
        kind: real * (1.0 + column(values, PRICE_INDEX.format(kind), d)[:, None]) ** years[None, :]
        for kind in kinds
    }


def state_prices(per_month: np.ndarray, factors: Mapping[str, np.ndarray], kinds: Sequence[str]) -> np.ndarray:
    """The cost of a month in each state: price-year costs (D, S) times each state's kind's factor (D, T).

    Returns a (D, T, S) view of a time-major, draws-last (T, S, D) array, the layout in which
    :func:`model.results.yearly_arrays` multiplies it with the engine's occupancy. A factor shared by
    several kinds (all of them with fixed prices) is transposed once; when every state has the same
    factor, the array is written in one pass, in memory order (a pass per state would go through all
    of it once per state: about twice the time).
    """
    d, months = next(iter(factors.values())).shape
    out = np.empty((months, len(kinds), d))
    by_kind: dict[int, np.ndarray] = {}
    for kind in kinds:
        factor = factors[kind]
        if id(factor) not in by_kind:
            by_kind[id(factor)] = np.ascontiguousarray(factor.T)  # (T, D)
    if len(by_kind) == 1:
        (factor_t,) = by_kind.values()
        np.multiply(factor_t[:, None, :], np.ascontiguousarray(per_month.T)[None], out=out)
        return out.transpose(2, 0, 1)
    for i, kind in enumerate(kinds):
        np.multiply(by_kind[id(factors[kind])], per_month[:, i], out=out[:, i])
    return out.transpose(2, 0, 1)


def nominal_rate(real_rate: float, inflation: float) -> float:
    """The nominal discount rate of a real one: ``(1 + real)(1 + inflation) − 1`` [1/year]."""
    return (1.0 + real_rate) * (1.0 + inflation) - 1.0
