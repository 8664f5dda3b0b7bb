"""Parameter sets: typed, frozen, validated values with unit, range and source.

A parameter set is a flat tuple of :class:`Parameter` records (one per number,
named like ``care.hvb.cost_per_day``) plus the catalogue of preventive
:class:`Measure` s. Everything that reads a parameter's bounds — validation, the
app's sliders and editors, the uncertainty analysis — reads them from here:
the record's own ``low``/``high`` (the plausible range, used for uncertainty)
and :data:`DOMAINS` (the hard limits of what can be meant at all).

A set belongs to an area (:class:`~model.area.Area`, ``params.area``): its
care forms decide which parameters the set must have and which care forms a
measure may act on. Errors are :class:`~model.errors.ParameterError` with a
machine-readable ``code`` and ``details`` so the app can show them in the
user's language; ``str(error)`` is English for analysts using Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from model.area import Area, is_valid_id
from model.errors import ParameterError, shorten
from model.plain_text import MAX_NAME_CHARS, check_plain_text

FORMAT = "omstallningskalkylen/parameters-v1"
CONFIDENCE_LEVELS = ("H", "M", "L")
STATUSES = ("F", "D", "E")
DISTRIBUTIONS = ("pert", "triangular", "uniform", "fixed")
MECHANISMS = ("recruitment", "prevention")
UNITS_OF_MEASURE = ("home", "family", "post")
#: Roles of a measure in the catalogue: shown among the first levers ("featured"), the template
#: whose units and values prefill a new measure of its mechanism and unit ("template"), the
#: measure the break-even questions ask about ("breakeven"). Its default share is a number.
MEASURE_ROLES = ("featured", "template", "breakeven")
#: The parameter of a set's discount rate (a value judgement the user may override per scenario).
DISCOUNT_RATE = "economics.discount_rate"
#: The parameter below which counts of people are withheld in what people read (model.text.counts).
SMALL_COUNT_THRESHOLD = "reporting.small_count_threshold"
#: Shares that must sum to 1 (destinations, a mix, default shares) may miss it by this much [1].
SHARE_TOLERANCE = 1e-6
#: Price years a set or a parameter may state [year] (the model's calendar years are 2000–2100 too).
PRICE_YEAR_RANGE = (2000, 2100)


# --- the one table of hard limits ------------------------------------------------
# Keyed by the last part of a parameter name ("care.hvb.cost_per_day" ->
# "cost_per_day"); flows ("flow.<from>.<to>") use "flow". (min, max, integer).
# These are limits of meaning (a share above 1, a negative cost), not plausible
# ranges: plausible ranges are each parameter's own low/high.
DOMAINS: dict[str, tuple[float, float, bool]] = {
    "inhabitants": (1, 10_000_000, True),
    "children_0_20": (1, 3_000_000, False),
    "growth_per_year": (-0.1, 0.1, False),
    "children": (0, 100_000, False),
    "cost_per_day": (0, 100_000, False),
    "duration_months": (0.5, 240, False),
    "flow": (0, 1, False),
    "recruitment_cost": (0, 10_000_000, False),
    "support_cost_per_year": (0, 10_000_000, False),
    "quit_rate_per_year": (0, 1, False),
    "places_per_home": (0.5, 10, False),
    "max_per_year": (0, 10_000, False),
    "cost_per_unit": (1, 100_000_000, False),
    "families_per_unit": (0.01, 10_000, False),
    "target_families_per_1000": (0, 1_000, False),
    "placement_risk_per_year": (0, 1, False),
    "risk_reduction": (0, 1, False),
    "delay_months": (0, 120, False),
    "effect_months": (0, 240, False),
    "fade_months": (0, 240, False),
    "substitution_share": (0, 1, False),
    "stay_reduction": (0, 0.9, False),
    "discount_rate": (0, 0.2, False),
    "real_cost_growth": (-0.05, 0.1, False),
    "small_count_threshold": (1, 100, True),
}

RECRUITMENT_FIELDS = (
    "recruitment_cost",
    "support_cost_per_year",
    "quit_rate_per_year",
    "places_per_home",
    "max_per_year",
)
PREVENTION_FIELDS = (
    "cost_per_unit",
    "families_per_unit",
    "target_families_per_1000",
    "placement_risk_per_year",
    "risk_reduction",
    "delay_months",
    "effect_months",
    "fade_months",
    "substitution_share",
    "stay_reduction",
)
MECHANISM_FIELDS = {"recruitment": RECRUITMENT_FIELDS, "prevention": PREVENTION_FIELDS}
CARE_FIELDS = ("children", "cost_per_day", "duration_months")
#: Parameters every set has, whatever its area (besides the area's population parameter).
GLOBAL_PARAMETERS = (
    "population.inhabitants",
    "population.growth_per_year",
    DISCOUNT_RATE,
    "economics.real_cost_growth",
    SMALL_COUNT_THRESHOLD,
)

@dataclass(frozen=True, slots=True)
class Parameter:
    """One number with its unit, plausible range and source."""

    name: str
    value: float
    unit: str
    low: float
    high: float
    source: str
    confidence: str = "L"
    status: str = "E"
    price_year: int | None = None
    distribution: str = "pert"

    @property
    def kind(self) -> str:
        """Key into :data:`DOMAINS` (the last part of the name, or 'flow')."""
        return "flow" if self.name.startswith("flow.") else self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class Measure:
    """A preventive measure in the catalogue: what it is, which flows it changes, and its roles.

    ``default_share`` is its share of the default mix [1] (the catalogue's
    default shares sum to 1, or are all zero); ``roles`` are among
    :data:`MEASURE_ROLES`.
    """

    id: str
    label_sv: str
    label_en: str
    mechanism: str
    unit: str
    targets: tuple[str, ...] = ()
    stay_targets: tuple[str, ...] = ()
    evidence: str = ""
    source: str = ""
    default_share: float = 0.0
    roles: tuple[str, ...] = ()

    def label(self, language: str = "sv") -> str:
        """The measure's name in *language* (Swedish unless ``"en"``)."""
        return self.label_en if language == "en" else self.label_sv

    def has_role(self, role: str) -> bool:
        """Whether the catalogue gives the measure *role* (one of :data:`MEASURE_ROLES`)."""
        return role in self.roles


