"""Exports: a scenario's tables as CSV and as an Excel workbook (bytes, pure).

The workbook is what a municipality's finance department opens: sheet 1 the
yearly results with labelled columns, sheet 2 every assumption with unit,
range, source and confidence, sheet 3 the headline figures. Text that a user
typed (scenario names, notes, sources) is neutralised so a spreadsheet never
reads it as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from model.files.parameter_table import parameter_table
from model.parameters import CARE_FORMS, Parameters
from model.results import Result
from model.text.i18n import t

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Excel number formats; Excel shows the user's own separators (space and comma
# in Swedish Excel), the codes themselves are always written US-style.
FMT_SEK = '#,##0" kr";-#,##0" kr"'
FMT_NUMBER = "#,##0"
FMT_DECIMAL = "#,##0.0"
FMT_SHARE = "0%"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
FONT = "Calibri"  # the workbook default; a Font() without a name prints in a serif in LibreOffice


def safe_text(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for i in range(out.shape[1]):  # by position: two columns may share a label
        column = out.iloc[:, i]
        if column.dtype == object or pd.api.types.is_string_dtype(column):
            out.isetitem(i, column.map(safe_text))
    out.columns = [safe_text(c) for c in out.columns]
    return out


def column_label(column: str, language: str = "sv", params: Parameters | None = None) -> str:
    """A human label for a column of ``Result.yearly``."""
    key = f"col.{column}"
    text = t(key, language)
    if text != key:
        return text
    for variant in ("baseline", "scenario"):
        for form in CARE_FORMS:
            for kind in ("children", "care_days", "cost"):
                suffix = "_sek" if kind == "cost" else ""
                if column == f"{kind}_{form.id}_{variant}{suffix}":
                    return t(
                        f"col.form.{kind}",
                        language,
                        form=form.label(language),
                        variant=t(f"variant.{variant}", language),
                    )
    if params is not None:
        for m in params.measures:
            if column == f"families_reached_{m.id}":
                return t("col.measure.families", language, measure=m.label(language))
            if column == f"prevention_{m.id}_sek":
                return t("col.measure.spent", language, measure=m.label(language))
    return column


def labelled_yearly(result: Result, language: str = "sv") -> pd.DataFrame:
    """``result.yearly`` with human column labels."""
    df = result.yearly.copy()
    df.columns = [column_label(c, language, result.params) for c in df.columns]
    return df


def to_csv_bytes(result: Result, language: str = "sv") -> bytes:
    """The yearly table as CSV (UTF-8 with BOM, ';'-separated with decimal comma in Swedish)."""
    df = _safe_frame(labelled_yearly(result, language))
    if language == "sv":
        text = df.to_csv(index=False, sep=";", decimal=",")
    else:
        text = df.to_csv(index=False)
    return ("\ufeff" + text).encode("utf-8")


def _write_table(ws: Worksheet, df: pd.DataFrame, formats: Sequence[str | None], widths: Sequence[float]) -> None:
    ws.append([safe_text(str(c)) for c in df.columns])
    for cell in ws[1]:
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in df.itertuples(index=False):
        ws.append([_cell(v) for v in row])
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
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _cell(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if hasattr(v, "item"):
        v = v.item()  # numpy scalar -> Python
    return safe_text(v)


def _yearly_formats(columns: Iterable[str]) -> list[str | None]:
    out: list[str | None] = []
    for c in columns:
        if c == "year":
            out.append("0")
        elif c.endswith("_sek"):
            out.append(FMT_SEK)
        elif "share" in c:
            out.append(FMT_SHARE)
        elif c == "external_budget_holds":
            out.append(None)
        else:
            out.append(FMT_DECIMAL)
    return out


def write_assumptions_sheet(ws: Worksheet, params: Parameters, language: str = "sv") -> None:
    """Every assumption with its unit, range, source and confidence."""
    df = parameter_table(params)
    df.insert(1, "label", [parameter_label(n, params, language) for n in df["name"]])
    df = df.drop(columns=["group"])
    df.columns = [t(f"assumptions.col.{c}", language) for c in df.columns]
    formats = [None, None, "#,##0.###", None, "#,##0.###", "#,##0.###", "0", None, None, None, None]
    # Narrow enough to print at ~75 % on landscape A4; long labels and sources wrap.
    widths = [34, 34, 10, 12, 9, 9, 7, 5, 9, 11, 56]
    _write_table(ws, df, formats, widths)
    for col in (1, 2, 4, 11):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = Alignment(vertical="top")
    fit_rows(ws)
    setup_print(ws, title_rows="1:1")


def parameter_label(name: str, params: Parameters, language: str = "sv") -> str:
    """A human label for a parameter name such as ``care.hvb.cost_per_day``."""
    parts = name.split(".")
    forms = {c.id: c.label(language) for c in CARE_FORMS}
    if parts[0] == "care":
        return t(f"param.care.{parts[2]}", language, form=forms.get(parts[1], parts[1]))
    if parts[0] == "flow":
        return t("param.flow", language, source=forms.get(parts[1], parts[1]), target=forms.get(parts[2], parts[2]))
    if parts[0] == "measure":
        label = params.measure(parts[1]).label(language) if parts[1] in params.measure_ids else parts[1]
        return t(f"param.measure.{parts[2]}", language, measure=label)
    return t(f"param.{name}", language)


def to_xlsx_bytes(
    result: Result, language: str = "sv", *, note: str = "", reference: Parameters | None = None
) -> bytes:
    """A workbook: yearly results, assumptions with sources, and the summary.

    Parameters
    ----------
    result : Result
        The scenario's run.
    language : str
        "sv" or "en".
    note : str
        The author's note, written under the summary (neutralised).
    reference : Parameters, optional
        The set the scenario's assumptions are compared with (its preset): when
        any assumption differs, a fourth sheet lists exactly which.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = t("export.sheet.yearly", language)
    df = labelled_yearly(result, language)
    formats = _yearly_formats(result.yearly.columns)
    widths = [8] + [16] * (len(df.columns) - 1)
    _write_table(ws, df, formats, widths)
    # ~90 columns: print them on as many pages across as needed (12 a page), the year repeated on each.
    ws.page_setup.fitToWidth = max(1, -(-len(df.columns) // 12))
    ws.print_title_cols = "A:A"
    fit_rows(ws)
    write_assumptions_sheet(wb.create_sheet(t("export.sheet.assumptions", language)), result.params, language)
    summary = wb.create_sheet(t("export.sheet.summary", language))
    write_summary_sheet(summary, result, language)
    if note.strip():
        summary.append([t("scenarios.export.note", language), safe_text(note)])
        summary.cell(row=summary.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    for (cell,) in summary.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fit_rows(summary)
    setup_print(summary)
    if reference is not None:
        from model.analysis.compare import assumption_differences  # local: compare imports this module

        diffs = assumption_differences([reference, result.params])
        if diffs:
            sheet = wb.create_sheet(t("scenarios.export.sheet.changed", language))
            write_changed_assumptions_sheet(sheet, diffs, reference, result.params, language)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def summary_rows(result: Result, language: str = "sv") -> list[tuple[str, object, str | None]]:
    """(label, value, number format) rows of a scenario's headline figures."""
    s, sc = result.summary, result.scenario
    return [
        (t("summary.scenario_name", language), safe_text(sc.name) or "–", None),
        (t("summary.parameter_set", language), safe_text(result.params.name), None),
        (t("summary.years", language), f"{sc.first_year}–{sc.last_year}", None),
        (t("summary.shift", language), sc.shift_sek_per_year, FMT_SEK),
        (t("summary.ramp_years", language), sc.ramp_years, "0"),
        (t("summary.start_year", language), sc.shift_start_year, "0"),
        (t("summary.net_total", language), s["net_total_sek"], FMT_SEK),
        (t("summary.net_cash_total", language), s["net_cash_total_sek"], FMT_SEK),
        (t("summary.net_capacity_total", language), s["net_capacity_total_sek"], FMT_SEK),
        (t("summary.npv", language), s["npv_sek"], FMT_SEK),
        (t("summary.payback_year", language), s["payback_year"] or t("summary.no_payback", language), "0"),
        (t("summary.bcr", language), s["benefit_cost_ratio"], "0.00"),
        (t("summary.placements_avoided", language), s["placements_avoided"], FMT_DECIMAL),
        (t("summary.families_reached", language), s["families_reached"], FMT_NUMBER),
        (t("summary.discount_rate", language), s["discount_rate"], "0.0%"),
        (t("summary.price_year", language), result.params.price_year, "0"),
    ] + [
        (t("summary.mix", language, measure=result.params.measure(k).label(language)), v, FMT_SHARE)
        for k, v in sc.mix_dict.items()
        if v > 0
    ]


def write_summary_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    ws.append([t("summary.title", language)])
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    for label, value, fmt in summary_rows(result, language):
        ws.append([label, value])
        if fmt:
            ws.cell(row=ws.max_row, column=2).number_format = fmt
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 24


# --- print settings and the comparison workbook ---------------------------------------------

WRAP = Alignment(wrap_text=True, vertical="top")
DIFF_FILL = PatternFill("solid", fgColor="FCE8C8")
LINE_HEIGHT = 15.0  # points per line of 11-pt Calibri
PAGE_HEIGHT = 480.0  # printable points on landscape A4 (595 pt) within 0.75-inch top and bottom margins
ROW_HEIGHT = 13.2  # points of a default (unwrapped) row as spreadsheet programs draw it
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\\r\n\t"})


def fmt_mnkr_code(language: str = "sv") -> str:
    """An Excel number format that shows kronor as million kronor (``12,3 mnkr``); the cell keeps kronor."""
    unit = "mnkr" if language == "sv" else "MSEK"
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
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddHeader.left.text = "Omställningskalkylen – &A"
    ws.oddFooter.right.text = "&P / &N"


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
            ws.row_dimensions[row[0].row].height = lines * LINE_HEIGHT + 2


def _width(ws: Worksheet, column: int) -> float:
    return ws.column_dimensions[get_column_letter(column)].width or 8.43


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name from user text (≤ 31 characters, no []:*?/\\, no edge apostrophes)."""
    base = " ".join(str(text).translate(_SHEET_FORBIDDEN).split()).strip("'") or "Blad"
    base = base[:31].rstrip().strip("'")
    taken_lower = {n.lower() for n in taken}
    name, k = base, 2
    while name.lower() in taken_lower:
        suffix = f" ({k})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        k += 1
    return name


def _header_row(ws: Worksheet, row: int, values: Sequence[object], left: Iterable[int] = (1,)) -> None:
    """A bold header row; columns in *left* (text) are left-aligned, the others (numbers) right."""
    left = set(left)
    for j, v in enumerate(values, start=1):
        cell = ws.cell(row=row, column=j, value=safe_text(v) if isinstance(v, str) else v)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="left" if j in left else "right")


def _title(ws: Worksheet, text: str, subtitle: str = "") -> int:
    """Title (and subtitle) at the top of a sheet; returns the next free row."""
    ws.cell(row=1, column=1, value=safe_text(text)).font = Font(name=FONT, bold=True, size=14)
    ws.row_dimensions[1].height = 20
    if subtitle:
        ws.cell(row=2, column=1, value=safe_text(subtitle)).font = Font(name=FONT, italic=True, color="555555")
        return 4
    return 3


def _heading(ws: Worksheet, row: int, text: str) -> None:
    ws.cell(row=row, column=1, value=safe_text(text)).font = Font(name=FONT, bold=True, size=12)
    ws.row_dimensions[row].height = 18


def _put(ws: Worksheet, row: int, column: int, value: object, fmt: str | None = None,
         align: Alignment | None = None) -> None:
    cell = ws.cell(row=row, column=column, value="–" if value is None else _cell(value))
    if fmt and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        cell.number_format = fmt
    if align is not None:
        cell.alignment = align
    elif isinstance(cell.value, str):
        cell.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)
    else:
        cell.alignment = Alignment(vertical="top")


def write_changed_assumptions_sheet(ws: Worksheet, diffs: Sequence, reference: Parameters, params: Parameters,
                                    language: str = "sv") -> None:
    """The assumptions in which *params* differs from *reference* (its preset)."""
    row = _title(ws, t("scenarios.export.changed_title", language),
                 t("scenarios.export.changed_subtitle", language, reference=reference.name))
    head = [t(f"scenarios.export.col.{k}", language)
            for k in ("assumption", "name", "unit", "reference", "value", "what", "source")]
    _header_row(ws, row, head, left=(1, 2, 3, 6, 7))
    head_row = row
    for d in diffs:
        row += 1
        p = params if d.values[1] is not None else reference
        _put(ws, row, 1, parameter_label(d.name, p, language), align=WRAP)
        _put(ws, row, 2, d.name, align=WRAP)
        _put(ws, row, 3, d.unit, align=WRAP)
        _put(ws, row, 4, d.values[0], "#,##0.###")
        _put(ws, row, 5, d.values[1], "#,##0.###")
        _put(ws, row, 6, ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what), align=WRAP)
        _put(ws, row, 7, d.sources[1] or "–", align=WRAP)
    for letter, width in zip("ABCDEFG", (40, 30, 12, 13, 13, 14, 56), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}")


#: Key yearly columns for a scenario's sheet in the comparison workbook.
COMPARE_YEARLY_COLUMNS = (
    "year", "cost_baseline_sek", "cost_scenario_sek", "net_sek", "cumulative_net_sek",
    "external_budget_sek", "external_forecast_sek", "external_budget_deviation_sek",
    "children_placed_baseline", "children_placed_scenario",
    "children_institution_baseline", "children_institution_scenario",
    "placements_avoided", "families_reached", "family_homes_in_pool",
)

#: Yearly blocks side by side: (column of model.analysis.compare.yearly_long, kind, baseline shown).
COMPARE_YEARLY_BLOCKS = (
    ("net_sek", "sek", False),
    ("cumulative_net_sek", "sek", False),
    ("cost_sek", "sek", True),
    ("external_budget_deviation_sek", "sek", False),
    ("children_placed", "decimal", True),
    ("children_institution", "decimal", True),
    ("family_share", "share", True),
    ("placements_avoided", "decimal", False),
)


def comparison_to_xlsx_bytes(candidates: Sequence, language: str = "sv", created: str = "") -> bytes:
    """The comparison workbook, ready to print and to paste into a decision memo.

    Parameters
    ----------
    candidates : sequence of model.analysis.compare.Candidate
        The baseline (``is_baseline``, usually first) and the 2–4 scenarios compared.
    language : str
        "sv" or "en".
    created : str
        A time stamp for the title (text, e.g. "2026-11-22 09:30").

    Returns
    -------
    bytes
        An .xlsx workbook: the summary side by side; the yearly figures side by
        side; one yearly sheet per scenario; the differences (levers and
        assumptions); the assumptions with sources (one sheet per distinct
        parameter set). Amounts are kronor in the cells, shown as mnkr; every
        sheet prints on landscape A4, fitted to the width, with its headings
        repeated on each page. Names and notes are neutralised text.
    """
    from model.analysis.compare import unique_names  # local: compare imports this module

    names = unique_names([c.name for c in candidates])
    wb = Workbook()
    _write_compare_summary(wb.active, candidates, names, language, created)
    _write_compare_yearly(wb.create_sheet("_"), candidates, names, language)
    for name, c in zip(names, candidates, strict=True):
        if not c.is_baseline:
            title = sheet_title(t("scenarios.export.sheet.scenario", language, name=name), wb.sheetnames)
            _write_scenario_yearly(wb.create_sheet(title), name, c, language)
    _write_compare_differences(wb.create_sheet("_d"), candidates, names, language)
    _write_compare_assumptions(wb, candidates, names, language)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _write_compare_summary(ws: Worksheet, candidates: Sequence, names: Sequence[str], language: str,
                           created: str) -> None:
    from model.analysis.compare import HEADLINE_KIND, headline_frame, headline_label, parameter_set_name

    ws.title = sheet_title(t("scenarios.export.sheet.summary", language), [])
    price_year = candidates[0].params.price_year
    row = _title(ws, t("scenarios.export.title", language),
                 t("scenarios.export.subtitle", language, created=created, price_year=price_year))
    head_row = row
    _header_row(ws, row, [t("scenarios.compare.figure", language), *names])
    meta = [
        ("saved", [_local_time(c.saved_at) for c in candidates]),
        ("parameter_set", [parameter_set_name(c.params, language) for c in candidates]),
        ("note", [c.note or "–" for c in candidates]),
    ]
    for key, values in meta:
        row += 1
        _put(ws, row, 1, t(f"scenarios.export.{key}", language), align=WRAP)
        ws.cell(row=row, column=1).font = Font(name=FONT, bold=True)
        for j, v in enumerate(values, start=2):
            _put(ws, row, j, v, align=WRAP)
    raw = headline_frame(candidates, language)
    for key in raw.index:
        row += 1
        _put(ws, row, 1, headline_label(key, language), align=WRAP)
        ws.cell(row=row, column=1).font = Font(name=FONT, bold=True)
        for j, name in enumerate(raw.columns, start=2):
            _put(ws, row, j, raw.at[key, name], kind_format(HEADLINE_KIND[key], language))
    row += 2
    _put(ws, row, 1, t("scenarios.export.summary_note", language), align=WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=1 + len(names))
    ws.column_dimensions["A"].width = 36
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 26
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:A")


def _local_time(moment: datetime | None) -> str:
    """A stored UTC time in the server's time zone (where the committee is), to the minute."""
    if moment is None:
        return "–"
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _write_compare_yearly(ws: Worksheet, candidates: Sequence, names: Sequence[str], language: str) -> None:
    from model.analysis.compare import yearly_wide

    ws.title = sheet_title(t("scenarios.export.sheet.yearly", language), ws.parent.sheetnames)
    price_year = candidates[0].params.price_year
    row = _title(ws, t("scenarios.export.yearly_title", language),
                 t("scenarios.export.yearly_subtitle", language, price_year=price_year))
    baseline_names = [n for n, c in zip(names, candidates, strict=True) if c.is_baseline]
    used = 50.0  # points used on the first page by the title
    for column, kind, with_baseline in COMPARE_YEARLY_BLOCKS:
        wide = yearly_wide(candidates, column)
        if not with_baseline:
            wide = wide.drop(columns=baseline_names)
        block = 18 + 2 * ROW_HEIGHT + (len(wide) + 1) * ROW_HEIGHT  # heading, two-line header, years, blank
        if used + block > PAGE_HEIGHT:  # keep a block on one page
            ws.row_breaks.append(Break(id=row - 1))
            used = 0.0
        used += block
        _heading(ws, row, t(f"scenarios.export.block.{column}", language))
        row += 1
        _header_row(ws, row, [t("col.year", language), *wide.columns[1:]])
        fmt = kind_format(kind, language)
        for rec in wide.itertuples(index=False):
            row += 1
            _put(ws, row, 1, int(rec[0]), "0", Alignment(horizontal="left"))
            for j, v in enumerate(rec[1:], start=2):
                _put(ws, row, j, v, fmt)
        row += 2
    ws.column_dimensions["A"].width = 10
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 26
    fit_rows(ws)
    setup_print(ws)


def _write_scenario_yearly(ws: Worksheet, name: str, c, language: str) -> None:  # noqa: ANN001
    from model.analysis.compare import parameter_set_name

    row = _title(ws, name, t("scenarios.export.scenario_subtitle", language,
                             parameter_set=parameter_set_name(c.params, language), price_year=c.params.price_year))
    y = c.result.yearly
    cols = [k for k in COMPARE_YEARLY_COLUMNS if k in y.columns]
    labels = [column_label(k, language, c.params).replace(" (kr)", "").replace(" (SEK)", "") for k in cols]
    _header_row(ws, row, labels)
    head_row = row
    formats = [kind_format("sek", language) if k.endswith("_sek")
               else "0" if k == "year" else FMT_NUMBER if k == "families_reached" else FMT_DECIMAL
               for k in cols]
    for rec in y[cols].itertuples(index=False):
        row += 1
        for j, (v, fmt) in enumerate(zip(rec, formats, strict=True), start=1):
            _put(ws, row, j, v, fmt, Alignment(horizontal="left") if j == 1 else None)
    ws.column_dimensions["A"].width = 7
    for j in range(2, len(cols) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 13
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}")


def _write_compare_differences(ws: Worksheet, candidates: Sequence, names: Sequence[str], language: str) -> None:
    from model.analysis.compare import assumption_differences, lever_rows

    ws.title = sheet_title(t("scenarios.export.sheet.differences", language), ws.parent.sheetnames)
    scen = [c for c in candidates if not c.is_baseline]
    scen_names = [n for n, c in zip(names, candidates, strict=True) if not c.is_baseline]
    n = len(scen_names)
    row = _title(ws, t("scenarios.export.differences_title", language),
                 t("scenarios.export.differences_subtitle", language))
    _heading(ws, row, t("scenarios.export.levers_title", language))
    row += 1
    _header_row(ws, row, [t("scenarios.compare.lever", language), *scen_names, t("scenarios.export.differs", language)],
                left=(1, 2 + n))
    for label, kind, values in lever_rows(scen, language):
        row += 1
        differs = len({repr(v) for v in values}) > 1
        _put(ws, row, 1, label, align=WRAP)
        for j, v in enumerate(values, start=2):
            _put(ws, row, j, v, kind_format(kind, language))
        _put(ws, row, 2 + n, t("common.yes" if differs else "common.no", language),
             align=Alignment(vertical="top", indent=1))
        if differs:
            for j in range(1, 3 + n):
                ws.cell(row=row, column=j).fill = DIFF_FILL
    row += 2
    diffs = assumption_differences([c.params for c in scen])
    _heading(ws, row, t("scenarios.export.assumptions_title", language))
    row += 1
    sources_differ = any("source" in d.what for d in diffs)
    if not diffs:
        _put(ws, row, 1, t("scenarios.export.no_assumption_differences", language), align=Alignment())
    else:
        head = [t("scenarios.compare.assumption", language), *scen_names, t("scenarios.compare.unit", language),
                t("scenarios.compare.what", language)]
        head += ([t("scenarios.export.source_of", language, name=x) for x in scen_names] if sources_differ
                 else [t("scenarios.export.col.source", language)])
        _header_row(ws, row, head, left=[1, *range(2 + n, 4 + n + n)])
        for d in diffs:
            row += 1
            p = next(c.params for c, v in zip(scen, d.values, strict=True) if v is not None)
            _put(ws, row, 1, parameter_label(d.name, p, language), align=WRAP)
            for j, v in enumerate(d.values, start=2):
                _put(ws, row, j, v, "#,##0.###")
            _put(ws, row, 2 + n, d.unit, align=Alignment(wrap_text=True, vertical="top", indent=1))
            _put(ws, row, 3 + n, ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what), align=WRAP)
            sources = list(d.sources) if sources_differ else [next((x for x in d.sources if x), "–")]
            for j, src in enumerate(sources, start=4 + n):
                _put(ws, row, j, src or "–", align=WRAP)
    # Both tables share the columns: A the label, then one per scenario, then unit/"differs", then sources.
    ws.column_dimensions["A"].width = 40
    for j in range(2, 2 + n):
        ws.column_dimensions[get_column_letter(j)].width = 22
    ws.column_dimensions[get_column_letter(2 + n)].width = 12
    ws.column_dimensions[get_column_letter(3 + n)].width = 16
    n_src = n if sources_differ else 1
    for j in range(4 + n, 4 + n + n_src):
        ws.column_dimensions[get_column_letter(j)].width = 48 if n_src == 1 else 34
    fit_rows(ws)
    setup_print(ws)


def _write_compare_assumptions(wb: Workbook, candidates: Sequence, names: Sequence[str], language: str) -> None:
    from model.files.scenario_json import params_hash

    distinct = {params_hash(c.params) for c in candidates}
    seen: set[str] = set()
    for name, c in zip(names, candidates, strict=True):
        digest = params_hash(c.params)
        if digest in seen:
            continue
        seen.add(digest)
        title = (t("export.sheet.assumptions", language) if len(distinct) == 1
                 else t("scenarios.export.sheet.assumptions_of", language, name=name))
        write_assumptions_sheet(wb.create_sheet(sheet_title(title, wb.sheetnames)), c.params, language)


def comparison_to_csv_bytes(candidates: Sequence, language: str = "sv") -> bytes:
    """The compared scenarios' yearly figures as one long CSV table (names neutralised)."""
    from model.analysis.compare import yearly_long

    df = yearly_long(candidates).drop(columns=["order", "is_baseline"])
    df.columns = [t(f"scenarios.export.csv.{c}", language) for c in df.columns]
    df = _safe_frame(df)
    if language == "sv":
        text = df.to_csv(index=False, sep=";", decimal=",")
    else:
        text = df.to_csv(index=False)
    return ("\ufeff" + text).encode("utf-8")
