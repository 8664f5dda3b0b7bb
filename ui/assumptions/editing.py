"""Edited tables -> parameters: the pure glue behind the page "Antaganden".

The page shows one editable table per group of parameters (population,
each care form, each measure, economics). What the data editor hands back is
applied here, checked row by row and then as a whole set, and either becomes
the new :class:`~model.parameters.Parameters` or a list of problems, each
naming the row. Numbers are text cells read by the one parser
(:mod:`ui.numbers`) in the user's convention — a browser number cell would
read "1e12" as 112 or "0,1" as 1 without a word — and a cell left as shown
keeps the exact value behind it. Nothing here imports streamlit, so every
path is tested directly (AppTest cannot type into a data editor's cells).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

import pandas as pd

from model.analysis.calibration import check_baseline
from model.errors import ParameterError
from model.files.parameter_table import COLUMNS, group_of, is_missing, parameter_table
from model.files.presets import set_name
from model.parameters import CARE_FIELDS, MECHANISM_FIELDS, Parameter, Parameters, check_value
from model.records import parameter_from_mapping
from model.text.i18n import has, t, ta
from model.text.labels import form_labels, measure_label, parameter_label
from ui.numbers import implausible, read_bounded, read_number, shown_number
from ui.text import exact_number

#: Columns of an editor table, in order; the analyst may change the EDITABLE ones.
EDITOR_COLUMNS = (
    "changed",
    "label",
    "value",
    "unit",
    "low",
    "high",
    "status",
    "confidence",
    "sources",
    "note_sv",
    "note_en",
    "name",
    "price_year",
    "distribution",
)
EDITABLE = ("value", "unit", "low", "high", "price_year", "status", "confidence", "distribution",
            "sources", "note_sv", "note_en")
#: Columns of numbers, shown and typed as text in the user's convention.
NUMBER_COLUMNS = ("value", "low", "high", "price_year")
#: The years a parameter's price year may be.
PRICE_YEARS = (1900, 2100)
#: Fields of a parameter compared with the default set.
DIFF_FIELDS = ("value", "low", "high", "unit", "price_year", "status", "confidence", "distribution",
               "sources", "note_sv", "note_en")
CHANGED_MARK = "●"
_FIELD_RANK = {f: i for i, f in enumerate(CARE_FIELDS + tuple(f for fs in MECHANISM_FIELDS.values() for f in fs))}
_PREFIXES = ("population.", "economics.", "care.", "flow.", "starts.", "measure.", "evidence.")


# --- groups -------------------------------------------------------------------------------------------


def groups(params: Parameters) -> list[str]:
    """The groups of *params* in reading order: population, care forms, measures, evidence, economics, reporting."""
    present = {group_of(p.name) for p in params.parameters}
    order = (
        ["population"]
        + [f"care:{f}" for f in params.area.reported_forms]
        + [f"measure:{m.id}" for m in params.measures]
        + ["evidence", "economics", "reporting"]
    )
    return [g for g in order if g in present]


def group_names(params: Parameters, group: str) -> list[str]:
    """Names of the parameters in *group*: the main figures first, then starts by age, then destinations."""
    names = [p.name for p in params.parameters if group_of(p.name) == group]
    return sorted(
        names,
        key=lambda n: (n.startswith("flow."), n.startswith("starts."), _FIELD_RANK.get(n.rsplit(".", 1)[-1], 99)),
    )


def group_label(group: str, params: Parameters, language: str = "sv", name: Callable[[str], str] = str) -> str:
    """A group's title; *name* dresses the care form's or measure's name (``markdown_literal``: as typed)."""
    kind, _, ident = group.partition(":")
    if kind == "care":
        form = name(form_labels(params.area, language).get(ident, ident))
        return ta("assumptions.group.care", language, params.area.id, form=form)
    if kind == "measure":
        return t("assumptions.group.measure", language, measure=name(measure_label(params, ident, language)))
    return t(f"assumptions.group.{kind}", language)


def group_rows(params: Parameters, group: str) -> tuple[Parameter, ...]:
    """The group's parameters (a value: its hash identifies the group's state)."""
    return tuple(params[n] for n in group_names(params, group))


# --- tables -------------------------------------------------------------------------------------------


def editor_frame(params: Parameters, group: str, default: Parameters | None, language: str = "sv") -> pd.DataFrame:
    """The table the page's data editor shows for *group* (one row per parameter)."""
    names = group_names(params, group)
    table = parameter_table(params).set_index("name").loc[names].reset_index()
    changed = changed_names(params, default) if default is not None else set()
    table.insert(0, "changed", [CHANGED_MARK if n in changed else "" for n in names])
    table.insert(1, "label", [parameter_label(n, params, language) for n in names])
    for column in NUMBER_COLUMNS:
        table[column] = [cell_text(v, column, language) for v in table[column]]
    return table[list(EDITOR_COLUMNS)].reset_index(drop=True)