@dataclass(frozen=True, slots=True)
class Parameters:
    """A complete, validated parameter set (a municipality's assumptions).

    Frozen and hashable by value, so it is also a cache key. Build modified sets
    with :meth:`with_values`; construction validates everything against the
    set's *area* (its care forms).
    """

    name: str
    price_year: int
    parameters: tuple[Parameter, ...]
    measures: tuple[Measure, ...]
    preset: str = ""
    area: Area = field(kw_only=True)
    _index: dict[str, Parameter] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        """Index the parameters by name and validate the whole set."""
        index: dict[str, Parameter] = {}
        for p in self.parameters:
            if p.name in index:
                raise ParameterError(p.name, "duplicate")
            index[p.name] = p
        object.__setattr__(self, "_index", index)
        validate(self)

    def __getitem__(self, name: str) -> Parameter:
        """The parameter *name* (``ParameterError`` ``unknown_parameter`` if the set has none)."""
        try:
            return self._index[name]
        except KeyError:
            raise ParameterError(name, "unknown_parameter") from None

    def __contains__(self, name: object) -> bool:
        """Whether the set has a parameter *name*."""
        return name in self._index

    def value(self, name: str) -> float:
        """The value of parameter *name*."""
        return self[name].value

    def values(self) -> dict[str, float]:
        """All values by name."""
        return {p.name: p.value for p in self.parameters}

    def measure(self, measure_id: str) -> Measure:
        """The measure *measure_id* of the catalogue."""
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise ParameterError(measure_id, "unknown_measure", value=measure_id)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        """Ids of the catalogue's measures, in order."""
        return tuple(m.id for m in self.measures)

    def with_values(self, changes: Mapping[str, float]) -> Parameters:
        """A copy with some values replaced (validated; ranges widen to include them)."""
        new = []
        for p in self.parameters:
            if p.name in changes:
                v = to_number(changes[p.name], p.name)
                new.append(replace(p, value=v, low=min(p.low, v), high=max(p.high, v)))
            else:
                new.append(p)
        unknown = set(changes) - set(self._index)
        if unknown:
            raise ParameterError(sorted(unknown)[0], "unknown_parameter")
        return replace(self, parameters=tuple(new))

    def flows(self, source: str) -> dict[str, float]:
        """Destination shares of episodes ending in care form *source*."""
        prefix = f"flow.{source}."
        return {p.name[len(prefix) :]: p.value for p in self.parameters if p.name.startswith(prefix)}


