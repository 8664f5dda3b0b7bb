"""What spreadsheet programs open: shared helpers for every workbook and CSV file the model writes.

One guard against formula injection (:func:`safe_text`: text a spreadsheet
would run as a formula stays text), one header style, the Excel number
formats, print settings (A4, fitted to the width, titles repeated) and row
heights for wrapped text, and the CSV dialect of each language (Swedish:
``;``-separated with a decimal comma, UTF-8 with BOM, as Swedish Excel reads it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from model.text.i18n import mnkr_unit

#: What a spreadsheet reads as the start of a formula (or of a cell split by a line break).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Excel number formats; Excel shows the user's own separators (space and comma
# in Swedish Excel), the codes themselves are always written US-style.
FMT_SEK = '#,##0" kr";-#,##0" kr"'
FMT_NUMBER = "#,##0"
FMT_DECIMAL = "#,##0.0"
FMT_SHARE = "0%"
FMT_PARAMETER = "#,##0.###"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
FONT = "Calibri"  # the workbook default; a Font() without a name prints in a serif in LibreOffice
HEADER_FONT = Font(name=FONT, bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DIFF_FILL = PatternFill("solid", fgColor="FCE8C8")
LINE_HEIGHT = 15.0  # points per line of 11-pt Calibri
PAGE_HEIGHT = 480.0  # printable points on landscape A4 (595 pt) within 0.75-inch top and bottom margins
ROW_HEIGHT = 13.2  # points of a default (unwrapped) row as spreadsheet programs draw it
SHEET_NAME_CHARS = 31  # Excel's limit
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\\r\n\t"})
#: Characters an .xlsx cell cannot hold (openpyxl refuses them and the whole export fails).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# --- text that stays text ---------------------------------------------------------------------


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would read *text* as a formula (CSV/formula injection)."""
    return text.startswith(FORMULA_START)


def safe_text(value: object) -> Any:
    """Neutralise text that a spreadsheet would run as a formula (a leading apostrophe).

    Characters a workbook cannot hold (control characters) are dropped too, so
    an export never fails on text that came from outside.
    """
    if isinstance(value, str):
        value = _ILLEGAL.sub("", value) if _ILLEGAL.search(value) else value
        if is_formula_like(value):
            return "'" + value
    return value


def message_workbook(title: str, text: str) -> bytes:
    """A one-sheet workbook that says *text* (what a failed export delivers instead of nothing)."""
    wb = Workbook()
    ws = active_sheet(wb)
    ws.title = sheet_title(title, ())
    ws.cell(row=1, column=1, value=safe_text(text)).alignment = WRAP
    ws.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def reversible_text(text: str) -> str:
    """*text* neutralised so that :func:`read_text` gives it back exactly (for files that are read again).

    Formula-like text gets the apostrophe of :func:`safe_text`; text that
    already starts with one gets a second, so the reader can remove exactly one.
    Characters a workbook cannot hold are dropped (readers refuse them anyway).
    """
    text = _ILLEGAL.sub("", text) if _ILLEGAL.search(text) else text
    return "'" + text if is_formula_like(text) or text.startswith("'") else text


def read_text(value: Any) -> Any:
    """The inverse of :func:`reversible_text` for a cell read back (other values pass unchanged)."""
    return value[1:] if isinstance(value, str) and value.startswith("'") else value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of *df* whose text cells and column labels are neutralised (:func:`safe_text`)."""
    out = df.copy()
    for i in range(out.shape[1]):  # by position: two columns may share a label
        column = out.iloc[:, i]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out.isetitem(i, column.map(safe_text).to_numpy())
    out.columns = [safe_text(c) for c in out.columns]
    return out


def plain_value(v: object) -> Any:
    """A value as openpyxl should store it: None for missing, plain Python numbers."""
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        v = v.item()  # numpy scalar -> Python
    return v


def cell_value(v: object) -> Any:
    """A value for a cell: plain (:func:`plain_value`) and neutralised (:func:`safe_text`)."""
    return safe_text(plain_value(v))


def csv_bytes(df: pd.DataFrame, language: str = "sv") -> bytes:
    """A neutralised table as CSV: UTF-8 with BOM; Swedish ``;``-separated with a decimal comma."""
    df = safe_frame(df)
    text = df.to_csv(index=False, sep=";", decimal=",") if language == "sv" else df.to_csv(index=False)
    return ("\ufeff" + text).encode("utf-8")


# --- styles and formats -------------------------------------------------------------------------


def active_sheet(wb: Workbook) -> Worksheet:
    """The first sheet of a workbook made here (a new workbook always has one)."""
    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError("the workbook has no worksheet")
    return ws


def sheet_names(ws: Worksheet) -> list[str]:
    """The names of the sheets in *ws*'s workbook."""
    return list(ws.parent.sheetnames) if ws.parent is not None else []


def style_header(cell: Cell | MergedCell) -> None:
    """The one header style: bold Calibri on a light blue fill."""
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL


def fmt_mnkr_code(language: str = "sv") -> str:
    """An Excel number format that shows kronor as million kronor (``12,3 mnkr``); the cell keeps kronor."""
    unit = mnkr_unit(language)
    return f'#,##0.0,," {unit}";-#,##0.0,," {unit}";0.0" {unit}"'


