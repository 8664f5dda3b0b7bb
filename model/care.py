"""The care model: children and young people 0–20 in the municipality's care.

A monthly cohort over the care forms of ``data/care_forms.yaml`` plus one
internal state, *municipal family home (recruited)*, for children placed in the
new homes a recruitment lever pays for. Those children keep the exit rate and
destinations of the agency family home they would otherwise have had (so a
cheaper home never lengthens a stay) but cost what a municipal home costs.

Mechanisms (../shared/DOMAIN.md):

* **Baseline.** The municipality's children now (per care form) are taken as a
  steady state: the monthly inflow per care form is what keeps them constant
  given durations and destinations, ``f = x - x P``. It then grows with the
  child population, so the baseline is steady apart from population growth.
* **Exits.** A mean duration ``d`` months gives a monthly exit probability
  ``1 - exp(-1/d)`` (exponential stays); exits go to destinations by share.
* **Recruitment** (mechanism ``recruitment``). Money first pays the yearly
  support of the homes already recruited, then recruits new homes at a cost per
  home, at most ``max_per_year``; homes quit at a yearly rate. Placements that
  would have gone to an agency family home — new ones and step-downs from HVB or
  SiS — go to a free recruited home instead.
* **Prevention** (mechanism ``prevention``: parent training, early
  intervention, ...). Money buys families reached (per family, or per post and
  year times families per post), at most the measure's target group (families
  per 1 000 children a year); money beyond it is not used. Reached families have a yearly placement risk,
  reduced by ``risk_reduction`` after ``delay_months``, fully for
  ``effect_months``, then fading linearly over ``fade_months``. Avoided
  placements are taken from the inflow to the measure's target care forms (in
  proportion to it); a ``substitution_share`` of them gets in-home support
  instead. A ``stay_reduction`` shortens stays in the ``stay_targets`` forms in
  proportion to the measure's coverage (families reached a year per child in
  those forms a year).

Every function works on a leading batch axis of parameter draws (``D``); the
only Python loop is over months. Baseline and scenario run as one stacked batch
through the same steps, so a scenario that moves no money reproduces the
baseline exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from model.cohort import propagate_exits
from model.parameters import CARE_FORMS, LEFT_CARE, Measure, ParameterError
from model.scenario import Scenario

DAYS_PER_YEAR = 365.0
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

#: Internal states: the care forms, then the recruited municipal family homes.
RECRUITED = "municipal_family_home_recruited"
STATES: tuple[str, ...] = tuple(c.id for c in CARE_FORMS) + (RECRUITED,)
S = len(STATES)
IDX = {s: i for i, s in enumerate(STATES)}
CONSULTANT = IDX["consultant_family_home"]
NEW = IDX[RECRUITED]
#: The engine's states: the care forms (the recruited homes are split off afterwards).
E = len(CARE_FORMS)
LEFT = IDX[LEFT_CARE]
CARE_STATES = tuple(i for i, s in enumerate(STATES) if s not in (LEFT_CARE, RECRUITED))
_FORM = {c.id: c for c in CARE_FORMS}
#: Reporting: which care form each internal state counts as.
REPORTED_AS = {s: ("municipal_family_home" if s == RECRUITED else s) for s in STATES}
PLACEMENT = np.array([_FORM[REPORTED_AS[s]].placement for s in STATES])
FAMILY = np.array([_FORM[REPORTED_AS[s]].family for s in STATES])
INSTITUTION = np.array([_FORM[REPORTED_AS[s]].institution for s in STATES])
PURCHASED = np.array([_FORM[REPORTED_AS[s]].purchased for s in STATES])
CASH = np.array([_FORM[REPORTED_AS[s]].cash for s in STATES])


@dataclass(frozen=True)
class CareRun:
    """Monthly arrays of one run; leading axis ``D`` (draws), months ``T``.

    Attributes
    ----------
    occupancy : ndarray, shape (2, D, T+1, S)
        Children per internal state at the start of each month; [0] baseline,
        [1] scenario.
    price : ndarray, shape (D, T, S)
        Cost of one child-month in each state [SEK/month] (the cost of care
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
        Children 0–20 in each month.
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

    @property
    def cost(self) -> np.ndarray:
        """Cost of care per state and month, shape (2, D, T, S) [SEK] (built on request)."""
        return self.occupancy[:, :, :-1, :] * self.price[None]


def exit_probability(duration_months: np.ndarray) -> np.ndarray:
    """Monthly exit probability of stays with mean *duration_months* [months]."""
    return -np.expm1(-1.0 / np.asarray(duration_months, dtype=float))


def _col(values: Mapping[str, np.ndarray], name: str, d: int) -> np.ndarray:
    try:
        v = values[name]
    except KeyError:
        raise ParameterError(name, "missing_parameter") from None
    return np.broadcast_to(np.asarray(v, dtype=float), (d,))


def batch_size(values: Mapping[str, np.ndarray]) -> int:
    """Number of draws ``D`` in a mapping of values (scalars count as 1)."""
    return max((np.size(v) for v in values.values()), default=1)


def destinations(values: Mapping[str, np.ndarray], d: int) -> np.ndarray:
    """Destination shares, shape (D, S, S); rows renormalised to sum to 1."""
    dest = np.zeros((d, S, S))
    for name, v in values.items():
        if name.startswith("flow."):
            _, src, dst = name.split(".")
            dest[:, IDX[src], IDX[dst]] = v
    dest[:, NEW] = dest[:, CONSULTANT]
    dest[:, LEFT, LEFT] = 1.0
    # Draws of shares are independent; renormalise so each row sums to 1.
    return dest / dest.sum(axis=2, keepdims=True)


def transition_matrix(p_exit: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """Monthly transition matrices from exit probabilities (..., S) and destinations."""
    eye = np.eye(p_exit.shape[-1])
    return eye * (1.0 - p_exit)[..., None] + p_exit[..., :, None] * dest


def base_exit_probabilities(values: Mapping[str, np.ndarray], d: int) -> np.ndarray:
    """Monthly exit probabilities per state, shape (D, S)."""
    p = np.zeros((d, S))
    for i in CARE_STATES:
        p[:, i] = exit_probability(_col(values, f"care.{STATES[i]}.duration_months", d))
    p[:, NEW] = p[:, CONSULTANT]
    return p


def initial_stock(values: Mapping[str, np.ndarray], d: int) -> np.ndarray:
    """Children in each state now, shape (D, S)."""
    x = np.zeros((d, S))
    for i in CARE_STATES:
        x[:, i] = _col(values, f"care.{STATES[i]}.children", d)
    return x


def steady_inflow(x: np.ndarray, transitions: np.ndarray, strict: bool) -> np.ndarray:
    """Monthly inflow per state that keeps stock *x* constant: ``x - x P``.

    With ``strict`` a negative inflow (stocks, durations and destinations that
    cannot all hold) raises :class:`ParameterError`; otherwise (uncertainty
    draws) it is clipped to zero.
    """
    f = x - np.einsum("ds,dst->dt", x, transitions)
    f[:, LEFT] = 0.0
    scale = np.maximum(x.sum(axis=1, keepdims=True), 1.0)
    bad = f < -1e-9 * scale
    if strict and bad.any():
        state = int(np.argwhere(bad)[0][1])
        raise ParameterError(f"care.{STATES[state]}.children", "negative_inflow", value=round(float(f[bad][0]), 3))
    return np.maximum(f, 0.0)


def effect_profile(months: int, delay: np.ndarray, effect: np.ndarray, fade: np.ndarray) -> np.ndarray:
    """Share of a measure's full effect *a* months after a family is reached, (D, T).

    Zero before ``delay``, one for ``effect`` months, then a linear fade over
    ``fade`` months.
    """
    a = np.arange(months, dtype=float)[None, :]
    delay, effect, fade = (np.asarray(v, dtype=float)[:, None] for v in (delay, effect, fade))
    end = delay + effect
    with np.errstate(divide="ignore", invalid="ignore"):
        fading = np.where(fade > 0, np.clip((end + fade - a) / np.where(fade > 0, fade, 1.0), 0.0, 1.0), 0.0)
    return np.where(a < delay, 0.0, np.where(a < end, 1.0, fading))


def causal_convolve(x: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """``y[t] = sum_{u<=t} x[u] kernel[t-u]`` per row, by FFT; shapes (D, T)."""
    t = x.shape[-1]
    n = 1 << (2 * t - 1).bit_length()
    y = np.fft.irfft(np.fft.rfft(x, n) * np.fft.rfft(kernel, n), n)[..., :t]
    return np.maximum(y, 0.0)  # FFT round-off can leave -1e-17


def _allocation(scenario: Scenario, measure_ids: Sequence[str], d: int, months: int) -> np.ndarray:
    """Money moved to each measure per month, shape (D, T, K) [SEK/month]."""
    yearly = np.repeat(np.asarray(scenario.shift_by_year()) / 12.0, 12)[:months]
    mix = scenario.mix_dict
    shares = np.array([mix.get(m, 0.0) for m in measure_ids])
    return np.broadcast_to(yearly[:, None] * shares[None, :], (d, months, len(measure_ids))).copy()


def _recruitment(values: Mapping[str, np.ndarray], m: Measure, money: np.ndarray, d: int) -> dict[str, np.ndarray]:
    """Parameters of one recruitment measure as arrays of shape (D,) or (D, T)."""
    key = f"measure.{m.id}."
    return {
        "money": money,
        "cost": np.maximum(_col(values, key + "recruitment_cost", d), 1.0),
        "support": _col(values, key + "support_cost_per_year", d) / 12.0,
        "stay": (1.0 - _col(values, key + "quit_rate_per_year", d)) ** (1.0 / 12.0),
        "cap": _col(values, key + "max_per_year", d) / 12.0,
        "places": _col(values, key + "places_per_home", d),
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
        One per recruitment measure (:func:`_recruitment`).

    Returns
    -------
    placed : ndarray, shape (D, T+1)
        Children in recruited homes at the start of each month.
    homes, recruited, used : ndarray, shape (D, T)
        Homes in the pool, homes recruited and money used [SEK] per month.
    """
    d, months = pool.shape[0], pool.shape[1] - 1
    stay_in_care = 1.0 - p_exit
    entering = pool[:, 1:] - pool[:, :-1] * stay_in_care  # inflow to the pool per month (>= 0)
    # The recursion runs month by month. With one draw it runs on Python floats
    # (numpy's per-call overhead on length-1 arrays would dominate model.run);
    # with many draws on arrays over draws. The arithmetic is the same.
    if d == 1:
        col = lambda a: a[0].tolist()  # noqa: E731
        mini, maxi = min, max
    else:
        col = lambda a: list(a.T) if a.ndim == 2 else a  # noqa: E731
        mini, maxi = np.minimum, np.maximum
    pool_next, entering_t, stay = col(pool[:, 1:]), col(entering), col(stay_in_care)
    lv = [{key: col(v) for key, v in lever.items()} for lever in levers]
    homes_t, recruited_t, used_t, placed_t = [], [], [], []
    zero = 0.0 * entering_t[0]
    current = [zero for _ in levers]
    n = zero
    for t in range(months):
        capacity = zero
        row_homes, row_new, row_used = [], [], []
        for k, x in enumerate(lv):
            # Homes whose support the month's money cannot pay are let go.
            current[k] = mini(current[k], x["money"][t] / maxi(x["support"], 1e-12))
            keep = current[k] * x["support"]
            kept = current[k] * x["stay"]
            wanted = (pool_next[t] - capacity) / x["places"] - kept
            new = mini(maxi(mini((x["money"][t] - keep) / x["cost"], wanted), 0.0), x["cap"])
            current[k] = kept + new
            capacity = capacity + current[k] * x["places"]
            row_homes.append(current[k])
            row_new.append(new)
            row_used.append(keep + new * x["cost"])
        remaining = n * stay[t]
        n = maxi(remaining, mini(capacity, remaining + entering_t[t]))
        homes_t.append(row_homes)
        recruited_t.append(row_new)
        used_t.append(row_used)
        placed_t.append(n)
    # (T, K[, D]) -> (K, D, T); placed (T[, D]) -> (D, T+1) starting from zero.
    homes, recruited, used = (np.asarray(a, dtype=float).reshape(months, len(levers), d).transpose(1, 2, 0)
                              for a in (homes_t, recruited_t, used_t))
    placed = np.zeros((d, months + 1))
    placed[:, 1:] = np.asarray(placed_t, dtype=float).reshape(months, d).T
    return placed, homes, recruited, used


def simulate_care(
    values: Mapping[str, np.ndarray],
    measures: Sequence[Measure],
    scenario: Scenario,
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
    strict : bool
        Raise on stocks that cannot be a steady state (off for uncertainty draws).

    Returns
    -------
    CareRun
        Monthly occupancy, costs, starts and spending.
    """
    d = batch_size(values)
    months = 12 * scenario.horizon_years
    ids = tuple(m.id for m in measures)
    unknown = set(scenario.mix_dict) - set(ids)
    if unknown:
        raise ValueError(f"mix: unknown lever '{sorted(unknown)[0]}' (known: {', '.join(ids)})")

    dest = destinations(values, d)[:, :E, :E]
    p_base = base_exit_probabilities(values, d)[:, :E]
    x0 = initial_stock(values, d)[:, :E]
    f0 = steady_inflow(x0, transition_matrix(p_base, dest), strict)

    t_idx = np.arange(months)
    growth = _col(values, "population.growth_per_year", d)
    pop_factor = (1.0 + growth[:, None]) ** (t_idx[None, :] / 12.0)  # (D, T)
    population = _col(values, "population.children_0_20", d)[:, None] * pop_factor
    # Baseline [0] and scenario [1] inflows in one array: the engine takes them as one batch without a copy.
    inflows = np.empty((2, d, months, E))
    inflow_base = np.multiply(f0[:, None, :], pop_factor[:, :, None], out=inflows[0])  # (D, T, E)

    allocated = _allocation(scenario, ids, d, months)
    spent = allocated.copy()
    families = np.zeros_like(allocated)
    recruitment: list[tuple[int, dict[str, np.ndarray]]] = []
    avoided = np.zeros((d, months, E))
    substituted = np.zeros((d, months))
    stay_cut = np.zeros((d, months, E))  # log of (1 - reduction), summed over measures
    children_per_year = x0 * (1.0 + 12.0 * p_base)  # children in each form during a year

    for k, m in enumerate(measures):
        money = allocated[:, :, k]
        if not money.any():
            continue
        key = f"measure.{m.id}."
        if m.mechanism == "recruitment":
            recruitment.append((k, _recruitment(values, m, money, d)))
            continue
        cost = _col(values, key + "cost_per_unit", d)[:, None]
        per_unit = _col(values, key + "families_per_unit", d)[:, None]
        # Families reached a month: what the money buys, but no more than the target group
        # (families per 1 000 children 0-20 a year); money beyond it is not used.
        target = _col(values, key + "target_families_per_1000", d)[:, None] * population / 12_000.0
        reached = np.minimum(money / cost * per_unit, target)
        families[:, :, k] = reached
        spent[:, :, k] = reached / per_unit * cost
        delay = _col(values, key + "delay_months", d)
        profile = effect_profile(
            months, delay, _col(values, key + "effect_months", d), _col(values, key + "fade_months", d)
        )
        hazard = _col(values, key + "placement_risk_per_year", d) / 12.0
        rrr = _col(values, key + "risk_reduction", d)
        prevented = (hazard * rrr)[:, None] * causal_convolve(reached, profile)  # (D, T)
        targets = [IDX[s] for s in m.targets]
        if targets:
            # In proportion to the inflow to each target; the population factor cancels out of the shares.
            weights = f0[:, targets]
            total = weights.sum(axis=1, keepdims=True)
            share = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
            for j, i in enumerate(targets):
                avoided[:, :, i] += prevented * share[:, j, None]
            substituted += prevented * _col(values, key + "substitution_share", d)[:, None]
        stays = [IDX[s] for s in m.stay_targets]
        cut = _col(values, key + "stay_reduction", d)
        if stays and cut.any():
            lag = np.rint(delay).astype(int)[:, None]
            lagged = np.where(
                t_idx[None, :] >= lag, np.take_along_axis(reached, np.clip(t_idx[None, :] - lag, 0, None), 1), 0.0
            )
            need = np.maximum(children_per_year[:, stays].sum(axis=1), 1e-9)
            coverage = np.minimum(1.0, 12.0 * lagged / need[:, None])
            stay_cut[:, :, stays] += np.log1p(-cut[:, None] * coverage)[:, :, None]

    # Avoided placements cannot exceed the inflow they come from.
    kept_out = np.minimum(avoided, inflow_base)
    total_avoided = np.einsum("dte->dt", avoided)  # einsum: several times faster than .sum(2) over 7 forms
    kept_total = np.einsum("dte->dt", kept_out)
    sub_scale = np.divide(kept_total, total_avoided, out=np.ones((d, months)), where=total_avoided > 0)
    inflow_scen = np.subtract(inflow_base, kept_out, out=inflows[1])
    inflow_scen[:, :, IDX["in_home"]] += substituted * sub_scale

    # Placements started: the baseline's inflow to placements grows with the population; the scenario starts
    # the placements kept out fewer (exactly the baseline's when nothing is kept out).
    placement = PLACEMENT[:E].astype(float)
    starts = np.empty((2, d, months))
    np.multiply((f0 @ placement)[:, None], pop_factor, out=starts[0])
    np.subtract(starts[0], np.einsum("dte,e->dt", kept_out, placement), out=starts[1])

    # Baseline (index 0) and scenario (index 1) as one batch of 2D, same steps.
    shortened = stay_cut < 0.0
    p_scen = None
    if shortened.any():
        # Shorter stays: duration * (1 - reduction) => a higher monthly exit probability.
        rate = -np.log1p(-p_base)  # 1 / duration
        p_scen = np.repeat(p_base[:, None, :], months, axis=1)
        for i in np.flatnonzero(shortened.any(axis=(0, 1))):  # only the forms whose stays are shortened
            faster = -np.expm1(-rate[:, None, i] / np.exp(stay_cut[:, :, i]))
            p_scen[:, :, i] = np.where(shortened[:, :, i], faster, p_base[:, None, i])
    # Baseline (index 0) and scenario (index 1) as one batch through the same steps.
    if p_scen is None:
        p_exit = p_base[None, :, None, :]
    else:
        p_exit = np.stack([np.broadcast_to(p_base[:, None, :], p_scen.shape), p_scen])
    occ = propagate_exits(x0, p_exit, dest[None], inflows)
    # Free the large intermediates now: the arrays below can reuse their memory (fewer page faults for many draws).
    del avoided, stay_cut, shortened, kept_out, inflow_base, inflow_scen

    # Recruited municipal family homes take children from the agency-home pool.
    occupancy = np.zeros((2, d, months + 1, S))
    occupancy[..., :E] = occ
    homes = np.zeros((d, months))
    homes_recruited = np.zeros((d, months))
    if recruitment:
        placed, pool_homes, new_homes, used = place_in_recruited_homes(
            occ[1, :, :, CONSULTANT],
            np.broadcast_to(p_base[:, None, CONSULTANT], (d, months)) if p_scen is None else p_scen[:, :, CONSULTANT],
            [lv for _, lv in recruitment],
        )
        occupancy[1, :, :, CONSULTANT] -= placed
        occupancy[1, :, :, NEW] = placed
        homes, homes_recruited = pool_homes.sum(0), new_homes.sum(0)
        for j, (k, _) in enumerate(recruitment):
            spent[:, :, k] = used[j]

    cost_per_day = np.zeros((d, S))
    for i in CARE_STATES:
        cost_per_day[:, i] = _col(values, f"care.{STATES[i]}.cost_per_day", d)
    cost_per_day[:, NEW] = cost_per_day[:, IDX["municipal_family_home"]]
    real_growth = (1.0 + _col(values, "economics.real_cost_growth", d)[:, None]) ** (t_idx[None, :] / 12.0)
    # Cost of one child-month per state; real growth applies to care-day prices only.
    price = cost_per_day[:, None, :] * (DAYS_PER_MONTH * real_growth)[:, :, None]  # (D, T, S)

    return CareRun(
        occupancy=occupancy,
        price=price,
        starts=starts,
        allocated=allocated,
        spent=spent,
        families=families,
        homes=homes,
        homes_recruited=homes_recruited,
        population=population,
        measure_ids=ids,
    )