# --- validation ----------------------------------------------------------------


def to_number(value: object, name: str) -> float:
    """*value* as a finite float, or a :class:`ParameterError` naming *name*."""
    if isinstance(value, bool):
        raise ParameterError(name, "not_a_number", value=value)
    try:
        x = float(value)  # type: ignore[arg-type]
    except OverflowError:  # an integer of hundreds of digits
        raise ParameterError(name, "not_finite", value=shorten(value)) from None
    except (TypeError, ValueError):
        raise ParameterError(name, "not_a_number", value=value) from None
    if not math.isfinite(x):
        raise ParameterError(name, "not_finite", value=value)
    return x


def check_price_year(value: object, field: str) -> int:
    """*value* as a price year: a whole number within :data:`PRICE_YEAR_RANGE` (``ParameterError`` naming *field*)."""
    x = to_number(value, field)
    if not x.is_integer():
        raise ParameterError(field, "not_integer", value=value)
    low, high = PRICE_YEAR_RANGE
    if x < low:
        raise ParameterError(field, "below_domain", value=int(x), limit=low)
    if x > high:
        raise ParameterError(field, "above_domain", value=int(x), limit=high)
    return int(x)


def check_value(p: Parameter) -> None:
    """Raise :class:`ParameterError` if one parameter is out of its domain or range."""
    lo_d, hi_d, integer = DOMAINS.get(p.kind, (-math.inf, math.inf, False))
    for attr in ("value", "low", "high"):
        x = getattr(p, attr)
        label = p.name if attr == "value" else f"{p.name} ({attr})"
        if x < lo_d:
            raise ParameterError(label, "below_domain", value=x, limit=lo_d)
        if x > hi_d:
            raise ParameterError(label, "above_domain", value=x, limit=hi_d)
        if integer and x != round(x):
            raise ParameterError(label, "not_integer", value=x)
    if p.low > p.high:
        raise ParameterError(p.name, "low_above_high", low=p.low, high=p.high)
    if not p.low <= p.value <= p.high:
        raise ParameterError(p.name, "outside_range", value=p.value, low=p.low, high=p.high)
    if p.confidence not in CONFIDENCE_LEVELS:
        raise ParameterError(f"{p.name} (confidence)", "bad_choice", value=p.confidence, choices=CONFIDENCE_LEVELS)
    if p.status not in STATUSES:
        raise ParameterError(f"{p.name} (status)", "bad_choice", value=p.status, choices=STATUSES)
    if p.distribution not in DISTRIBUTIONS:
        raise ParameterError(f"{p.name} (distribution)", "bad_choice", value=p.distribution, choices=DISTRIBUTIONS)
    if p.price_year is not None:
        check_price_year(p.price_year, f"{p.name} (price_year)")


def expected_names(measures: Iterable[Measure], area: Area) -> set[str]:
    """Names of all parameters that a set with these measures in *area* must have (flows aside)."""
    names = {*GLOBAL_PARAMETERS, area.population}
    for form in area.reported_forms:
        names.update(f"care.{form}.{f}" for f in CARE_FIELDS)
    for m in measures:
        names.update(f"measure.{m.id}.{f}" for f in MECHANISM_FIELDS[m.mechanism])
    return names


