"""Break-even questions: what must be true for the shift to pay back, or for the budget to hold.

Three questions a committee asks, each answered by a bracketing search over
one number while everything else stays at its value:

* :func:`effect_needed` — how much must parent training (or another
  preventive measure) cut the risk of a placement for the shift to pay back
  by a chosen year?
* :func:`homes_needed` — how many family homes must the municipality be able
  to recruit per year for that?
* :func:`largest_shift` — how much can be moved out of the external-placement
  budget while that budget still holds (every year, or in a chosen year)?

The search (:func:`first_crossing`) is vectorised: each round evaluates a grid
of :data:`GRID_POINTS` candidate values as one batch of the care model, finds
the first grid interval where the goal switches from unmet to met and zooms
into it, until the interval is narrower than the tolerance. It assumes the
goal is met on one side of a single switch (true here: a larger effect or
more homes never raises the running cost much, a larger shift cuts the
budget faster than it saves); if the goal switches more than once, it
returns the first switch from the low end. The answer is the end of the
final interval on the side where the goal is met, so plugging it back into
:func:`model.run` meets the goal, with the net effect (or budget deviation)
zero within the tolerance.

Each answer carries a ``status``: :data:`FOUND`; :data:`ALWAYS` (the goal is
met over the whole search domain's near end: even no effect pays back, or
the budget holds even when all of it is moved); :data:`NEVER` (no value in
the domain meets it); :data:`NOT_IN_MIX` (the scenario moves no money to the
measure, so its effect cannot matter).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.analysis.amounts import money_scaled
from model.budget import BUDGET_TOLERANCE_SEK
from model.care import simulate_care
from model.catalogue import breakeven_measure
from model.evidence import at_level
from model.levers import external_budget
from model.parameters import DOMAINS, Parameters
from model.results import PAYBACK_TOLERANCE_SEK, yearly_arrays
from model.scenario import MAX_SHIFT_SEK, Scenario, applied_discount_rate

FOUND = "found"
ALWAYS = "always"
NEVER = "never"
NOT_IN_MIX = "not_in_mix"
#: Candidate values per round of the search (one batched model run per round).
GRID_POINTS = 17
#: Most rounds of the search (each narrows the interval 16-fold).
MAX_ROUNDS = 16
#: Below this a largest shift counts as none at all [SEK/year].
SMALLEST_SHIFT_SEK = 1_000.0


@dataclass(frozen=True)
class BreakEven:
    """The answer to one break-even question.

    Attributes
    ----------
    parameter : str
        The number solved for: a parameter name (``measure.parent_training.risk_reduction``)
        or ``shift_sek_per_year``.
    status : str
        :data:`FOUND`, :data:`ALWAYS`, :data:`NEVER` or :data:`NOT_IN_MIX`.
    value : float or None
        The break-even value [unit of the parameter; SEK/year for the shift];
        with ALWAYS the near end of the domain; None with NEVER / NOT_IN_MIX.
    current : float
        Today's value (the parameter's value, or the scenario's shift).
    search_low, search_high : float
        The domain searched.
    plausible_low, plausible_high : float or None
        The parameter's own plausible range (None for the shift).
    year : int or None
        The target year (None: every year of the horizon).
    """

    parameter: str
    status: str
    value: float | None
    current: float
    search_low: float
    search_high: float
    plausible_low: float | None = None
    plausible_high: float | None = None
    year: int | None = None

    @property
    def within_range(self) -> bool | None:
        """Whether the answer lies within the parameter's plausible range (None if not applicable)."""
        if self.value is None or self.plausible_low is None or self.plausible_high is None:
            return None
        return self.plausible_low <= self.value <= self.plausible_high


def first_crossing(
    met: Callable[[np.ndarray], np.ndarray],
    low: float,
    high: float,
    tolerance: float,
    points: int = GRID_POINTS,
) -> tuple[str, float, float]:
    """Bracket the smallest value in [low, high] at which a goal is met.

    Parameters
    ----------
    met : callable
        ``met(x)`` for an array of candidate values returns a boolean array:
        whether the goal is met at each (evaluated as one batch).
    low, high : float
        The domain searched.
    tolerance : float
        Stop when the bracket is at most this wide [unit of x].
    points : int
        Candidates per round (≥ 3).

    Returns
    -------
    (status, a, b) : tuple
        ``("found", a, b)`` with the goal unmet at ``a`` and met at ``b``,
        ``b - a <= tolerance`` (or after :data:`MAX_ROUNDS` rounds);
        ``("always", low, low)`` if it is met at ``low``; ``("never", high, high)``
        if it is met nowhere on the first grid.
    """
    xs = np.linspace(low, high, points)
    ok = np.asarray(met(xs), dtype=bool)
    if ok[0]:
        return ALWAYS, low, low
    if not ok.any():
        return NEVER, high, high
    i = int(np.argmax(ok))
    a, b = float(xs[i - 1]), float(xs[i])
    for _ in range(MAX_ROUNDS):
        if b - a <= tolerance:
            break
        xs = np.linspace(a, b, points)[1:-1]
        ok = np.asarray(met(xs), dtype=bool)
        if ok.any():
            i = int(np.argmax(ok))
            b = float(xs[i])
            a = float(xs[i - 1]) if i > 0 else a
        else:
            a = float(xs[-1])
    return FOUND, a, b