def cell_text(value: object, column: str, language: str = "sv") -> str:
    """A number as its text cell shows it: ``9 000``, ``0,35``, a price year as ``2024``, nothing as ""."""
    if is_missing(value):
        return ""
    return str(int(value)) if column == "price_year" else shown_number(float(value), language)  # type: ignore[arg-type]


def apply_editor_state(frame: pd.DataFrame, state: Mapping | None) -> pd.DataFrame:
    """*frame* with a data editor's edits applied (``{"edited_rows": {row: {column: value}}}``).

    Only :data:`EDITABLE` columns change; added or deleted rows are ignored
    (the page's editors have a fixed set of rows).
    """
    out = frame.astype(object)
    for pos, changes in ((state or {}).get("edited_rows") or {}).items():
        i = int(pos)
        if not 0 <= i < len(out):
            continue
        for column, value in (changes or {}).items():
            if column in EDITABLE:
                out.iat[i, out.columns.get_loc(column)] = value
    return out


def validate_edit(
    params: Parameters, group: str, edited: pd.DataFrame, language: str = "sv"
) -> tuple[Parameters | None, list[ParameterError]]:
    """The set with *group*'s rows replaced by *edited*, or the problems that stop it.

    Each row is checked on its own first (numbers typed the *language*'s way,
    types, domains, low ≤ value ≤ high), so every invalid row gets its own
    message; then the whole set (shares that must sum to 1) and the baseline
    (children, durations and destinations that can be a steady state).

    Returns
    -------
    (Parameters, []) or (None, errors)
        The new validated set, or the problems (each names its row).
    """
    errors: list[ParameterError] = []
    rows: dict[str, Parameter] = {}
    allowed = set(group_names(params, group))
    shown = editor_frame(params, group, None, language).set_index("name")
    for record in edited.to_dict("records"):
        name = str(record.get("name") or "")
        if name not in allowed:
            errors.append(ParameterError(name or group, "unknown_parameter"))
            continue
        clean = {k: (None if is_missing(record.get(k)) else record.get(k)) for k in COLUMNS if k in record}
        try:
            clean.update(_numbers(record, params[name], shown.loc[name], language))
        except ParameterError as exc:
            errors.append(exc)
            continue
        if clean.get("value") is None:
            errors.append(ParameterError(name, "missing_value"))
            continue
        try:
            p = parameter_from_mapping(clean, where=name)
            check_value(p)
        except ParameterError as exc:
            errors.append(exc)
            continue
        rows[name] = p
    if errors:
        return None, errors
    try:
        new = replace(params, parameters=tuple(rows.get(p.name, p) for p in params.parameters))
        check_baseline(new)
    except ParameterError as exc:
        return None, [exc]
    return new, []


def _numbers(record: Mapping, original: Parameter, shown: pd.Series, language: str) -> dict[str, object]:
    """The row's numbers: a cell left as shown keeps the exact value, a typed one is read (or refused)."""
    out: dict[str, object] = {}
    for column in NUMBER_COLUMNS:
        raw = record.get(column)
        if isinstance(raw, str) and raw.strip() == str(shown[column]).strip():
            out[column] = getattr(original, column)
        elif is_missing(raw):
            out[column] = None
        elif column == "price_year":
            out[column] = int(read_bounded(raw, f"{original.name} (price_year)", language, *PRICE_YEARS, integer=True))
        else:
            field = original.name if column == "value" else f"{original.name} ({column})"
            out[column] = read_number(raw, field, language)
    return out


def plausibility_warnings(old: Parameters, new: Parameters, default: Parameters, language: str = "sv") -> list[str]:
    """A warning for each value the edit changed to more than three times above or below the preset's."""
    changed = {
        p.name: p.value
        for p in new.parameters
        if p.name in default and p.name in old and p.value != old.value(p.name)
    }
    reference = {name: default.value(name) for name in changed}
    return [
        t(
            "assumptions.plausibility.table",
            language,
            field=describe_field(name, new, language),
            value=exact_number(changed[name], language, 6),
            preset_value=exact_number(reference[name], language, 6),
            preset=set_name(default, language),
        )
        for name in implausible(changed, reference)
    ]