def mechanisms(area: Area) -> tuple[str, ...]:
    """The mechanisms a measure may have in *area* (recruitment only where the area has its roles)."""
    return MECHANISMS if area.has_recruitment else tuple(m for m in MECHANISMS if m != "recruitment")


def _check_measure(m: Measure, area: Area) -> None:
    where = f"measures.{m.id}"
    if not is_valid_id(m.id):
        raise ParameterError(where, "bad_id", value=m.id)
    allowed = mechanisms(area)
    if m.mechanism not in allowed:
        raise ParameterError(f"{where}.mechanism", "bad_choice", value=m.mechanism, choices=allowed)
    if m.unit not in UNITS_OF_MEASURE:
        raise ParameterError(f"{where}.unit", "bad_choice", value=m.unit, choices=UNITS_OF_MEASURE)
    # A measure acts on placements: not on the exit, nor on the support avoided placements get instead.
    targets = set(area.ids) - {area.exit, area.substitute}
    for attr in ("targets", "stay_targets"):
        for t in getattr(m, attr):
            if t not in targets:
                raise ParameterError(f"{where}.{attr}", "unknown_care_form", value=t)
    if not m.label_sv:
        raise ParameterError(f"{where}.label_sv", "missing_field")
    if not 0.0 <= m.default_share <= 1.0:
        raise ParameterError(f"{where}.default_share", "outside_range", value=m.default_share, low=0, high=1)
    for role in m.roles:
        if role not in MEASURE_ROLES:
            raise ParameterError(f"{where}.roles", "bad_choice", value=role, choices=MEASURE_ROLES)


def _check_measures(measures: tuple[Measure, ...], area: Area) -> None:
    ids = [m.id for m in measures]
    for m in measures:
        _check_measure(m, area)
        if ids.count(m.id) > 1:
            raise ParameterError(f"measures.{m.id}", "duplicate")
    total = sum(m.default_share for m in measures)
    if total > 0 and abs(total - 1.0) > SHARE_TOLERANCE:
        raise ParameterError("measures.default_share", "shares_sum", total=round(total, 6))


def _check_unexpected(name: str, area: Area, measure_ids: Iterable[str]) -> None:
    """Raise for a parameter the set should not have; return for a valid flow."""
    parts = name.split(".")
    if parts[0] == "flow" and len(parts) == 3:
        for part in parts[1:]:
            if part not in area.ids:
                raise ParameterError(name, "unknown_care_form", value=part)
        if parts[1] == area.exit or parts[1] == parts[2]:
            raise ParameterError(name, "unknown_parameter")
        return
    if parts[0] == "measure" and len(parts) == 3 and parts[1] not in measure_ids:
        raise ParameterError(name, "unknown_measure", value=parts[1])
    if parts[0] == "care" and len(parts) == 3 and parts[1] not in area.ids:
        raise ParameterError(name, "unknown_care_form", value=parts[1])
    raise ParameterError(name, "unknown_parameter")


def validate(params: Parameters) -> None:
    """Check a whole set against its area: every value, the names, and that shares sum to 1."""
    area = params.area
    check_plain_text(params.name, "name", ParameterError, limit=MAX_NAME_CHARS)
    if isinstance(params.price_year, bool) or not isinstance(params.price_year, int):
        raise ParameterError("price_year", "not_integer", value=params.price_year)
    check_price_year(params.price_year, "price_year")
    _check_measures(params.measures, area)
    for p in params.parameters:
        check_value(p)
    expected = expected_names(params.measures, area)
    present = set(params._index)
    for name in sorted(expected - present):
        raise ParameterError(name, "missing_parameter")
    for name in sorted(present - expected):
        _check_unexpected(name, area, params.measure_ids)
    for form in area.reported_forms:
        total = sum(params.flows(form).values())
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ParameterError(f"flow.{form}", "shares_sum", total=round(total, 6))
