"""How the money moved reaches a measure's service over time: start-up cost, lead time and notice.

For each measure, from the money moved to it each month (:func:`model.care.allocation`):

* **Start-up cost** (``startup_cost``, price-year kronor, cost kind "other"):
  one-off training, licences, a recruitment campaign or equipment, paid from
  the measure's money in the first twelve months it has any, a twelfth a
  month (at most the month's money). It is money used, but buys no service.
* **Lead time** (``lead_time_months``): months from the first money to the
  first service (hiring, training); the money of those months, less the
  start-up cost, buys nothing and is moved but not used. A recruitment
  measure's ``lead_time_months`` is already the time from its money to a
  home ready to take a child (:mod:`model.recruitment`), so its recruiters
  start at once and no second lead time is added.
* **Notice** (``notice_months``): when the money stops (a month without
  money after one with), the measure goes on buying the service of its last
  funded month, at that month's price-year value, for the notice period:
  the staff work out their notice and are paid. That spending is not moved
  money: it is a cost beyond the shift.

Everything is computed on (D, T) arrays per measure; the only loop is over measures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model.baseline import column
from model.parameters import Measure

#: Months over which a start-up cost is paid, from the first month with money.
STARTUP_MONTHS = 12


@dataclass(frozen=True)
class Funding:
    """The money of each measure per month, split by what it pays for; (D, T, K) arrays.

    Attributes
    ----------
    service : ndarray
        Money for the measure's service at price-year unit costs [SEK of the price year]
        (what :func:`model.spending.spend` turns into families, posts and homes).
    startup : ndarray
        Start-up cost paid [SEK, the run's kronor].
    factor : ndarray
        The measures' price factor (:mod:`model.prices`): service money used in the
        run's kronor is the price-year money used times it.
    """

    service: np.ndarray
    startup: np.ndarray
    factor: np.ndarray


def fund(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    allocated: np.ndarray,
    service_factor: np.ndarray,
    startup_factor: np.ndarray,
) -> Funding:
    """Split each measure's money into start-up cost and service, with its lead time and notice.

    Parameters
    ----------
    values : mapping of str to ndarray
        Parameter values, each (D,).
    measures : sequence of Measure
        The catalogue, in the order of the ``K`` axis.
    allocated : ndarray, shape (D, T, K)
        Money moved to each measure per month [SEK, the run's kronor].
    service_factor, startup_factor : ndarray, shape (D, T)
        Price-year kronor to the run's kronor for the service (staff) and the start-up cost (other).
    """
    d, months, n = allocated.shape
    # Measure-major memory seen as (D, T, K): each measure's (D, T) is contiguous where it is written.
    # The service is written in every month of a measure with money (zero before it begins) and set
    # to zero for the others: not zeroed twice.
    service = np.empty((n, d, months)).transpose(1, 2, 0)
    startup = np.zeros((n, d, months)).transpose(1, 2, 0)
    # Which months have money: the allocation is usually the same for every draw (a broadcast view, as
    # model.care.allocation makes it), so its months are looked at once, not once per draw.
    pattern = allocated[:1] if allocated.strides[0] == 0 else allocated
    for k, m in enumerate(measures):
        funded = pattern[:, :, k] > 0.0
        if not funded.any():
            service[:, :, k] = 0.0
            continue
        money = allocated[:, :, k]
        key = f"measure.{m.id}."
        first = np.where(funded.any(-1), np.argmax(funded, axis=-1), months)[:, None]  # (D or 1, 1)
        # The months in which some draw pays a start-up cost (all draws usually start in the same month).
        paid = _months_between(first, first + STARTUP_MONTHS, months)
        _startup(startup[:, :, k], money, first, paid, column(values, key + "startup_cost", d), startup_factor)
        lead = 0 if m.mechanism == "recruitment" else np.rint(column(values, key + "lead_time_months", d))[:, None]
        _service(service[:, :, k], money, startup[:, :, k], first + lead, paid, service_factor)
        _with_notice(service[:, :, k], funded, values, key + "notice_months")
    factor = np.broadcast_to(service_factor[:, :, None], allocated.shape)
    return Funding(service=service, startup=startup, factor=factor)


def _months_between(lowest: np.ndarray, highest: np.ndarray, months: int) -> tuple[int, int]:
    """The smallest and the largest of two arrays of months, each within ``0 .. months``."""
    return (min(max(int(lowest.min()), 0), months), min(max(int(highest.max()), 0), months))


def _startup(
    out: np.ndarray, money: np.ndarray, first: np.ndarray, paid: tuple[int, int], cost: np.ndarray, factor: np.ndarray
) -> None:
    """Write the start-up cost paid into *out* (D, T; zeros): a twelfth of *cost* (D,) a month, at most the money.

    Paid from month *first* (D or 1, 1) for :data:`STARTUP_MONTHS` months; only the months *paid*
    (``lo, hi``) in which some draw pays are computed.
    """
    lo, hi = paid
    if lo >= hi:
        return
    per_month = cost[:, None] * factor[:, lo:hi] / STARTUP_MONTHS
    if first.min() == first.max():  # every draw pays in every one of these months: no mask
        np.minimum(money[:, lo:hi], per_month, out=out[:, lo:hi])
        return
    t = np.arange(lo, hi)[None, :]
    np.minimum(money[:, lo:hi], per_month, out=out[:, lo:hi], where=(t >= first) & (t < first + STARTUP_MONTHS))


def _service(
    out: np.ndarray,
    money: np.ndarray,
    startup: np.ndarray,
    begin: np.ndarray,
    paid: tuple[int, int],
    factor: np.ndarray,
) -> None:
    """Write the price-year money for the service into *out* (D, T): money less start-up over *factor*.

    From month *begin* (D or 1, 1) on; zero before. Months where every draw has begun are computed without a mask,
    and, outside the months *paid* (``lo, hi``) of :func:`_startup`, without subtracting the start-up
    cost (zero there, and ``x - 0 == x``).
    """
    months = out.shape[1]
    lo, hi = _months_between(begin, begin, months)
    out[:, :hi] = 0.0
    if lo < hi:  # the months where some draws have begun and some not
        band = np.arange(lo, hi)[None, :] >= begin
        np.subtract(money[:, lo:hi], startup[:, lo:hi], out=out[:, lo:hi], where=band)
        np.divide(out[:, lo:hi], factor[:, lo:hi], out=out[:, lo:hi], where=band)
    np.divide(money[:, hi:], factor[:, hi:], out=out[:, hi:])
    s = slice(max(paid[0], hi), max(paid[1], hi))  # start-up months in which every draw has begun
    np.divide(np.subtract(money[:, s], startup[:, s]), factor[:, s], out=out[:, s])


def _with_notice(real: np.ndarray, funded: np.ndarray, values: Mapping[str, np.ndarray], notice: str) -> None:
    """Write the last funded month's service into each month of a notice (parameter *notice*) of *real* (D, T).

    *funded* (D or 1, T) says which months have money. The notice is read only when the money stops:
    a Monte Carlo run whose money never stops does not draw it (:class:`model.analysis.distributions.Draws`).
    """
    months = real.shape[1]
    t = np.arange(months)[None, :]
    last = np.maximum.accumulate(np.where(funded, t, -1), axis=1)  # the last funded month so far
    after = ~funded & (last >= 0)
    if not after.any():
        return
    in_notice = after & (t - last <= np.rint(column(values, notice, real.shape[0]))[:, None])
    carried = np.take_along_axis(real, np.broadcast_to(np.maximum(last, 0), real.shape), axis=1)
    np.copyto(real, carried, where=in_notice)
