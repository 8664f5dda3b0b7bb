"""The municipality's own figures: recalibrate the baseline of a parameter set.

An analyst knows a few numbers for certain — the children 0–20 in the
municipality, the children in each care form today, the cost per care day of
HVB and of family homes (Kolada N33100 and N33101) and the placements started
last year. :func:`calibrate` puts them into a parameter set:

* population and children now are set to the figures (fixed: low = high);
* the HVB cost per day is set to N33100 (its range scaled along);
* the three family-home costs (kinship, municipal, agency) are scaled by one
  factor so that their average, weighted by the children in them, is N33101
  (Kolada's figure covers all family-home care; the ratios between the kinds
  of home are kept);
* the durations of the 24-hour care forms are scaled by one common factor so
  that the steady state starts as many placements a year as last year. The
  model's baseline is a steady state (``model.baseline.steady_inflow``): with the
  children now fixed, longer stays mean fewer starts. In-home support keeps its
  duration (a course length, not a placement).

Everything here is pure and cheap (a few steady-state solves), so the app can
show a before/after table at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np

from model.area import Area
from model.baseline import steady_state
from model.parameters import DOMAINS, Citation, Parameter, ParameterError, Parameters
from model.states import state_space

_BISECTION_STEPS = 80


@dataclass(frozen=True)
class Calibration:
    """A recalibrated set and the baseline figures before and after.

    Attributes
    ----------
    params : Parameters
        The recalibrated, validated set.
    before, after : dict
        The area's figures of the old and the new set (:func:`baseline_figures`;
        :func:`model.analysis.stock_calibration.stock_figures` for an area with a long-term stock).
    factors : dict
        The common factors the calibration applied, by name [-]: ``duration`` (durations of 24-hour
        care) and ``family_home_cost`` (family-home costs per day) here; ``cost`` and ``long_term_flow``
        in :func:`model.analysis.stock_calibration.calibrate_stock`.
    """

    params: Parameters
    before: dict[str, float]
    after: dict[str, float]
    factors: dict[str, float]

    @property
    def duration_factor(self) -> float:
        """Common factor applied to the durations of 24-hour care [-]."""
        return self.factors.get("duration", 1.0)

    @property
    def family_home_cost_factor(self) -> float:
        """Common factor applied to the family-home costs per day [-]."""
        return self.factors.get("family_home_cost", 1.0)


def _values(params: Parameters) -> dict[str, np.ndarray]:
    return {name: np.array([v]) for name, v in params.values().items()}


def placement_forms(area: Area) -> tuple[str, ...]:
    """Care forms whose durations are scaled: 24-hour care."""
    return area.forms_with("placement")


def family_home_forms(area: Area) -> tuple[str, ...]:
    """The family homes Kolada's N33101 covers: 24-hour care in a family."""
    return tuple(f for f in area.forms_with("placement") if area.form(f).family)


def can_calibrate(area: Area) -> bool:
    """Whether :func:`calibrate` fits *area* (it needs HVB and family homes).

    It checks the figures against Kolada's for children in care (HVB cost
    N33100, family-home cost N33101).
    """
    return "hvb" in area.ids and bool(family_home_forms(area))


def _steady_inflow(values: Mapping[str, np.ndarray], area: Area, strict: bool = False) -> np.ndarray:
    """Monthly inflow per care form that keeps the children now constant, shape (E,)."""
    return steady_state(values, state_space(area), 1, strict).inflow[0]


def _starts_per_year(values: Mapping[str, np.ndarray], area: Area, strict: bool = False) -> float:
    """Placements started a year in the steady state (entries to 24-hour care from outside)."""
    states = state_space(area)
    return float(12.0 * _steady_inflow(values, area, strict)[states.placement[: states.n_care_forms]].sum())


def _feasible(values: Mapping[str, np.ndarray], area: Area) -> bool:
    """True if the children now can be a steady state (no care form needs a negative inflow)."""
    try:
        _steady_inflow(values, area, strict=True)
    except ParameterError:
        return False
    return True


