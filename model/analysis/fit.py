"""How well the model fits: a parameter set's baseline beside the national statistics.

Three checks a reader can follow ("Hur väl stämmer modellen?", issue 10):

* :func:`national_comparison` — the baseline of a set (the model run without a
  change) beside the national figures in ``data/model_fit.yaml``: children in
  24-hour care during a year and placements started, per 1 000 children 0–20,
  the family-home share of the children placed during the year, and the cost
  of 24-hour care per child 0–20; national value, model value and the
  difference in per cent;
* :func:`stock_and_flow` — per care form, today's children against the
  entries a year times the mean stay: the steady state the baseline is;
* :func:`published_case` — a published cohort model (Briggs et al. 2006,
  Example 2.5) run through the engine beside its published results.

The national figures are data with their sources; here is only arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from model.area import DEFAULT_AREA
from model.baseline import steady_state, transition_matrix
from model.cohort import simulate
from model.parameters import Parameters
from model.resources import DATA_DIR
from model.results import Result
from model.run import run
from model.scenario import Scenario
from model.states import state_space
from model.yaml_text import read_yaml_file

FORMAT = "omstallningskalkylen/model-fit-v1"
#: The national figures of the children's area, in the order they are shown.
FIGURES = ("placed_during_year_per_1000", "placements_started_per_1000", "family_home_share", "cost_per_child_0_20")
#: The national figures of each area (``national`` rows of ``data/model_fit.yaml`` name their area; none: children).
AREA_FIGURES = {
    "children": FIGURES,
    "employment": ("households_during_year_per_1000", "cost_per_inhabitant", "cost_per_household_during_year"),
}


@dataclass(frozen=True)
class NationalFigure:
    """One national figure: its value, unit, year, how far the average preset may lie from it, and its sources."""

    id: str
    value: float
    unit: str
    year: int
    tolerance: float
    sources: tuple[str, ...]
    note_sv: str
    note_en: str

    def note(self, language: str = "sv") -> str:
        """How the figure follows from its sources, in *language*."""
        return self.note_en if language == "en" else self.note_sv


@cache
def _document() -> dict:
    doc = read_yaml_file(DATA_DIR / "model_fit.yaml")
    if doc.get("format") != FORMAT:
        raise ValueError(f"data/model_fit.yaml: format must be {FORMAT}")
    return doc


def national_figures(area: str = DEFAULT_AREA) -> dict[str, NationalFigure]:
    """The national figures of ``data/model_fit.yaml`` for *area* (an area id) by id."""
    out = {}
    for row in _document()["national"]:
        if row.get("area", DEFAULT_AREA) != area:
            continue
        out[row["id"]] = NationalFigure(
            id=row["id"],
            value=float(row["value"]),
            unit=str(row["unit"]),
            year=int(row["year"]),
            tolerance=float(row["tolerance"]),
            sources=tuple(row["sources"]),
            note_sv=str(row["note_sv"]),
            note_en=str(row["note_en"]),
        )
    return out


def model_figures(params: Parameters) -> dict[str, float]:
    """The baseline's first year in the national figures' terms (ids of :data:`FIGURES`).

    ``family_home_share`` counts, as the national statistics do, the children in
    a family home at some time during the year (there now, or entering one from
    outside the family homes) over all children in 24-hour care during the year;
    a child who moves between a family home and another care form counts in
    each. ``cost_per_child_0_20`` is the cost of 24-hour care (in-home support
    left out) per child 0–20 [SEK, the set's price year].
    """
    res = run(params, Scenario(horizon_years=1))
    if params.area.id != DEFAULT_AREA:
        return _area_figures(params, res)
    s = res.summary
    population = params.value(params.area.population)
    states = state_space(params.area)
    e = states.n_care_forms
    children, inflow, matrix = _steady(params)
    family = states.family[:e]
    # Into a family home from outside care or from a care form that is not a family home, a year.
    entering_family = 12.0 * (inflow[family].sum() + (children[~family] @ matrix[np.ix_(~family, family)]).sum())
    placed_during_year = s.children_placed_per_1000_during_year * population / 1000.0
    first = res.by_form[res.by_form["year"] == res.by_form["year"].min()]
    placement_ids = {states.ids[i] for i in range(e) if states.placement[i]}
    cost = float(first.loc[first["care_form"].isin(placement_ids), "cost_baseline_sek"].sum())
    return {
        "placed_during_year_per_1000": s.children_placed_per_1000_during_year,
        "placements_started_per_1000": s.placements_started_per_1000,
        "family_home_share": float((children[family].sum() + entering_family) / placed_during_year),
        "cost_per_child_0_20": cost / float(res.yearly["population_0_20"].iloc[0]),
    }


def _area_figures(params: Parameters, res: Result) -> dict[str, float]:
    """The employment area's figures (:data:`AREA_FIGURES`).

    Households on assistance during the year per 1 000 inhabitants, and the
    assistance paid in the first year per inhabitant and per such household.
    """
    s = res.summary
    inhabitants = params.value("population.inhabitants")
    households = s.children_placed_per_1000_during_year * params.value(params.area.population) / 1000.0
    paid = float(res.yearly["cost_external_baseline_sek"].iloc[0])
    return {
        "households_during_year_per_1000": 1000.0 * households / inhabitants,
        "cost_per_inhabitant": paid / inhabitants,
        "cost_per_household_during_year": paid / households,
    }


def national_comparison(params: Parameters) -> pd.DataFrame:
    """One row per national figure beside the baseline of *params*.

    Columns ``id``, ``national``, ``model``, ``difference`` (model ÷ national − 1),
    ``tolerance``, ``unit``, ``year`` and ``sources``.
    """
    national = national_figures(params.area.id)
    model = model_figures(params)
    rows = []
    for fid in AREA_FIGURES[params.area.id]:
        n = national[fid]
        rows.append(
            {
                "id": fid,
                "national": n.value,
                "model": model[fid],
                "difference": model[fid] / n.value - 1.0,
                "tolerance": n.tolerance,
                "unit": n.unit,
                "year": n.year,
                "sources": n.sources,
            }
        )
    return pd.DataFrame(rows)


def _steady(params: Parameters) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The steady state over the engine's care forms.

    Children now, the monthly inflow from outside care and the monthly transition matrix.
    """
    states = state_space(params.area)
    values = {name: np.array([v]) for name, v in params.values().items()}
    base = steady_state(values, states, 1, False)
    return base.stock[0], base.inflow[0], transition_matrix(base.exit_probability, base.destinations)[0]


def stock_and_flow(params: Parameters) -> pd.DataFrame:
    """Per care form: stock = inflow × mean stay.

    Columns ``entries_per_year`` (from outside care and from other care forms),
    ``duration_months`` (the parameter *d*), ``mean_stay_months`` (the engine's
    mean stay in whole months: a stay ends with probability 1 − exp(−1/*d*) a
    month, so it lasts 1 ÷ (1 − exp(−1/*d*)) ≈ *d* + ½ months),
    ``entries_times_stay`` (entries × mean stay ÷ 12) and ``children`` now; in
    the steady state the last two are equal.
    """
    states = state_space(params.area)
    children, inflow, matrix = _steady(params)
    moved = children @ (matrix - np.diag(np.diag(matrix)))  # from other care forms, a month
    entries = 12.0 * (inflow + moved)
    rows = []
    for i in range(states.n_care_forms):
        form = states.ids[i]
        if form not in params.area.reported_forms:
            continue
        d = params.value(f"care.{form}.duration_months")
        stay = 1.0 / (1.0 - matrix[i, i])
        rows.append(
            {
                "form": form,
                "entries_per_year": float(entries[i]),
                "duration_months": d,
                "mean_stay_months": stay,
                "entries_times_stay": float(entries[i]) * stay / 12.0,
                "children": float(children[i]),
            }
        )
    return pd.DataFrame(rows)


def published_note(language: str = "sv") -> str:
    """What the published cohort case is, in *language*, with the ids of its sources."""
    case = _document()["published_cohort_case"]
    note = case["note_en"] if language == "en" else case["note_sv"]
    return f"{note} [{', '.join(case['sources'])}]"


def published_case() -> pd.DataFrame:
    """The published cohort case run through :func:`model.cohort.simulate`.

    One row per published result: ``figure``, ``published``, ``model``,
    ``difference`` (model − published).
    """
    case = _document()["published_cohort_case"]
    mono = _hiv_matrix(case, 1.0)
    combination = _hiv_matrix(case, float(case["relative_risk"]))
    n, k = int(case["cycles"]), int(case["combination_cycles"])
    start = [1.0, 0.0, 0.0, 0.0]
    occ_mono = simulate(start, mono, np.zeros((n, 4)))
    occ_comb = simulate(start, np.stack([combination] * k + [mono] * (n - k)))
    ly_mono, cost_mono = _outcomes(case, occ_mono, 0)
    ly_comb, cost_comb = _outcomes(case, occ_comb, k)
    ours = {
        "life_years_monotherapy": ly_mono,
        "life_years_combination": ly_comb,
        "cost_monotherapy": cost_mono,
        "cost_combination": cost_comb,
    }
    return pd.DataFrame(
        [
            {"figure": key, "published": float(v), "model": ours[key], "difference": ours[key] - float(v)}
            for key, v in case["published"].items()
        ]
    )


def _hiv_matrix(case: dict, rr: float) -> np.ndarray:
    """The yearly transition matrix from the observed counts, every progression scaled by *rr*."""
    m = np.zeros((4, 4))
    for i, key in enumerate(("counts_from_a", "counts_from_b", "counts_from_c")):
        counts = np.array(case[key], dtype=float)
        m[i, i + 1 :] = counts[1:] / counts.sum() * rr
    m[np.diag_indices(4)] = 1.0 - m.sum(axis=1)
    return m


def _outcomes(case: dict, occ: np.ndarray, combination_cycles: int) -> tuple[float, float]:
    """Undiscounted life years and discounted cost per person, years 1..T (the book's convention)."""
    years = np.arange(1, occ.shape[0])
    annual = occ[1:] @ np.array(case["annual_cost"], dtype=float)
    annual[:combination_cycles] += occ[1 : combination_cycles + 1, :3].sum(-1) * float(case["combination_cost"])
    cost = (annual / (1.0 + float(case["discount_rate"])) ** years).sum()
    return float(occ[1:, :3].sum()), float(cost)
