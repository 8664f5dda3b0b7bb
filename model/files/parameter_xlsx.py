"""Parameter sets as an Excel workbook: the whole set, bytes in, bytes out.

The workbook is the whole set, lossless both ways (reading what was written
gives an equal :class:`~model.parameters.Parameters`):

* sheet ``Parametrar``: one row per parameter, the columns of
  :data:`model.files.parameter_table.COLUMNS` plus a ``label`` column (a
  description in the chosen language, ignored when read);
* sheet ``Insatser``: the catalogue of measures (``targets`` and ``roles`` as
  ``a, b`` text, ``age_groups`` as ``age_0_12=0.6; age_13_17=0.4``);
* sheet ``Om filen``: format, name, price year, preset and area of the set,
  and a short guide for the analyst who opens it.

The reader refuses what could hurt or mislead: a file over
:data:`model.files.incoming.MAX_FILE_BYTES` (or a workbook that unpacks to
more than :data:`MAX_UNPACKED_BYTES`), a cell holding a formula (its value
would be whatever Excel last computed, or nothing). Text that a spreadsheet
would run as a formula is written so that it stays text.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.area import Area, load_area
from model.errors import ParameterError
from model.files.incoming import check_size
from model.files.parameter_table import NUMBER_COLUMNS, measures_in_use, number_text, parameter_rows, parameter_table
from model.files.presets import load_preset
from model.files.spreadsheet import active_sheet, plain_value, style_header
from model.parameters import FORMAT, Measure, Parameters
from model.records import age_groups_text, measure_from_mapping
from model.text.i18n import t
from model.text.labels import parameter_label

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
    "age_groups",
    "evidence_class",
    "evidence",
    "source",
    "default_share",
    "roles",
)
ABOUT_KEYS = ("format", "name", "price_year", "preset", "area")
#: A workbook is a zip file; refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 50_000_000


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
    ws = active_sheet(wb)
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
    about = (FORMAT, params.name, params.price_year, params.preset, params.area.id)
    for key, value in zip(ABOUT_KEYS, about, strict=True):
        wa.append([key, plain_value(value)])
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
        age_groups_text(m),
        m.evidence_class,
        m.evidence,
        m.source,
        m.default_share or None,
        ", ".join(m.roles),
    ]


def _write_rows(ws: Worksheet, header: list[str], rows: Iterable[Sequence[object]]) -> None:
    ws.append(header)
    for row in rows:
        ws.append([None] * len(header))
        r = ws.max_row
        for j, raw in enumerate(row, start=1):
            v = plain_value(raw)
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
        style_header(cell)
    for j, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(j)].width = widths.get(str(name), default_width)
        if name in wrap:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"


def parameters_from_xlsx(
    data: bytes, filename: str = "parametrar.xlsx", template: Parameters | None = None, *, area: Area | None = None
) -> Parameters:
    """Read a parameter set from an Excel workbook written by :func:`parameters_to_xlsx`.

    Parameters
    ----------
    data : bytes
        The ``.xlsx`` file.
    filename : str
        Its name, used in messages.
    template : Parameters, optional
        Supplies the measures when the workbook has no ``Insatser`` sheet, and
        the name, price year and area when it has no ``Om filen`` sheet
        (default: the embedded default preset).
    area : Area, optional
        The set's area, overriding the one ``Om filen`` names.

    Returns
    -------
    params : Parameters
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
    _refuse_formulas(wb)
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
        measures = measures_in_use(base, parameters)
    fmt = about.get("format") or FORMAT
    if fmt != FORMAT:
        raise ParameterError(f"{SHEET_ABOUT}!B1", "bad_file", reason="unknown_format", value=fmt, expected=FORMAT)
    return Parameters(
        name=str(about.get("name") or base.name),
        price_year=_price_year(about.get("price_year"), base.price_year),
        parameters=parameters,
        measures=measures,
        preset=str(about.get("preset") or ""),
        area=area or (load_area(str(about["area"])) if about.get("area") else base.area),
    )


def _refuse_formulas(wb: Workbook) -> None:
    """Raise naming the first cell that holds a formula (its value would be whatever Excel last computed)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formula = str(getattr(cell.value, "text", cell.value))
                    raise ParameterError(
                        f"{ws.title}!{cell.coordinate}", "bad_file", reason="formula", formula=formula[:60]
                    )


def _price_year(raw: object, default: int) -> int:
    """The price year of ``Om filen`` (the template's where it is empty)."""
    if raw is None or raw == "":
        return default
    value = number_text(raw) if isinstance(raw, str) else raw
    try:
        return int(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ParameterError(f"{SHEET_ABOUT}!B3", "not_a_number", value=value) from None


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
    records: list[dict[str, object]] = []
    for values in rows:
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record: dict[str, object] = {h: v for h, v in zip(header, values, strict=False) if h}
        for col in NUMBER_COLUMNS:
            text = record.get(col)
            if isinstance(text, str):
                record[col] = number_text(text, decimal_comma)
        records.append(record)
    return records


def _about(ws: Worksheet) -> dict[str, object]:
    out: dict[str, object] = {}
    for row in ws.iter_rows(max_col=2, values_only=True):
        if row and isinstance(row[0], str) and row[0].strip() in ABOUT_KEYS:
            out[row[0].strip()] = row[1] if len(row) > 1 else None
    return out


