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

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.i18n import t
from model.parameters import CARE_FORMS, Parameters
from model.results import Result
from model.table import parameter_table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Excel number formats; Excel shows the user's own separators (space and comma
# in Swedish Excel), the codes themselves are always written US-style.
FMT_SEK = '#,##0" kr";-#,##0" kr"'
FMT_NUMBER = "#,##0"
FMT_DECIMAL = "#,##0.0"
FMT_SHARE = "0%"
HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")


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
        cell.font = Font(bold=True)
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
    widths = [38, 44, 12, 16, 12, 12, 10, 8, 10, 12, 90]
    _write_table(ws, df, formats, widths)
    for (cell,) in ws.iter_rows(min_row=2, min_col=11, max_col=11):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


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
    write_assumptions_sheet(wb.create_sheet(t("export.sheet.assumptions", language)), result.params, language)
    summary = wb.create_sheet(t("export.sheet.summary", language))
    write_summary_sheet(summary, result, language)
    if note.strip():
        summary.append([t("scenarios.export.note", language), safe_text(note)])
        summary.cell(row=summary.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    setup_print(summary, landscape=False)
    if reference is not None:
        from model.compare import assumption_differences  # local: compare imports this module

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
    ws["A1"].font = Font(bold=True, size=14)
    for label, value, fmt in summary_rows(result, language):
        ws.append([label, value])
        if fmt:
            ws.cell(row=ws.max_row, column=2).number_format = fmt
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 24


# --- print settings and the comparison workbook ---------------------------------------------

FMT_TEXT_WRAP = Alignment(wrap_text=True, vertical="top")
DIFF_FILL = PatternFill("solid", fgColor="FCE8C8")
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\\r\n\t"})


def fmt_mnkr_code(language: str = "sv") -> str:
    """An Excel number format that shows kronor as million kronor (``12,3 mnkr``); the cell keeps kronor."""
    unit = "mnkr" if language == "sv" else "MSEK"
    return f'#,##0.0,," {unit}";-#,##0.0,," {unit}";0.0" {unit}"'


def kind_format(kind: str, language: str = "sv") -> str | None:
    """The Excel number format for a value kind of :mod:`model.compare`."""
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
    ws.print_options.horizontalCentered = False
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddHeader.left.text = "Omställningskalkylen – &A"
    ws.oddFooter.right.text = "&P / &N"


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid, unique sheet name from user text (≤ 31 characters, no []:*?/\\, no edge apostrophes)."""
    base = " ".join(str(text).translate(_SHEET_FORBIDDEN).split()).strip("'") or "Blad"
    base = base[:31].rstrip()
    taken_lower = {n.lower() for n in taken}
    name, k = base, 2
    while name.lower() in taken_lower:
        suffix = f" ({k})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        k += 1
    return name


def _header_row(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for j, v in enumerate(values, start=1):
        cell = ws.cell(row=row, column=j, value=safe_text(v) if isinstance(v, str) else v)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left" if j == 1 else "right")


def _title(ws: Worksheet, text: str, subtitle: str = "") -> int:
    """Title (and subtitle) at the top of a sheet; returns the next free row."""
    ws.cell(row=1, column=1, value=safe_text(text)).font = Font(bold=True, size=14)
    if subtitle:
        ws.cell(row=2, column=1, value=safe_text(subtitle)).font = Font(italic=True, color="555555")
        return 4
    return 3


def write_changed_assumptions_sheet(ws: Worksheet, diffs: Sequence, reference: Parameters, params: Parameters,
                                    language: str = "sv") -> None:
    """The assumptions in which *params* differs from *reference* (its preset)."""
    row = _title(ws, t("scenarios.export.changed_title", language),
                 t("scenarios.export.changed_subtitle", language, reference=reference.name))
    head = [t(f"scenarios.export.col.{k}", language) for k in ("assumption", "name", "unit", "reference", "value",
                                                                "what", "source")]
    _header_row(ws, row, head)
    head_row = row
    for d in diffs:
        row += 1
        p = params if d.values[1] is not None else reference
        values = [parameter_label(d.name, p, language), d.name, d.unit, d.values[0], d.values[1],
                  ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what), d.sources[1] or "–"]
        for j, v in enumerate(values, start=1):
            cell = ws.cell(row=row, column=j, value=_cell(v))
            if j in (4, 5):
                cell.number_format = "#,##0.###"
            if j in (1, 7):
                cell.alignment = FMT_TEXT_WRAP
    for letter, width in zip("ABCDEFG", (44, 34, 14, 14, 14, 16, 60), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
    setup_print(ws, title_rows=f"{head_row}:{head_row}")


#: Key yearly columns for a scenario's sheet in the comparison workbook.
COMPARE_YEARLY_COLUMNS = (
    "year", "cost_baseline_sek", "cost_scenario_sek", "net_sek", "cumulative_net_sek",
    "external_budget_sek", "external_forecast_sek", "external_budget_deviation_sek",
    "children_placed_baseline", "children_placed_scenario",
    "children_institution_baseline", "children_institution_scenario",
    "placements_avoided", "families_reached", "family_homes_in_pool",
)

#: Yearly blocks side by side: (column of model.compare.yearly_long, kind).
COMPARE_YEARLY_BLOCKS = (
    ("net_sek", "sek"),
    ("cumulative_net_sek", "sek"),
    ("cost_sek", "sek"),
    ("external_budget_deviation_sek", "sek"),
    ("children_placed", "decimal"),
    ("children_institution", "decimal"),
    ("family_share", "share"),
    ("placements_avoided", "decimal"),
)


def comparison_to_xlsx_bytes(candidates: Sequence, language: str = "sv", created: str = "") -> bytes:
    """The comparison workbook, ready to print and to paste into a decision memo.

    Parameters
    ----------
    candidates : sequence of model.compare.Candidate
        The baseline (first, ``is_baseline``) and the 2–4 scenarios compared.
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
        parameter set). Amounts are kronor in the cells, shown as mnkr.
    """
    from model.compare import (  # local: compare imports this module
        HEADLINE_KIND,
        headline_frame,
        headline_label,
        lever_rows,
        unique_names,
        yearly_wide,
    )
    from model.scenario_file import params_hash

    names = unique_names([c.name for c in candidates])
    price_year = candidates[0].params.price_year
    wb = Workbook()

    # 1. Summary side by side.
    ws = wb.active
    ws.title = sheet_title(t("scenarios.export.sheet.summary", language), [])
    row = _title(ws, t("scenarios.export.title", language),
                 t("scenarios.export.subtitle", language, created=created, price_year=price_year))
    head_row = row
    _header_row(ws, row, [t("scenarios.compare.figure", language), *names])
    meta = [
        (t("scenarios.export.saved", language), [
            c.saved_at.strftime("%Y-%m-%d %H:%M") + " UTC" if c.saved_at else "–" for c in candidates]),
        (t("scenarios.export.parameter_set", language), [c.params.name for c in candidates]),
        (t("scenarios.export.note", language), [c.note or "–" for c in candidates]),
    ]
    for label, values in meta:
        row += 1
        ws.cell(row=row, column=1, value=safe_text(label)).font = Font(bold=True)
        for j, v in enumerate(values, start=2):
            ws.cell(row=row, column=j, value=safe_text(v)).alignment = FMT_TEXT_WRAP
    raw = headline_frame(candidates, language)
    for key in raw.index:
        row += 1
        kind = HEADLINE_KIND[key]
        ws.cell(row=row, column=1, value=headline_label(key, language)).font = Font(bold=True)
        for j, name in enumerate(raw.columns, start=2):
            value = raw.at[key, name]
            cell = ws.cell(row=row, column=j, value=_cell(value) if value is not None else "–")
            fmt = kind_format(kind, language)
            if fmt and isinstance(cell.value, (int, float)):
                cell.number_format = fmt
            cell.alignment = Alignment(horizontal="right", vertical="top")
    row += 2
    ws.cell(row=row, column=1, value=t("scenarios.export.summary_note", language)).alignment = FMT_TEXT_WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=1 + len(names))
    ws.row_dimensions[row].height = 48
    ws.column_dimensions["A"].width = 44
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 24
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
    setup_print(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:A", landscape=len(names) > 3)

    # 2. Yearly figures side by side, one block per measure.
    ws = wb.create_sheet(sheet_title(t("scenarios.export.sheet.yearly", language), wb.sheetnames))
    row = _title(ws, t("scenarios.export.yearly_title", language),
                 t("scenarios.export.yearly_subtitle", language, price_year=price_year))
    for column, kind in COMPARE_YEARLY_BLOCKS:
        wide = yearly_wide(candidates, column)
        if column in ("net_sek", "cumulative_net_sek", "external_budget_deviation_sek", "placements_avoided"):
            wide = wide.drop(columns=[names[i] for i, c in enumerate(candidates) if c.is_baseline])
        ws.cell(row=row, column=1, value=t(f"scenarios.export.block.{column}", language)).font = Font(bold=True,
                                                                                                       size=12)
        row += 1
        _header_row(ws, row, [t("col.year", language), *wide.columns[1:]])
        fmt = kind_format(kind, language)
        for rec in wide.itertuples(index=False):
            row += 1
            ws.cell(row=row, column=1, value=int(rec[0])).number_format = "0"
            for j, v in enumerate(rec[1:], start=2):
                cell = ws.cell(row=row, column=j, value=_cell(v))
                if fmt:
                    cell.number_format = fmt
        row += 2
    ws.column_dimensions["A"].width = 10
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 24
    setup_print(ws, landscape=len(names) > 3)

    # 3. One yearly sheet per scenario (the baseline is inside each as "without change").
    for name, c in zip(names, candidates, strict=True):
        if c.is_baseline:
            continue
        ws = wb.create_sheet(sheet_title(t("scenarios.export.sheet.scenario", language, name=name), wb.sheetnames))
        row = _title(ws, name, t("scenarios.export.scenario_subtitle", language,
                                 parameter_set=c.params.name, price_year=c.params.price_year))
        y = c.result.yearly
        cols = [k for k in COMPARE_YEARLY_COLUMNS if k in y.columns]
        _header_row(ws, row, [column_label(k, language, c.params).replace(" (kr)", "").replace(" (SEK)", "")
                              for k in cols])
        ws.row_dimensions[row].height = 62
        head_row = row
        formats = [kind_format("sek", language) if k.endswith("_sek") else ("0" if k == "year" else FMT_DECIMAL)
                   for k in cols]
        for rec in y[cols].itertuples(index=False):
            row += 1
            for j, (v, fmt) in enumerate(zip(rec, formats, strict=True), start=1):
                ws.cell(row=row, column=j, value=_cell(v)).number_format = fmt
        ws.column_dimensions["A"].width = 8
        for j in range(2, len(cols) + 1):
            ws.column_dimensions[get_column_letter(j)].width = 13
        ws.freeze_panes = ws.cell(row=head_row + 1, column=2)
        setup_print(ws, title_rows=f"{head_row}:{head_row}")

    # 4. What differs: levers, then assumptions.
    scen_candidates = [c for c in candidates if not c.is_baseline]
    scen_names = [n for n, c in zip(names, candidates, strict=True) if not c.is_baseline]
    ws = wb.create_sheet(sheet_title(t("scenarios.export.sheet.differences", language), wb.sheetnames))
    row = _title(ws, t("scenarios.export.differences_title", language),
                 t("scenarios.export.differences_subtitle", language))
    ws.cell(row=row, column=1, value=t("scenarios.export.levers_title", language)).font = Font(bold=True, size=12)
    row += 1
    _header_row(ws, row, [t("scenarios.compare.lever", language), *scen_names, t("scenarios.export.differs", language)])
    for label, kind, values in lever_rows(scen_candidates, language):
        row += 1
        differs = len({repr(v) for v in values}) > 1
        ws.cell(row=row, column=1, value=label)
        for j, v in enumerate(values, start=2):
            cell = ws.cell(row=row, column=j, value=_cell(v))
            fmt = kind_format(kind, language)
            if fmt and isinstance(cell.value, (int, float)):
                cell.number_format = fmt
            cell.alignment = Alignment(horizontal="right")
        ws.cell(row=row, column=2 + len(scen_names), value=t("common.yes" if differs else "common.no", language))
        if differs:
            for j in range(1, 3 + len(scen_names)):
                ws.cell(row=row, column=j).fill = DIFF_FILL
    row += 2
    from model.compare import assumption_differences

    diffs = assumption_differences([c.params for c in scen_candidates])
    ws.cell(row=row, column=1, value=t("scenarios.export.assumptions_title", language)).font = Font(bold=True, size=12)
    row += 1
    if not diffs:
        ws.cell(row=row, column=1, value=t("scenarios.export.no_assumption_differences", language))
    else:
        sources_differ = any("source" in d.what for d in diffs)
        head = [t("scenarios.compare.assumption", language), t("scenarios.compare.unit", language), *scen_names,
                t("scenarios.compare.what", language)]
        if sources_differ:
            head += [t("scenarios.export.source_of", language, name=n) for n in scen_names]
        else:
            head += [t("scenarios.export.col.source", language)]
        _header_row(ws, row, head)
        for d in diffs:
            row += 1
            p = next(c.params for c, v in zip(scen_candidates, d.values, strict=True) if v is not None)
            values = [parameter_label(d.name, p, language), d.unit, *d.values,
                      ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what)]
            values += list(d.sources) if sources_differ else [next(s for s in d.sources if s)]
            for j, v in enumerate(values, start=1):
                cell = ws.cell(row=row, column=j, value="–" if v is None else _cell(v))
                if 3 <= j < 3 + len(scen_names) and isinstance(cell.value, (int, float)):
                    cell.number_format = "#,##0.###"
                if j == 1 or j > 3 + len(scen_names):
                    cell.alignment = FMT_TEXT_WRAP
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 14
    for j in range(3, 3 + len(scen_names)):
        ws.column_dimensions[get_column_letter(j)].width = 20
    ws.column_dimensions[get_column_letter(3 + len(scen_names))].width = 18
    n_src = len(scen_names) if diffs and any("source" in d.what for d in diffs) else 1
    for j in range(4 + len(scen_names), 4 + len(scen_names) + n_src):
        ws.column_dimensions[get_column_letter(j)].width = 50 if n_src == 1 else 36
    setup_print(ws)

    # 5. Assumptions with sources: one sheet per distinct parameter set.
    distinct = {params_hash(c.params) for c in candidates}
    seen: set[str] = set()
    for name, c in zip(names, candidates, strict=True):
        digest = params_hash(c.params)
        if digest in seen:
            continue
        seen.add(digest)
        title = (t("export.sheet.assumptions", language) if len(distinct) == 1
                 else t("scenarios.export.sheet.assumptions_of", language, name=name))
        ws = wb.create_sheet(sheet_title(title, wb.sheetnames))
        write_assumptions_sheet(ws, c.params, language)
        setup_print(ws, title_rows="1:1")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def comparison_to_csv_bytes(candidates: Sequence, language: str = "sv") -> bytes:
    """The compared scenarios' yearly figures as one long CSV table (names neutralised)."""
    from model.compare import yearly_long

    df = yearly_long(candidates).drop(columns=["order", "is_baseline"])
    df.columns = [t(f"scenarios.export.csv.{c}", language) for c in df.columns]
    df = _safe_frame(df)
    if language == "sv":
        text = df.to_csv(index=False, sep=";", decimal=",")
    else:
        text = df.to_csv(index=False)
    return ("\ufeff" + text).encode("utf-8")
