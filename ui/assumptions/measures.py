"""New measures as data: what the page's form makes of an analyst's measure (pure).

A measure is a :class:`~model.parameters.Measure` (what it is, which care forms
it acts on) plus one parameter per field of its mechanism
(:data:`~model.parameters.MECHANISM_FIELDS`). Units, price years and the
default values of the form are copied from the measure of the same kind that
the reference set's catalogue makes its ``template`` (:func:`model.catalogue.template`),
so no unit or number is written twice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import replace

from model.catalogue import template
from model.errors import ParameterError
from model.fields import EFFECT_FIELDS
from model.parameters import MECHANISM_FIELDS, Measure, Parameter, Parameters

#: Fields every measure has that a new measure may leave to its template (start-up, lead time, notice).
TIMING_FIELDS = ("startup_cost", "lead_time_months", "notice_months")
#: The units the form offers a measure of each mechanism, in the form's order.
UNITS_BY_MECHANISM = {
    "prevention": ("family", "post"),
    "review": ("post",),
    "recruitment": ("home",),
    "exit_rate": ("post", "participant"),
}
#: What the form starts with: the first mechanism and its first unit.
DEFAULT_MECHANISM = next(iter(UNITS_BY_MECHANISM))
DEFAULT_UNIT = UNITS_BY_MECHANISM[DEFAULT_MECHANISM][0]


def range_fields(mechanism: str) -> tuple[str, ...]:
    """Fields whose range the form asks for (the effect sizes); the others start fixed (low = high)."""
    return EFFECT_FIELDS.get(mechanism, ())


def slug(text: str) -> str:
    """An id from a name: ``"Nattvandring i Fisksätra"`` -> ``"nattvandring_i_fisksatra"``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:40].strip("_")
    if s and s[0].isdigit():
        s = "m_" + s
    return s


def offered_mechanisms(measures: Sequence[Measure]) -> tuple[str, ...]:
    """The mechanisms the form offers for a set whose catalogue is *measures*: those it has a template of
    (prevention, review and recruitment in the children's area; exits to work in the employment area)."""
    return tuple(m for m, units in UNITS_BY_MECHANISM.items() if any(template(measures, m, u) for u in units))


def unit_for(mechanism: str, chosen: str | None) -> str:
    """The unit of a new measure: the one chosen if *mechanism* has it, else the mechanism's first."""
    units = UNITS_BY_MECHANISM[mechanism]
    return chosen if chosen in units else units[0]


def template_parameters(reference: Parameters, mechanism: str, unit: str) -> dict[str, Parameter]:
    """The template measure's parameters by field (units and defaults for the form); empty if none."""
    m = template(reference.measures, mechanism, unit)
    if m is None:
        return {}
    return {f: reference[f"measure.{m.id}.{f}"] for f in MECHANISM_FIELDS[mechanism]}


def add_measure(
    params: Parameters,
    reference: Parameters,
    *,
    label_sv: str,
    mechanism: str,
    unit: str,
    values: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]] | None = None,
    measure_id: str = "",
    label_en: str = "",
    targets: Sequence[str] = (),
    age_groups: Mapping[str, float] | None = None,
    evidence_class: str = "",
    evidence: str = "",
    source: str = "",
) -> Parameters:
    """*params* with a new measure and its parameters (validated as a whole set).

    Parameters
    ----------
    params : Parameters
        The active set.
    reference : Parameters
        Supplies the units (a measure of the same mechanism and unit).
    values : mapping of str to float
        One value per field of the mechanism; ``families_per_unit`` is 1 for a measure paid per family.
    ranges : mapping of str to (low, high), optional
        Plausible ranges; fields without one are fixed at their value.
    age_groups : mapping of str to float, optional
        Age group id -> share for a preventive measure (zeros left out; none: every age).
    evidence_class : str
        What kind of evidence its effects rest on ("" or one of :data:`model.fields.EVIDENCE_CLASSES`).

    Raises
    ------
    ParameterError
        An id that exists or is invalid, a missing name, or a value outside its
        domain or range (naming the parameter).
    """
    label_sv = label_sv.strip()
    mid = (measure_id.strip() or slug(label_sv)).strip()
    _check_new(params, mid, label_sv, mechanism)
    measure = Measure(
        id=mid,
        label_sv=label_sv,
        label_en=label_en.strip() or label_sv,
        mechanism=mechanism,
        unit=unit,
        targets=tuple(targets),
        age_groups=tuple((g, float(v)) for g, v in (age_groups or {}).items() if v),
        evidence_class=evidence_class,
        evidence=evidence.strip(),
        note_sv=source.strip(),  # what the analyst wrote about its source, in the app's language
    )
    new = _new_parameters(params, reference, measure, values, ranges or {}, source)
    return replace(params, parameters=params.parameters + new, measures=params.measures + (measure,))


