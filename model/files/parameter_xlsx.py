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

The reader refuses what could hurt or mislead, checking sizes before the real
parse (:func:`read_sheets`): a file over
:data:`model.files.incoming.MAX_FILE_BYTES`, a workbook that unpacks to more
than :data:`MAX_UNPACKED_BYTES` or has more than
:data:`model.files.incoming.MAX_ROWS` rows, a cell holding a formula (its
value would be whatever Excel last computed, or nothing), a column or a
parameter twice. Text that a spreadsheet would run as a formula is written
with the apostrophe of every export (:func:`model.files.spreadsheet.reversible_text`)
and read back without it.
"""

# size: the reader and the writer of one format in one module, so what is written is what is read
# (the round trip is lossless and tested).

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.area import Area, load_area
from model.bibliography import bibliography
from model.errors import ParameterError, shorten
from model.files.incoming import MAX_ROWS, check_size
from model.files.parameter_table import at_row, measures_in_use, number_cells, parameter_rows, parameter_table
from model.files.presets import load_preset
from model.files.spreadsheet import active_sheet, plain_value, read_text, reversible_text, style_header
from model.parameters import FORMAT, Measure, Parameters, check_price_year
from model.plain_text import check_plain_text
from model.records import age_groups_text, measure_from_mapping
from model.text.i18n import t
from model.text.labels import parameter_label
from model.text.numbers import parse_number

SHEET_PARAMETERS = "Parametrar"
SHEET_MEASURES = "Insatser"
SHEET_ABOUT = "Om filen"
SHEET_SOURCES = "Källor"
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
    "sources",
    "note_sv",
    "note_en",
    "default_share",
    "roles",
)
ABOUT_KEYS = ("format", "name", "price_year", "preset", "area")
#: A workbook is a zip file; refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 50_000_000
#: A workbook written here has about ten parts; refuse a zip of many more.
MAX_ZIP_ENTRIES = 200
#: The most cells a part of a workbook may hold (10 000 rows of 20 cells).
MAX_CELLS = MAX_ROWS * 20


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
    _style(
        ws,
        {"name": 38, "label": 46, "group": 24, "sources": 30, "note_sv": 70, "note_en": 70},
        default_width=12,
        wrap=("sources", "note_sv", "note_en"),
    )

    wm = wb.create_sheet(SHEET_MEASURES)
    _write_rows(ws=wm, header=list(MEASURE_COLUMNS), rows=(_measure_row(m) for m in params.measures))
    _style(
        wm,
        {"id": 24, "label_sv": 40, "label_en": 40, "evidence": 60, "sources": 30, "note_sv": 70, "note_en": 70},
        default_width=18,
        wrap=("evidence", "sources", "note_sv", "note_en"),
    )

    wa = wb.create_sheet(SHEET_ABOUT)
    about = (FORMAT, params.name, params.price_year, params.preset, params.area.id)
    for key, value in zip(ABOUT_KEYS, about, strict=True):
        value = plain_value(value)
        wa.append([key, reversible_text(value) if isinstance(value, str) else value])
    wa.append([])
    for key in ("title", "parameters", "measures", "edit", "formulas", "units"):
        wa.append([t(f"assumptions.file.about.{key}", language)])
    wa.column_dimensions["A"].width = 20
    wa.column_dimensions["B"].width = 60
    for (cell,) in wa.iter_rows(min_row=1, max_row=len(ABOUT_KEYS), max_col=1):
        cell.font = Font(bold=True)
    # The full citation of every cited id: what a finance department needs to find a source (not read back).
    wsrc = wb.create_sheet(SHEET_SOURCES)
    known = bibliography()
    _write_rows(wsrc, ["id", "citation"], ([i, known[i].citation()] for i in params.cited_ids() if i in known))
    _style(wsrc, {"id": 34, "citation": 120}, default_width=20, wrap=("citation",))

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
        ", ".join(m.sources),
        m.note_sv,
        m.note_en,
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
            # The one guard of every export: text a spreadsheet would run as a formula gets an apostrophe
            # (removed again when the workbook is read back); it is written as text, never a formula.
            cell.value = reversible_text(v) if isinstance(v, str) else v
            if isinstance(v, str):
                cell.data_type = "s"


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
        ``bad_file`` (not a workbook, too large, too many rows, a missing sheet
        or column, a formula in a cell — naming the sheet and cell) or a
        problem with a value, naming the parameter and the row.
    """
    check_size(data, filename)
    if not data.strip():
        raise ParameterError(filename, "bad_file", reason="empty")
    sheets = read_sheets(data, filename)
    if SHEET_PARAMETERS not in sheets:
        raise ParameterError(filename, "bad_file", reason="missing_sheet", sheet=SHEET_PARAMETERS)
    records = _sheet_records(sheets[SHEET_PARAMETERS], SHEET_PARAMETERS, numbers=True)
    if not records:
        raise ParameterError(SHEET_PARAMETERS, "bad_file", reason="no_parameters")
    lines = [int(r.pop(_ROW)) for r in records]  # type: ignore[call-overload]
    parameters = parameter_rows(pd.DataFrame(records, dtype=object), where=SHEET_PARAMETERS, row_numbers=lines)
    base = template or load_preset()
    about = _about(sheets[SHEET_ABOUT]) if SHEET_ABOUT in sheets else {}
    if SHEET_MEASURES in sheets:
        rows = _sheet_records(sheets[SHEET_MEASURES], SHEET_MEASURES, numbers=False, required=("id",))
        measures = tuple(_measure(r, int(r.pop(_ROW))) for r in rows)  # type: ignore[call-overload]
    else:
        measures = measures_in_use(base, parameters)
    fmt = about.get("format") or FORMAT
    if fmt != FORMAT:
        raise ParameterError(
            f"{SHEET_ABOUT}!B1", "bad_file", reason="unknown_format", value=shorten(fmt), expected=FORMAT
        )
    name = about.get("name")
    return Parameters(
        name=check_plain_text(name, f"{SHEET_ABOUT}!B2", ParameterError).strip() if name else base.name,
        price_year=_price_year(about.get("price_year"), base.price_year),
        parameters=parameters,
        measures=measures,
        preset=check_plain_text(about.get("preset") or "", f"{SHEET_ABOUT}!B4", ParameterError, limit=64),
        area=area or _area(about.get("area"), base),
    )


