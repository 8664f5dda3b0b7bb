"""Results: monthly runs aggregated to calendar years, and the headline figures.

:func:`yearly_arrays` works on every draw at once (arrays with a leading draw
axis) and is shared by the deterministic run and the uncertainty analysis;
:class:`Result` turns one draw into tidy DataFrames for people.

Conventions: net = scenario − baseline, so a negative net is a saving. Years
are discounted from the first model year (the first year undiscounted). The
payback year is the first year from which the cumulative net stays at or below
zero until the end of the horizon. Cash (purchased care, family-home fees,
money spent on measures) is kept apart from the municipality's own staff
capacity (in-home support): a freed hour of own staff is not cash until a
post is cut.
"""

# size: the yearly aggregation (shared by one run and the Monte Carlo) beside the Result that reads it
# for people, so each column is computed and named in one module.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from model import kernels
from model.budget import BUDGET_TOLERANCE_SEK, LINES, deviation, holds, line_arrays
from model.care import DAYS_PER_MONTH, CareRun
from model.mechanisms import mechanism_frame, mechanism_rows
from model.parameters import Parameters
from model.payers import PAYERS, payer_arrays
from model.scenario import Scenario
from model.states import StateSpace
from model.summary import Summary

#: The running net effect counts as paid back at or below this [SEK] (round-off of a zero net).
PAYBACK_TOLERANCE_SEK = 1e-6