def check_baseline(params: Parameters) -> None:
    """Raise :class:`ParameterError` (``negative_inflow``) if the children now cannot be a steady state.

    The same check :func:`model.run` makes, without running the model: an
    edit that passes it never breaks the overview.
    """
    _steady_inflow(_values(params), params.area, strict=True)


def family_home_cost(params: Parameters) -> float:
    """Average cost per care day in family homes, weighted by the children in them [SEK/day].

    Comparable with Kolada N33101; without children in family homes the plain
    average of the three kinds of home.
    """
    forms = family_home_forms(params.area)
    children = np.array([params.value(f"care.{f}.children") for f in forms])
    costs = np.array([params.value(f"care.{f}.cost_per_day") for f in forms])
    if children.sum() <= 0:
        return float(costs.mean())
    return float((children * costs).sum() / children.sum())


def baseline_figures(params: Parameters) -> dict[str, float]:
    """The baseline of *params* today, in figures an analyst can check against their own.

    Returns
    -------
    dict
        ``children_0_20`` (the area's population); ``children_placed`` (24-hour
        care; households on assistance) and, in an area with a ``substitute``
        state, ``children_in_home``; ``cost_per_year_sek`` (children × cost per
        day × 365, all care forms with a stock) [SEK/year];
        ``placements_started_per_year`` and ``placements_started_per_1000`` (per
        1 000 of the population) of the steady state; where the area has them,
        ``hvb_cost_per_day`` and ``family_home_cost_per_day`` [SEK/day];
        ``duration_months.<form>`` [months] per care form and ``children.<form>``
        per care form with a stock.
    """
    values = _values(params)
    area = params.area
    population = params.value(area.population)
    starts = _starts_per_year(values, area)
    out = {
        "children_0_20": population,
        "children_placed": sum(params.value(f"care.{f}.children") for f in placement_forms(area)),
        "cost_per_year_sek": sum(
            params.value(f"care.{f}.children") * params.value(f"care.{f}.cost_per_day") * 365.0
            for f in area.stock_forms
        ),
        "placements_started_per_year": starts,
        "placements_started_per_1000": 1000.0 * starts / population,
    }
    # The children's area's own comparisons (Kolada N33100, N33101): in an area with those care forms.
    if area.substitute:
        out["children_in_home"] = params.value(f"care.{area.substitute}.children")
    if "care.hvb.cost_per_day" in params:
        out["hvb_cost_per_day"] = params.value("care.hvb.cost_per_day")
    if family_home_forms(area):
        out["family_home_cost_per_day"] = family_home_cost(params)
    for f in area.reported_forms:
        if f in area.stock_forms:
            out[f"children.{f}"] = params.value(f"care.{f}.children")
        out[f"duration_months.{f}"] = params.value(f"care.{f}.duration_months")
    return out


#: The bibliography entries of the municipality's own figures and of Kolada (data/sources.yaml).
OWN_FIGURES = "kommunens_egna_uppgifter"
KOLADA = "kolada"


def _cite(ids: tuple[str, ...], note_sv: str, note_en: str) -> Citation:
    """The citation fields of a changed parameter: bibliography ids and the note in Swedish and English."""
    return Citation(sources=ids, note_sv=note_sv, note_en=note_en)


def _fixed(p: Parameter, value: float, source: Citation) -> Parameter:
    """A figure the municipality knows: no range, found in its own data."""
    return replace(
        p, value=float(value), low=float(value), high=float(value), **source, status="F", confidence="H"
    )


def _scaled(
    p: Parameter, factor: float, source: Citation, status: str, confidence: str, digits: int
) -> Parameter:
    """*p* with value and range scaled by *factor* (range clipped to the parameter's domain)."""
    lo_d, hi_d, _ = DOMAINS[p.kind]
    value = round(p.value * factor, digits)
    low = max(lo_d, min(value, round(p.low * factor, digits)))
    high = min(hi_d, max(value, round(p.high * factor, digits)))
    return replace(p, value=value, low=low, high=high, **source, status=status, confidence=confidence)


