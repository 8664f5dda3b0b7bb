"""A scenario's results as CSV and as an Excel workbook (bytes, pure).

The workbook is what a municipality's finance department opens: sheet 1 the
yearly results with labelled columns, sheet 2 every assumption with unit,
range, source and confidence, sheet 3 the net effect by mechanism and year
(where the saving comes from), then the headline figures (with the evidence
level), and — when the assumptions differ from the preset — a sheet of
exactly which. Text that a
user typed (scenario names, notes, sources) is neutralised so a spreadsheet
never reads it as a formula (:mod:`model.files.spreadsheet`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from model.analysis.compare import AssumptionDifference, assumption_differences
from model.evidence import evidence_level
from model.files.parameter_table import parameter_table
from model.files.spreadsheet import (
    FMT_DECIMAL,
    FMT_NUMBER,
    FMT_PARAMETER,
    FMT_SEK,
    FMT_SHARE,
    FONT,
    WRAP,
    active_sheet,
    csv_bytes,
    fit_rows,
    header_row,
    put,
    safe_text,
    setup_print,
    write_table,
    write_title,
)
from model.parameters import Parameters
from model.results import Result
from model.text.i18n import t
from model.text.labels import column_label, mechanism_label, parameter_label


def labelled_yearly(result: Result, language: str = "sv") -> pd.DataFrame:
    """``result.yearly`` with human column labels."""
    df = result.yearly.copy()
    df.columns = [column_label(c, language, result.params) for c in df.columns]
    return df


def to_csv_bytes(result: Result, language: str = "sv") -> bytes:
    """The yearly table as CSV (UTF-8 with BOM, ';'-separated with decimal comma in Swedish).

    The last column names the evidence level the figures were computed at.
    """
    df = labelled_yearly(result, language)
    df[t("summary.evidence_level", language)] = evidence_level(result.scenario.evidence_level).label(language)
    return csv_bytes(df, language)


def mechanism_table(result: Result, language: str = "sv") -> pd.DataFrame:
    """Where the net effect comes from: one row per mechanism and measure, one column per year, and the total.

    Columns: the mechanism (labelled), its group, the net effect of each year
    and over the horizon [SEK]; a last row is the net effect (the yearly
    table's ``net_sek``).
    """
    bm = result.by_mechanism
    years = [int(y) for y in result.yearly["year"]]
    label, group = t("export.mechanism.col.mechanism", language), t("export.mechanism.col.group", language)
    total = t("export.mechanism.col.total", language)
    rows: list[dict[object, object]] = []
    for (mechanism, mid, grp), part in bm.groupby(["mechanism", "measure", "group"], sort=False):
        values = part.set_index("year")["net_sek"].reindex(years, fill_value=0.0)
        row: dict[object, object] = {label: mechanism_label(str(mechanism), str(mid), result.params, language),
                                     group: t(f"mechanisms.group.{grp}", language)}
        row.update({y: float(v) for y, v in zip(years, values, strict=True)})
        row[total] = float(values.sum())
        rows.append(row)
    net = result.yearly.set_index("year")["net_sek"]
    rows.append({label: t("mechanisms.bar.net", language), group: "",
                 **{y: float(net[y]) for y in years}, total: float(net.sum())})
    return pd.DataFrame(rows, columns=[label, group, *years, total])


def write_mechanism_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    """The net effect by mechanism and year (:func:`mechanism_table`), amounts in kronor."""
    df = mechanism_table(result, language)
    write_table(ws, df, [None, None] + [FMT_SEK] * (len(df.columns) - 2), [48, 28] + [14] * (len(df.columns) - 2))
    for (cell,) in ws.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    fit_rows(ws)
    setup_print(ws, title_rows="1:1")


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
    formats = [None, None, FMT_PARAMETER, None, FMT_PARAMETER, FMT_PARAMETER, "0", None, None, None, None]
    # Narrow enough to print at ~75 % on landscape A4; long labels and sources wrap.
    widths = [34, 34, 10, 12, 9, 9, 7, 5, 9, 11, 56]
    write_table(ws, df, formats, widths)
    for col in (1, 2, 4, 11):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = Alignment(vertical="top")
    fit_rows(ws)
    setup_print(ws, title_rows="1:1")


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
    ws = active_sheet(wb)
    ws.title = t("export.sheet.yearly", language)
    df = labelled_yearly(result, language)
    formats = _yearly_formats(result.yearly.columns)
    widths = [8] + [16] * (len(df.columns) - 1)
    write_table(ws, df, formats, widths)
    # ~90 columns: print them on as many pages across as needed (12 a page), the year repeated on each.
    ws.page_setup.fitToWidth = max(1, -(-len(df.columns) // 12))
    ws.print_title_cols = "A:A"
    fit_rows(ws)
    write_assumptions_sheet(wb.create_sheet(t("export.sheet.assumptions", language)), result.params, language)
    if not result.by_mechanism.empty:
        write_mechanism_sheet(wb.create_sheet(t("export.sheet.mechanisms", language)), result, language)
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
        (t("summary.evidence_level", language), evidence_level(sc.evidence_level).label(language), None),
        (t("summary.net_total", language), s["net_total_sek"], FMT_SEK),
        (t("summary.net_cash_total", language), s["net_cash_total_sek"], FMT_SEK),
        (t("summary.net_capacity_total", language), s["net_capacity_total_sek"], FMT_SEK),
        (t("summary.npv", language), s["npv_sek"], FMT_SEK),
        (t("summary.payback_year", language), s["payback_year"] or t("summary.no_payback", language), "0"),
        (t("summary.bcr", language), s["benefit_cost_ratio"], "0.00"),
        (t("summary.bcr_moved", language), s["benefit_cost_ratio_moved"], "0.00"),
        (t("summary.unused", language), s["prevention_unused_sek"], FMT_SEK),
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
    """The headline figures of a run, one labelled row each (:func:`summary_rows`)."""
    ws.append([t("summary.title", language)])
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    for label, value, fmt in summary_rows(result, language):
        ws.append([label, value])
        if fmt:
            ws.cell(row=ws.max_row, column=2).number_format = fmt
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 24


def write_changed_assumptions_sheet(
    ws: Worksheet,
    diffs: Sequence[AssumptionDifference],
    reference: Parameters,
    params: Parameters,
    language: str = "sv",
) -> None:
    """The assumptions in which *params* differs from *reference* (its preset)."""
    row = write_title(ws, t("scenarios.export.changed_title", language),
                 t("scenarios.export.changed_subtitle", language, reference=reference.name))
    head = [t(f"scenarios.export.col.{k}", language)
            for k in ("assumption", "name", "unit", "reference", "value", "what", "source")]
    header_row(ws, row, head, left=(1, 2, 3, 6, 7))
    head_row = row
    for d in diffs:
        row += 1
        p = params if d.values[1] is not None else reference
        put(ws, row, 1, parameter_label(d.name, p, language), align=WRAP)
        put(ws, row, 2, d.name, align=WRAP)
        put(ws, row, 3, d.unit, align=WRAP)
        put(ws, row, 4, d.values[0], FMT_PARAMETER)
        put(ws, row, 5, d.values[1], FMT_PARAMETER)
        put(ws, row, 6, ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what), align=WRAP)
        put(ws, row, 7, d.sources[1] or "–", align=WRAP)
    for letter, width in zip("ABCDEFG", (40, 30, 12, 13, 13, 14, 56), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2).coordinate
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}")
