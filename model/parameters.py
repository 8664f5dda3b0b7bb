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
# size: the value types and the checks every set must pass in one module (a set validates itself when built);
# the citations, the price indices and the payers each added fields and checks here

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypedDict

from model.area import Area, is_valid_id
from model.bibliography import check_ids
from model.errors import ParameterError, shorten
from model.fields import (
    CARE_FIELDS,
    DOMAINS,
    EVIDENCE_CLASSES,
    MECHANISM_FIELDS,
    MECHANISMS,
    OPTIONAL_MEASURE_FIELDS,
    PRICE_INDEX,
    PRICE_INDEXES,
    STATE_FUNDED_FIELD,
    TAX_PARAMETERS,
    TRANSFER_FACTOR,
    UNITS_OF_MEASURE,
)
from model.plain_text import MAX_NAME_CHARS, check_plain_text

FORMAT = "omstallningskalkylen/parameters-v1"
CONFIDENCE_LEVELS = ("H", "M", "L")
STATUSES = ("F", "D", "E")
DISTRIBUTIONS = ("pert", "triangular", "uniform", "fixed")
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
#: Parameters every set has, whatever its area (besides the area's population parameter).
GLOBAL_PARAMETERS = (
    "population.inhabitants",
    "population.growth_per_year",
    DISCOUNT_RATE,
    "economics.real_cost_growth",
    SMALL_COUNT_THRESHOLD,
)


class Citation(TypedDict):
    """The fields that cite a source: bibliography ids and how the value follows from them, in sv and en."""

    sources: tuple[str, ...]
    note_sv: str
    note_en: str


@dataclass(frozen=True, slots=True)
class Parameter:
    """One number with its unit, plausible range and source.

    ``sources`` are ids of the bibliography (``data/sources.yaml``,
    :mod:`model.bibliography`); ``note_sv`` / ``note_en`` say, in Swedish and in
    English, how the value follows from them. A value found in or derived from a
    source (status F or D) cites at least one id; an estimate (E) may cite none.
    """

    name: str
    value: float
    unit: str
    low: float
    high: float
    note_en: str = ""
    confidence: str = "L"
    status: str = "E"
    price_year: int | None = None
    distribution: str = "pert"
    sources: tuple[str, ...] = ()
    note_sv: str = ""

    def note(self, language: str = "sv") -> str:
        """How the value follows from its sources, in *language* (the other language if that one is empty)."""
        return _note(self.note_sv, self.note_en, language)

    def citation(self, language: str = "sv") -> str:
        """The source as one line: the note in *language* and the cited ids in brackets."""
        return cited_text(self.note(language), self.sources)

    @property
    def source(self) -> str:
        """The source as one line in Swedish (:meth:`citation`)."""
        return self.citation()

    @property
    def kind(self) -> str:
        """Key into :data:`DOMAINS` (the last part of the name, or 'flow' / 'starts')."""
        head = self.name.split(".", 1)[0]
        return head if head in ("flow", "starts") else self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure in the catalogue: what it is, where it acts, what its evidence is, and its roles.

    ``targets`` are the care forms a preventive measure keeps placements out
    of; ``age_groups`` the ages it reaches, as (age group id, share) pairs
    summing to 1 (none: every age, in proportion to the starts);
    ``evidence_class`` (one of :data:`~model.fields.EVIDENCE_CLASSES`, or "")
    picks the evidence-transfer factor that scales its effect sizes.
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
    age_groups: tuple[tuple[str, float], ...] = ()
    evidence_class: str = ""
    evidence: str = ""
    note_en: str = ""
    default_share: float = 0.0
    roles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    note_sv: str = ""

    def note(self, language: str = "sv") -> str:
        """How the evidence follows from its sources, in *language* (the other language if that one is empty)."""
        return _note(self.note_sv, self.note_en, language)

    def citation(self, language: str = "sv") -> str:
        """The source as one line: the note in *language* and the cited ids in brackets."""
        return cited_text(self.note(language), self.sources)

    @property
    def source(self) -> str:
        """The source as one line in Swedish (:meth:`citation`)."""
        return self.citation()

    def label(self, language: str = "sv") -> str:
        """The measure's name in *language* (Swedish unless ``"en"``)."""
        return self.label_en if language == "en" else self.label_sv

    def has_role(self, role: str) -> bool:
        """Whether the catalogue gives the measure *role* (one of :data:`MEASURE_ROLES`)."""
        return role in self.roles

    @property
    def transfer_factor(self) -> str:
        """Name of the evidence-transfer factor that scales its effects ("" if it has no evidence class)."""
        return TRANSFER_FACTOR.format(self.evidence_class) if self.evidence_class else ""


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

    def cited_ids(self) -> tuple[str, ...]:
        """The bibliography ids the measures and parameters cite, each once, in order of first citation."""
        ids = [i for m in self.measures for i in m.sources] + [i for p in self.parameters for i in p.sources]
        return tuple(dict.fromkeys(ids))

    def flows(self, source: str) -> dict[str, float]:
        """Destination shares of episodes ending in care form *source*."""
        prefix = f"flow.{source}."
        return {p.name[len(prefix) :]: p.value for p in self.parameters if p.name.startswith(prefix)}


def _note(sv: str, en: str, language: str) -> str:
    return (en or sv) if language == "en" else (sv or en)


