"""Comparing scenarios, in numbers: headline figures side by side and exactly what differs.

Pure functions of model results, shared by the app's comparison view and the
comparison workbook. A :class:`Candidate` is one column of the comparison (a
saved scenario, the current levers, or the baseline "no change of policy").
Values stay raw numbers (kronor, shares, years); the comparison in words is
:mod:`model.files.comparison_text`, the workbook
:mod:`model.files.comparison_export`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from model.evidence import evidence_level
from model.parameters import Parameters
from model.prices import DEFAULT_PRICE_BASIS
from model.results import Result
from model.scenario import DEFAULT_FIRST_YEAR, Scenario
from model.text.i18n import t

MIN_SCENARIOS = 2
MAX_SCENARIOS = 4


@dataclass(frozen=True)
class Candidate:
    """One column of a comparison.

    Parameters
    ----------
    name : str
        Column heading (a scenario's name; user text, neutralised on export).
    result : Result
        The model's result for it.
    note : str
        The author's note.
    saved_at : datetime, optional
        When it was saved [UTC]; None for unsaved levers and the baseline.
    is_baseline : bool
        True for the "no change of policy" column.
    """

    name: str
    result: Result
    note: str = ""
    saved_at: datetime | None = None
    is_baseline: bool = False

    @property
    def params(self) -> Parameters:
        """The parameter set of the candidate's run."""
        return self.result.params

    @property
    def scenario(self) -> Scenario:
        """The levers of the candidate's run."""
        return self.result.scenario


def baseline_scenario(scenarios: Sequence[Scenario]) -> Scenario:
    """No change of policy over the longest horizon of *scenarios*, in their price basis (fixed if they differ)."""
    horizon = max((s.horizon_years for s in scenarios), default=10)
    first = min((s.first_year for s in scenarios), default=DEFAULT_FIRST_YEAR)
    bases = {s.price_basis for s in scenarios}
    basis = bases.pop() if len(bases) == 1 else DEFAULT_PRICE_BASIS
    return Scenario(shift_sek_per_year=0.0, mix={}, first_year=first, horizon_years=horizon, price_basis=basis)


def unique_names(names: Sequence[str]) -> list[str]:
    """Names made unique for column headings ("Förslag", "Förslag (2)")."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = name or "–"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return out


# --- headline figures -------------------------------------------------------------------------

#: Headline rows: (key, kind). Kinds: "sek" (kronor, shown in mnkr), "year",
#: "ratio", "decimal", "number", "share", "text".
HEADLINES: tuple[tuple[str, str], ...] = (
    ("period", "text"),
    ("shift", "sek"),
    ("cost_total", "sek"),
    ("net_total", "sek"),
    ("npv", "sek"),
    ("payback_year", "year"),
    ("bcr", "ratio"),
    ("bcr_moved", "ratio"),
    ("evidence_level", "text"),
    ("placements_avoided", "decimal"),
    ("families_reached", "number"),
    ("institution_last_year", "decimal"),
    ("family_share_last_year", "share"),
    ("budget_holds", "text"),
)
HEADLINE_KIND = dict(HEADLINES)


def headline_values(c: Candidate, language: str = "sv") -> dict[str, object]:
    """A candidate's headline figures (raw values; None where not defined)."""
    r, s, sc = c.result, c.result.summary, c.result.scenario
    y = r.yearly
    variant = "baseline" if c.is_baseline else "scenario"
    last = y.iloc[-1]
    holds = int(s["external_budget_holds_years"])
    return {
        "period": f"{sc.first_year}–{sc.last_year}",
        "shift": 0.0 if c.is_baseline else float(sc.shift_sek_per_year),
        "cost_total": float(y[f"cost_{variant}_sek"].sum()),
        "net_total": 0.0 if c.is_baseline else float(s["net_total_sek"]),
        "npv": 0.0 if c.is_baseline else float(s["npv_sek"]),
        "payback_year": None if c.is_baseline else s["payback_year"],
        "bcr": None if c.is_baseline else s["benefit_cost_ratio"],
        "bcr_moved": None if c.is_baseline else s["benefit_cost_ratio_moved"],
        "evidence_level": "–" if c.is_baseline else evidence_level(sc.evidence_level).label(language),
        "placements_avoided": 0.0 if c.is_baseline else float(s["placements_avoided"]),
        "families_reached": 0.0 if c.is_baseline else float(s["families_reached"]),
        "institution_last_year": float(last[f"children_institution_{variant}"]),
        "family_share_last_year": float(last[f"family_share_{variant}"]),
        "budget_holds": "–" if c.is_baseline else t(
            "scenarios.compare.holds_value", language, holds=holds, years=sc.horizon_years),
    }


def headline_frame(candidates: Sequence[Candidate], language: str = "sv") -> pd.DataFrame:
    """Headline figures: one row per :data:`HEADLINES` key, one column per candidate (raw values)."""
    names = unique_names([c.name for c in candidates])
    data = {name: headline_values(c, language) for name, c in zip(names, candidates, strict=True)}
    df = pd.DataFrame(data, index=[k for k, _ in HEADLINES], dtype=object)
    df.index.name = "key"
    return df


def headline_label(key: str, language: str = "sv") -> str:
    """The label of a headline figure (a key of :data:`HEADLINES`)."""
    return t(f"scenarios.headline.{key}", language)


def differs(values: Sequence[object]) -> bool:
    """True if *values* are not all the same (floats within a relative 1e-9)."""
    first = values[0]
    for v in values[1:]:
        if isinstance(first, float) and isinstance(v, float):
            if abs(first - v) > 1e-9 * max(1.0, abs(first)):
                return True
        elif v != first:
            return True
    return False


# --- what differs: assumptions --------------------------------------------------------------


@dataclass(frozen=True)
class AssumptionDifference:
    """One parameter whose value, range, unit or source is not the same in every set."""

    name: str
    unit: str
    values: tuple[float | None, ...]
    lows: tuple[float | None, ...]
    highs: tuple[float | None, ...]
    sources: tuple[str | None, ...]
    what: tuple[str, ...]  # among "value", "range", "unit", "source", "missing"


def assumption_differences(param_sets: Sequence[Parameters]) -> list[AssumptionDifference]:
    """Parameters that differ between the sets, in the order of the first set (then new ones)."""
    names: list[str] = []
    for p in param_sets:
        for q in p.parameters:
            if q.name not in names:
                names.append(q.name)
    out = []
    for name in names:
        recs = [p[name] if name in p else None for p in param_sets]
        present = [r for r in recs if r is not None]
        what = []
        if len(present) < len(recs):
            what.append("missing")
        if differs([float(r.value) for r in present]):
            what.append("value")
        if differs([(float(r.low), float(r.high)) for r in present]):
            what.append("range")
        if len({r.unit for r in present}) > 1:
            what.append("unit")
        if len({r.source for r in present}) > 1:
            what.append("source")
        if what:
            out.append(AssumptionDifference(
                name=name,
                unit=present[0].unit,
                values=tuple(None if r is None else float(r.value) for r in recs),
                lows=tuple(None if r is None else float(r.low) for r in recs),
                highs=tuple(None if r is None else float(r.high) for r in recs),
                sources=tuple(None if r is None else r.source for r in recs),
                what=tuple(what),
            ))
    return out


# --- yearly ------------------------------------------------------------------------------------


def yearly_long(candidates: Sequence[Candidate]) -> pd.DataFrame:
    """Long yearly table for charts and CSV: one row per candidate and year.

    Columns: ``scenario`` (unique name), ``order``, ``is_baseline``, ``year``,
    ``cost_sek``, ``net_sek``, ``cumulative_net_sek``, ``children_placed``,
    ``children_institution``, ``family_share``, ``placements_avoided``,
    ``families_reached``, ``external_budget_deviation_sek``, ``evidence_level``
    (the level's id; empty for the baseline).
    """
    names = unique_names([c.name for c in candidates])
    frames = []
    for i, (name, c) in enumerate(zip(names, candidates, strict=True)):
        y = c.result.yearly
        variant = "baseline" if c.is_baseline else "scenario"
        zero = 0.0 * y["net_sek"]
        frames.append(pd.DataFrame({
            "scenario": name,
            "order": i,
            "is_baseline": c.is_baseline,
            "year": y["year"].astype(int),
            "cost_sek": y[f"cost_{variant}_sek"],
            "net_sek": zero if c.is_baseline else y["net_sek"],
            "cumulative_net_sek": zero if c.is_baseline else y["cumulative_net_sek"],
            "children_placed": y[f"children_placed_{variant}"],
            "children_institution": y[f"children_institution_{variant}"],
            "family_share": y[f"family_share_{variant}"],
            "placements_avoided": zero if c.is_baseline else y["placements_avoided"],
            "families_reached": zero if c.is_baseline else y["families_reached"],
            "external_budget_deviation_sek": zero if c.is_baseline else y["external_budget_deviation_sek"],
            "evidence_level": "" if c.is_baseline else c.scenario.evidence_level,
        }))
    return pd.concat(frames, ignore_index=True)


def yearly_wide(candidates: Sequence[Candidate], column: str) -> pd.DataFrame:
    """One column of :func:`yearly_long` as year × candidate (missing years empty)."""
    long = yearly_long(candidates)
    wide = long.pivot(index="year", columns="scenario", values=column)
    names = unique_names([c.name for c in candidates])
    return wide.reindex(columns=names).reset_index()
