"""Parameter sets as a CSV table: the parameter table only, its measures from a template set.

UTF-8 with BOM, ``;``-separated with a decimal comma, as Swedish Excel writes
it; ``,``-separated files with decimal points are read too. Text that a
spreadsheet would run as a formula is written with a leading apostrophe (as
is text that already starts with one), which the reader removes again: the
table reads back exactly.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from model.errors import ParameterError
from model.files.incoming import decode_text
from model.files.parameter_table import (
    COLUMNS,
    NUMBER_COLUMNS,
    measures_in_use,
    number_text,
    parameter_rows,
    parameter_table,
)
from model.files.presets import load_preset
from model.files.spreadsheet import is_formula_like, plain_value
from model.parameters import Parameters


def parameters_to_csv(params: Parameters) -> bytes:
    """The parameter table as CSV: UTF-8 with BOM, ``;``-separated, decimal comma.

    Text beginning with a character a spreadsheet would run as a formula
    (``= + - @``) is written with a leading apostrophe, which
    :func:`parameters_from_csv` removes again.
    """
    table = parameter_table(params)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in table.itertuples(index=False):
        writer.writerow([_csv_cell(col, v) for col, v in zip(COLUMNS, row, strict=True)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_cell(column: str, v: object) -> str:
    v = plain_value(v)
    if v is None:
        return ""
    if column in NUMBER_COLUMNS:
        x = float(v)  # type: ignore[arg-type]
        text = str(int(x)) if x.is_integer() and abs(x) < 2**53 else repr(x)
        return text.replace(".", ",")
    text = str(v)
    if is_formula_like(text) or text.startswith("'"):
        return "'" + text
    return text


def parameters_from_csv(
    data: bytes, filename: str = "parametrar.csv", template: Parameters | None = None
) -> Parameters:
    """Read a parameter table from CSV (the inverse of :func:`parameters_to_csv`).

    Parameters
    ----------
    data : bytes
        The CSV file (UTF-8, with or without BOM; ``;`` with decimal comma or
        ``,`` with decimal point).
    filename : str
        Its name, used in messages.
    template : Parameters, optional
        Supplies name, price year, preset and the measures (those that the
        table has parameters for); default: the embedded default preset.

    Raises
    ------
    ParameterError
        ``bad_file`` (empty, not UTF-8, not a table, a missing column) or a
        problem with a value, naming the parameter.
    """
    text = decode_text(data, filename)
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ParameterError(filename, "bad_file", reason="not_csv") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    header = [h.strip().lower() for h in rows[0]]
    for column in ("name", "value"):
        if column not in header:
            raise ParameterError(filename, "bad_file", reason="missing_column", column=column)
    records = []
    for cells in rows[1:]:
        record: dict[str, object] = {}
        for h, cell in zip(header, cells, strict=False):
            if h in NUMBER_COLUMNS:
                record[h] = number_text(cell, decimal_comma=delimiter != ",")
            elif h:
                record[h] = cell[1:] if cell.startswith("'") else cell
        records.append(record)
    if not records:
        raise ParameterError(filename, "bad_file", reason="no_parameters")
    parameters = parameter_rows(pd.DataFrame(records, dtype=object), where=filename)
    base = template or load_preset()
    return Parameters(
        name=base.name,
        price_year=base.price_year,
        parameters=parameters,
        measures=measures_in_use(base, parameters),
        preset=base.preset,
        area=base.area,
    )
