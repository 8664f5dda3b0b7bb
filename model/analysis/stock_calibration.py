"""The municipality's own figures for an area with a long-term stock: households and the assistance paid.

A controller of financial assistance knows a few numbers from Kolada and the
municipality's books — the households on assistance (in an average month, or
during the year), the assistance paid a year and the long-term households'
share. :func:`calibrate_stock` puts them into a parameter set of an area whose
file names a ``long_term`` state (``data/areas/employment.yaml``):

* the households now are the entered count (or the count whose steady state
  has the entered households during the year), split between the long-term
  state and the other stock states by the entered share (or today's split);
  they are fixed figures (low = high);
* the costs per day of the stock states are scaled by one common factor so
  that the baseline pays the entered amount a year (their ratios are kept);
* with a new split, the share of the other states' spells that turn
  long-term is scaled by one common factor so that the steady state feeds the
  long-term stock as much as before (the part of its entries that come
  directly from outside stays the same share); the other destinations share
  the rest in their old proportions.

The inflow of new households follows: the baseline is a steady state
(``model.baseline.steady_state``), so the entered stock and cost are what the
model's first year starts from. Like :mod:`model.analysis.calibration`, all of
it is a few steady-state solves, cheap enough for the app's before/after table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from model.analysis.calibration import (
    KOLADA,
    OWN_FIGURES,
    Calibration,
    _check,
    _cite,
    _fixed,
    _scaled,
    _values,
    _with,
    check_baseline,
)
from model.area import Area
from model.baseline import steady_state
from model.parameters import Parameter, ParameterError, Parameters
from model.states import state_space

#: A long-term share this close to today's is today's (no flows are changed) [1].
SAME_SHARE = 1e-9


def calibrates_stock(area: Area) -> bool:
    """Whether :func:`calibrate_stock` fits *area* (its file names a ``long_term`` state)."""
    return bool(area.long_term)


def stock_figures(params: Parameters) -> dict[str, float]:
    """The baseline of *params* today, in the figures a controller can check against their own.

    Returns
    -------
    dict
        ``population`` (the area's, e.g. adults); ``households`` (on assistance in
        an average month) and ``households.<form>`` per stock state;
        ``long_term_share`` of them; ``entries_per_year`` (new households a year,
        the steady inflow) and ``households_during_year`` (now plus the new ones);
        ``cost_per_year_sek`` (households × cost per day × 365) [SEK/year] and
        ``cost_per_household_month`` [SEK]; ``flow.<form>.<long_term>`` (the share
        of each other stock state's spells that turn long-term) and
        ``duration_months.<form>`` [months].
    """
    area = params.area
    base = steady_state(_values(params), state_space(area), 1, False)
    households = {f: params.value(f"care.{f}.children") for f in area.stock_forms}
    total = sum(households.values())
    placement = state_space(area).placement[: base.inflow.shape[1]]
    entries = 12.0 * float(base.inflow[0][placement].sum())
    cost = sum(households[f] * params.value(f"care.{f}.cost_per_day") * 365.0 for f in area.stock_forms)
    out = {
        "population": params.value(area.population),
        "households": total,
        "long_term_share": households[area.long_term] / total if total > 0 else 0.0,
        "entries_per_year": entries,
        "households_during_year": total + entries,
        "cost_per_year_sek": cost,
        "cost_per_household_month": cost / 12.0 / total if total > 0 else 0.0,
    }
    for f in area.stock_forms:
        out[f"households.{f}"] = households[f]
    for f in _feeders(params):
        out[f"flow.{f}.{area.long_term}"] = params.value(f"flow.{f}.{area.long_term}")
    for f in area.reported_forms:
        out[f"duration_months.{f}"] = params.value(f"care.{f}.duration_months")
    return out


def calibrate_stock(
    params: Parameters,
    *,
    population: float | None = None,
    households: float | None = None,
    households_during_year: float | None = None,
    paid_per_year_sek: float | None = None,
    long_term_share: float | None = None,
    note: str = "entered in the app",
) -> Calibration:
    """Recalibrate the baseline of *params* to the municipality's own figures (``None``: keep the set's value).

    Parameters
    ----------
    params : Parameters
        The set to start from, of an area with a ``long_term`` state (:func:`calibrates_stock`).
    population : float, optional
        The area's population (adults 18+ for financial assistance) [people].
    households : float, optional
        Households on assistance in an average month [households].
    households_during_year : float, optional
        Households that received assistance at some time during the year [households]; instead of *households*.
    paid_per_year_sek : float, optional
        Assistance paid a year [SEK, the set's price year].
    long_term_share : float, optional
        The long-term households' share of the households in an average month [0–1].
    note : str
        Where the figures come from (written into each changed source).

    Returns
    -------
    Calibration
        The new set, :func:`stock_figures` before and after, and the factors ``cost`` (costs per day)
        and ``long_term_flow`` (the share of spells that turn long-term).

    Raises
    ------
    ParameterError
        A figure outside its domain, both household counts given (``calibration_both``), or
        figures that cannot be a steady state with the set's durations and destinations.
    """
    if households is not None and households_during_year is not None:
        raise ParameterError("households_during_year", "calibration_both", other="households")
    note = note.strip() or "entered in the app"
    own = _cite((OWN_FIGURES,), f"Kommunens egen uppgift ({note}).", f"The municipality's own figure ({note}).")
    changed: dict[str, Parameter] = {}
    if population is not None:
        name = params.area.population
        changed[name] = _fixed(params[name], _check(name, population), own)
    split = _split(params, None if long_term_share is None else _share(long_term_share))
    flow_factor = _feed_long_term(_with(params, changed), split, note, changed)
    total = _total(_with(params, changed), split, households, households_during_year)
    if households is not None or households_during_year is not None or split != _split(params, None):
        for f, share in split.items():
            name = f"care.{f}.children"
            changed[name] = _fixed(params[name], _check(name, share * total), own)
    cost_factor = 1.0
    if paid_per_year_sek is not None:
        cost_factor = _scale_costs(_with(params, changed), _paid(paid_per_year_sek), note, changed)
    staged = _with(params, changed)
    check_baseline(staged)  # figures that cannot be a steady state: a clear error
    return Calibration(
        params=staged,
        before=stock_figures(params),
        after=stock_figures(staged),
        factors={"cost": cost_factor, "long_term_flow": flow_factor},
    )


def _share(x: float) -> float:
    value = float(x)
    if not math.isfinite(value):
        raise ParameterError("long_term_share", "not_finite", value=x)
    if value < 0.0:
        raise ParameterError("long_term_share", "below_domain", value=value, limit=0.0)
    if value > 1.0:
        raise ParameterError("long_term_share", "above_domain", value=value, limit=1.0)
    return value


def _paid(x: float) -> float:
    value = float(x)
    if not math.isfinite(value) or value <= 0:
        raise ParameterError("paid_per_year_sek", "below_domain", value=x, limit=0)
    return value


def _feeders(params: Parameters) -> tuple[str, ...]:
    """The stock states whose spells turn long-term (a ``flow.<form>.<long_term>`` parameter)."""
    long = params.area.long_term
    return tuple(f for f in params.area.stock_forms if f != long and f"flow.{f}.{long}" in params)


def _split(params: Parameters, long_term_share: float | None) -> dict[str, float]:
    """Each stock state's share of the households: the long-term one *long_term_share*, the rest as today."""
    area = params.area
    now = {f: params.value(f"care.{f}.children") for f in area.stock_forms}
    total = sum(now.values())
    today = {f: (n / total if total > 0 else 1.0 / len(now)) for f, n in now.items()}
    if long_term_share is None or abs(long_term_share - today[area.long_term]) <= SAME_SHARE:
        return today
    others = [f for f in now if f != area.long_term]
    rest = sum(today[f] for f in others)
    out = {f: (1.0 - long_term_share) * (today[f] / rest if rest > 0 else 1.0 / len(others)) for f in others}
    out[area.long_term] = long_term_share
    return out


def _feed_long_term(params: Parameters, split: Mapping[str, float], note: str, changed: dict) -> float:
    """Scale the shares of spells that turn long-term so the steady state feeds *split* (into *changed*).

    Returns the common factor (1 when the split is today's). The long-term state keeps the share of its
    entries that come directly from outside; a share that would pass 1 stops at 1 and the rest of the
    long-term entries come from outside.
    """
    area, long = params.area, params.area.long_term
    feeders = _feeders(params)
    now = {f: params.value(f"care.{f}.children") for f in area.stock_forms}
    total = sum(now.values())
    if not feeders or total <= 0 or all(abs(split[f] - now[f] / total) <= SAME_SHARE for f in now):
        return 1.0
    p = {f: -math.expm1(-1.0 / params.value(f"care.{f}.duration_months")) for f in area.stock_forms}
    fed_now = sum(now[f] * p[f] * params.value(f"flow.{f}.{long}") for f in feeders)
    direct = max(0.0, 1.0 - fed_now / (now[long] * p[long])) if now[long] > 0 else 0.0
    fed_new = sum(split[f] * p[f] * params.value(f"flow.{f}.{long}") for f in feeders)
    factor = (1.0 - direct) * split[long] * p[long] / fed_new if fed_new > 0 else 1.0
    source = _cite(
        (OWN_FIGURES,),
        f"Skalad ×{factor:.3f} så att jämviktsläget ger kommunens andel långvariga hushåll "
        f"({split[long]:.2f}) ({note}).",
        f"Scaled ×{factor:.3f} so that the steady state gives the municipality's long-term share "
        f"({split[long]:.2f}) ({note}).",
    )
    for f in feeders:
        name = f"flow.{f}.{long}"
        old = params.value(name)
        new = min(1.0, old * factor)
        changed[name] = _scaled(params[name], new / old, source, "D", "M", 12)
        rest = 1.0 - old
        for other in params.flows(f):
            if other != long and rest > 0:
                o = f"flow.{f}.{other}"
                changed[o] = _scaled(params[o], (1.0 - new) / rest, source, "D", "M", 12)
    return factor


def _total(
    params: Parameters, split: Mapping[str, float], households: float | None, during_year: float | None
) -> float:
    """The households in an average month: entered, or the count whose steady state has *during_year*."""
    if households is not None:
        return _check("households", households)
    now = sum(params.value(f"care.{f}.children") for f in params.area.stock_forms)
    if during_year is None:
        return now
    target = _check("households_during_year", during_year)
    names = {f: f"care.{f}.children" for f in split}
    unit = _with(params, {n: replace(params[n], value=split[f], low=split[f], high=split[f]) for f, n in names.items()})
    return target / stock_figures(unit)["households_during_year"]


def _scale_costs(staged: Parameters, paid: float, note: str, changed: dict) -> float:
    """Scale the stock states' costs per day so the baseline pays *paid* a year (into *changed*)."""
    current = stock_figures(staged)["cost_per_year_sek"]
    factor = paid / current if current > 0 else 1.0
    source = _cite(
        (OWN_FIGURES, KOLADA),
        f"Skalad ×{factor:.3f} så att utgångsläget betalar ut {paid:.0f} kr per år (kommunens egen uppgift, "
        f"jfr Kolada N31002; {note}).",
        f"Scaled ×{factor:.3f} so that the baseline pays {paid:.0f} kr a year (the municipality's own figure, "
        f"cf. Kolada N31002; {note}).",
    )
    for f in staged.area.stock_forms:
        name = f"care.{f}.cost_per_day"
        # Six decimals: the baseline pays the entered amount to the krona (the form shows it back unchanged).
        changed[name] = _scaled(staged[name], factor, source, "D", "M", 6)
    return factor