def _measure(row: Mapping[str, object], line: int) -> Measure:
    try:
        return measure_from_mapping(row)
    except ParameterError as exc:
        raise at_row(exc, SHEET_MEASURES, line) from None


def _area(raw: object, base: Parameters) -> Area:
    if not raw:
        return base.area
    if not isinstance(raw, str):
        raise ParameterError(f"{SHEET_ABOUT}!B5", "bad_file", reason="unknown_area", value=shorten(raw))
    return load_area(raw)


def _price_year(raw: object, default: int) -> int:
    """The price year of ``Om filen`` (the template's where it is empty)."""
    if raw is None or raw == "":
        return default
    field = f"{SHEET_ABOUT}!B3"
    return check_price_year(parse_number(raw, field) if isinstance(raw, str) else raw, field)


# --- reading a workbook from outside: sizes first, then a read-only pass ------------------------------


#: One sheet as read: its rows of cell values (formulas refused, guard apostrophes removed).
Rows = list[tuple[object, ...]]


def read_sheets(data: bytes, filename: str) -> dict[str, Rows]:
    """Every sheet's rows, read from a workbook only after its sizes have been checked.

    The zip's declared sizes are checked first (at most :data:`MAX_ZIP_ENTRIES`
    parts and :data:`MAX_UNPACKED_BYTES` unpacked), then each part's rows and
    cells are counted on the unpacked stream, stopping as soon as one has more
    than :data:`~model.files.incoming.MAX_ROWS` rows or :data:`MAX_CELLS` cells
    (a workbook of a million rows is refused after its first ten thousand);
    only then does openpyxl read the workbook, in read-only mode.
    """
    _check_package(data, filename)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (styles, validation): irrelevant here.
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                return {ws.title: _rows(ws) for ws in wb.worksheets}
            finally:
                wb.close()
    except ParameterError:
        raise
    except Exception:  # openpyxl raises many kinds (KeyError, XML errors, ...) for a broken package
        raise ParameterError(filename, "bad_file", reason="not_xlsx") from None