def _months_by_year(a: np.ndarray, axis: int) -> np.ndarray:
    """View months on *axis* as (years, 12): a view even of a sliced array."""
    shape = a.shape[:axis] + (a.shape[axis] // 12, 12) + a.shape[axis + 1 :]
    strides = a.strides[:axis] + (12 * a.strides[axis], a.strides[axis]) + a.strides[axis + 1 :]
    return np.lib.stride_tricks.as_strided(a, shape, strides, writeable=False)


def _by_year(a: np.ndarray, how: str) -> np.ndarray:
    """Months on axis -2 (or -1 for 2-D) to years: 'mean' or 'sum'."""
    axis = a.ndim - 1 if how.endswith("1") else a.ndim - 2
    how = how.rstrip("1")
    r = _months_by_year(a, axis)
    # einsum sums the 12 months in one pass, 2-3 times faster than .sum() when the innermost axis is short.
    axes = "abcdefg"[: r.ndim]
    total = np.einsum(f"{axes}->{axes[: axis + 1]}{axes[axis + 2 :]}", r)
    return total / 12.0 if how == "mean" else total


def _time_major_years(occupancy: np.ndarray) -> np.ndarray:
    """Children (2, D, T, S) as (Y, 12, S, 2, D): a view of the engine's time-major, batch-last array."""
    j, d, months, s = occupancy.shape
    return occupancy.transpose(2, 3, 0, 1).reshape(months // 12, 12, s, j, d)


def _yearly_stock_and_cost(occupancy: np.ndarray, price: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean children and cost per year and state, (2, D, Y, S) each, from children (2, D, T, S) and price (D, T, S).

    Summed in the engine's layout (:func:`model.care.simulate_care`: months first, draws last), where
    every sum runs over contiguous draws.
    """
    occ = _time_major_years(occupancy)  # (Y, 12, S, 2, D)
    years, _, s, n, d = occ.shape
    by_month = np.ascontiguousarray(price.transpose(1, 2, 0)).reshape(years, 12, s, d)
    loop = kernels.compiled(_stock_and_cost_months, d) if occ.flags.c_contiguous else None
    if loop is not None:  # both sums in one pass over the children, compiled
        stock, cost = np.empty((years, s, n, d)), np.empty((years, s, n, d))
        loop(occ, by_month, stock, cost)
        stock /= 12.0
    else:
        stock = occ.sum(axis=1) / 12.0  # (Y, S, 2, D)
        cost = np.einsum("ymsjd,ymsd->ysjd", occ, by_month)
    # Small (D * Y * S) arrays: C-ordered copies make the many sums over states that follow contiguous.
    return np.ascontiguousarray(stock.transpose(2, 3, 0, 1)), np.ascontiguousarray(cost.transpose(2, 3, 0, 1))


@kernels.register("void(float64[:, :, :, :, ::1], float64[:, :, :, ::1], float64[:, :, :, ::1], float64[:, :, :, ::1])")
def _stock_and_cost_months(occ: np.ndarray, price: np.ndarray, stock: np.ndarray, cost: np.ndarray) -> None:
    """:func:`_yearly_stock_and_cost`'s two sums over months as a loop (compiled by :mod:`model.kernels`).

    Children *occ* (Y, 12, S, 2, D) and *price* (Y, 12, S, D) to the year's sums of children *stock* and
    of cost *cost* (Y, S, 2, D); the months added in their order, as numpy's sum and einsum add them
    (the same numbers), each (S, 2) row of draws read once for both.
    """
    years, months, s, n, d = occ.shape
    for y in range(years):
        for i in range(s):
            for j in range(n):
                into, paid = stock[y, i, j], cost[y, i, j]
                children, each = occ[y, 0, i, j], price[y, 0, i]
                for b in range(d):
                    into[b] = children[b]
                    paid[b] = children[b] * each[b]
                for m in range(1, months):
                    children, each = occ[y, m, i, j], price[y, m, i]
                    for b in range(d):
                        into[b] += children[b]
                        paid[b] += children[b] * each[b]


def yearly_arrays(run: CareRun, scenario: Scenario, discount_rate: np.ndarray) -> dict[str, np.ndarray]:
    """Aggregate a :class:`CareRun` to years.

    Returns
    -------
    dict of str to ndarray
        Per-year arrays of shape (D, Y) (suffix ``_by_form``: (D, Y, F), over
        the run's reported care forms; ``_by_measure``: (D, Y, K)). Baseline and
        scenario variants carry ``_baseline``/``_scenario`` in the key. Money is
        [SEK], children are the average number during the year.
    """
    states = run.states
    # (2, D, Y, S) each, from the children at the start of each month; without a monthly cost array.
    stock, cost = _yearly_stock_and_cost(run.occupancy[:, :, :-1, :], run.price)
    spent = _by_year(run.spent, "sum")  # (D, Y, K)
    # The money moved is usually the same for every draw (a broadcast view): summed once, then broadcast.
    allocated = (
        np.broadcast_to(_by_year(run.allocated[:1], "sum"), spent.shape)
        if run.allocated.strides[0] == 0
        else _by_year(run.allocated, "sum")
    )
    startup = _by_year(run.startup, "sum")
    prevention = spent.sum(-1)
    out: dict[str, np.ndarray] = {}
    for j, name in enumerate(("baseline", "scenario")):
        out.update(_variant_arrays(name, stock[j], cost[j], run.starts[j], states))
    out["cost_baseline"] = out["cost_care_baseline"]
    out["cost_scenario"] = out["cost_care_scenario"] + prevention
    out["cost_prevention"] = prevention
    out["prevention_allocated"] = allocated.sum(-1)
    out["prevention_unused"] = np.maximum(allocated.sum(-1) - prevention, 0.0)
    out["prevention_startup"] = startup.sum(-1)
    out["prevention_spent_by_measure"] = spent
    out["prevention_allocated_by_measure"] = allocated
    out["prevention_startup_by_measure"] = startup
    out["families_reached_by_measure"] = _by_year(run.families, "sum")
    out["families_reached"] = out["families_reached_by_measure"].sum(-1)
    out["family_homes_recruited"] = _by_year(run.homes_recruited, "sum1")
    out["family_homes_in_pool"] = run.homes[:, 11::12]  # at the end of each year
    recruited = states.recruited_state
    out["children_recruited_homes"] = np.zeros_like(stock[1][..., 0]) if recruited is None else stock[1][..., recruited]
    out["population_0_20"] = _by_year(run.population, "mean1")
    out["municipal_tax"] = _municipal_tax(run, states)
    net = out["cost_scenario"] - out["cost_baseline"]
    if scenario.count_municipal_tax:
        net = net - out["municipal_tax"]  # income, shown apart and counted only on request
    out["net"] = net
    out["cumulative_net"] = np.cumsum(net, axis=-1)
    out["net_cash"] = out["cost_cash_scenario"] + prevention - out["cost_cash_baseline"]
    if scenario.count_municipal_tax:
        out["net_cash"] = out["net_cash"] - out["municipal_tax"]
    out["net_capacity"] = out["cost_capacity_scenario"] - out["cost_capacity_baseline"]
    years = np.arange(scenario.horizon_years)
    factor = (1.0 + np.asarray(discount_rate, dtype=float).reshape(-1, 1)) ** -years[None, :]
    out["discount_factor"] = np.broadcast_to(factor, net.shape)
    out["discounted_net"] = net * factor
    out["placements_avoided"] = out["placements_started_baseline"] - out["placements_started_scenario"]
    shift = np.asarray(scenario.shift_by_year())
    out["shift"] = np.broadcast_to(shift, net.shape)
    out.update(line_arrays(out, shift))
    out["external_budget"] = out["budget_external"]
    out["external_forecast"] = out["outcome_external"]
    out["external_budget_deviation"] = deviation(out, "external")
    _add_payers(out, run, cost, spent)
    return out


def _add_payers(out: dict[str, np.ndarray], run: CareRun, cost: np.ndarray, spent: np.ndarray) -> None:
    """The state's and the region's cost per year, and the public sector's (all three payers), in *out*."""
    d, _, s = cost.shape[1:]
    state = np.zeros((d, s)) if run.state_part is None else run.state_part
    region = np.zeros((d, spent.shape[-1])) if run.region_part is None else run.region_part
    out.update(payer_arrays(cost, spent, state, region))
    for name in ("baseline", "scenario"):
        out[f"cost_public_{name}"] = out[f"cost_{name}"] + out[f"cost_state_{name}"] + out[f"cost_region_{name}"]
    out["net_public"] = out["cost_public_scenario"] - out["cost_public_baseline"]
def _municipal_tax(run: CareRun, states: StateSpace) -> np.ndarray:
    """Municipal tax on the earnings of the households the scenario keeps off assistance, per year (D, Y) [SEK].

    Every household fewer on assistance than in the baseline (the states
    flagged ``placement``) is taken to be in work: the measures raise exits to work.
    """
    if run.tax_per_household_month is None:
        return np.zeros(run.occupancy.shape[1:2] + (run.occupancy.shape[2] // 12,))
    placed = run.occupancy[:, :, :-1, states.placement].sum(-1)  # (2, D, T)
    return _by_year((placed[0] - placed[1]) * run.tax_per_household_month, "sum1")


def _variant_arrays(
    name: str, stock: np.ndarray, cost: np.ndarray, starts: np.ndarray, states: StateSpace
) -> dict[str, np.ndarray]:
    """Budget lines, children and starts per year of the baseline or the scenario (*name*).

    *stock* and *cost* are (D, Y, S) per state, *starts* (D, T) per month.
    """
    own_care = states.placement & ~states.purchased
    substitute = np.arange(states.n_states) == states.substitute_state
    placed = stock[..., states.placement].sum(-1)
    family = stock[..., states.family].sum(-1)
    return {
        f"cost_care_{name}": cost.sum(-1),
        f"cost_external_{name}": cost[..., states.purchased].sum(-1),
        f"cost_own_care_{name}": cost[..., own_care].sum(-1),
        f"cost_in_home_{name}": cost[..., substitute].sum(-1),
        f"cost_cash_{name}": cost[..., states.cash].sum(-1),
        f"cost_capacity_{name}": cost[..., ~states.cash].sum(-1),
        f"children_placed_{name}": placed,
        f"children_institution_{name}": stock[..., states.institution].sum(-1),
        f"family_share_{name}": np.divide(family, placed, out=np.zeros_like(placed), where=placed > 0),
        f"children_{name}_by_form": stock @ states.report,
        f"care_days_{name}_by_form": stock @ (12.0 * DAYS_PER_MONTH * states.report),  # 12 months' days
        f"cost_{name}_by_form": cost @ states.report,
        f"placements_started_{name}": _by_year(starts, "sum1"),
    }


def payback_index(cumulative_net: np.ndarray, start_index: int, any_spending: np.ndarray) -> np.ndarray:
    """Index of the payback year per draw, -1 if it does not pay back; (D, Y) -> (D,)."""
    positive = cumulative_net > PAYBACK_TOLERANCE_SEK
    y = cumulative_net.shape[-1]
    last_positive = np.where(positive.any(-1), y - 1 - np.argmax(positive[..., ::-1], axis=-1), -1)
    idx = np.where(last_positive < 0, start_index, last_positive + 1)
    return np.where((idx >= y) | ~any_spending, -1, idx)


def summary_arrays(yearly: Mapping[str, np.ndarray], scenario: Scenario) -> dict[str, np.ndarray]:
    """Headline figures per draw, each shape (D,)."""
    f = yearly["discount_factor"]
    spend_pv = (yearly["cost_prevention"] * f).sum(-1)
    moved_pv = (yearly["prevention_allocated"] * f).sum(-1)
    saving_pv = ((yearly["cost_care_baseline"] - yearly["cost_care_scenario"]) * f).sum(-1)
    cash_saving_pv = ((yearly["cost_cash_baseline"] - yearly["cost_cash_scenario"]) * f).sum(-1)
    any_spending = yearly["cost_prevention"].sum(-1) > 0
    start = scenario.shift_start_year - scenario.first_year
    pb = payback_index(yearly["cumulative_net"], start, any_spending)
    with np.errstate(divide="ignore", invalid="ignore"):
        bcr = np.where(spend_pv > 0, saving_pv / spend_pv, np.nan)
        bcr_cash = np.where(spend_pv > 0, cash_saving_pv / spend_pv, np.nan)
        bcr_moved = np.where(moved_pv > 0, saving_pv / moved_pv, np.nan)
    return {
        "net_total_sek": yearly["net"].sum(-1),
        "net_cash_total_sek": yearly["net_cash"].sum(-1),
        "net_capacity_total_sek": yearly["net_capacity"].sum(-1),
        "npv_sek": yearly["discounted_net"].sum(-1),
        "payback_index": pb,
        "benefit_cost_ratio": bcr,
        "benefit_cost_ratio_cash": bcr_cash,
        "benefit_cost_ratio_moved": bcr_moved,
        "prevention_spent_sek": yearly["cost_prevention"].sum(-1),
        "prevention_allocated_sek": yearly["prevention_allocated"].sum(-1),
        "prevention_unused_sek": yearly["prevention_unused"].sum(-1),
        "placements_avoided": yearly["placements_avoided"].sum(-1),
        "institution_child_years_avoided": (
            yearly["children_institution_baseline"] - yearly["children_institution_scenario"]
        ).sum(-1),
        "institution_children_fewer_last_year": (
            yearly["children_institution_baseline"][..., -1] - yearly["children_institution_scenario"][..., -1]
        ),
        "families_reached": yearly["families_reached"].sum(-1),
        "municipal_tax_sek": yearly["municipal_tax"].sum(-1),
        "external_budget_holds_years": holds(yearly["external_budget_deviation"], BUDGET_TOLERANCE_SEK).sum(-1),
        "net_public_total_sek": yearly["net_public"].sum(-1),
        "npv_public_sek": (yearly["net_public"] * f).sum(-1),
    }


@dataclass(frozen=True)
class Result:
    """A deterministic run, as tidy tables.

    Attributes
    ----------
    yearly : DataFrame
        One row per calendar year; money in SEK of the scenario's price basis
        (``scenario.price_basis``: the parameter set's price year with fixed
        prices, each year's kronor with current prices), children as the
        average number during the year.
    by_form : DataFrame
        One row per year and care form: children, care days and cost,
        baseline and scenario.
    by_measure : DataFrame
        One row per year and measure: money moved, used (start-up costs included) and not
        used, the start-up cost, families reached.
    by_mechanism : DataFrame
        One row per year, mechanism and measure: where the net effect comes
        from (:mod:`model.mechanisms`); per year the rows sum to ``net_sek``.
    budget_lines : DataFrame
        One row per year and budget line the shift touches (:mod:`model.budget`):
        ``year``, ``line``, ``budget_sek``, ``outcome_sek``, ``deviation_sek``
        (outcome − budget, positive is a deficit) and ``holds`` (a deficit of
        at most :data:`model.budget.MATERIAL_SEK`); per year the deviations
        sum to ``net_sek``.
    by_payer : DataFrame
        One row per year and payer (:mod:`model.payers`: the municipality, the
        state, the region): ``cost_baseline_sek``, ``cost_scenario_sek`` and
        ``net_sek``; per year the payers sum to the public sector's cost
        (``cost_public_*_sek`` of ``yearly``), and the municipality's row is
        ``cost_baseline_sek``/``cost_scenario_sek`` of ``yearly``.
    summary : Summary
        Headline figures (``npv_sek``, ``payback_year``, ``placements_avoided``,
        ``benefit_cost_ratio``, ...), typed, and readable as a dict.
    """

    params: Parameters
    scenario: Scenario
    yearly: pd.DataFrame
    summary: Summary
    #: What the tables below are built from (numbers of draw 0), when first read.
    _tables: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # The tables other than ``yearly`` are built on first use: a run whose caller reads only the
    # headline (the app's every slider move, the analyses) does not pay for them.
    @cached_property
    def by_form(self) -> pd.DataFrame:
        """One row per year and care form (see the class docstring)."""
        t = self._tables
        return _by_form_frame(t["arrays"], t["years"], self.params.area.reported_forms)

    @cached_property
    def by_measure(self) -> pd.DataFrame:
        """One row per year and measure (see the class docstring)."""
        t = self._tables
        return _by_measure_frame(t["arrays"], t["years"], t["measure_ids"])

    @cached_property
    def budget_lines(self) -> pd.DataFrame:
        """One row per year and budget line (see the class docstring)."""
        t = self._tables
        return _budget_lines_frame(t["arrays"], t["years"])

    @cached_property
    def by_payer(self) -> pd.DataFrame:
        """One row per year and payer (see the class docstring)."""
        t = self._tables
        return _by_payer_frame(t["arrays"], t["years"])

    @cached_property
    def by_mechanism(self) -> pd.DataFrame:
        """One row per year, mechanism and measure (see the class docstring)."""
        t = self._tables
        return mechanism_frame(t["mechanisms"], {m.id: m for m in self.params.measures}, t["years"])


#: Yearly money columns of :attr:`Result.yearly` (each ``<key>_sek``), in order.
_MONEY_COLUMNS = (
    "cost_baseline",
    "cost_scenario",
    "net",
    "cumulative_net",
    "discounted_net",
    "net_cash",
    "net_capacity",
    "cost_external_baseline",
    "cost_external_scenario",
    "cost_own_care_baseline",
    "cost_own_care_scenario",
    "cost_in_home_baseline",
    "cost_in_home_scenario",
    "cost_prevention",
    "prevention_startup",
    "prevention_allocated",
    "prevention_unused",
    "shift",
    "external_budget",
    "external_forecast",
    "external_budget_deviation",
    "cost_state_baseline",
    "cost_state_scenario",
    "cost_region_baseline",
    "cost_region_scenario",
    "cost_public_baseline",
    "cost_public_scenario",
    "net_public",
)
#: Yearly columns about children, after the money.
_CHILDREN_COLUMNS = (
    "children_placed_baseline",
    "children_placed_scenario",
    "children_institution_baseline",
    "children_institution_scenario",
    "family_share_baseline",
    "family_share_scenario",
    "placements_started_baseline",
    "placements_started_scenario",
    "placements_avoided",
)


def build_result(
    params: Parameters,
    scenario: Scenario,
    arrays: Mapping[str, np.ndarray],
    run: CareRun,
    discount_rate: float,
) -> Result:
    """Tables and summary of draw 0 of :func:`yearly_arrays` output (*run* made with ``decompose``)."""
    years = np.arange(scenario.first_year, scenario.last_year + 1)
    a = {k: v[0] for k, v in arrays.items()}
    forms = params.area.reported_forms
    measure_ids = run.measure_ids
    return Result(
        params=params,
        scenario=scenario,
        yearly=_yearly_frame(a, years, forms, measure_ids, tax=params.area.municipal_tax),
        summary=_summary(arrays, a, scenario, years, discount_rate),
        _tables={
            "arrays": a,
            "years": years,
            "measure_ids": measure_ids,
            "mechanisms": mechanism_rows(
                run, {m.id: m for m in params.measures}, count_tax=scenario.count_municipal_tax
            ),
        },
    )


def _yearly_frame(
    a: Mapping[str, np.ndarray],
    years: np.ndarray,
    forms: tuple[str, ...],
    measure_ids: tuple[str, ...],
    tax: bool = False,
) -> pd.DataFrame:
    """:attr:`Result.yearly`: one row per year, money in SEK, children as yearly averages.

    In an area with municipal tax, ``municipal_tax_sek`` follows the money:
    the tax on the earnings of the households kept off assistance (in the net
    only if the scenario counts it).
    """
    cols: dict[str, Any] = {"year": years, "population_0_20": a["population_0_20"]}
    for key in _MONEY_COLUMNS:
        cols[f"{key}_sek"] = a[key]
    if tax:
        cols["municipal_tax_sek"] = a["municipal_tax"]
    cols["external_budget_holds"] = holds(a["external_budget_deviation"], BUDGET_TOLERANCE_SEK)
    for key in _CHILDREN_COLUMNS:
        cols[key] = a[key]
    cols["cumulative_placements_avoided"] = np.cumsum(a["placements_avoided"])
    for j, form in enumerate(forms):
        for name in ("baseline", "scenario"):
            cols[f"children_{form}_{name}"] = a[f"children_{name}_by_form"][:, j]
            cols[f"care_days_{form}_{name}"] = a[f"care_days_{name}_by_form"][:, j]
            cols[f"cost_{form}_{name}_sek"] = a[f"cost_{name}_by_form"][:, j]
    cols["families_reached"] = a["families_reached"]
    for k, mid in enumerate(measure_ids):
        cols[f"families_reached_{mid}"] = a["families_reached_by_measure"][:, k]
        cols[f"prevention_{mid}_sek"] = a["prevention_spent_by_measure"][:, k]
    cols["family_homes_recruited"] = a["family_homes_recruited"]
    cols["family_homes_in_pool"] = a["family_homes_in_pool"]
    # One float block (fast to build), then the two columns that are not floats.
    names = [c for c in cols if c not in ("year", "external_budget_holds")]
    yearly = pd.DataFrame(np.column_stack([cols[c] for c in names]), columns=names)
    yearly.insert(0, "year", years)
    yearly.insert(
        names.index("external_budget_deviation_sek") + 2, "external_budget_holds", cols["external_budget_holds"]
    )
    return yearly


def _by_form_frame(a: Mapping[str, np.ndarray], years: np.ndarray, forms: tuple[str, ...]) -> pd.DataFrame:
    """:attr:`Result.by_form`: one row per year and care form."""
    return pd.DataFrame(
        {
            "year": np.tile(years, len(forms)),
            "care_form": np.repeat(forms, len(years)),
            **{
                f"{kind}_{variant}{unit}": a[f"{kind}_{variant}_by_form"].T.ravel()
                for kind, unit in (("children", ""), ("care_days", ""), ("cost", "_sek"))
                for variant in ("baseline", "scenario")
            },
        }
    )


def _budget_lines_frame(a: Mapping[str, np.ndarray], years: np.ndarray) -> pd.DataFrame:
    """:attr:`Result.budget_lines`: one row per year and budget line (year-major)."""
    budget = np.column_stack([a[f"budget_{line}"] for line in LINES])  # (Y, L)
    dev = np.column_stack([deviation(a, line) for line in LINES])
    return pd.DataFrame(
        {
            "year": np.repeat(years, len(LINES)),
            "line": np.tile(LINES, len(years)),
            "budget_sek": budget.ravel(),
            "outcome_sek": np.column_stack([a[f"outcome_{line}"] for line in LINES]).ravel(),
            "deviation_sek": dev.ravel(),
            "holds": holds(dev).ravel(),
        }
    )


def _by_payer_frame(a: Mapping[str, np.ndarray], years: np.ndarray) -> pd.DataFrame:
    """:attr:`Result.by_payer`: one row per year and payer (year-major)."""
    key = {"municipality": "cost_{}", "state": "cost_state_{}", "region": "cost_region_{}"}
    base = np.column_stack([a[key[p].format("baseline")] for p in PAYERS])
    scen = np.column_stack([a[key[p].format("scenario")] for p in PAYERS])
    return pd.DataFrame(
        {
            "year": np.repeat(years, len(PAYERS)),
            "payer": np.tile(PAYERS, len(years)),
            "cost_baseline_sek": base.ravel(),
            "cost_scenario_sek": scen.ravel(),
            "net_sek": (scen - base).ravel(),
        }
    )


def _by_measure_frame(a: Mapping[str, np.ndarray], years: np.ndarray, measure_ids: tuple[str, ...]) -> pd.DataFrame:
    """:attr:`Result.by_measure`: one row per year and measure."""
    return pd.DataFrame(
        {
            "year": np.tile(years, len(measure_ids)),
            "measure": np.repeat(measure_ids, len(years)),
            "allocated_sek": a["prevention_allocated_by_measure"].T.ravel(),
            "spent_sek": a["prevention_spent_by_measure"].T.ravel(),
            "startup_sek": a["prevention_startup_by_measure"].T.ravel(),
            "unused_sek": np.maximum(
                a["prevention_allocated_by_measure"] - a["prevention_spent_by_measure"], 0.0
            ).T.ravel(),
            "families_reached": a["families_reached_by_measure"].T.ravel(),
        }
    )


def _ratio_or_none(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _summary(
    arrays: Mapping[str, np.ndarray],
    a: Mapping[str, np.ndarray],
    scenario: Scenario,
    years: np.ndarray,
    discount_rate: float,
) -> Summary:
    """The :class:`Summary` of draw 0."""
    s = {k: v[0] for k, v in summary_arrays(arrays, scenario).items()}
    pb = int(s.pop("payback_index"))
    population = a["population_0_20"][0]
    return Summary(
        net_total_sek=float(s["net_total_sek"]),
        net_cash_total_sek=float(s["net_cash_total_sek"]),
        net_capacity_total_sek=float(s["net_capacity_total_sek"]),
        npv_sek=float(s["npv_sek"]),
        benefit_cost_ratio=_ratio_or_none(s["benefit_cost_ratio"]),
        benefit_cost_ratio_cash=_ratio_or_none(s["benefit_cost_ratio_cash"]),
        benefit_cost_ratio_moved=_ratio_or_none(s["benefit_cost_ratio_moved"]),
        prevention_spent_sek=float(s["prevention_spent_sek"]),
        prevention_allocated_sek=float(s["prevention_allocated_sek"]),
        prevention_unused_sek=float(s["prevention_unused_sek"]),
        placements_avoided=float(s["placements_avoided"]),
        institution_child_years_avoided=float(s["institution_child_years_avoided"]),
        institution_children_fewer_last_year=float(s["institution_children_fewer_last_year"]),
        families_reached=float(s["families_reached"]),
        municipal_tax_sek=float(s["municipal_tax_sek"]),
        external_budget_holds_years=int(s["external_budget_holds_years"]),
        net_public_total_sek=float(s["net_public_total_sek"]),
        npv_public_sek=float(s["npv_public_sek"]),
        payback_year=None if pb < 0 else int(years[pb]),
        horizon_years=scenario.horizon_years,
        first_year=scenario.first_year,
        last_year=scenario.last_year,
        discount_rate=float(discount_rate),
        children_placed_baseline_first_year=float(a["children_placed_baseline"][0]),
        children_placed_per_1000_during_year=float(
            1000 * (a["children_placed_baseline"][0] + a["placements_started_baseline"][0]) / population
        ),
        placements_started_per_1000=float(1000 * a["placements_started_baseline"][0] / population),
    )
