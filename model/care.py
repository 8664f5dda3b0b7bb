"""The care model: the people in an area's care forms, baseline and scenario, month by month.

A monthly cohort over the care forms of an :class:`~model.area.Area` (for
the children's area, ``data/areas/children.yaml``), plus — where the area has
recruitment — one internal state for the people placed in the homes a
recruitment measure pays for (:mod:`model.states`). :func:`simulate_care`
runs these named steps, each in its own module where it is more than a line:

1. **Baseline** (:mod:`model.baseline`): today's care forms as a steady state
   (the inflow that keeps them constant), growing with the population.
2. **Money** (:func:`allocation`, :mod:`model.funding`,
   :mod:`model.spending`): the shift per month, split by the mix; each
   measure's start-up cost, lead time and notice; what the rest buys
   (families reached, review posts, the levers of recruitment).
3. **Prevention** (:mod:`model.prevention`): placements avoided or
   substituted by in-home support.
4. **Placement review** (:mod:`model.review`): new external placements
   redirected, stays in external care shortened.
5. **Scenario inflow and starts**: the baseline's inflow less the placements
   kept out, plus where the redirected ones go.
6. **Stays**: the scenario's exit probabilities where review shortens stays,
   or an exit-rate measure (:mod:`model.exits`) raises the exits to work of
   the households it reaches: one mechanism, one stay cut.
7. **Engine** (:func:`model.cohort.propagate_exits`): baseline and scenario
   as one stacked batch through the same steps, so a scenario that moves no
   money reproduces the baseline exactly. Asked to (``decompose``), the batch
   also carries each mechanism's change of the inflow on its own: the engine
   is linear in the inflow, so their effects add up exactly to the scenario's.
8. **Recruitment** (:mod:`model.recruitment`): who of the agency-home pool
   sits in a recruited home.
9. **Prices** (:mod:`model.prices`): the cost of a person-month in each
   state, and the money used, in the run's kronor: real cost growth for
   every cost kind and, with current prices, each kind's nominal index.

Every function works on a leading batch axis of parameter draws (``D``); the
only Python loop is over months.
"""

# size: every mechanism's step of the monthly engine in one place, so the deterministic run and the
# batch of draws stay one code path (the mechanisms' arithmetic is in recruitment.py and prevention.py).

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model import kernels
from model.area import Area
from model.baseline import Baseline, batch_size, column, steady_state
from model.cohort import propagate_exits
from model.exit_months import inflows_in_loop
from model.exits import exit_effect, target_group
from model.fields import MEASURE_INDEX, STARTUP_INDEX
from model.funding import Funding, fund
from model.parameters import Measure
from model.payers import region_part, state_part
from model.prevention import Prevention, prevent
from model.prices import growth_factor, kind_factors, state_prices
from model.recruitment import place_in_recruited_homes, substitutable_share
from model.review import redirect, review_effect, stay_cut, to_review
from model.scenario import Scenario
from model.spending import Spending, spend
from model.states import StateSpace, state_space

DAYS_PER_YEAR = 365.0
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
#: What changes the inflow, per measure: placements avoided by prevention, redirected by review.
AVOIDED = "placements_avoided"
REDIRECTED = "placements_redirected"
#: Stays shortened by review (a change of the exit probabilities, not of the inflow).
STAYS = "stays_shortened"
#: Exits to work raised by an exit-rate measure (the same change of exit probabilities, in another area).
EXITS = "exits_to_work"