def reset_group(params: Parameters, default: Parameters, group: str) -> Parameters:
    """*params* with *group*'s rows as in *default* (unchanged if *default* has no such group).

    Raises
    ------
    ParameterError
        If the reset group does not fit the rest of the set (for example
        recalibrated children with the default durations).
    """
    defaults = {p.name: p for p in default.parameters if group_of(p.name) == group}
    if not defaults:
        return params
    # In place by name (so resetting every group gives back the default set, order and all);
    # rows the default does not have go, rows only the default has are added at the end.
    new = [defaults.get(p.name, p) for p in params.parameters if group_of(p.name) != group or p.name in defaults]
    present = {p.name for p in new}
    new.extend(p for name, p in defaults.items() if name not in present)
    result = replace(params, parameters=tuple(new))
    check_baseline(result)
    return result


# --- differences from the default ---------------------------------------------------------------------


def changed_names(current: Parameters, default: Parameters) -> set[str]:
    """Names of parameters that differ from *default* in any field, or are not in it."""
    out = set()
    for p in current.parameters:
        d = default[p.name] if p.name in default else None
        if d is None or any(getattr(p, f) != getattr(d, f) for f in DIFF_FIELDS):
            out.add(p.name)
    return out


def differences(current: Parameters, default: Parameters) -> pd.DataFrame:
    """Every difference from *default*: one row per parameter field, added or removed measure.

    Returns
    -------
    DataFrame
        Columns ``name`` (parameter name or ``measures.<id>``), ``field``
        (a field of :data:`DIFF_FIELDS`, ``added``, ``removed``, ``price_year``
        of the set), ``default`` and ``current``.
    """
    rows = []
    if current.price_year != default.price_year:
        rows.append(("price_year", "set_price_year", default.price_year, current.price_year))
    for m in current.measures:
        if m.id not in default.measure_ids:
            rows.append((f"measures.{m.id}", "added", None, m.label_sv))
    for m in default.measures:
        if m.id not in current.measure_ids:
            rows.append((f"measures.{m.id}", "removed", m.label_sv, None))
    for p in current.parameters:
        if p.name not in default:
            rows.append((p.name, "added", None, p.value))
            continue
        d = default[p.name]
        rows.extend((p.name, f, getattr(d, f), getattr(p, f)) for f in DIFF_FIELDS if getattr(p, f) != getattr(d, f))
    for d in default.parameters:
        if d.name not in current:
            rows.append((d.name, "removed", d.value, None))
    return pd.DataFrame(rows, columns=["name", "field", "default", "current"], dtype=object)


# --- messages that name the row -----------------------------------------------------------------------


def describe_field(field: str, params: Parameters, language: str = "sv") -> str:
    """A field of a :class:`ParameterError` as a person reads it: label plus id.

    ``"care.hvb.cost_per_day (low)"`` -> ``"HVB: kostnad per vårddygn
    (care.hvb.cost_per_day, lågt värde)"``.
    """
    name, _, rest = field.partition(" (")
    attribute = rest.rstrip(")") if rest else ""
    parts = name.split(".")
    across = f"assumptions.measures.field.{parts[-1]}"
    if parts[0] == "measures" and len(parts) == 2 and has(across, language):  # a figure across all measures
        return f"{t(across, language)} ({name})"
    if parts[0] == "measures" and len(parts) in (2, 3):  # a measure's own fields: as the new-measure form names them
        form_key = f"assumptions.measures.{parts[2] if len(parts) == 3 else 'id'}"
        return t(form_key, language) if has(form_key, language) else field
    if not name.startswith(_PREFIXES) or len(parts) not in (2, 3):
        return field
    forms = form_labels(params.area, language)
    if parts[0] in ("flow", "starts") and len(parts) == 2:
        key = "flows" if parts[0] == "flow" else "starts"
        label = ta(f"assumptions.field.{key}", language, params.area.id, form=forms.get(parts[1], parts[1]))
    elif parts[0] in ("care", "flow", "starts", "measure", "evidence") and len(parts) != 3:
        return field
    else:
        label = parameter_label(name, params, language)
        if label.startswith("param."):  # a name the model does not know: no label to give
            return field
    if attribute:
        attr = t(f"assumptions.attribute.{attribute}", language)
        return f"{label} ({name}, {attr})"
    return f"{label} ({name})"


def localize(exc: ParameterError, params: Parameters, language: str = "sv") -> ParameterError:
    """*exc* with its field described and its numbers written the user's way (``9 000``, ``0,35``)."""
    details = {k: _number_for_people(v, language) for k, v in exc.details.items()}
    if exc.code == "at_risk_sum":  # the measures by name, not by id
        ids = str(exc.details.get("measures", "")).split(", ")
        details["measures"] = ", ".join(measure_label(params, mid, language) for mid in ids if mid)
    return ParameterError(describe_field(exc.field, params, language), exc.code, **details)


def _number_for_people(v: object, language: str) -> object:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return v
    if isinstance(v, float) and not math.isfinite(v):
        return v
    return exact_number(v, language, 6)
