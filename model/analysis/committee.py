"""The whole committee: every area's run side by side, its budget summed year by year, and the areas compared.

A committee (in Växjö "nämnden för arbete och välfärd") decides for several
areas at once — children's placements, financial assistance — each a
parameter set of its own with its own scenario. Here each area is run as it
is and nothing is re-estimated: the committee's budget in a year is exactly the
sum of the areas' budgets in that year.

``yearly_budget`` and ``comparison`` are pure functions of finished runs (the
app passes its cached ones); :func:`committee` runs everything for a caller
that has only the sets and scenarios (the tests, a script).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from model.analysis.uncertainty import run_uncertainty
from model.parameters import Parameters
from model.results import Result
from model.run import run
from model.scenario import Scenario

#: The ``area`` of the rows that sum every area.
TOTAL = "total"
#: Draws of the uncertainty run behind each area's chance of paying back (modest: one per area, on one page).
DRAWS = 500
SEED = 0
#: The yearly columns summed: a run's column -> the committee table's.
BUDGET_COLUMNS = {
    "cost_baseline_sek": "baseline_sek",
    "cost_scenario_sek": "scenario_sek",
    "prevention_allocated_sek": "moved_sek",
    "net_sek": "net_sek",
}


def yearly_budget(results: Mapping[str, Result]) -> pd.DataFrame:
    """The committee's budget year by year: one row per area and year, then the total per year [SEK].

    Columns ``area``, ``year``, ``baseline_sek`` (cost without change),
    ``scenario_sek`` (cost with the shift), ``moved_sek`` (money moved to the
    measures) and ``net_sek`` (scenario − baseline: negative is a saving). The
    rows with ``area ==`` :data:`TOTAL` are the sum of the areas in each year
    every area calculates (areas with different horizons share only those).
    """
    parts = []
    for area, result in results.items():
        frame = result.yearly[["year", *BUDGET_COLUMNS]].rename(columns=BUDGET_COLUMNS)
        parts.append(frame.assign(area=area))
    if not parts:
        return pd.DataFrame(columns=["area", "year", *BUDGET_COLUMNS.values()])
    areas = pd.concat(parts, ignore_index=True)
    common = set.intersection(*(set(r.yearly["year"]) for r in results.values()))
    total = areas[areas["year"].isin(common)].groupby("year", as_index=False)[list(BUDGET_COLUMNS.values())].sum()
    out = pd.concat([areas, total.assign(area=TOTAL)], ignore_index=True)
    return out[["area", "year", *BUDGET_COLUMNS.values()]]


def benefit_per_krona(net_total_sek: float, moved_total_sek: float) -> float | None:
    """The net saving per krona moved: −(net over the horizon) ÷ (money moved over the horizon) [1].

    The net is scenario − baseline and already includes what the measures
    cost, so 0 means the shift pays for itself exactly, 0.5 that each krona
    moved comes back with 50 öre more, and a negative value that the shift
    costs more than it saves. Undiscounted, in the scenario's price basis.
    None when nothing is moved.
    """
    return -net_total_sek / moved_total_sek if moved_total_sek > 0 else None


def comparison(results: Mapping[str, Result], chances: Mapping[str, float | None]) -> pd.DataFrame:
    """One row per area (then the total): money moved, net, NPV, benefit per krona, payback, chance.

    Columns ``area``, ``moved_sek`` (over the horizon), ``net_sek`` (over the
    horizon), ``npv_sek``, ``benefit_per_krona`` (:func:`benefit_per_krona`),
    ``payback_year`` (None: not within the horizon), ``last_year`` and
    ``chance_payback`` (the share of uncertainty draws that have paid back by
    ``last_year``; None where no uncertainty run was made). The total row sums
    money, net and NPV; payback and chance are an area's and are left empty.
    """
    rows: list[dict[str, Any]] = []
    for area, result in results.items():
        s = result.summary
        moved = float(result.yearly["prevention_allocated_sek"].sum())
        rows.append(
            {
                "area": area,
                "moved_sek": moved,
                "net_sek": float(s.net_total_sek),
                "npv_sek": float(s.npv_sek),
                "benefit_per_krona": benefit_per_krona(float(s.net_total_sek), moved),
                "payback_year": s.payback_year,
                "last_year": s.last_year,
                "chance_payback": chances.get(area),
            }
        )
    moved = sum(r["moved_sek"] for r in rows)
    net = sum(r["net_sek"] for r in rows)
    rows.append(
        {
            "area": TOTAL,
            "moved_sek": moved,
            "net_sek": net,
            "npv_sek": sum(r["npv_sek"] for r in rows),
            "benefit_per_krona": benefit_per_krona(net, moved),
            "payback_year": None,
            "last_year": max((r["last_year"] for r in rows), default=None),
            "chance_payback": None,
        }
    )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Committee:
    """The whole committee's figures (:func:`committee`)."""

    results: Mapping[str, Result]
    yearly: pd.DataFrame
    table: pd.DataFrame


def committee(
    sets: Mapping[str, tuple[Parameters, Scenario]],
    draws: int = DRAWS,
    seed: int = SEED,
    runner: Callable[[Parameters, Scenario], Result] = run,
) -> Committee:
    """Run each area's (parameter set, scenario) and its uncertainty (*draws* seeded draws; 0: none).

    An area that moves nothing has no chance of paying back (None): there is nothing to pay back.
    """
    results = {area: runner(p, s) for area, (p, s) in sets.items()}
    chances: dict[str, float | None] = {}
    for area, (p, s) in sets.items():
        moves = draws > 0 and not s.is_baseline and bool(s.mix_dict)
        chances[area] = run_uncertainty(p, s, draws, seed).summary.probability_payback_horizon if moves else None
    return Committee(results, yearly_budget(results), comparison(results, chances))
