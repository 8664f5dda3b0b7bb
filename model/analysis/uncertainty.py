"""How sure are we: Monte Carlo over every uncertain assumption.

:func:`run_uncertainty` draws every parameter with a range from its declared
distribution (:mod:`model.analysis.distributions`), runs all draws through the care
model's batch dimension at once (one vectorised pass: the only Python loop is
the engine's loop over months) and summarises them per year: percentiles of
the net effect, its running sum and the children placed, and the chance that
the shift has paid back by each year.

The central run (every parameter at its value, the same numbers as
:func:`model.run`) rides along as one extra member of the batch, so the
deterministic line in a chart comes from the very same pass.

Memory does not grow with the draws: they are drawn and run in chunks of
:data:`CHUNK_DRAWS` (:func:`model.analysis.distributions.draw_chunks`), and each
chunk is reduced at once to the few yearly and headline figures per draw that
the percentiles need (about 0.5 kB per draw for a 10-year horizon) before the
next is drawn. A 20 000-draw run therefore peaks at a 1 000-draw run (about
100 MB of short-lived arrays in the engine) plus those figures, about 10 MB.
The result does not depend on the chunk size: each draw is computed
independently of the others, from the same random streams (tested). The
default 1 000 draws are one pass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model.analysis.distributions import draw_chunks
from model.budget import BUDGET_TOLERANCE_SEK
from model.care import simulate_care
from model.evidence import at_level
from model.levers import check_shift, in_catalogue
from model.parameters import Measure, Parameters
from model.results import summary_arrays, yearly_arrays
from model.scenario import Scenario, applied_discount_rate
from model.summary import Figures

DEFAULT_DRAWS = 1_000
MAX_DRAWS = 20_000
#: Draws per pass through the engine: bounds the memory of a run (1 000 draws are one pass).
CHUNK_DRAWS = 1_000
#: Length of a committee's term of office [years]: "does it pay back within our term?"
TERM_YEARS = 4
#: Percentiles reported per year, and the suffix of their columns.
PERCENTILES: tuple[tuple[float, str], ...] = (
    (5.0, "p05"),
    (25.0, "p25"),
    (50.0, "median"),
    (75.0, "p75"),
    (95.0, "p95"),
)
#: Yearly quantities summarised by percentiles: column prefix -> key of :func:`yearly_arrays`.
YEARLY_QUANTITIES: dict[str, str] = {
    "net_sek": "net",
    "cumulative_net_sek": "cumulative_net",
    "children_placed_scenario": "children_placed_scenario",
    "children_placed_difference": "children_placed_difference",
    "external_budget_deviation_sek": "external_budget_deviation",
}
#: Per-draw headline figures summarised by percentiles: summary prefix -> key of :func:`summary_arrays`.
SUMMARY_QUANTITIES: dict[str, str] = {"npv_sek": "npv_sek", "net_total_sek": "net_total_sek"}
#: The columns of :attr:`UncertaintyResult.yearly` after ``year``, in order; the same for every run, so their
#: index is built once (building it from the names costs a tenth of a millisecond a run).
_YEARLY_VALUE_COLUMNS = pd.Index(
    [f"{prefix}_{suffix}" for prefix in YEARLY_QUANTITIES for suffix in (*(s for _, s in PERCENTILES), "central")]
    + ["probability_paid_back", "probability_cumulative_saving", "probability_budget_holds"]
)
#: The columns of :attr:`UncertaintyResult.per_draw`.
_PER_DRAW_COLUMNS = pd.Index(["npv_sek", "net_total_sek", "cumulative_net_end_sek", "payback_year"])


@dataclass(frozen=True)
class UncertaintySummary(Figures):
    """Headline probabilities of a Monte Carlo analysis (shares of draws [1]; money in SEK).

    Attributes
    ----------
    draws, seed : int
        Number of draws and the seed.
    first_year, last_year, term_year : int
        The horizon, and the last year of the committee's term (:data:`TERM_YEARS`).
    probability_net_saving : float
        Running sum of the net effect below zero at the end of the horizon [1].
    probability_npv_saving : float
        Net present value below zero [1].
    probability_paid_back_by_year : dict of int to float
        Year -> share of draws that have paid back by its end [1].
    probability_payback_term, probability_payback_horizon : float
        Paid back by the end of the term, of the horizon [1].
    probability_budget_holds_every_year : float
        The external-placement budget holds in every year [1].
    npv_sek_p05, ..., npv_sek_mean, npv_sek_central : float
        Percentiles (:data:`PERCENTILES`), mean and central value of the NPV [SEK].
    net_total_sek_p05, ..., net_total_sek_central : float
        The same for the net effect over the horizon [SEK].
    payback_year_central, payback_year_median : int or None
        Payback year of the central run, and the median over draws (None: not within the horizon).
    """

    draws: int
    seed: int
    first_year: int
    last_year: int
    term_year: int
    probability_net_saving: float
    probability_npv_saving: float
    probability_paid_back_by_year: dict[int, float]
    probability_payback_term: float
    probability_payback_horizon: float
    probability_budget_holds_every_year: float
    npv_sek_p05: float
    npv_sek_p25: float
    npv_sek_median: float
    npv_sek_p75: float
    npv_sek_p95: float
    npv_sek_mean: float
    npv_sek_central: float
    net_total_sek_p05: float
    net_total_sek_p25: float
    net_total_sek_median: float
    net_total_sek_p75: float
    net_total_sek_p95: float
    net_total_sek_mean: float
    net_total_sek_central: float
    payback_year_central: int | None
    payback_year_median: int | None


@dataclass(frozen=True)
class UncertaintyResult:
    """The Monte Carlo analysis of one scenario.

    Attributes
    ----------
    yearly : DataFrame
        One row per calendar year: ``<quantity>_p05``, ``_p25``, ``_median``,
        ``_p75``, ``_p95`` and ``_central`` (all parameters at their values)
        for ``net_sek``, ``cumulative_net_sek`` [SEK], ``children_placed_scenario``
        and ``children_placed_difference`` (scenario − baseline, average
        children during the year) and ``external_budget_deviation_sek``; and
        the shares of draws ``probability_paid_back`` (paid back by the end of
        that year), ``probability_cumulative_saving`` (running sum of the net
        effect at or below zero that year) and ``probability_budget_holds``.
    summary : UncertaintySummary
        ``probability_net_saving`` (running sum below zero at the end of the
        horizon), ``probability_paid_back_by_year`` (year -> share),
        ``probability_payback_term`` / ``term_year``,
        ``probability_payback_horizon``, ``probability_npv_saving``,
        ``probability_budget_holds_every_year``, percentiles and central
        values of ``npv_sek`` and ``net_total_sek``, ``payback_year_central``,
        ``payback_year_median``, ``draws``, ``seed``.
    per_draw : DataFrame
        One row per draw: ``npv_sek``, ``net_total_sek``, ``cumulative_net_end_sek``
        and ``payback_year`` (NaN when it does not pay back within the horizon).
    """

    params: Parameters
    scenario: Scenario
    draws: int
    seed: int
    yearly: pd.DataFrame
    summary: UncertaintySummary
    per_draw: pd.DataFrame = field(default_factory=pd.DataFrame)


def batch_outcomes(
    values: Mapping[str, np.ndarray], params: Parameters, scenario: Scenario, rate: float
) -> dict[str, np.ndarray]:
    """Run a batch of parameter values; the yearly (D, Y) and headline (D,) arrays analyses need.

    Parameters
    ----------
    values : mapping of str to ndarray
        Every parameter of *params* by name, each of shape (D,).
    params : Parameters
        The parameter set (its catalogue of measures).
    scenario : Scenario
        The levers.
    rate : float
        Discount rate [1/year].

    Returns
    -------
    dict of str to ndarray
        The keys of :data:`YEARLY_QUANTITIES` (D, Y), ``external_budget_deviation``
        (D, Y), and ``npv_sek``, ``net_total_sek``, ``payback_index`` (D,).
    """
    measures, scenario = with_money(params.measures, scenario)
    run = simulate_care(values, measures, scenario, params.area, strict=False, price_year=params.price_year)
    yearly = yearly_arrays(run, scenario, np.array([rate]))  # one rate: its discount factors shared by the draws
    yearly["children_placed_difference"] = yearly["children_placed_scenario"] - yearly["children_placed_baseline"]
    heads = summary_arrays(yearly, scenario)
    out = {key: yearly[key] for key in YEARLY_QUANTITIES.values()}
    out.update({key: heads[key] for key in ("npv_sek", "net_total_sek", "payback_index")})
    return out


def with_money(measures: Sequence[Measure], scenario: Scenario) -> tuple[tuple[Measure, ...], Scenario]:
    """The measures the scenario moves money to, and the scenario with only those in its mix.

    A measure without money adds zeros to every total (its arrays are all zeros), so the totals a batch
    needs are the same without it (tested equal, bit for bit), and each (D, T, K) array of the run, the
    funding, the spending, the money used and the families reached, shrinks to the measures with money.
    The full catalogue when nothing has money.
    """
    mix = scenario.mix_dict
    funded = tuple(m for m in measures if mix.get(m.id, 0.0) > 0.0)
    if not funded or scenario.shift_sek_per_year <= 0.0 or len(funded) == len(measures):
        return tuple(measures), scenario
    return funded, scenario.with_(mix={m.id: mix[m.id] for m in funded})


def _check_draws(draws: object) -> int:
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws: expected a whole number from 1 to {MAX_DRAWS}, got {draws!r}")
    return int(draws)


def run_uncertainty(
    params: Parameters,
    scenario: Scenario | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    progress: Callable[[int], None] | None = None,
) -> UncertaintyResult:
    """Monte Carlo analysis: every uncertain assumption drawn, all draws in one vectorised pass.

    Parameters
    ----------
    params : Parameters
        The assumptions; each parameter's ``low``–``high`` and ``distribution``
        say how it varies (:mod:`model.analysis.distributions`).
    scenario : Scenario, optional
        The levers (``None``: no change).
    draws : int
        Number of draws, 1 to :data:`MAX_DRAWS` (default 1 000).
    seed : int
        Seed (≥ 0): the same seed gives the same result, another seed other draws.
    progress : callable, optional
        Called with the number of draws done after each chunk (:data:`CHUNK_DRAWS`);
        an exception it raises stops the run.

    Returns
    -------
    UncertaintyResult
        ``yearly`` percentiles and probabilities per year, ``summary`` headline
        probabilities, ``per_draw`` headline figures of every draw.

    Raises
    ------
    ValueError
        Bad ``draws`` or ``seed``, a scenario naming an unknown measure, or a
        shift larger than the external-placement budget.

    Notes
    -----
    The parameters are those of the scenario's evidence level
    (:func:`model.evidence.at_level`). The evidence-transfer factors
    (``evidence.<class>.transfer_factor``) are parameters like any other:
    drawn once per draw and shared by every measure of their class, so the
    effects of measures that rest on the same kind of evidence move together.
    """
    if not isinstance(params, Parameters):
        raise TypeError("params: expected model.Parameters (from model.load_parameters())")
    scenario = Scenario() if scenario is None else scenario
    scenario = in_catalogue(params, scenario)
    check_shift(params, scenario)
    params = at_level(params, scenario.evidence_level)
    draws = _check_draws(draws)
    rate = applied_discount_rate(params, scenario)
    # Member 0 of the first chunk is the central run (every parameter at its value).
    central = params.values()
    out: dict[str, np.ndarray] = {}
    done = 0  # members of the batch (central run and draws) reduced so far
    for chunk in draw_chunks(params, draws, seed, CHUNK_DRAWS, first=central):
        part = batch_outcomes(chunk, params, scenario, rate)
        n = len(part["npv_sek"])
        for key, a in part.items():
            out.setdefault(key, np.empty((draws + 1, *a.shape[1:]), dtype=a.dtype))[done : done + n] = a
        done += n
        if progress is not None:
            progress(done - 1)
    return _summarise(params, scenario, draws, seed, out)


def _percentiles(a: np.ndarray) -> np.ndarray:
    """Percentiles of :data:`PERCENTILES` over draws (axis 0): shape (P, ...).

    ``np.percentile(a, q, axis=0)`` to the last bit (tested): numpy's linear method (the order statistics
    either side of ``(n - 1) q``, and its two-sided interpolation), here from one sort of the draws instead
    of numpy's partition around the ten order statistics, which on axis 0 costs three times as much.
    """
    ordered = np.sort(a, axis=0)
    n = ordered.shape[0]
    at = (n - 1) * np.true_divide([q for q, _ in PERCENTILES], 100)
    below = np.floor(at)
    last = at >= n - 1  # numpy takes the largest value for both neighbours there
    lo, hi = (np.where(last, -1, i).astype(np.intp) for i in (below, below + 1))
    gamma = (at - below).reshape((-1,) + (1,) * (a.ndim - 1))
    prev, nxt = ordered[lo], ordered[hi]
    diff = nxt - prev
    out = prev + diff * gamma
    np.subtract(nxt, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def _summarise(
    params: Parameters, scenario: Scenario, draws: int, seed: int, out: Mapping[str, np.ndarray]
) -> UncertaintyResult:
    years = np.arange(scenario.first_year, scenario.last_year + 1)
    pb = out["payback_index"][1:]
    paid = pb >= 0
    # Paid back by the end of year i: a payback year at or before it (non-decreasing in i).
    by_year = ((pb[:, None] <= np.arange(len(years))[None, :]) & paid[:, None]).mean(axis=0)
    holds = out["external_budget_deviation"][1:] <= BUDGET_TOLERANCE_SEK
    # One float block, column by column in memory (as a frame built from a dict of the columns keeps them).
    per_draw_columns = (
        out["npv_sek"][1:],
        out["net_total_sek"][1:],
        out["cumulative_net"][1:, -1],
        np.where(paid, years[np.clip(pb, 0, None)], np.nan),
    )
    per_draw = pd.DataFrame(np.stack(per_draw_columns).T, columns=_PER_DRAW_COLUMNS)
    return UncertaintyResult(
        params=params,
        scenario=scenario,
        draws=draws,
        seed=seed,
        yearly=_yearly_frame(out, years, by_year, holds),
        summary=_summary(scenario, draws, seed, out, years, by_year, holds),
        per_draw=per_draw,
    )


def _yearly_frame(
    out: Mapping[str, np.ndarray], years: np.ndarray, by_year: np.ndarray, holds: np.ndarray
) -> pd.DataFrame:
    """:attr:`UncertaintyResult.yearly`: percentiles and probabilities per year."""
    cols: list[np.ndarray] = []  # in the order of _YEARLY_VALUE_COLUMNS
    # One percentile pass over every yearly quantity: (draws, quantity, year) -> (percentile, quantity, year).
    stacked = np.stack([out[key][1:] for key in YEARLY_QUANTITIES.values()], axis=1)
    pct = _percentiles(stacked)
    for q, key in enumerate(YEARLY_QUANTITIES.values()):
        cols.extend(pct[:, q])  # PERCENTILES
        cols.append(out[key][0])  # central
    cols.append(by_year)  # probability_paid_back
    cols.append((out["cumulative_net"][1:] <= 0.0).mean(axis=0))  # probability_cumulative_saving
    cols.append(holds.mean(axis=0))  # probability_budget_holds
    # One float block, then the year: a third of the cost of pandas building a frame column by column.
    frame = pd.DataFrame(np.stack(cols, axis=1, dtype=np.float64), columns=_YEARLY_VALUE_COLUMNS)
    frame.insert(0, "year", years)
    return frame


def _summary(
    scenario: Scenario,
    draws: int,
    seed: int,
    out: Mapping[str, np.ndarray],
    years: np.ndarray,
    by_year: np.ndarray,
    holds: np.ndarray,
) -> UncertaintySummary:
    """The :class:`UncertaintySummary`; member 0 of *out* is the central run, the rest the draws."""
    n_years = len(years)
    term_index = min(TERM_YEARS, n_years) - 1
    figures: dict[str, Any] = {}
    for prefix, key in SUMMARY_QUANTITIES.items():
        a = out[key]
        for (_, suffix), v in zip(PERCENTILES, _percentiles(a[1:]), strict=True):
            figures[f"{prefix}_{suffix}"] = float(v)
        figures[f"{prefix}_mean"] = float(a[1:].mean())
        figures[f"{prefix}_central"] = float(a[0])
    pb = out["payback_index"][1:]
    pb0 = int(out["payback_index"][0])
    # Median payback year, counting "not within the horizon" as later than any year.
    median = np.median(np.where(pb >= 0, pb, n_years))
    return UncertaintySummary(
        draws=draws,
        seed=seed,
        first_year=scenario.first_year,
        last_year=scenario.last_year,
        term_year=int(years[term_index]),
        probability_net_saving=float((out["cumulative_net"][1:, -1] < 0.0).mean()),
        probability_npv_saving=float((out["npv_sek"][1:] < 0.0).mean()),
        probability_paid_back_by_year={int(y): float(p) for y, p in zip(years, by_year, strict=True)},
        probability_payback_term=float(by_year[term_index]),
        probability_payback_horizon=float(by_year[-1]),
        probability_budget_holds_every_year=float(holds.all(axis=1).mean()),
        payback_year_central=None if pb0 < 0 else int(years[pb0]),
        payback_year_median=None if median >= n_years else int(years[int(np.ceil(median))]),
        **figures,
    )
