"""Errors a person can act on: one coded kind, naming the field, for parameters, files and levers.

Every error that bad input can cause is a :class:`ModelError` (a
``ValueError``) with three parts: the ``field`` it is about (a parameter, a
lever, a row, a part of a file), a machine-readable ``code`` and the
``details`` the message needs (``value``, ``low``, ``high``, ...). The app
translates ``code`` with the locale files and shows the message in the user's
language; ``str(error)`` is English, for analysts using Python or the command
line. The subclasses only say which table of codes (and which locale prefix)
applies: :class:`ParameterError` for parameter sets and their files,
:class:`ScenarioFileError` for saved scenarios, scenario files and levers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

#: The most characters of a field or a value that a message quotes.
MAX_QUOTE = 200

#: Why a parameter file cannot be read: ``ParameterError(where, "bad_file", reason=<key>, **details)``.
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
    "unknown_area": "unknown area '{value}' (an area is a file in data/areas/)",
    "too_deep": "nested more than {limit} levels deep (line {line}); a parameter file needs {needed}",
    "yaml_anchor": "YAML anchors and aliases (line {line}) are not read; write each value out",
    "duplicate_key": "the key '{name}' appears twice in one mapping (lines {first_line} and {line})",
    "complex_key": "a key must be plain text (line {line})",
    "too_many_rows": "more than {limit} rows",
    "too_many_columns": "more than {limit} columns (row {row})",
    "duplicate_column": "the column '{column}' appears twice",
    "duplicate_row": "the parameter '{name}' appears in row {first_row} and row {row}",
    "not_regular_file": "not a regular file",
    "control_character": "a control character ({character}) at line {line}; save the file as plain text",
}

PARAMETER_MESSAGES = {
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
    "missing_source": (
        "{field}: a value with status {status} (found or derived) must cite at least one source id of the "
        "bibliography (data/sources.yaml); mark it E (estimate) if it has no source"
    ),
    "unknown_source": "{field}: the source id '{value}' is not in the bibliography (data/sources.yaml)",
    "bad_id": "{field}: '{value}' is not a valid id (lower-case letters, digits, _)",
    "bad_file": "{field}: {reason}",
    "missing_value": "{field}: the value is missing",
    "ambiguous_number": "{field}: '{value}' can be read as {first} or as {second}",
    "not_text": "{field}: expected text",
    "control_character": "{field}: holds a control character ({character}, character {position})",
    "too_long": "{field}: longer than {limit} characters",
    "measure_exists": "{field}: a measure with id '{value}' already exists",
    "calibration_unreachable": (
        "{field}: {value} placements a year cannot be reached by scaling the durations "
        "(possible: {low}–{high} a year)"
    ),
    "calibration_both": "{field}: give either this figure or {other}, not both",
    "at_risk_sum": (
        "{field}: the target groups of {measures} together make up {total} of the placements that start, "
        "more than all of them (1)"
    ),
    "negative_inflow": (
        "{field}: children now, durations and destinations do not fit together: "
        "the steady inflow to this care form would be negative ({value} a month)"
    ),
}

SCENARIO_MESSAGES = {
    "too_large": "{field}: the file is larger than {limit} MB",
    "not_utf8": "{field}: the file is not UTF-8 text",
    "not_json": "{field}: not valid JSON (line {line}, column {column})",
    "not_object": "{field}: expected a JSON object",
    "bad_format": "{field}: unknown format '{value}', expected '{expected}'",
    "missing": "{field}: required field is missing",
    "not_text": "{field}: expected text",
    "empty_name": "{field}: the name is empty",
    "too_long": "{field}: longer than {limit} characters",
    "control_character": "{field}: holds a control character ({character}, character {position})",
    "too_deep": "{field}: nested more than {limit} levels deep",
    "duplicate_key": "{field}: the key '{name}' appears twice",
    "not_a_number": "{field}: '{value}' is not a number",
    "not_integer": "{field}: {value} must be a whole number",
    "ambiguous_number": "{field}: '{value}' can be read as {first} or as {second}",
    "out_of_range": "{field}: {value} is outside the allowed range {low}–{high}",
    "unknown_lever": "{field}: unknown lever",
    "above_budget": (
        "{field}: {value} mnkr a year is more than the external-placement budget of the first year "
        "({budget} mnkr), which the shift is taken from; move at most {budget} mnkr a year"
    ),
    "bad_choice": "{field}: '{value}' is not one of {choices}",
    "unknown_measure": "{field}: the parameter set has no measure '{value}'",
    "bad_scenario": "{field}: {detail}",
    "mismatch": "{field}: the levers do not give the saved scenario",
    "unknown_preset": "{field}: unknown preset '{value}'",
    "preset_changed": "{field}: the preset has changed since the file was saved and the file does not carry "
    "its parameter set",
    "bad_date": "{field}: '{value}' is not a date and time",
}


class ModelError(ValueError):
    """Bad input, coded: the field it is about, a code and the values of the message.

    Attributes
    ----------
    field : str
        The parameter, lever, row or part of a file the problem is in.
    code : str
        Machine-readable problem, a key of the app's translated messages.
    details : dict
        Values for the message (``value``, ``low``, ``high``, ...).
    """

    #: English message templates by code; ``{field}`` and the details are filled in.
    MESSAGES: ClassVar[Mapping[str, str]] = {}

    def __init__(self, field: str, code: str, **details: object) -> None:
        # A message quotes what people sent, and that can be anything: at most MAX_QUOTE characters of it.
        field = shorten(field, MAX_QUOTE)
        details = {k: shorten(v, MAX_QUOTE) if isinstance(v, str) else v for k, v in details.items()}
        self.field = field
        self.code = code
        self.details = details
        text = self._template().format(field=field, **details)
        if "file" in details and "row" in details:
            # A problem located in a row of a table: the file and the row first (Swedish in the app).
            text = f"{details['file']}, row {details['row']}: {text}"
        elif "file" in details:
            text = f"{details['file']}: {text}"
        super().__init__(text)

    def _template(self) -> str:
        return self.MESSAGES.get(self.code, "{field}: " + self.code)


class ParameterError(ModelError):
    """A parameter set, an area, a parameter file or a value is invalid (codes: ``error.<code>``)."""

    MESSAGES = PARAMETER_MESSAGES

    def _template(self) -> str:
        reason = self.details.get("reason")
        if self.code == "bad_file" and reason in FILE_REASONS:
            # A reason code (translated by the app as error.file.<reason>) plus its details.
            return "{field}: " + FILE_REASONS[str(reason)]
        return super()._template()


class ScenarioFileError(ModelError):
    """A saved scenario, a scenario file or a lever is invalid (codes: ``scenarios.error.<code>``)."""

    MESSAGES = SCENARIO_MESSAGES


def shorten(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: at most *limit* characters."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "…"