def cited_text(note: str, ids: Iterable[str]) -> str:
    """A note followed by the ids it cites in brackets: ``"… [skr_2023_familjehem, scb_aki_2023]"``."""
    ids = tuple(ids)
    return f"{note} [{', '.join(ids)}]".strip() if ids else note


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
    # A value found in or derived from a source names it; only an estimate may name none (issue 10).
    if p.status != "E" and not p.sources:
        raise ParameterError(f"{p.name} (sources)", "missing_source", status=p.status)
    check_ids(p.sources, f"{p.name} (sources)")


def expected_names(measures: Iterable[Measure], area: Area) -> set[str]:
    """Names of all parameters that a set with these measures in *area* must have (flows aside)."""
    names = {*GLOBAL_PARAMETERS, area.population, *(TAX_PARAMETERS if area.municipal_tax else ())}
    names.update(PRICE_INDEX.format(kind) for kind in area.price_kinds)
    for form in area.reported_forms:
        names.update(f"care.{form}.{f}" for f in CARE_FIELDS if form in area.stock_forms or f != "children")
    names.update(f"care.{form}.{STATE_FUNDED_FIELD}" for form in area.forms_with("state_funded"))
    for form in area.forms_with("placement") if area.age_groups else ():
        names.update(f"starts.{form}.{g}" for g in area.age_group_ids)
    for m in measures:
        names.update(f"measure.{m.id}.{f}" for f in MECHANISM_FIELDS[m.mechanism])
        if m.evidence_class:
            names.add(m.transfer_factor)
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
    for t in m.targets:
        if t not in targets:
            raise ParameterError(f"{where}.targets", "unknown_care_form", value=t)
    if m.evidence_class and m.evidence_class not in EVIDENCE_CLASSES:
        raise ParameterError(f"{where}.evidence_class", "bad_choice", value=m.evidence_class, choices=EVIDENCE_CLASSES)
    _check_age_groups(m, area)
    if not m.label_sv:
        raise ParameterError(f"{where}.label_sv", "missing_field")
    if not 0.0 <= m.default_share <= 1.0:
        raise ParameterError(f"{where}.default_share", "outside_range", value=m.default_share, low=0, high=1)
    for role in m.roles:
        if role not in MEASURE_ROLES:
            raise ParameterError(f"{where}.roles", "bad_choice", value=role, choices=MEASURE_ROLES)
    check_ids(m.sources, f"{where}.sources")


def _check_age_groups(m: Measure, area: Area) -> None:
    """A measure's age groups are the area's, each share within 0–1, summing to 1."""
    where = f"measures.{m.id}.age_groups"
    for group, share in m.age_groups:
        if group not in area.age_group_ids:
            raise ParameterError(where, "bad_choice", value=group, choices=area.age_group_ids)
        if not 0.0 <= share <= 1.0:
            raise ParameterError(f"{where}.{group}", "outside_range", value=share, low=0, high=1)
    total = sum(share for _, share in m.age_groups)
    if m.age_groups and abs(total - 1.0) > SHARE_TOLERANCE:
        raise ParameterError(where, "shares_sum", total=round(total, 6))


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
    """Raise for a parameter the set should not have; return for a valid flow or transfer factor."""
    parts = name.split(".")
    if parts[0] == "flow" and len(parts) == 3:
        for part in parts[1:]:
            if part not in area.ids:
                raise ParameterError(name, "unknown_care_form", value=part)
        if parts[1] == area.exit or parts[1] == parts[2]:
            raise ParameterError(name, "unknown_parameter")
        return
    if parts[0] == "evidence" and len(parts) == 3 and name == TRANSFER_FACTOR.format(parts[1]):
        if parts[1] in EVIDENCE_CLASSES:
            return  # a class no measure of the set uses (yet): harmless
    if name in (PRICE_INDEX.format(kind) for kind in PRICE_INDEXES):
        return  # the index of a cost kind the area does not use (a set written before #13): harmless
    if parts[0] == "measure" and len(parts) == 3 and parts[1] not in measure_ids:
        raise ParameterError(name, "unknown_measure", value=parts[1])
    if parts[0] == "measure" and len(parts) == 3 and parts[2] in OPTIONAL_MEASURE_FIELDS:
        return
    if parts[0] in ("care", "starts") and len(parts) == 3 and parts[1] not in area.ids:
        raise ParameterError(name, "unknown_care_form", value=parts[1])
    raise ParameterError(name, "unknown_parameter")


def _check_sums(params: Parameters) -> None:
    """Shares that must sum to 1 (destinations, starts by age) and target groups that must fit the starts."""
    area = params.area
    for form in area.reported_forms:
        total = sum(params.flows(form).values())
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ParameterError(f"flow.{form}", "shares_sum", total=round(total, 6))
    for form in area.forms_with("placement") if area.age_groups else ():
        total = sum(params.value(f"starts.{form}.{g}") for g in area.age_group_ids)
        if abs(total - 1.0) > SHARE_TOLERANCE:
            raise ParameterError(f"starts.{form}", "shares_sum", total=round(total, 6))
    # Each preventive measure's target group is a share of the placements that start: together they
    # cannot be more than all of them (docs/model.md, "Target groups").
    at_risk = {
        m.id: params.value(f"measure.{m.id}.at_risk_share") for m in params.measures if m.mechanism == "prevention"
    }
    total = sum(at_risk.values())
    if total > 1.0 + SHARE_TOLERANCE:
        named = ", ".join(mid for mid, share in at_risk.items() if share > 0)
        raise ParameterError("measures.at_risk_share", "at_risk_sum", total=round(total, 4), measures=named)


def validate(params: Parameters) -> None:
    """Check a whole set against its area: every value, the names, and that shares sum as they must."""
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
    _check_sums(params)