def _rows(ws) -> Rows:  # a read-only worksheet
    """The rows of *ws* as values; a cell that holds a formula is refused, naming the sheet and cell."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # read every row the sheet has, not what its (editable) dimension tag claims
    rows: Rows = []
    for row in ws.iter_rows():
        values = []
        for cell in row:
            if cell.data_type == "f":
                formula = str(getattr(cell.value, "text", cell.value))
                where = f"{ws.title}!{getattr(cell, 'coordinate', '?')}"
                raise ParameterError(where, "bad_file", reason="formula", formula=formula[:60])
            values.append(read_text(cell.value))
        rows.append(tuple(values))
    return rows


def _check_package(data: bytes, filename: str) -> None:
    """Refuse a zip with too many parts, too many unpacked bytes, or a part with too many rows or cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise ParameterError(filename, "bad_file", reason="not_xlsx")
            unpacked = sum(info.file_size for info in infos)
            if unpacked > MAX_UNPACKED_BYTES:
                size, limit = round(unpacked / 1e6, 1), round(MAX_UNPACKED_BYTES / 1e6)
                raise ParameterError(filename, "bad_file", reason="too_large", size=size, limit=limit)
            for info in infos:
                if info.filename.lower().endswith(".xml"):
                    _count_rows(zf, info, filename)
    except ParameterError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError):
        raise ParameterError(filename, "bad_file", reason="not_xlsx") from None


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_CHUNK = 1 << 20
_ROW = "\0row"  # a record's row in the sheet (a key no header can have)
_KEEP = 64


def _count_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str) -> None:
    """Count the row and cell tags of one part while unpacking it; stop at the first limit passed."""
    counts = [0, 0]  # rows, cells
    read = 0
    tail = b""
    with zf.open(info) as part:
        while chunk := part.read(_CHUNK):
            read += len(chunk)
            if read > info.file_size:  # the part unpacks to more than the zip declares
                raise ParameterError(filename, "bad_file", reason="not_xlsx")
            text = tail + chunk
            # A tag that starts in the last bytes may be cut: it is counted in the next round.
            _count_tags(text, len(text) - _KEEP, counts, filename)
            tail = text[-_KEEP:]
    _count_tags(tail, len(tail), counts, filename)


def _count_tags(text: bytes, end: int, counts: list[int], filename: str) -> None:
    counts[0] += sum(1 for m in _ROW_TAG.finditer(text) if m.start() < end)
    counts[1] += sum(1 for m in _CELL_TAG.finditer(text) if m.start() < end)
    if counts[0] > MAX_ROWS + 1 or counts[1] > MAX_CELLS:  # the header row comes on top
        raise ParameterError(filename, "bad_file", reason="too_many_rows", limit=MAX_ROWS)


def _sheet_records(
    rows: Rows, where: str, numbers: bool, required: Sequence[str] = ("name", "value")
) -> list[dict[str, object]]:
    """Rows of a sheet as dicts keyed by the header row; empty rows skipped.

    On the parameter sheet (*numbers*), number columns typed as text are read
    by :func:`model.text.numbers.parse_number` with no declared convention
    (the workbook's own numbers are numbers; text like ``6.500`` is refused
    as ambiguous).
    """
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
    for column in required:
        if column not in header:
            raise ParameterError(where, "bad_file", reason="missing_column", column=column)
    for column in header:
        if column and header.count(column) > 1:
            raise ParameterError(where, "bad_file", reason="duplicate_column", column=column[:40])
    records: list[dict[str, object]] = []
    for line, values in enumerate(rows[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record: dict[str, object] = {h: v for h, v in zip(header, values, strict=False) if h}
        if numbers:
            try:
                record = number_cells(record, line, decimal=None)
            except ParameterError as exc:
                raise at_row(exc, where, line) from None
        record[_ROW] = line
        records.append(record)
    return records


def _about(rows: Rows) -> dict[str, object]:
    out: dict[str, object] = {}
    for row in rows:
        if row and isinstance(row[0], str) and row[0].strip() in ABOUT_KEYS:
            key = row[0].strip()
            if key in out:
                raise ParameterError(SHEET_ABOUT, "bad_file", reason="duplicate_column", column=key)
            out[key] = row[1] if len(row) > 1 else None
    return out