def _year_index(scenario: Scenario, year: int | None) -> int | None:
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise ValueError(f"year: expected a whole year, got {year!r}")
    if not scenario.first_year <= year <= scenario.last_year:
        raise ValueError(f"year: {year} is outside the horizon {scenario.first_year}–{scenario.last_year}")
    return int(year) - scenario.first_year


def _batch(params: Parameters, name: str, xs: np.ndarray) -> dict[str, np.ndarray]:
    """Every parameter at its value, *name* at each of *xs*: (n,) arrays."""
    values = {k: np.full(len(xs), v) for k, v in params.values().items()}
    values[name] = np.asarray(xs, dtype=float)
    return values


def _paid_back_by(params: Parameters, scenario: Scenario, name: str, index: int) -> Callable[[np.ndarray], np.ndarray]:
    """Goal: the running net effect stays at or below zero from year *index* to the end of the horizon."""
    rate = applied_discount_rate(params, scenario)

    def met(xs: np.ndarray) -> np.ndarray:
        run = simulate_care(
            _batch(params, name, xs), params.measures, scenario, params.area, strict=False, price_year=params.price_year
        )
        cumulative = yearly_arrays(run, scenario, np.full(len(xs), rate))["cumulative_net"]
        return cumulative[:, index:].max(axis=1) <= PAYBACK_TOLERANCE_SEK

    return met


def _solve_payback(
    params: Parameters, scenario: Scenario, year: int, name: str, high: float, tolerance: float
) -> BreakEven:
    params = at_level(params, scenario.evidence_level)
    p = params[name]
    low = DOMAINS[p.kind][0]
    index = _year_index(scenario, year)
    measure = name.split(".")[1]
    common: dict[str, Any] = {
        "parameter": name,
        "current": p.value,
        "search_low": low,
        "search_high": high,
        "plausible_low": p.low,
        "plausible_high": p.high,
        "year": year,
    }
    if scenario.shift_sek_per_year <= 0 or scenario.mix_dict.get(measure, 0.0) <= 0:
        return BreakEven(status=NOT_IN_MIX, value=None, **common)
    start = 0 if index is None else index  # no year: from the first year on
    status, _, b = first_crossing(_paid_back_by(params, scenario, name, start), low, high, tolerance)
    return BreakEven(status=status, value=None if status == NEVER else b, **common)


def effect_needed(
    params: Parameters,
    scenario: Scenario,
    year: int,
    measure: str | None = None,
    field: str = "risk_reduction",
) -> BreakEven:
    """The smallest effect of a preventive measure with which the shift pays back by *year*.

    Parameters
    ----------
    params : Parameters
        The assumptions.
    scenario : Scenario
        The levers (the measure must get money in its mix).
    year : int
        Calendar year by whose end the shift should have paid back (the
        running net effect at or below zero from then to the end of the
        horizon, as :func:`model.run`'s ``payback_year``).
    measure : str, optional
        Id of a preventive measure of the catalogue (default: the one whose
        role is ``breakeven``, parent training in the embedded catalogue).
    field : str
        Its effect to solve for: ``risk_reduction`` (relative cut in the
        placements of its target group [1]); for a review measure
        ``stay_reduction`` or a redirect share; for an exit-rate measure
        ``exit_increase`` (the rise in a participant's monthly probability
        of leaving for work [1/month]).

    Returns
    -------
    BreakEven
        ``value`` is the break-even effect [1], searched over its hard limits
        (0 to 1 for a risk reduction); compare with ``plausible_low``/``high``.
    """
    name = f"measure.{measure or _role_measure(params, 'prevention')}.{field}"
    return _solve_payback(params, scenario, year, name, DOMAINS[params[name].kind][1], 1e-7)


def homes_needed(params: Parameters, scenario: Scenario, year: int, measure: str | None = None) -> BreakEven:
    """The fewest family homes a year (recruitment cap) with which the shift pays back by *year*.

    Parameters
    ----------
    params : Parameters
        The assumptions.
    scenario : Scenario
        The levers (the recruitment measure must get money in its mix).
    year : int
        Calendar year by whose end the shift should have paid back.
    measure : str, optional
        Id of a recruitment measure of the catalogue (default: the one whose
        role is ``breakeven``, recruiting family homes in the embedded catalogue).

    Returns
    -------
    BreakEven
        ``value`` is the break-even ``max_per_year`` [homes/year], searched
        from 0 to what the money could recruit in a year (at least twice the
        plausible high), capped by the hard limit.
    """
    measure = measure or _role_measure(params, "recruitment")
    name = f"measure.{measure}.max_per_year"
    p = params[name]
    money = scenario.shift_sek_per_year * scenario.mix_dict.get(measure, 0.0)
    affordable = money / max(params.value(f"measure.{measure}.recruitment_cost"), 1.0)
    high = min(DOMAINS[p.kind][1], max(2.0 * p.high, math.ceil(affordable) + 1.0))
    return _solve_payback(params, scenario, year, name, high, 1e-6)


