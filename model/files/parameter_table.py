"""Parameter sets as tables (one row per parameter) and back.

:func:`parameter_table` and :func:`parameters_from_table` are exact inverses;
the app's data editor, the CSV format and the workbook's parameter sheet all go
through them, so a value typed anywhere is validated the same way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from model.errors import ParameterError
from model.files.presets import load_preset
from model.parameters import Measure, Parameter, Parameters, check_value
from model.records import parameter_from_mapping
from model.text.numbers import parse_number

COLUMNS = (
    "name",
    "group",
    "value",
    "unit",
    "low",
    "high",
    "price_year",
    "status",
    "confidence",
    "distribution",
    "sources",
    "note_sv",
    "note_en",
)
#: Columns read from a table: these and ``source``, the one text of the earlier format (model.records).
READ_COLUMNS = (*COLUMNS, "source")
REQUIRED_COLUMNS = ("name", "value")
#: Columns that hold numbers (typed as text in a CSV file or a sheet, they are normalised first).
NUMBER_COLUMNS = ("value", "low", "high", "price_year")


def group_of(name: str) -> str:
    """Group a parameter belongs to: 'population', 'economics', 'evidence', 'care:<form>', 'measure:<id>'."""
    parts = name.split(".")
    if parts[0] in ("care", "flow", "starts"):
        return f"care:{parts[1]}"
    if parts[0] == "measure":
        return f"measure:{parts[1]}"
    if parts[0] == "prices":
        return "economics"  # the price indices sit with the discount rate and the real cost growth
    return parts[0]


def parameter_table(params: Parameters) -> pd.DataFrame:
    """One row per parameter with its value, unit, range, source and confidence."""
    rows = [
        {
            "name": p.name,
            "group": group_of(p.name),
            "value": p.value,
            "unit": p.unit,
            "low": p.low,
            "high": p.high,
            "price_year": pd.NA if p.price_year is None else p.price_year,
            "status": p.status,
            "confidence": p.confidence,
            "distribution": p.distribution,
            "sources": ", ".join(p.sources),
            "note_sv": p.note_sv,
            "note_en": p.note_en,
        }
        for p in params.parameters
    ]
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df["price_year"] = df["price_year"].astype("Int64")
    return df


def parameters_from_table(df: pd.DataFrame, template: Parameters | None = None) -> Parameters:
    """Build a validated parameter set from a table (the inverse of :func:`parameter_table`).

    Parameters
    ----------
    df : DataFrame
        At least the columns ``name`` and ``value``; ``unit``, ``low``, ``high``,
        ``sources``, ``note_sv``, ``note_en`` and the others are kept when present
        (a table of the earlier format with one ``source`` column is read too).
    template : Parameters, optional
        Supplies the set's name, price year, area and catalogue of measures
        (default: the embedded default preset).

    Raises
    ------
    ParameterError
        Naming the row (by parameter name) and the problem.
    """
    if template is None:
        template = load_preset()
    return Parameters(
        name=template.name,
        price_year=template.price_year,
        parameters=parameter_rows(df),
        measures=template.measures,
        preset=template.preset,
        area=template.area,
    )


def parameter_rows(
    df: pd.DataFrame, where: str = "table", row_numbers: Sequence[int] | None = None
) -> tuple[Parameter, ...]:
    """The rows of a parameter table as :class:`Parameter` records (each row checked alone).

    Parameters
    ----------
    df : DataFrame
        At least the columns ``name`` and ``value``; other columns of
        :data:`COLUMNS` are used when present, any others are ignored.
    where : str
        The table's name in messages (a sheet or file name).
    row_numbers : sequence of int, optional
        Each record's row in the file, as a spreadsheet numbers it (default:
        1, 2, ... for the records).

    Raises
    ------
    ParameterError
        A missing column, a parameter in two rows, or a row whose value is
        missing, not a number or outside its domain (naming the row by its
        number and its parameter name: details ``file`` and ``row``).
    """
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(where, "bad_file", reason="not_table")
    missing = [c for c in REQUIRED_COLUMNS if c not in df.columns]
    if missing:
        raise ParameterError(where, "bad_file", reason="missing_column", column=missing[0])
    params: list[Parameter] = []
    first_row: dict[str, int] = {}
    records = df.to_dict("records")
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(records) + 1))
    for i, row in zip(numbers, records, strict=True):
        clean = {k: (None if is_missing(v) else v) for k, v in row.items() if k in READ_COLUMNS}
        name = clean.get("name")
        try:
            if clean.get("value") is None:
                raise ParameterError(str(name) if name else f"{where}, row {i}", "missing_value")
            p = parameter_from_mapping(clean, where=f"{where}, row {i}")
            check_value(p)
        except ParameterError as exc:
            raise at_row(exc, where, i) from None
        if p.name in first_row:
            first = first_row[p.name]
            raise ParameterError(where, "bad_file", reason="duplicate_row", name=p.name, first_row=first, row=i)
        first_row[p.name] = i
        params.append(p)
    return tuple(params)


def at_row(exc: ParameterError, where: str, row: int) -> ParameterError:
    """*exc* located in row *row* of the table *where* (the details ``file`` and ``row``)."""
    if "row" in exc.details:
        return exc
    return ParameterError(exc.field, exc.code, **{**exc.details, "file": where, "row": row})


def number_cells(record: dict[str, object], row: int, decimal: str | None) -> dict[str, object]:
    """*record* with the number columns typed as text read by :func:`model.text.numbers.parse_number`.

    *decimal* is the convention of the file (``","`` for a semicolon CSV,
    ``"."`` for a comma CSV, None where none is declared). An empty cell is
    missing. Errors name the parameter and the column.
    """
    name = record.get("name")
    label = name.strip() if isinstance(name, str) and name.strip() else f"row {row}"
    out = dict(record)
    for column in NUMBER_COLUMNS:
        cell = out.get(column)
        if isinstance(cell, str):
            field = label if column == "value" else f"{label} ({column})"
            out[column] = None if not cell.strip() else parse_number(cell, field, decimal)
    return out


def is_missing(v: object) -> bool:
    """True for an empty cell: None, NA, NaN or blank text."""
    if v is None or v is pd.NA:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def measures_in_use(template: Parameters, parameters: Sequence[Parameter]) -> tuple[Measure, ...]:
    """The template's measures that a table has parameters for (a measure with no rows is left out)."""
    ids = {p.name.split(".")[1] for p in parameters if p.name.startswith("measure.") and p.name.count(".") == 2}
    return tuple(m for m in template.measures if m.id in ids)
