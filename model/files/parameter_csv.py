"""Parameter sets as a CSV table: the parameter table only, its measures from a template set.

UTF-8 with BOM, ``;``-separated with a decimal comma, as Swedish Excel writes
it; ``,``-separated files with decimal points are read too. Numbers are read
by the file's convention (:func:`model.text.numbers.parse_number`): ``6.500``
in a semicolon file could be six and a half or six thousand five hundred, and
is refused showing both. Text that a
spreadsheet would run as a formula is written with a leading apostrophe (as
is text that already starts with one), which the reader removes again: the
table reads back exactly.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from model.errors import ParameterError
from model.files.incoming import MAX_COLUMNS, check_rows, decode_text
from model.files.parameter_table import (
    COLUMNS,
    NUMBER_COLUMNS,
    at_row,
    measures_in_use,
    number_cells,
    parameter_rows,
    parameter_table,
)
from model.files.presets import load_preset
from model.files.spreadsheet import plain_value, read_text, reversible_text
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


def _header(cells: list[str], filename: str) -> list[str]:
    """The header row: lower-case column names, each at most once, ``name`` and ``value`` among them."""
    if len(cells) > MAX_COLUMNS:
        raise ParameterError(filename, "bad_file", reason="too_many_columns", limit=MAX_COLUMNS, row=1)
    header = [h.strip().lower() for h in cells]
    for column in ("name", "value"):
        if column not in header:
            raise ParameterError(filename, "bad_file", reason="missing_column", column=column[:40])
    for column in header:
        if column and header.count(column) > 1:
            raise ParameterError(filename, "bad_file", reason="duplicate_column", column=column[:40])
    return header


def _csv_cell(column: str, v: object) -> str:
    v = plain_value(v)
    if v is None:
        return ""
    if column in NUMBER_COLUMNS:
        x = float(v)  # type: ignore[arg-type]
        text = str(int(x)) if x.is_integer() and abs(x) < 2**53 else repr(x)
        return text.replace(".", ",")
    return reversible_text(str(v))


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
    check_rows(text, filename)
    first_line = text.lstrip().splitlines()[0]
    delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    # The decimal sign follows the separator: "6.500" in a semicolon file is refused, never read as 6,5.
    decimal = {";": ",", ",": "."}.get(delimiter)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise ParameterError(filename, "bad_file", reason="not_csv") from None
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise ParameterError(filename, "bad_file", reason="no_parameters")
    header = _header(numbered[0][1], filename)
    records, lines = [], []
    for line, cells in numbered[1:]:
        if len(cells) > MAX_COLUMNS:
            raise ParameterError(filename, "bad_file", reason="too_many_columns", limit=MAX_COLUMNS, row=line)
        record: dict[str, object] = {h: read_text(cell) for h, cell in zip(header, cells, strict=False) if h}
        try:
            records.append(number_cells(record, line, decimal))
        except ParameterError as exc:
            raise at_row(exc, filename, line) from None
        lines.append(line)
    if not records:
        raise ParameterError(filename, "bad_file", reason="no_parameters")
    parameters = parameter_rows(pd.DataFrame(records, dtype=object), where=filename, row_numbers=lines)
    base = template or load_preset()
    return Parameters(
        name=base.name,
        price_year=base.price_year,
        parameters=parameters,
        measures=measures_in_use(base, parameters),
        preset=base.preset,
        area=base.area,
    )