@dataclass(frozen=True)
class CareRun:
    """Monthly arrays of one run; leading axis ``D`` (draws), months ``T``.

    Attributes
    ----------
    occupancy : ndarray, shape (2, D, T+1, S)
        People per state at the start of each month; [0] baseline, [1] scenario.
    price : ndarray, shape (D, T, S)
        Cost of one person-month in each state [SEK/month, the run's kronor:
        fixed or current prices] (the cost of care is ``occupancy[:, :, :-1] * price``).
    starts : ndarray, shape (2, D, T)
        Placements started (24-hour care entered from outside care) per month.
    allocated : ndarray, shape (D, T, K)
        Money moved to each measure per month [SEK].
    spent : ndarray, shape (D, T, K)
        Money each measure used per month [SEK] (a measure may use less;
        start-up costs included; in a notice period more than was moved).
    startup : ndarray, shape (D, T, K)
        The start-up costs in ``spent`` [SEK].
    families : ndarray, shape (D, T, K)
        Families reached per month (0 for measures that reach no families).
    homes : ndarray, shape (D, T)
        Recruited family homes ready and in the pool during each month.
    homes_by_measure : ndarray, shape (D, T, K)
        The same per measure (0 for measures that recruit no homes).
    homes_recruited : ndarray, shape (D, T)
        Homes recruited per month.
    population : ndarray, shape (D, T)
        The area's population (children 0–20) in each month.
    measure_ids : tuple of str
        The measures, in the order of the ``K`` axis.
    states : StateSpace
        The states of the ``S`` axis.
    tax_per_household_month : ndarray, shape (D, T) or None
        In an area with ``municipal_tax``: the municipal tax on the earnings
        of one household kept off assistance, a month [SEK] (rate × earnings).
    parts : tuple of (str, str)
        With ``decompose``: the (mechanism, measure id) of each row of ``deltas``.
    deltas : ndarray, shape (C, D, T+1, S) or None
        With ``decompose``: the change of occupancy each part makes on its
        own, the pool of agency and recruited homes counted as agency homes;
        they add up to the scenario's change of the pool.
    state_part : ndarray, shape (D, S) or None
        What the state pays per krona of the municipality's cost in each state (:mod:`model.payers`).
    region_part : ndarray, shape (D, K) or None
        What the region pays per krona the municipality uses on each measure.
    """

    occupancy: np.ndarray
    price: np.ndarray
    starts: np.ndarray
    allocated: np.ndarray
    spent: np.ndarray
    startup: np.ndarray
    families: np.ndarray
    homes: np.ndarray
    homes_by_measure: np.ndarray
    homes_recruited: np.ndarray
    population: np.ndarray
    measure_ids: tuple[str, ...]
    states: StateSpace
    tax_per_household_month: np.ndarray | None = None
    parts: tuple[tuple[str, str], ...] = ()
    deltas: np.ndarray | None = None
    state_part: np.ndarray | None = None
    region_part: np.ndarray | None = None

    @property
    def cost(self) -> np.ndarray:
        """Cost of care per state and month, shape (2, D, T, S) [SEK] (built on request)."""
        return self.occupancy[:, :, :-1, :] * self.price[None]


def allocation(scenario: Scenario, measure_ids: Sequence[str], d: int, months: int) -> np.ndarray:
    """Money moved to each measure per month, shape (D, T, K) [SEK/month].

    The same for every draw: a read-only view of one (T, K) array, never copied D times.
    """
    yearly = np.repeat(np.asarray(scenario.shift_by_year()) / 12.0, 12)[:months]
    mix = scenario.mix_dict
    shares = np.array([mix.get(m, 0.0) for m in measure_ids])
    return np.broadcast_to(yearly[:, None] * shares[None, :], (d, months, len(measure_ids)))


@dataclass(frozen=True)
class _Changes:
    """How the scenario's inflow and stays differ from the baseline's, by part."""

    inflow: dict[tuple[str, str], np.ndarray]  # (mechanism, measure id) -> change of the inflow (D, T, E)
    stay_cut: np.ndarray | None  # log(1 - cut) of stays (D, T, E), None if no stay is shortened
    stays: dict[tuple[str, str], np.ndarray]  # (STAYS or EXITS, measure id) -> its share of the shortening (D,)