def _role_measure(params: Parameters, mechanism: str) -> str:
    """Id of the measure of *mechanism* that the catalogue gives the role ``breakeven``."""
    m = breakeven_measure(params.measures, mechanism)
    if m is None:
        raise ValueError(f"measure: the catalogue names no {mechanism} measure for break-even questions")
    return m.id


def payback_answers(params: Parameters, scenario: Scenario, year: int) -> list[BreakEven]:
    """The payback questions the catalogue asks (its ``breakeven`` measures): effect needed, homes needed.

    A question whose measure the catalogue does not name is left out.
    """
    answers = []
    effect = breakeven_measure(params.measures, "prevention")
    if effect is not None:
        answers.append(effect_needed(params, scenario, year, effect.id))
    homes = breakeven_measure(params.measures, "recruitment")
    if homes is not None:
        answers.append(homes_needed(params, scenario, year, homes.id))
    work = breakeven_measure(params.measures, "exit_rate")  # the employment area: how much more leave for work
    if work is not None:
        answers.append(effect_needed(params, scenario, year, work.id, field="exit_increase"))
    return answers


def _budget_broken(params: Parameters, scenario: Scenario, high: float, index: int | None) -> Callable:
    """Goal "broken": the placement forecast exceeds the budget after the cut (in year *index*, or any year).

    All candidate shifts run as one batch. The engine takes one scenario, so
    the batch runs the scenario at the largest shift *high* with each
    measure's prices divided by ``k = shift / high``: money buys through
    ``money / price`` only (families reached, homes recruited and supported),
    so this is exactly the scenario with ``k`` times the money. The budget is
    then rebuilt with the candidate's own shift.
    """
    reference = scenario.with_(shift_sek_per_year=high)
    shift_by_year = np.asarray(reference.shift_by_year())
    rate = applied_discount_rate(params, scenario)

    def broken(xs: np.ndarray) -> np.ndarray:
        out = np.zeros(len(xs), dtype=bool)  # no shift: the budget holds by definition
        positive = xs > 0
        if not positive.any():
            return out
        k = xs[positive] / high
        run = simulate_care(
            money_scaled(params, k), params.measures, reference, params.area, strict=False, price_year=params.price_year
        )
        y = yearly_arrays(run, reference, np.full(len(k), rate))
        deviation = y["cost_external_scenario"] - y["cost_external_baseline"] + k[:, None] * shift_by_year[None, :]
        worst = deviation.max(axis=1) if index is None else deviation[:, index]
        out[positive] = worst > BUDGET_TOLERANCE_SEK
        return out

    return broken


def largest_shift(params: Parameters, scenario: Scenario, year: int | None = None) -> BreakEven:
    """The largest yearly shift with which the external-placement budget still holds.

    Parameters
    ----------
    params : Parameters
        The assumptions.
    scenario : Scenario
        The levers; its mix, ramp and start year are kept, its amount is solved for.
    year : int, optional
        Calendar year in which the budget must hold; None (default): every year.

    Returns
    -------
    BreakEven
        ``value`` is the largest ``shift_sek_per_year`` [SEK/year] such that the
        budget holds for it and every smaller shift (forecast − budget at most
        1 SEK), searched up to the whole external-placement budget now.
        NEVER (``value`` 0) if even a small shift breaks it; ALWAYS if it holds
        up to the whole budget.
    """
    index = _year_index(scenario, year)
    params = at_level(params, scenario.evidence_level)
    high = float(min(MAX_SHIFT_SEK, max(1e3, external_budget(params))))
    common: dict[str, Any] = {
        "parameter": "shift_sek_per_year",
        "current": scenario.shift_sek_per_year,
        "search_low": 0.0,
        "search_high": high,
        "year": year,
    }
    if not scenario.mix_dict:
        return BreakEven(status=NOT_IN_MIX, value=None, **common)
    status, a, _ = first_crossing(_budget_broken(params, scenario, high, index), 0.0, high, 1.0)
    if status == NEVER:  # never broken on the grid: holds up to the whole budget
        return BreakEven(status=ALWAYS, value=high, **common)
    if status == ALWAYS or a < SMALLEST_SHIFT_SEK:  # broken by (almost) any shift
        return BreakEven(status=NEVER, value=0.0, **common)
    return BreakEven(status=FOUND, value=a, **common)
