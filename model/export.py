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
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_text)
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


def to_xlsx_bytes(result: Result, language: str = "sv") -> bytes:
    """A workbook: yearly results, assumptions with sources, and the summary."""
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
