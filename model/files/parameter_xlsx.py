"""Parameter sets as an Excel workbook and as a CSV table: bytes in, bytes out.

The workbook is the whole set, lossless both ways (reading what was written
gives an equal :class:`~model.parameters.Parameters`):

* sheet ``Parametrar``: one row per parameter, the columns of
  :data:`model.files.parameter_table.COLUMNS` plus a ``label`` column (a Swedish description,
  ignored when read);
* sheet ``Insatser``: the catalogue of measures (``targets`` as ``a, b`` text);
* sheet ``Om filen``: format, name, price year and preset of the set, and a
  short guide for the analyst who opens it.

The CSV file is the parameter table only (UTF-8 with BOM, ``;``-separated with
decimal comma, as Swedish Excel writes it; ``,``-separated files with decimal
points are read too); its measures come from a template set.

Both readers refuse what could hurt or mislead: a file over
:data:`model.files.parameter_files.MAX_FILE_BYTES` (or a workbook that unpacks to more than
:data:`MAX_UNPACKED_BYTES`), a cell holding a formula (its value would be
whatever Excel last computed, or nothing), text that is not UTF-8. Text that a
spreadsheet would run as a formula is written so that it stays text.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.files.parameter_files import check_size, decode_text, load_preset
from model.files.parameter_table import COLUMNS, parameter_rows, parameter_table
from model.files.result_export import HEADER_FILL, parameter_label
from model.parameters import FORMAT, Measure, ParameterError, Parameters, measure_from_mapping
from model.text.i18n import t

SHEET_PARAMETERS = "Parametrar"
SHEET_MEASURES = "Insatser"
SHEET_ABOUT = "Om filen"
MEASURE_COLUMNS = (
    "id",
    "label_sv",
    "label_en",
    "mechanism",
    "unit",
    "targets",
    "stay_targets",
    "evidence",
    "source",
)
ABOUT_KEYS = ("format", "name", "price_year", "preset")
NUMBER_COLUMNS = ("value", "low", "high", "price_year")
#: A workbook is a zip file; refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 50_000_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")


# --- the workbook -------------------------------------------------------------------------------------


def parameters_to_xlsx(params: Parameters, language: str = "sv") -> bytes:
    """The whole parameter set as an Excel workbook.

    Parameters
    ----------
    params : Parameters
        The set to write.
    language : str
        Language of the ``label`` column and the guide in ``Om filen``; sheet
        names and column ids are fixed so any copy reads back.

    Returns
    -------
    bytes
        An ``.xlsx`` file.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_PARAMETERS
    table = parameter_table(params)
    table.insert(1, "label", [parameter_label(n, params, language) for n in table["name"]])
    _write_rows(ws, list(table.columns), table.itertuples(index=False))
    _style(ws, {"name": 38, "label": 46, "group": 24, "source": 90}, default_width=12, wrap=("source",))

    wm = wb.create_sheet(SHEET_MEASURES)
    _write_rows(ws=wm, header=list(MEASURE_COLUMNS), rows=(_measure_row(m) for m in params.measures))
    _style(
        wm,
        {"id": 24, "label_sv": 40, "label_en": 40, "evidence": 60, "source": 90},
        default_width=18,
        wrap=("evidence", "source"),
    )

    wa = wb.create_sheet(SHEET_ABOUT)
    for key, value in zip(ABOUT_KEYS, (FORMAT, params.name, params.price_year, params.preset), strict=True):
        wa.append([key, _cell_value(value)])
    wa.append([])
    for key in ("title", "parameters", "measures", "edit", "formulas", "units"):
        wa.append([t(f"assumptions.file.about.{key}", language)])
    wa.column_dimensions["A"].width = 20
    wa.column_dimensions["B"].width = 60
    for (cell,) in wa.iter_rows(min_row=1, max_row=len(ABOUT_KEYS), max_col=1):
        cell.font = Font(bold=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _measure_row(m: Measure) -> list[object]:
    return [
        m.id,
        m.label_sv,
        m.label_en,
        m.mechanism,
        m.unit,
        ", ".join(m.targets),
        ", ".join(m.stay_targets),
        m.evidence,
        m.source,
    ]


def _cell_value(v: object) -> object:
    """A value as openpyxl should store it: None for missing, plain Python numbers."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item"):
        v = v.item()  # numpy scalar -> Python
    return v


def _write_rows(ws: Worksheet, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    ws.append(header)
    for row in rows:
        ws.append([None] * len(header))
        r = ws.max_row
        for j, raw in enumerate(row, start=1):
            v = _cell_value(raw)
            cell = ws.cell(row=r, column=j)
            if isinstance(v, float) and float(f"{v:.16g}") != v:
                # openpyxl writes numbers with 16 significant digits; keep the
                # exact value as text instead (read back exactly).
                cell.value, cell.data_type = repr(v), "s"
                continue
            cell.value = v
            if isinstance(v, str) and cell.data_type == "f":
                cell.data_type = "s"  # text beginning with '=' stays text, never a formula


def _style(ws: Worksheet, widths: Mapping[str, float], default_width: float, wrap: Sequence[str]) -> None:
    header = [c.value for c in ws[1]]
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for j, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(str(name), default_width)
        if name in wrap:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"


def parameters_from_xlsx(
    data: bytes, filename: str = "parametrar.xlsx", template: Parameters | None = None
) -> Parameters:
    """Read a parameter set from an Excel workbook written by :func:`parameters_to_xlsx`.

    Parameters
    ----------
    data : bytes
        The ``.xlsx`` file.
    filename : str
        Its name, used in messages.
    template : Parameters, optional
        Supplies the measures when the workbook has no ``Insatser`` sheet and
        the name when it has no ``Om filen`` sheet (default: the embedded
        default preset).

    Returns
    -------
    Parameters
        The validated set.

    Raises
    ------
    ParameterError
        ``bad_file`` (not a workbook, too large, a missing sheet or column, a
        formula in a cell — naming the sheet and cell) or a problem with a
        value, naming the parameter.
    """
    check_size(data, filename)
    if not data.strip():
        raise ParameterError(filename, "bad_file", reason="empty")
    wb = _open_workbook(data, filename)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formula = str(getattr(cell.value, "text", cell.value))
                    raise ParameterError(
                        f"{ws.title}!{cell.coordinate}", "bad_file", reason="formula", formula=formula[:60]
                    )
    if SHEET_PARAMETERS not in wb.sheetnames:
        raise ParameterError(filename, "bad_file", reason="missing_sheet", sheet=SHEET_PARAMETERS)
    records = _sheet_records(wb[SHEET_PARAMETERS], SHEET_PARAMETERS, decimal_comma=True)
    if not records:
        raise ParameterError(SHEET_PARAMETERS, "bad_file", reason="no_parameters")
    parameters = parameter_rows(pd.DataFrame(records, dtype=object), where=SHEET_PARAMETERS)
    base = template or load_preset()
    about = _about(wb[SHEET_ABOUT]) if SHEET_ABOUT in wb.sheetnames else {}
    if SHEET_MEASURES in wb.sheetnames:
        rows = _sheet_records(wb[SHEET_MEASURES], SHEET_MEASURES, decimal_comma=False, required=("id",))
        measures = tuple(measure_from_mapping(r) for r in rows)
    else:
        measures = _measures_in_use(base, parameters)
    fmt = about.get("format") or FORMAT
    if fmt != FORMAT:
        raise ParameterError(f"{SHEET_ABOUT}!B1", "bad_file", reason="unknown_format", value=fmt, expected=FORMAT)
    price_year = about.get("price_year")
    if price_year is None or price_year == "":
        price_year = base.price_year
    elif isinstance(price_year, str):
        price_year = number_text(price_year)
    try:
        year = int(float(price_year))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(f"{SHEET_ABOUT}!B3", "not_a_number", value=price_year) from None
    return Parameters(
        name=str(about.get("name") or base.name),
        price_year=year,
        parameters=parameters,
        measures=measures,
        preset=str(about.get("preset") or ""),
    )


def _open_workbook(data: bytes, filename: str):  # -> openpyxl Workbook
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ParameterError(filename, "bad_file", reason="not_xlsx") from None
    if unpacked > MAX_UNPACKED_BYTES:
        size, limit = round(unpacked / 1e6, 1), round(MAX_UNPACKED_BYTES / 1e6)
        raise ParameterError(filename, "bad_file", reason="too_large", size=size, limit=limit)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (styles, validation): irrelevant here.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False)
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, ...) for a broken package
        raise ParameterError(filename, "bad_file", reason="not_xlsx") from None


def _sheet_records(
    ws: Worksheet, where: str, decimal_comma: bool, required: Sequence[str] = ("name", "value")
) -> list[dict[str, object]]:
    """Rows of a sheet as dicts keyed by the header row; empty rows skipped."""
    rows = ws.iter_rows(values_only=True)
    header_row = next(rows, None)
    header = [str(h).strip() if h is not None else "" for h in (header_row or ())]
    for column in required:
        if column not in header:
            raise ParameterError(where, "bad_file", reason="missing_column", column=column)
    records = []
    for values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record = {h: v for h, v in zip(header, values, strict=False) if h}
        for col in NUMBER_COLUMNS:
            if isinstance(record.get(col), str):
                record[col] = number_text(record[col], decimal_comma)  # type: ignore[arg-type]
        records.append(record)
    return records


def _about(ws: Worksheet) -> dict[str, object]:
    out = {}
    for row in ws.iter_rows(max_col=2, values_only=True):
        if row and isinstance(row[0], str) and row[0].strip() in ABOUT_KEYS:
            out[row[0].strip()] = row[1] if len(row) > 1 else None
    return out


def _measures_in_use(template: Parameters, parameters: Sequence) -> tuple[Measure, ...]:
    """The template's measures that the table has parameters for (a measure with no rows is left out)."""
    ids = {p.name.split(".")[1] for p in parameters if p.name.startswith("measure.") and p.name.count(".") == 2}
    return tuple(m for m in template.measures if m.id in ids)


def number_text(text: str, decimal_comma: bool = True) -> str:
    """Normalise a number typed as text (``"6 500"``, ``"0,035"``, ``"−1"``) for ``float``.

    Text that is not a number is returned unchanged, so the message about it
    shows what the analyst typed.
    """
    s = text.strip().translate(_NUMBER_SPACES).replace("\u2212", "-")
    if decimal_comma and "," in s and "." not in s:
        s = s.replace(",", ".")
    try:
        float(s)
    except ValueError:
        return text
    return s


# --- the CSV table -----------------------------------------------------------------------------------


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
    v = _cell_value(v)
    if v is None:
        return ""
    if column in NUMBER_COLUMNS:
        x = float(v)  # type: ignore[arg-type]
        text = str(int(x)) if x.is_integer() and abs(x) < 2**53 else repr(x)
        return text.replace(".", ",")
    text = str(v)
    if text.startswith(_FORMULA_START) or text.startswith("'"):
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
        measures=_measures_in_use(base, parameters),
        preset=base.preset,
    )
