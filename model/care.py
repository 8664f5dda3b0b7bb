"""The care model: the people in an area's care forms, baseline and scenario, month by month.

A monthly cohort over the care forms of an :class:`~model.area.Area` (for
the children's area, ``data/areas/children.yaml``), plus — where the area has
recruitment — one internal state for the people placed in the homes a
recruitment measure pays for (:mod:`model.states`). :func:`simulate_care`
runs these named steps, each in its own module where it is more than a line:

1. **Baseline** (:mod:`model.baseline`): today's care forms as a steady state
   (the inflow that keeps them constant), growing with the population.
2. **Money** (:func:`allocation`): the shift per month, split by the mix.
3. **Prevention** (:mod:`model.prevention`): families reached, placements
   avoided or substituted, stays shortened.
4. **Scenario inflow and starts**: the baseline's inflow less the placements
   kept out, plus the substituted support.
5. **Stays**: the scenario's exit probabilities where measures shorten stays.
6. **Engine** (:func:`model.cohort.propagate_exits`): baseline and scenario
   as one stacked batch through the same steps, so a scenario that moves no
   money reproduces the baseline exactly.
7. **Recruitment** (:mod:`model.recruitment`): who of the agency-home pool
   sits in a recruited home.
8. **Prices**: the cost of a person-month in each state.

Every function works on a leading batch axis of parameter draws (``D``); the
only Python loop is over months.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model.area import Area
from model.baseline import Baseline, batch_size, column, steady_state
from model.cohort import propagate_exits
from model.parameters import Measure
from model.prevention import Prevention, add_effect, families_reached
from model.recruitment import place_in_recruited_homes, recruitment_lever
from model.scenario import Scenario
from model.states import StateSpace, state_space

DAYS_PER_YEAR = 365.0
DAYS_PER_MONTH = DAYS_PER_YEAR / 12


@dataclass(frozen=True)
class CareRun:
    """Monthly arrays of one run; leading axis ``D`` (draws), months ``T``.

    Attributes
    ----------
    occupancy : ndarray, shape (2, D, T+1, S)
        People per state at the start of each month; [0] baseline, [1] scenario.
    price : ndarray, shape (D, T, S)
        Cost of one person-month in each state [SEK/month] (the cost of care
        is ``occupancy[:, :, :-1] * price``).
    starts : ndarray, shape (2, D, T)
        Placements started (24-hour care entered from outside care) per month.
    allocated : ndarray, shape (D, T, K)
        Money moved to each measure per month [SEK].
    spent : ndarray, shape (D, T, K)
        Money each measure used per month [SEK] (recruitment may use less).
    families : ndarray, shape (D, T, K)
        Families reached per month (0 for recruitment measures).
    homes : ndarray, shape (D, T)
        Recruited family homes in the pool during each month.
    homes_recruited : ndarray, shape (D, T)
        Homes recruited per month.
    population : ndarray, shape (D, T)
        The area's population (children 0–20) in each month.
    measure_ids : tuple of str
        The measures, in the order of the ``K`` axis.
    states : StateSpace
        The states of the ``S`` axis.
    """

    occupancy: np.ndarray
    price: np.ndarray
    starts: np.ndarray
    allocated: np.ndarray
    spent: np.ndarray
    families: np.ndarray
    homes: np.ndarray
    homes_recruited: np.ndarray
    population: np.ndarray
    measure_ids: tuple[str, ...]
    states: StateSpace

    @property
    def cost(self) -> np.ndarray:
        """Cost of care per state and month, shape (2, D, T, S) [SEK] (built on request)."""
        return self.occupancy[:, :, :-1, :] * self.price[None]


def allocation(scenario: Scenario, measure_ids: Sequence[str], d: int, months: int) -> np.ndarray:
    """Money moved to each measure per month, shape (D, T, K) [SEK/month]."""
    yearly = np.repeat(np.asarray(scenario.shift_by_year()) / 12.0, 12)[:months]
    mix = scenario.mix_dict
    shares = np.array([mix.get(m, 0.0) for m in measure_ids])
    return np.broadcast_to(yearly[:, None] * shares[None, :], (d, months, len(measure_ids))).copy()


def growth_factor(rate_per_year: np.ndarray, months: int) -> np.ndarray:
    """``(1 + rate) ** (t / 12)`` for each draw (D,) and month: shape (D, T)."""
    return (1.0 + rate_per_year[:, None]) ** (np.arange(months)[None, :] / 12.0)


def simulate_care(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    scenario: Scenario,
    area: Area,
    *,
    strict: bool = True,
) -> CareRun:
    """Run baseline and scenario of the care model.

    Parameters
    ----------
    values : mapping of str to array_like
        Parameter values by name, each a scalar or shape (D,) for D draws.
    measures : sequence of Measure
        The catalogue of measures (levers).
    scenario : Scenario
        The levers; its mix must name measures of the catalogue.
    area : Area
        The care forms (states) the values describe (``params.area``).
    strict : bool
        Raise on stocks that cannot be a steady state (off for uncertainty draws).

    Returns
    -------
    CareRun
        Monthly occupancy, costs, starts and spending.
    """
    d = batch_size(values)
    months = 12 * scenario.horizon_years
    ids = _measure_ids(measures, scenario)
    states = state_space(area)
    base = steady_state(values, states, d, strict)
    pop_factor = growth_factor(column(values, "population.growth_per_year", d), months)
    population = column(values, area.population, d)[:, None] * pop_factor
    allocated = allocation(scenario, ids, d, months)
    money = _spend(values, measures, allocated, population)
    effects = _prevent(values, money, base, states)

    # Baseline [0] and scenario [1] inflows in one array: the engine takes them as one batch without a copy.
    inflows = np.empty((2, d, months, states.n_care_forms))
    starts = _inflows(base, pop_factor, effects, states, inflows)
    p_scen = _shortened_exits(base.exit_probability, effects.stay_cut)
    del effects  # free the large intermediates: later arrays can reuse their memory (fewer page faults)
    occupancy = _propagate(base, p_scen, inflows, states)
    del inflows
    homes, homes_recruited = _recruit(occupancy, base, p_scen, money.recruitment, money.spent, states)
    return CareRun(
        occupancy=occupancy,
        price=_prices(values, states, d, months),
        starts=starts,
        allocated=allocated,
        spent=money.spent,
        families=money.families,
        homes=homes,
        homes_recruited=homes_recruited,
        population=population,
        measure_ids=ids,
        states=states,
    )


def _measure_ids(measures: Sequence[Measure], scenario: Scenario) -> tuple[str, ...]:
    """The catalogue's ids, after checking that the scenario's mix names only them."""
    ids = tuple(m.id for m in measures)
    unknown = set(scenario.mix_dict) - set(ids)
    if unknown:
        raise ValueError(f"mix: unknown lever '{sorted(unknown)[0]}' (known: {', '.join(ids)})")
    return ids


@dataclass(frozen=True)
class _Spending:
    """What the money of each measure buys (arrays filled in place by the steps)."""

    spent: np.ndarray  # (D, T, K) money used [SEK/month]; recruitment writes its own later
    families: np.ndarray  # (D, T, K) families reached by preventive measures
    reached: list[tuple[Measure, np.ndarray]]  # the preventive measures with money, and their (D, T) families
    recruitment: list[tuple[int, dict[str, np.ndarray]]]  # (measure index, lever) of the recruitment measures


def _spend(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    allocated: np.ndarray,
    population: np.ndarray,
) -> _Spending:
    """Families reached by each preventive measure with money; the levers of the recruitment measures."""
    d = allocated.shape[0]
    out = _Spending(spent=allocated.copy(), families=np.zeros_like(allocated), reached=[], recruitment=[])
    for k, m in enumerate(measures):
        money = allocated[:, :, k]
        if not money.any():
            continue
        if m.mechanism == "recruitment":
            out.recruitment.append((k, recruitment_lever(values, m, money, d)))
            continue
        reached, out.spent[:, :, k] = families_reached(values, m, money, population, d)
        out.families[:, :, k] = reached
        out.reached.append((m, reached))
    return out


def _prevent(values: Mapping[str, np.ndarray], money: _Spending, base: Baseline, states: StateSpace) -> Prevention:
    """What the families each preventive measure reaches do to placements and stays, summed over measures."""
    d, months, _ = money.families.shape
    effects = Prevention.none(d, months, states.n_care_forms)
    for m, reached in money.reached:
        add_effect(effects, values, m, reached, base, states)
    return effects


def _propagate(base: Baseline, p_scen: np.ndarray | None, inflows: np.ndarray, states: StateSpace) -> np.ndarray:
    """Baseline [0] and scenario [1] through the engine as one batch: occupancy (2, D, T+1, S)."""
    _, d, months, _ = inflows.shape
    if p_scen is None:
        p_exit = base.exit_probability[None, :, None, :]
    else:
        p_exit = np.stack([np.broadcast_to(base.exit_probability[:, None, :], p_scen.shape), p_scen])
    occ = propagate_exits(base.stock, p_exit, base.destinations[None], inflows)
    occupancy = np.zeros((2, d, months + 1, states.n_states))
    occupancy[..., : states.n_care_forms] = occ
    return occupancy


def _inflows(
    base: Baseline, pop_factor: np.ndarray, effects: Prevention, states: StateSpace, out: np.ndarray
) -> np.ndarray:
    """Write the baseline [0] and scenario [1] inflows (D, T, E) into *out*; return the starts (2, D, T).

    The baseline's inflow grows with the population. The scenario's is the
    baseline's less the placements kept out (never more than the inflow they
    come from), plus the substituted support; it starts the placements kept
    out fewer (exactly the baseline's when nothing is kept out).
    """
    d, months = pop_factor.shape
    inflow_base = np.multiply(base.inflow[:, None, :], pop_factor[:, :, None], out=out[0])  # (D, T, E)
    kept_out = np.minimum(effects.avoided, inflow_base)
    total_avoided = np.einsum("dte->dt", effects.avoided)  # einsum: several times faster than .sum(2) over 7 forms
    kept_total = np.einsum("dte->dt", kept_out)
    sub_scale = np.divide(kept_total, total_avoided, out=np.ones((d, months)), where=total_avoided > 0)
    inflow_scen = np.subtract(inflow_base, kept_out, out=out[1])
    if states.substitute_state is not None:
        inflow_scen[:, :, states.substitute_state] += effects.substituted * sub_scale
    placement = states.placement[: states.n_care_forms].astype(float)
    starts = np.empty((2, d, months))
    np.multiply((base.inflow @ placement)[:, None], pop_factor, out=starts[0])
    np.subtract(starts[0], np.einsum("dte,e->dt", kept_out, placement), out=starts[1])
    return starts


def _shortened_exits(p_base: np.ndarray, stay_cut: np.ndarray) -> np.ndarray | None:
    """The scenario's exit probabilities (D, T, E) where measures shorten stays; None if none do.

    A stay shortened by a share *r* lasts ``duration * (1 - r)``: a higher monthly exit probability.
    """
    shortened = stay_cut < 0.0
    if not shortened.any():
        return None
    months = stay_cut.shape[1]
    rate = -np.log1p(-p_base)  # 1 / duration
    p_scen = np.repeat(p_base[:, None, :], months, axis=1)
    for i in np.flatnonzero(shortened.any(axis=(0, 1))):  # only the forms whose stays are shortened
        faster = -np.expm1(-rate[:, None, i] / np.exp(stay_cut[:, :, i]))
        p_scen[:, :, i] = np.where(shortened[:, :, i], faster, p_base[:, None, i])
    return p_scen


def _recruit(
    occupancy: np.ndarray,
    base: Baseline,
    p_scen: np.ndarray | None,
    recruitment: list[tuple[int, dict[str, np.ndarray]]],
    spent: np.ndarray,
    states: StateSpace,
) -> tuple[np.ndarray, np.ndarray]:
    """Move the scenario's people from the agency-home pool into recruited homes (in place).

    Writes the money the recruitment measures use into *spent*; returns the
    homes in the pool and the homes recruited per month, each (D, T).
    """
    _, d, months_1, _ = occupancy.shape
    months = months_1 - 1
    if not recruitment:
        return np.zeros((d, months)), np.zeros((d, months))
    source, recruited = states.source_state, states.recruited_state
    p_source = (
        np.broadcast_to(base.exit_probability[:, None, source], (d, months)) if p_scen is None else p_scen[:, :, source]
    )
    placed, pool_homes, new_homes, used = place_in_recruited_homes(
        occupancy[1, :, :, source], p_source, [lever for _, lever in recruitment]
    )
    occupancy[1, :, :, source] -= placed
    occupancy[1, :, :, recruited] = placed
    for j, (k, _) in enumerate(recruitment):
        spent[:, :, k] = used[j]
    return pool_homes.sum(0), new_homes.sum(0)


def _prices(values: Mapping[str, np.ndarray], states: StateSpace, d: int, months: int) -> np.ndarray:
    """Cost of one person-month per state, shape (D, T, S) [SEK/month]; real growth applies to care-day prices."""
    cost_per_day = np.zeros((d, states.n_states))
    for i in states.forms_with_parameters:
        cost_per_day[:, i] = column(values, f"care.{states.ids[i]}.cost_per_day", d)
    if states.recruited_state is not None:
        cost_per_day[:, states.recruited_state] = cost_per_day[:, states.priced_as_state]
    real_growth = growth_factor(column(values, "economics.real_cost_growth", d), months)
    return cost_per_day[:, None, :] * (DAYS_PER_MONTH * real_growth)[:, :, None]