def _check(field: str, value: float) -> float:
    x = float(value)
    if not math.isfinite(x):
        raise ParameterError(field, "not_finite", value=value)
    kind = field.rsplit(".", 1)[-1]
    lo, hi, _ = DOMAINS.get(kind, (0.0, math.inf, False))
    if x < lo:
        raise ParameterError(field, "below_domain", value=x, limit=lo)
    if x > hi:
        raise ParameterError(field, "above_domain", value=x, limit=hi)
    return x


def calibrate(
    params: Parameters,
    *,
    children_0_20: float | None = None,
    children: Mapping[str, float] | None = None,
    hvb_cost_per_day: float | None = None,
    family_home_cost_per_day: float | None = None,
    placements_started_per_year: float | None = None,
    note: str = "entered in the app",
) -> Calibration:
    """Recalibrate the baseline of *params* to the municipality's own figures (``None``: keep the set's value).

    Parameters
    ----------
    params : Parameters
        The set to start from (a preset or the analyst's current set).
    children_0_20 : float, optional
        Children and young people 0–20 in the municipality [children].
    children : mapping of str to float, optional
        Children in each care form now, by care-form id [children]; forms
        left out keep their value.
    hvb_cost_per_day : float, optional
        Cost per care day in HVB, Kolada N33100 [SEK/day, price year].
    family_home_cost_per_day : float, optional
        Cost per care day in family homes, Kolada N33101 [SEK/day, price year].
    placements_started_per_year : float, optional
        Placements in 24-hour care started last year [placements/year].
    note : str
        Where the figures come from (written into each changed source).

    Returns
    -------
    Calibration
        The new set and the baseline figures before and after.

    Raises
    ------
    ParameterError
        A figure outside its domain, an unknown care form, children that cannot be a steady state with
        the set's destinations, or starts that no scaling of the durations can give (the message says which can).
    """
    note = note.strip() or "entered in the app"
    changed = _known_figures(params, children_0_20, children, hvb_cost_per_day, note)
    staged = _with(params, changed)
    cost_factor = duration_factor = 1.0
    if family_home_cost_per_day is not None:
        cost_factor = _scale_family_home_costs(staged, family_home_cost_per_day, note, changed)
        staged = _with(params, changed)
    if placements_started_per_year is not None:
        duration_factor = _scale_durations(staged, placements_started_per_year, note, changed)
        staged = _with(params, changed)
    check_baseline(staged)  # children that cannot be a steady state: a clear error
    return Calibration(
        params=staged,
        before=baseline_figures(params),
        after=baseline_figures(staged),
        factors={"duration": duration_factor, "family_home_cost": cost_factor},
    )


def _known_figures(
    params: Parameters,
    children_0_20: float | None,
    children: Mapping[str, float] | None,
    hvb_cost_per_day: float | None,
    note: str,
) -> dict[str, Parameter]:
    """The parameters the municipality's own figures set directly: population, children now, HVB cost."""
    changed: dict[str, Parameter] = {}
    own = _cite((OWN_FIGURES,), f"Kommunens egen uppgift ({note}).", f"The municipality's own figure ({note}).")
    if children_0_20 is not None:
        name = "population.children_0_20"
        changed[name] = _fixed(params[name], _check(name, children_0_20), own)
    for form, n in (children or {}).items():
        name = f"care.{form}.children"
        if form not in params.area.reported_forms:
            raise ParameterError(name, "unknown_care_form", value=form)
        changed[name] = _fixed(params[name], _check(name, n), own)
    if hvb_cost_per_day is not None:
        name = "care.hvb.cost_per_day"
        old = params[name]
        new = _check(name, hvb_cost_per_day)
        factor = new / old.value if old.value > 0 else 1.0
        kolada = _cite(
            (OWN_FIGURES, KOLADA),
            f"Kolada N33100, kommunens egen uppgift ({note}).",
            f"Kolada N33100, the municipality's own figure ({note}).",
        )
        p = _scaled(old, factor, kolada, "F", "H", 0)
        changed[name] = replace(p, value=new, low=min(p.low, new), high=max(p.high, new))
    return changed


