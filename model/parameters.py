"""Parameter sets: typed, frozen, validated values with unit, range and source.

A parameter set is a flat tuple of :class:`Parameter` records (one per number,
named like ``care.hvb.cost_per_day``) plus the catalogue of preventive
:class:`Measure` s. Everything that reads a parameter's bounds — validation, the
app's sliders and editors, the uncertainty analysis — reads them from here:
the record's own ``low``/``high`` (the plausible range, used for uncertainty)
and :data:`DOMAINS` (the hard limits of what can be meant at all).

Errors are :class:`ParameterError` with a machine-readable ``code`` and
``details`` so the app can show them in the user's language; ``str(error)`` is
English for analysts using Python.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import yaml

from model.resources import DATA_DIR

FORMAT = "omstallningskalkylen/parameters-v1"
CONFIDENCE_LEVELS = ("H", "M", "L")
STATUSES = ("F", "D", "E")
DISTRIBUTIONS = ("pert", "triangular", "uniform", "fixed")
MECHANISMS = ("recruitment", "prevention")
UNITS_OF_MEASURE = ("home", "family", "post")


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
GLOBAL_PARAMETERS = (
    "population.inhabitants",
    "population.children_0_20",
    "population.growth_per_year",
    "economics.discount_rate",
    "economics.real_cost_growth",
)

#: Why a file cannot be read: ``ParameterError(where, "bad_file", reason=<key>, **details)``.
#: English here; the app shows ``error.file.<key>`` from the locale files.
FILE_REASONS = {
    "empty": "the file is empty",
    "not_utf8": "the file is not UTF-8 text",
    "not_yaml": "the file is not valid YAML (line {line})",
    "yaml_tag": "the YAML tag '{tag}' (line {line}) would construct an object; only plain data is read",
    "not_mapping": "expected a YAML mapping with 'parameters'",
    "unknown_format": "unknown format '{value}', expected '{expected}'",
    "no_parameters": "the file has no list of parameters",
    "not_a_record": "each entry must be a mapping of fields (name, value, ...)",
    "extends_outside": "'extends' must name a file in data/",
    "incomplete": "an uploaded set must be complete (no 'extends')",
    "unreadable": "cannot read the file ({detail})",
    "too_large": "the file is {size} MB, larger than the limit of {limit} MB",
    "unknown_type": "unknown file type '{suffix}': use .yaml, .xlsx or .csv",
    "not_table": "expected a table",
    "missing_column": "the column '{column}' is missing",
    "not_xlsx": "not an Excel workbook (.xlsx) that can be read",
    "missing_sheet": "the sheet '{sheet}' is missing",
    "formula": "the cell holds a formula ({formula}); type the value instead",
    "not_csv": "the file cannot be read as a CSV table",
}

_MESSAGES = {
    "not_a_number": "{field}: '{value}' is not a number",
    "not_finite": "{field}: the value must be a finite number, not {value}",
    "below_domain": "{field}: {value} is below the smallest allowed value {limit}",
    "above_domain": "{field}: {value} is above the largest allowed value {limit}",
    "not_integer": "{field}: {value} must be a whole number",
    "low_above_high": "{field}: low {low} is above high {high}",
    "outside_range": "{field}: value {value} lies outside its range {low}–{high}",
    "unknown_parameter": "{field}: unknown parameter",
    "unknown_care_form": "{field}: unknown care form '{value}'",
    "unknown_measure": "{field}: unknown measure '{value}'",
    "missing_parameter": "{field}: required parameter is missing",
    "duplicate": "{field}: defined more than once",
    "shares_sum": "{field}: shares sum to {total}, not 1",
    "bad_choice": "{field}: '{value}' is not one of {choices}",
    "missing_field": "{field}: required field is missing",
    "bad_id": "{field}: '{value}' is not a valid id (lower-case letters, digits, _)",
    "bad_file": "{field}: {reason}",
    "missing_value": "{field}: the value is missing",
    "measure_exists": "{field}: a measure with id '{value}' already exists",
    "calibration_unreachable": (
        "{field}: {value} placements a year cannot be reached by scaling the durations "
        "(possible: {low}–{high} a year)"
    ),
    "negative_inflow": (
        "{field}: children now, durations and destinations do not fit together: "
        "the steady inflow to this care form would be negative ({value} a month)"
    ),
}


class ParameterError(ValueError):
    """A parameter set, file or value is invalid.

    Attributes
    ----------
    field : str
        The parameter, row or file part the problem is in.
    code : str
        Machine-readable problem, a key of the app's translated messages.
    details : dict
        Values for the message (``value``, ``low``, ``high``, ...).
    """

    def __init__(self, field: str, code: str, **details: object) -> None:
        self.field = field
        self.code = code
        self.details = details
        template = _MESSAGES.get(code, "{field}: " + code)
        if code == "bad_file" and details.get("reason") in FILE_REASONS:
            # A reason code (translated by the app as error.file.<reason>) plus its details.
            template = "{field}: " + FILE_REASONS[str(details["reason"])]
        super().__init__(template.format(field=field, **details))


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

    @property
    def is_estimate(self) -> bool:
        return self.status == "E"


@dataclass(frozen=True, slots=True)
class Measure:
    """A preventive measure in the catalogue: what it is and which flows it changes."""

    id: str
    label_sv: str
    label_en: str
    mechanism: str
    unit: str
    targets: tuple[str, ...] = ()
    stay_targets: tuple[str, ...] = ()
    evidence: str = ""
    source: str = ""

    def label(self, language: str = "sv") -> str:
        return self.label_en if language == "en" else self.label_sv


@dataclass(frozen=True, slots=True)
class CareForm:
    """A care form (state of the cohort model) and its role in the budget."""

    id: str
    label_sv: str
    label_en: str
    placement: bool
    family: bool
    institution: bool
    purchased: bool
    cash: bool

    def label(self, language: str = "sv") -> str:
        return self.label_en if language == "en" else self.label_sv


def _load_care_forms() -> tuple[CareForm, ...]:
    with open(DATA_DIR / "areas" / "children.yaml", encoding="utf-8") as fh:
        rows = yaml.safe_load(fh)["care_forms"]
    return tuple(CareForm(**row) for row in rows)


CARE_FORMS: tuple[CareForm, ...] = _load_care_forms()
CARE_FORM_IDS: tuple[str, ...] = tuple(c.id for c in CARE_FORMS)
LEFT_CARE = "left_care"


@dataclass(frozen=True, slots=True)
class Parameters:
    """A complete, validated parameter set (a municipality's assumptions).

    Frozen and hashable by value, so it is also a cache key. Build modified sets
    with :meth:`with_values`; construction validates everything.
    """

    name: str
    price_year: int
    parameters: tuple[Parameter, ...]
    measures: tuple[Measure, ...]
    preset: str = ""
    _index: dict[str, Parameter] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        index: dict[str, Parameter] = {}
        for p in self.parameters:
            if p.name in index:
                raise ParameterError(p.name, "duplicate")
            index[p.name] = p
        object.__setattr__(self, "_index", index)
        validate(self)

    def __getitem__(self, name: str) -> Parameter:
        try:
            return self._index[name]
        except KeyError:
            raise ParameterError(name, "unknown_parameter") from None

    def __contains__(self, name: object) -> bool:
        return name in self._index

    def value(self, name: str) -> float:
        return self[name].value

    def values(self) -> dict[str, float]:
        """All values by name."""
        return {p.name: p.value for p in self.parameters}

    def measure(self, measure_id: str) -> Measure:
        for m in self.measures:
            if m.id == measure_id:
                return m
        raise ParameterError(measure_id, "unknown_measure", value=measure_id)

    @property
    def measure_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.measures)

    def with_values(self, changes: Mapping[str, float]) -> Parameters:
        """A copy with some values replaced (validated; ranges widen to include them)."""
        new = []
        for p in self.parameters:
            if p.name in changes:
                v = _number(changes[p.name], p.name)
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


def _number(value: object, name: str) -> float:
    if isinstance(value, bool):
        raise ParameterError(name, "not_a_number", value=value)
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(name, "not_a_number", value=value) from None
    if not math.isfinite(x):
        raise ParameterError(name, "not_finite", value=value)
    return x


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


def expected_names(measures: Iterable[Measure]) -> set[str]:
    """Names of all parameters that a set with these measures must have (flows aside)."""
    names = set(GLOBAL_PARAMETERS)
    for c in CARE_FORMS:
        if c.id != LEFT_CARE:
            names.update(f"care.{c.id}.{f}" for f in CARE_FIELDS)
    for m in measures:
        names.update(f"measure.{m.id}.{f}" for f in MECHANISM_FIELDS[m.mechanism])
    return names


def _check_measure(m: Measure) -> None:
    where = f"measures.{m.id}"
    if not m.id or not m.id.replace("_", "a").isalnum() or not m.id.islower() or not m.id.isascii():
        raise ParameterError(where, "bad_id", value=m.id)
    if m.mechanism not in MECHANISMS:
        raise ParameterError(f"{where}.mechanism", "bad_choice", value=m.mechanism, choices=MECHANISMS)
    if m.unit not in UNITS_OF_MEASURE:
        raise ParameterError(f"{where}.unit", "bad_choice", value=m.unit, choices=UNITS_OF_MEASURE)
    for attr in ("targets", "stay_targets"):
        for t in getattr(m, attr):
            if t not in CARE_FORM_IDS or t in (LEFT_CARE, "in_home"):
                raise ParameterError(f"{where}.{attr}", "unknown_care_form", value=t)
    if not m.label_sv:
        raise ParameterError(f"{where}.label_sv", "missing_field")


def validate(params: Parameters) -> None:
    """Check a whole set: every value, the names, and that shares sum to 1."""
    ids = [m.id for m in params.measures]
    for m in params.measures:
        _check_measure(m)
        if ids.count(m.id) > 1:
            raise ParameterError(f"measures.{m.id}", "duplicate")
    for p in params.parameters:
        check_value(p)
    expected = expected_names(params.measures)
    present = set(params._index)
    for name in sorted(expected - present):
        raise ParameterError(name, "missing_parameter")
    placement_forms = set(CARE_FORM_IDS)
    for name in sorted(present - expected):
        parts = name.split(".")
        if parts[0] == "flow" and len(parts) == 3:
            for part in parts[1:]:
                if part not in placement_forms:
                    raise ParameterError(name, "unknown_care_form", value=part)
            if parts[1] == LEFT_CARE or parts[1] == parts[2]:
                raise ParameterError(name, "unknown_parameter")
            continue
        if parts[0] == "measure" and len(parts) == 3 and parts[1] not in ids:
            raise ParameterError(name, "unknown_measure", value=parts[1])
        if parts[0] == "care" and len(parts) == 3 and parts[1] not in placement_forms:
            raise ParameterError(name, "unknown_care_form", value=parts[1])
        raise ParameterError(name, "unknown_parameter")
    for c in CARE_FORMS:
        if c.id == LEFT_CARE:
            continue
        total = sum(params.flows(c.id).values())
        if abs(total - 1.0) > 1e-6:
            raise ParameterError(f"flow.{c.id}", "shares_sum", total=round(total, 6))


# --- building sets from plain data -------------------------------------------------


def parameter_from_mapping(row: Mapping[str, object], where: str = "parameters") -> Parameter:
    """Build a :class:`Parameter` from a mapping (a YAML record or a table row)."""
    name = row.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ParameterError(where, "missing_field")
    name = name.strip()
    value = _number(row.get("value"), name)
    low = _number(row["low"], f"{name} (low)") if _present(row.get("low")) else value
    high = _number(row["high"], f"{name} (high)") if _present(row.get("high")) else value
    price_year = row.get("price_year")
    return Parameter(
        name=name,
        value=value,
        unit=_text(row.get("unit")),
        low=low,
        high=high,
        source=_text(row.get("source")),
        confidence=_text(row.get("confidence")) or "L",
        status=_text(row.get("status")) or "E",
        price_year=int(_number(price_year, f"{name} (price_year)")) if _present(price_year) else None,
        distribution=_text(row.get("distribution")) or "pert",
    )


def measure_from_mapping(row: Mapping[str, object]) -> Measure:
    """Build a :class:`Measure` from a mapping; list fields accept lists or 'a, b' text."""
    mid = _text(row.get("id"))
    if not mid:
        raise ParameterError("measures", "missing_field")
    return Measure(
        id=mid,
        label_sv=_text(row.get("label_sv")),
        label_en=_text(row.get("label_en")) or _text(row.get("label_sv")),
        mechanism=_text(row.get("mechanism")),
        unit=_text(row.get("unit")),
        targets=_id_list(row.get("targets")),
        stay_targets=_id_list(row.get("stay_targets")),
        evidence=_text(row.get("evidence")),
        source=_text(row.get("source")),
    )


def _present(x: object) -> bool:
    if x is None:
        return False
    if isinstance(x, float) and math.isnan(x):
        return False
    return not (isinstance(x, str) and not x.strip())


def _text(x: object) -> str:
    return str(x).strip() if _present(x) else ""


def _id_list(x: object) -> tuple[str, ...]:
    if not _present(x):
        return ()
    items = x.split(",") if isinstance(x, str) else list(x)  # type: ignore[call-overload]
    return tuple(str(i).strip() for i in items if str(i).strip())