def _new_parameters(
    params: Parameters,
    reference: Parameters,
    measure: Measure,
    values: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
    source: str,
) -> tuple[Parameter, ...]:
    """The new measure's parameters, and its evidence class's transfer factor if the set lacks it."""
    units = template_parameters(reference, measure.mechanism, measure.unit)
    factor = measure.transfer_factor
    extra = (reference[factor],) if factor and factor not in params and factor in reference else ()
    kind = (measure.mechanism, measure.unit)
    return extra + tuple(
        _new_parameter(params, f"measure.{measure.id}.{f}", kind, values, ranges, units, source)
        for f in MECHANISM_FIELDS[measure.mechanism]
    )


def remove_measure(params: Parameters, measure_id: str) -> Parameters:
    """*params* without the measure *measure_id* and its parameters."""
    if measure_id not in params.measure_ids:
        raise ParameterError(f"measures.{measure_id}", "unknown_measure", value=measure_id)
    prefix = f"measure.{measure_id}."
    return replace(
        params,
        parameters=tuple(p for p in params.parameters if not p.name.startswith(prefix)),
        measures=tuple(m for m in params.measures if m.id != measure_id),
    )


def _check_new(params: Parameters, mid: str, label_sv: str, mechanism: str) -> None:
    """A new measure needs a name, an id no other measure has, and a known mechanism."""
    if not label_sv:
        raise ParameterError(f"measures.{mid or 'ny'}.label_sv", "missing_field")
    if mid in params.measure_ids:
        raise ParameterError(f"measures.{mid}", "measure_exists", value=mid)
    if mechanism not in MECHANISM_FIELDS:
        raise ParameterError(
            f"measures.{mid}.mechanism", "bad_choice", value=mechanism, choices=tuple(MECHANISM_FIELDS)
        )


def _new_parameter(
    params: Parameters,
    name: str,
    kind: tuple[str, str],
    values: Mapping[str, float],
    ranges: Mapping[str, tuple[float, float]],
    units: Mapping[str, Parameter],
    source: str,
) -> Parameter:
    """One parameter of a new measure: an estimate (low confidence) with the template's unit.

    A field whose template carries a price year (money) gets the set's price year. The start-up
    cost, lead time and notice not given take the template's values (issue 10 added them to
    every measure; a form or a file made before asks only for the others).
    """
    f = name.rsplit(".", 1)[1]
    mechanism, unit = kind
    if f == "families_per_unit" and unit == "family":
        value = 1.0  # the unit is one family
    elif f in values and values[f] is not None:
        value = values[f]
    elif f in TIMING_FIELDS and f in units:
        value = units[f].value
    else:
        raise ParameterError(name, "missing_value")
    low, high = ranges.get(f, (value, value))
    try:
        value, low, high = float(value), float(low), float(high)
    except (TypeError, ValueError):
        raise ParameterError(name, "not_a_number", value=value) from None
    return Parameter(
        name=name,
        value=value,
        unit=units[f].unit if f in units else "",
        low=low,
        high=high,
        note_sv=source.strip(),  # an estimate: no bibliography id needed
        confidence="L",
        status="E",
        price_year=params.price_year if f in units and units[f].price_year is not None else None,
        distribution="triangular" if f in range_fields(mechanism) else "pert",
    )