def kind_format(kind: str, language: str = "sv") -> str | None:
    """The Excel number format for a value kind of :mod:`model.analysis.compare`."""
    return {
        "sek": fmt_mnkr_code(language),
        "year": "0",
        "ratio": "0.00",
        "decimal": FMT_DECIMAL,
        "number": FMT_NUMBER,
        "share": FMT_SHARE,
        "percent": "0.0%",
    }.get(kind)


def setup_print(ws: Worksheet, title_rows: str | None = None, title_cols: str | None = None,
                landscape: bool = True) -> None:
    """Print settings: A4, fit to the page width, repeated titles, sheet name and page numbers."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit_to_page(ws)
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    if ws.oddHeader is not None and ws.oddFooter is not None:
        ws.oddHeader.left.text = "Omställningskalkylen – &A"
        ws.oddFooter.right.text = "&P / &N"


def fit_to_page(ws: Worksheet) -> None:
    """Scale the sheet to the page (as wide as ``fitToWidth`` pages)."""
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def fit_rows(ws: Worksheet, min_row: int = 1) -> None:
    """Set the height of rows whose wrapped text needs more than one line.

    Spreadsheet programs do not reliably grow a row for wrapped text in a file
    they open, so printed text would overlap; the height is estimated from the
    text length and the column width (merged cells: the merged width).
    """
    merged = {}
    for rng in ws.merged_cells.ranges:
        width = sum(_width(ws, c) for c in range(rng.min_col, rng.max_col + 1))
        merged[(rng.min_row, rng.min_col)] = width
    for row in ws.iter_rows(min_row=min_row):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.alignment is None or not cell.alignment.wrap_text:
                continue
            width = merged.get((cell.row, cell.column), _width(ws, cell.column))
            # A column unit is the width of "0"; average text is ~20 % narrower, bold ~10 % wider.
            bold = 1.1 if cell.font is not None and cell.font.bold else 1.0
            chars = max(1.0, (width - 1) * 1.2 / bold)
            need = sum(max(1, -(-len(part) // int(chars))) for part in cell.value.split("\n"))
            lines = max(lines, need)
        if lines > 1:
            ws.row_dimensions[int(row[0].row or 0)].height = lines * LINE_HEIGHT + 2


def _width(ws: Worksheet, column: int) -> float:
    return ws.column_dimensions[get_column_letter(column)].width or 8.43


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name from user text (≤ 31 characters, none of ``[]:*?/`` or a backslash).

    A longer text is cut after its last whole word that fits, marked with "…"
    (a single word longer than the limit is cut inside).
    """
    base = " ".join(str(text).translate(_SHEET_FORBIDDEN).split()).strip("'") or "Blad"
    taken_lower = {n.lower() for n in taken}
    name, k = _fit_words(base, SHEET_NAME_CHARS), 2
    while name.lower() in taken_lower:
        suffix = f" ({k})"
        name = _fit_words(base, SHEET_NAME_CHARS - len(suffix)) + suffix
        k += 1
    return name


def _fit_words(text: str, limit: int) -> str:
    """*text* if it fits in *limit* characters, else its whole words that fit and "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" –-,").strip("'") + "…"


def header_row(ws: Worksheet, row: int, values: Sequence[object], left: Iterable[int] = (1,)) -> None:
    """A bold header row; columns in *left* (text) are left-aligned, the others (numbers) right."""
    left = set(left)
    for j, v in enumerate(values, start=1):
        cell = ws.cell(row=row, column=j, value=cell_value(v))
        style_header(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if j in left else "right")


def write_title(ws: Worksheet, text: str, subtitle: str = "") -> int:
    """Title (and subtitle) at the top of a sheet; returns the next free row."""
    ws.cell(row=1, column=1, value=safe_text(text)).font = Font(name=FONT, bold=True, size=14)
    ws.row_dimensions[1].height = 20
    if subtitle:
        ws.cell(row=2, column=1, value=safe_text(subtitle)).font = Font(name=FONT, italic=True, color="555555")
        return 4
    return 3


def write_heading(ws: Worksheet, row: int, text: str) -> None:
    """A bold heading in column A of *row*."""
    ws.cell(row=row, column=1, value=safe_text(text)).font = Font(name=FONT, bold=True, size=12)
    ws.row_dimensions[row].height = 18


def put(ws: Worksheet, row: int, column: int, value: object, fmt: str | None = None,
         align: Alignment | None = None) -> None:
    """One cell: a neutralised value ("–" for none), its number format, and text aligned right unless said."""
    cell = ws.cell(row=row, column=column, value="–" if value is None else cell_value(value))
    if fmt and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        cell.number_format = fmt
    if align is not None:
        cell.alignment = align
    elif isinstance(cell.value, str):
        cell.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)
    else:
        cell.alignment = Alignment(vertical="top")




def write_table(ws: Worksheet, df: pd.DataFrame, formats: Sequence[str | None], widths: Sequence[float]) -> None:
    """A table from row 1: styled header, values, number formats and widths per column, print settings."""
    ws.append([safe_text(str(c)) for c in df.columns])
    for cell in ws[1]:
        style_header(cell)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in df.itertuples(index=False):
        ws.append([cell_value(v) for v in row])
    for j, (fmt, width) in enumerate(zip(formats, widths, strict=True), start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
    ws.freeze_panes = "B2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit_to_page(ws)