def simulate_care(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    scenario: Scenario,
    area: Area,
    *,
    strict: bool = True,
    decompose: bool = False,
    price_year: int = 2024,
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
    decompose : bool
        Also run each mechanism's change on its own (``parts`` and ``deltas``).
    price_year : int
        The parameter set's price year (current prices raise costs from it).

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
    factors = kind_factors(values, d, months, scenario.price_basis, scenario.first_year, price_year, area.price_kinds)
    funding = fund(values, measures, allocated, factors[MEASURE_INDEX], factors[STARTUP_INDEX])
    money = spend(values, measures, funding.service, population, to_review(base, states, pop_factor),
                  lambda m: target_group(values, m, base, states, pop_factor))
    changes = _changes(values, money, base, states, pop_factor, decompose)
    p_scen = _shortened_exits(base.exit_probability, changes.stay_cut)
    occupancy, starts, parts, deltas = _engine(base, p_scen, pop_factor, changes, states, decompose)
    del changes  # (D, T, E) arrays: freed before the arrays of the steps below
    homes, homes_recruited = _recruit(values, measures, occupancy, base, p_scen, money, states)
    return CareRun(
        occupancy=occupancy,
        price=state_prices(_prices(values, measures, money, states, d), factors, states.price_index),
        starts=starts,
        allocated=allocated,
        spent=_spent(money, funding),
        startup=funding.startup,
        families=money.families,
        homes=homes.sum(-1),
        homes_by_measure=homes,
        homes_recruited=homes_recruited,
        population=population,
        measure_ids=ids,
        states=states,
        tax_per_household_month=_tax(values, area, d, months),
        parts=parts,
        deltas=deltas,
        state_part=state_part(values, states, d),
        region_part=region_part(values, ids, d),
    )


def _spent(money: Spending, funding: Funding) -> np.ndarray:
    """Money used per measure and month in the run's kronor, start-up costs included (D, T, K).

    Written over ``money.spent`` (price-year money), which nothing reads afterwards.
    """
    out = np.multiply(money.spent, funding.factor, out=money.spent)  # in place: the step's own array
    return np.add(out, funding.startup, out=out)


def _tax(values: Mapping[str, np.ndarray], area: Area, d: int, months: int) -> np.ndarray | None:
    """Municipal tax on one household's earnings a month (D, T) [SEK], None in an area without it.

    The earnings grow with real cost growth, like the prices of care.
    """
    if not area.municipal_tax:
        return None
    monthly = column(values, "economics.municipal_tax_rate", d) * column(values, "work.earnings_per_month", d)
    return monthly[:, None] * growth_factor(column(values, "economics.real_cost_growth", d), months)


def _measure_ids(measures: Sequence[Measure], scenario: Scenario) -> tuple[str, ...]:
    """The catalogue's ids, after checking that the scenario's mix names only them."""
    ids = tuple(m.id for m in measures)
    unknown = set(scenario.mix_dict) - set(ids)
    if unknown:
        raise ValueError(f"mix: unknown lever '{sorted(unknown)[0]}' (known: {', '.join(ids)})")
    return ids


def _changes(
    values: Mapping[str, np.ndarray],
    money: Spending,
    base: Baseline,
    states: StateSpace,
    pop_factor: np.ndarray,
    decompose: bool,
) -> _Changes:
    """What prevention and then review do to the inflow (by measure), and to stays."""
    d, months = pop_factor.shape
    e = states.n_care_forms
    prevented: Prevention = prevent(values, money.reaches, base, states, pop_factor, attribute=decompose)
    inflow: dict[tuple[str, str], np.ndarray] = {}
    if decompose:
        for mid, part in prevented.by_measure.items():
            inflow[(AVOIDED, mid)] = _with_substitutes(-part, prevented.substituted_by_measure[mid], states)
    elif money.reaches:
        # Negated in place unless review still needs the placements avoided (then on a copy).
        avoided = prevented.avoided.copy() if money.reviews else prevented.avoided
        inflow[(AVOIDED, "")] = _with_substitutes(np.negative(avoided, out=avoided), prevented.substituted, states)
    cuts: dict[tuple[str, str], np.ndarray] = {}  # each measure's log(1 - cut) of stays, (D, T, E)
    if money.reviews:
        need = to_review(base, states, pop_factor)
        effects = [review_effect(values, m, capacity, need) for m, capacity in money.reviews]
        after_prevention = base.inflow[:, None, :] * pop_factor[:, :, None] - prevented.avoided
        for mid, change in redirect(after_prevention, effects, states, base).items():
            inflow[(REDIRECTED, mid)] = change
        cuts.update({(STAYS, fx.measure.id): stay_cut([fx], states, e) for fx in effects})
    for m, reached, group in money.exits:
        cuts[(EXITS, m.id)] = exit_effect(values, m, reached, group, base, states).cut
    if not cuts:
        return _Changes(inflow=inflow, stay_cut=None, stays={})
    cut = sum(cuts.values(), np.zeros((d, months, e)))
    if not (cut < 0.0).any():
        return _Changes(inflow=inflow, stay_cut=None, stays={})
    # Several measures share the shortening in proportion to their own cuts over the horizon.
    own = {key: -x.sum(axis=(1, 2)) for key, x in cuts.items()}
    total = np.sum(list(own.values()), axis=0)
    stays = {key: np.divide(x, total, out=np.zeros(d), where=total > 0) for key, x in own.items()}
    return _Changes(inflow=inflow, stay_cut=cut, stays=stays)


def _inflows(
    base: Baseline, pop_factor: np.ndarray, changes: _Changes, forms: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Baseline [0] and scenario [1] inflows in one array, seen as (2, D, T, E), and the placements started.

    Laid out as the engine reads it (months first, draws last): it takes them as one batch, each month's
    inflow contiguous. Written in that order; the changes are (D, T, E), read in it (a view where
    they are laid out so, as prevention's compiled pass makes them, else one transposed copy). The
    placements started (2, D, T) are the inflows of the placement *forms* summed (:func:`_starts`).
    """
    (d, months), e = pop_factor.shape, base.inflow.shape[1]
    engine_inflows = np.empty((months, e, 2, d))
    inflows = engine_inflows.transpose(2, 3, 0, 1)
    changed = list(changes.inflow.values())
    loop = kernels.compiled(_inflow_months, d) if len(changed) == 1 else None
    if loop is not None:  # the usual single change (prevention's): the steps below in one pass, compiled
        starts = np.empty((months, 2, d)) if forms.size else np.zeros((months, 2, d))
        change = changed[0].transpose(1, 2, 0)  # (T, E, D)
        loop(*(np.require(a, np.float64, ['C', 'W']) for a in (pop_factor.T, base.inflow, change)),
             np.ascontiguousarray(forms, dtype=np.int64), engine_inflows, starts)
        return inflows, starts.transpose(1, 2, 0)
    np.multiply(pop_factor.T[:, None, :], base.inflow.T[None, :, :], out=engine_inflows[:, :, 0])
    engine_inflows[:, :, 1] = engine_inflows[:, :, 0]
    for change in changes.inflow.values():
        np.add(inflows[1], change, out=inflows[1])
    np.maximum(engine_inflows[:, :, 1], 0.0, out=engine_inflows[:, :, 1])  # round-off below an inflow all kept out
    return inflows, _starts(inflows, forms)


@kernels.register(
    "void(float64[:, ::1], float64[:, ::1], float64[:, :, ::1], int64[::1], float64[:, :, :, ::1], float64[:, :, ::1])"
)
def _inflow_months(
    growth: np.ndarray, inflow: np.ndarray, change: np.ndarray, forms: np.ndarray, out: np.ndarray, starts: np.ndarray
) -> None:
    """:func:`_inflows` with one change as a loop (compiled by :mod:`model.kernels`): the same numbers.

    The population's *growth* (T, D), the baseline's *inflow* (D, E), the scenario's *change* (T, E, D);
    *out* (T, E, 2, D), written along its contiguous draws; *starts* (T, 2, D) the inflows of the
    placement *forms* added in their order while they are in cache, as :func:`_starts` adds them.
    """
    months, n_forms, _, d = out.shape
    for t in range(months):
        for j in range(n_forms):
            baseline, scenario, grow, step = out[t, j, 0], out[t, j, 1], growth[t], change[t, j]
            for b in range(d):
                x = grow[b] * inflow[b, j]
                baseline[b] = x
                scenario[b] = max(x + step[b], 0.0)
        for k in range(forms.shape[0]):
            into, add = starts[t], out[t, forms[k]]
            if k == 0:
                into[:, :] = add
            else:
                for m in range(2):
                    for b in range(d):
                        into[m, b] += add[m, b]
def _engine(
    base: Baseline, p_scen: np.ndarray | None, pop_factor: np.ndarray, changes: _Changes, states: StateSpace,
    decompose: bool,
) -> tuple[np.ndarray, np.ndarray, tuple[tuple[str, str], ...], np.ndarray | None]:
    """Occupancy of baseline and scenario (2, D, T+1, S), placements started (2, D, T), and parts and deltas.

    A large batch with one change of the inflow (prevention's) and no parts has its inflows made in the
    engine's compiled loop (:mod:`model.exit_months`): the same numbers as :func:`_inflows`, never an
    array of them. Else they are made first; without parts the changes are freed before the engine's array.
    """
    forms = np.flatnonzero(states.placement[: states.n_care_forms])
    d, months = pop_factor.shape
    if not decompose and len(changes.inflow) == 1 and inflows_in_loop(d):
        change = next(iter(changes.inflow.values())).transpose(1, 2, 0)  # (T, E, D)
        starts = np.empty((months, 2, d)) if forms.size else np.zeros((months, 2, d))
        shape_only = np.broadcast_to(0.0, (2, d, months, states.n_care_forms))
        occupancy = _propagate(base, p_scen, shape_only, states, (pop_factor.T, base.inflow, change, forms, starts))
        return occupancy, starts.transpose(1, 2, 0), (), None
    inflows, starts = _inflows(base, pop_factor, changes, forms)
    if not decompose:  # the changes of the inflow are in *inflows* now: freed before the engine's array
        changes.inflow.clear()
    parts, extra = _parts(changes, inflows, decompose)
    occupancy = _propagate(base, p_scen, inflows if extra is None else np.concatenate([inflows, extra]), states)
    deltas = _deltas(occupancy, changes) if extra is not None else None
    if decompose and deltas is None:
        deltas = np.zeros((0, *occupancy.shape[1:]))
    return occupancy[:2], starts, parts, deltas


def _with_substitutes(change: np.ndarray, substituted: np.ndarray, states: StateSpace) -> np.ndarray:
    """*change* (D, T, E) with the avoided placements that get in-home support instead added there."""
    if states.substitute_state is not None:
        change[:, :, states.substitute_state] += substituted
    return change


def _starts(inflows: np.ndarray, forms: np.ndarray) -> np.ndarray:
    """Placements started per month (24-hour care entered from outside care), (2, D, T).

    The inflows of the placement *forms* summed in the inflows' own memory order (a view of the result
    is returned).
    """
    by_form = inflows.transpose(3, 2, 0, 1)  # (E, T, 2, D): one form's inflows at a time, contiguous in the engine's
    if forms.size == 0:
        return np.zeros(inflows.shape[:3])
    starts = by_form[forms[0]].copy()
    for i in forms[1:]:
        starts += by_form[i]
    return starts.transpose(1, 2, 0)


def _parts(
    changes: _Changes, inflows: np.ndarray, decompose: bool
) -> tuple[tuple[tuple[str, str], ...], np.ndarray | None]:
    """The parts whose effects are run on their own, and their extra inflows for the engine's batch.

    Each part is the baseline's inflow plus that part's change, run with the
    scenario's stays; with shortened stays one more member runs the baseline's
    inflow with the scenario's stays (the effect of the stays alone).
    """
    if not decompose:
        return (), None
    parts = tuple(changes.inflow)
    extra = [inflows[0] + changes.inflow[p] for p in parts]
    if changes.stay_cut is not None:
        extra.append(inflows[0])
    return parts + tuple(changes.stays), (np.stack(extra) if extra else None)


def _deltas(occupancy: np.ndarray, changes: _Changes) -> np.ndarray:
    """Each part's change of occupancy (C, D, T+1, S): its member minus the reference.

    With shortened stays the reference is the baseline's inflow run with the
    scenario's stays, and the stays' own effect (reference minus baseline) is
    split between the review measures by their shares.
    """
    n = len(changes.inflow)
    stays = changes.stay_cut is not None
    reference = occupancy[2 + n] if stays else occupancy[0]
    deltas = occupancy[2 : 2 + n] - reference[None]
    if stays:
        shortened = reference - occupancy[0]
        split = [shortened * share[:, None, None] for share in changes.stays.values()]
        deltas = np.concatenate([deltas, np.stack(split)])
    return deltas


def _shortened_exits(p_base: np.ndarray, stay_cut: np.ndarray | None) -> np.ndarray | None:
    """The scenario's exit probabilities (D, T, E) where stays are shortened; None if nothing shortens them.

    A stay shortened by a share *r* lasts ``duration * (1 - r)``: a higher monthly exit probability.
    """
    if stay_cut is None:
        return None
    shortened = stay_cut < 0.0
    months = stay_cut.shape[1]
    rate = -np.log1p(-p_base)  # 1 / duration
    p_scen = np.repeat(p_base[:, None, :], months, axis=1)
    for i in np.flatnonzero(shortened.any(axis=(0, 1))):  # only the forms whose stays are shortened
        faster = -np.expm1(-rate[:, None, i] / np.exp(stay_cut[:, :, i]))
        p_scen[:, :, i] = np.where(shortened[:, :, i], faster, p_base[:, None, i])
    return p_scen


def _propagate(
    base: Baseline, p_scen: np.ndarray | None, inflows: np.ndarray, states: StateSpace, inflow_of: tuple | None = None
) -> np.ndarray:
    """Baseline [0], scenario [1] and any parts [2:] through the engine as one batch: occupancy (M, D, T+1, S).

    The baseline runs with today's stays, every other member with the scenario's. The occupancy is a
    view of the engine's own time-major, batch-last array (T+1, S, M, D): no copy between layouts.
    *inflow_of*: the inflows' factors, made in the engine's loop (:func:`_engine`).
    """
    members, d, months, _ = inflows.shape
    if p_scen is None:
        p_exit = base.exit_probability[None, :, None, :]
    else:
        scen = np.broadcast_to(p_scen, (members - 1, *p_scen.shape))
        p_exit = np.concatenate([np.broadcast_to(base.exit_probability[:, None, :], p_scen.shape)[None], scen])
    e = states.n_care_forms
    engine = np.empty((months + 1, states.n_states, members, d))
    engine[:, e:] = 0.0  # the recruited homes: filled by recruitment afterwards
    propagate_exits(base.stock, p_exit, base.destinations[None], inflows, out=engine[:, :e], inflow_of=inflow_of)
    return engine.transpose(2, 3, 0, 1)


def _recruit(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    occupancy: np.ndarray,
    base: Baseline,
    p_scen: np.ndarray | None,
    money: Spending,
    states: StateSpace,
) -> tuple[np.ndarray, np.ndarray]:
    """Move the scenario's substitutable people from the agency-home pool into recruited homes (in place).

    Writes the money the recruitment measures use into ``money.spent``;
    returns the homes in the pool per measure (D, T, K) and the homes
    recruited per month (D, T). The substitutable share is the first
    recruitment measure's.
    """
    _, d, months_1, _ = occupancy.shape
    months = months_1 - 1
    homes = np.zeros_like(money.spent)
    if not money.recruitment:
        return homes, np.zeros((d, months))
    source, recruited = states.source_state, states.recruited_state
    p_source = (
        np.broadcast_to(base.exit_probability[:, None, source], (d, months)) if p_scen is None else p_scen[:, :, source]
    )
    first = measures[money.recruitment[0][0]]
    share = substitutable_share(values, first, base.stock, states)
    placed, pool_homes, new_homes, used = place_in_recruited_homes(
        occupancy[1, :, :, source], p_source, [lever for _, lever in money.recruitment], share
    )
    occupancy[1, :, :, source] -= placed
    occupancy[1, :, :, recruited] = placed
    for j, (k, _) in enumerate(money.recruitment):
        money.spent[:, :, k] = used[j]
        homes[:, :, k] = pool_homes[j]
    return homes, new_homes.sum(0)


def _prices(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    money: Spending,
    states: StateSpace,
    d: int,
) -> np.ndarray:
    """Cost of one person-month per state in the price year, shape (D, S) [SEK/month].

    A child in a recruited home costs the recruitment measure's ``own_home_cost_per_day`` (the
    first recruitment measure with money; the municipal family home's cost when none has money).
    """
    cost_per_day = np.zeros((d, states.n_states))
    for i in states.forms_with_parameters:
        cost_per_day[:, i] = column(values, f"care.{states.ids[i]}.cost_per_day", d)
    if states.recruited_state is not None:
        if money.recruitment:
            own = measures[money.recruitment[0][0]]
            cost_per_day[:, states.recruited_state] = column(values, f"measure.{own.id}.own_home_cost_per_day", d)
        else:
            cost_per_day[:, states.recruited_state] = cost_per_day[:, states.priced_as_state]
    return cost_per_day * DAYS_PER_MONTH