def _scale_family_home_costs(staged: Parameters, cost_per_day: float, note: str, changed: dict) -> float:
    """Scale the family homes' costs to the average *cost_per_day* (into *changed*); return the factor."""
    target = _check("care.family_home.cost_per_day", cost_per_day)
    current = family_home_cost(staged)
    factor = target / current if current > 0 else 1.0
    source = _cite(
        (OWN_FIGURES, KOLADA),
        f"Skalad ×{factor:.3f} så att familjehemmens genomsnittliga kostnad, vägd med antalet barn, blir "
        f"{target:.0f} kr/dygn (Kolada N33101, kommunens egen uppgift; {note}).",
        f"Scaled ×{factor:.3f} so that the average family-home cost, weighted by children, is "
        f"{target:.0f} kr/day (Kolada N33101, the municipality's own figure; {note}).",
    )
    for form in family_home_forms(staged.area):
        name = f"care.{form}.cost_per_day"
        changed[name] = _scaled(staged[name], factor, source, "D", "M", 0)
    return factor


def _scale_durations(staged: Parameters, starts_per_year: float, note: str, changed: dict) -> float:
    """Scale the durations of 24-hour care to give *starts_per_year* (into *changed*); return the factor."""
    target = float(starts_per_year)
    if not math.isfinite(target) or target <= 0:
        raise ParameterError("placements_started_per_year", "below_domain", value=target, limit=0)
    factor = _duration_factor(staged, target)
    source = _cite(
        (OWN_FIGURES,),
        f"Vårdtiderna i heldygnsvård skalade ×{factor:.3f} så att jämviktsläget ger {target:.0f} påbörjade "
        f"placeringar per år, som förra året (kommunens egen uppgift; {note}).",
        f"Durations of 24-hour care scaled ×{factor:.3f} so that the steady state starts "
        f"{target:.0f} placements a year, as last year (the municipality's own figure; {note}).",
    )
    for form in placement_forms(staged.area):
        name = f"care.{form}.duration_months"
        changed[name] = _scaled(staged[name], factor, source, "D", "M", 2)
    return factor


def _with(params: Parameters, changed: Mapping[str, Parameter]) -> Parameters:
    return replace(params, parameters=tuple(changed.get(p.name, p) for p in params.parameters))


def _duration_factor(params: Parameters, target: float) -> float:
    """The common factor on 24-hour-care durations that makes the steady state start *target* a year."""
    values = _values(params)
    area = params.area
    durations = {f: params.value(f"care.{f}.duration_months") for f in placement_forms(area)}
    lo_d, hi_d, _ = DOMAINS["duration_months"]
    k_lo = max(lo_d / d for d in durations.values())
    k_hi = min(hi_d / d for d in durations.values())

    def scaled(k: float) -> dict[str, np.ndarray]:
        out = dict(values)
        for f, d in durations.items():
            out[f"care.{f}.duration_months"] = np.array([d * k])
        return out

    def starts(k: float) -> float:
        return _starts_per_year(scaled(k), area)

    if _feasible(scaled(k_lo), area) and not _feasible(scaled(k_hi), area):
        # Long stays while in-home support keeps sending children into care can
        # need a negative inflow somewhere: search only where the baseline holds.
        lo, hi = math.log(k_lo), math.log(k_hi)
        for _ in range(_BISECTION_STEPS):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if _feasible(scaled(math.exp(mid)), area) else (lo, mid)
        k_hi = math.exp(lo)
    most, fewest = starts(k_lo), starts(k_hi)  # shorter stays need more starts
    if not fewest <= target <= most:
        raise ParameterError(
            "placements_started_per_year",
            "calibration_unreachable",
            value=round(target, 1),
            low=round(fewest, 1),
            high=round(most, 1),
        )
    lo, hi = math.log(k_lo), math.log(k_hi)
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        if starts(math.exp(mid)) > target:
            lo = mid
        else:
            hi = mid
    return math.exp(0.5 * (lo + hi))
