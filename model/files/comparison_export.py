"""The comparison workbook and CSV: 2–4 scenarios side by side, ready to print and paste into a memo."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import UTC, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from model.analysis.compare import (
    HEADLINE_KIND,
    Candidate,
    assumption_differences,
    headline_frame,
    headline_label,
    unique_names,
    yearly_long,
    yearly_wide,
)
from model.evidence import evidence_level
from model.files.comparison_text import lever_rows, parameter_set_name
from model.files.document import params_hash
from model.files.result_export import count_columns, write_assumptions_sheet
from model.files.spreadsheet import (
    DIFF_FILL,
    FMT_DECIMAL,
    FMT_NUMBER,
    FMT_PARAMETER,
    FONT,
    PAGE_HEIGHT,
    ROW_HEIGHT,
    WRAP,
    active_sheet,
    csv_bytes,
    fit_rows,
    header_row,
    kind_format,
    put,
    setup_print,
    sheet_names,
    sheet_title,
    write_heading,
    write_title,
)
from model.text.counts import small_count_threshold, withheld
from model.text.i18n import t
from model.text.labels import column_label, parameter_label, prices_values

#: Key yearly columns for a scenario's sheet in the comparison workbook.
COMPARE_YEARLY_COLUMNS = (
    "year", "cost_baseline_sek", "cost_scenario_sek", "net_sek", "cumulative_net_sek",
    "external_budget_sek", "external_forecast_sek", "external_budget_deviation_sek",
    "children_placed_baseline", "children_placed_scenario",
    "children_institution_baseline", "children_institution_scenario",
    "placements_avoided", "families_reached", "family_homes_in_pool",
)

#: Columns of model.analysis.compare.yearly_long that count children (withheld below the threshold).
COUNT_BLOCKS = ("children_placed", "children_institution")
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


def comparison_to_xlsx_bytes(candidates: Sequence[Candidate], language: str = "sv", created: str = "") -> bytes:
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
    names = unique_names([c.name for c in candidates])
    wb = Workbook()
    _write_compare_summary(active_sheet(wb), candidates, names, language, created)
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


def _prices(candidates: Sequence[Candidate], language: str) -> dict[str, str]:
    """Which prices the compared scenarios' amounts are in (several bases named one after the other)."""
    bases = [c.result.scenario.price_basis for c in candidates if not c.is_baseline]
    return prices_values(bases, candidates[0].params.price_year, language)


def _write_compare_summary(ws: Worksheet, candidates: Sequence[Candidate], names: Sequence[str], language: str,
                           created: str) -> None:
    ws.title = sheet_title(t("scenarios.export.sheet.summary", language), [])
    row = write_title(ws, t("scenarios.export.title", language),
                 t("scenarios.export.subtitle", language, created=created, **_prices(candidates, language)))
    head_row = row
    header_row(ws, row, [t("scenarios.compare.figure", language), *names])
    meta = [
        ("saved", [_local_time(c.saved_at) for c in candidates]),
        ("parameter_set", [parameter_set_name(c.params, language) for c in candidates]),
        ("note", [c.note or "–" for c in candidates]),
    ]
    for key, values in meta:
        row += 1
        put(ws, row, 1, t(f"scenarios.export.{key}", language), align=WRAP)
        ws.cell(row=row, column=1).font = Font(name=FONT, bold=True)
        for j, v in enumerate(values, start=2):
            put(ws, row, j, v, align=WRAP)
    raw = headline_frame(candidates, language)
    for key in raw.index:
        row += 1
        put(ws, row, 1, headline_label(key, language), align=WRAP)
        ws.cell(row=row, column=1).font = Font(name=FONT, bold=True)
        for j, name in enumerate(raw.columns, start=2):
            value: object = raw.at[key, name]
            if key == "institution_last_year":
                value = withheld(value, small_count_threshold(candidates[0].params), language)
            put(ws, row, j, value, kind_format(HEADLINE_KIND[key], language))
    row += 2
    put(ws, row, 1, t("scenarios.export.summary_note", language), align=WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=1 + len(names))
    ws.column_dimensions["A"].width = 36
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 26
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2).coordinate
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:A")


def _local_time(moment: datetime | None) -> str:
    """A stored UTC time in the server's time zone (where the committee is), to the minute."""
    if moment is None:
        return "–"
    return moment.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def _write_compare_yearly(ws: Worksheet, candidates: Sequence[Candidate], names: Sequence[str], language: str) -> None:
    ws.title = sheet_title(t("scenarios.export.sheet.yearly", language), sheet_names(ws))
    row = write_title(ws, t("scenarios.export.yearly_title", language),
                 t("scenarios.export.yearly_subtitle", language, **_prices(candidates, language)))
    baseline_names = [n for n, c in zip(names, candidates, strict=True) if c.is_baseline]
    threshold = small_count_threshold(candidates[0].params)
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
        write_heading(ws, row, t(f"scenarios.export.block.{column}", language))
        row += 1
        header_row(ws, row, [t("col.year", language), *wide.columns[1:]])
        fmt = kind_format(kind, language)
        counts = column in COUNT_BLOCKS
        for rec in wide.itertuples(index=False):
            row += 1
            put(ws, row, 1, int(rec[0]), "0", Alignment(horizontal="left"))
            for j, v in enumerate(rec[1:], start=2):
                put(ws, row, j, withheld(v, threshold, language) if counts else v, fmt)
        row += 2
    ws.column_dimensions["A"].width = 10
    for j in range(2, 2 + len(names)):
        ws.column_dimensions[get_column_letter(j)].width = 26
    fit_rows(ws)
    setup_print(ws)


def _write_scenario_yearly(ws: Worksheet, name: str, c: Candidate, language: str) -> None:
    row = write_title(ws, name, t("scenarios.export.scenario_subtitle", language,
                             parameter_set=parameter_set_name(c.params, language),
                             **_prices([c], language)))
    y = c.result.yearly
    cols = [k for k in COMPARE_YEARLY_COLUMNS if k in y.columns]
    labels = [column_label(k, language, c.params).replace(" (kr)", "").replace(" (SEK)", "") for k in cols]
    header_row(ws, row, labels)
    head_row = row
    formats = [kind_format("sek", language) if k.endswith("_sek")
               else "0" if k == "year" else FMT_NUMBER if k == "families_reached" else FMT_DECIMAL
               for k in cols]
    counts = set(count_columns(cols))
    threshold = small_count_threshold(c.params)
    for rec in y[cols].itertuples(index=False):
        row += 1
        for j, (k, v, fmt) in enumerate(zip(cols, rec, formats, strict=True), start=1):
            v = withheld(v, threshold, language) if k in counts else v
            put(ws, row, j, v, fmt, Alignment(horizontal="left") if j == 1 else None)
    ws.column_dimensions["A"].width = 7
    for j in range(2, len(cols) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 13
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2).coordinate
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}")


def _write_compare_differences(
    ws: Worksheet, candidates: Sequence[Candidate], names: Sequence[str], language: str
) -> None:
    ws.title = sheet_title(t("scenarios.export.sheet.differences", language), sheet_names(ws))
    scen = [c for c in candidates if not c.is_baseline]
    scen_names = [n for n, c in zip(names, candidates, strict=True) if not c.is_baseline]
    n = len(scen_names)
    row = write_title(ws, t("scenarios.export.differences_title", language),
                 t("scenarios.export.differences_subtitle", language))
    write_heading(ws, row, t("scenarios.export.levers_title", language))
    row += 1
    header_row(ws, row, [t("scenarios.compare.lever", language), *scen_names, t("scenarios.export.differs", language)],
                left=(1, 2 + n))
    for label, kind, values in lever_rows(scen, language):
        row += 1
        differs = len({repr(v) for v in values}) > 1
        put(ws, row, 1, label, align=WRAP)
        for j, v in enumerate(values, start=2):
            put(ws, row, j, v, kind_format(kind, language))
        put(ws, row, 2 + n, t("common.yes" if differs else "common.no", language),
             align=Alignment(vertical="top", indent=1))
        if differs:
            for j in range(1, 3 + n):
                ws.cell(row=row, column=j).fill = DIFF_FILL
    row += 2
    diffs = assumption_differences([c.params for c in scen])
    write_heading(ws, row, t("scenarios.export.assumptions_title", language))
    row += 1
    sources_differ = any("source" in d.what for d in diffs)
    if not diffs:
        put(ws, row, 1, t("scenarios.export.no_assumption_differences", language), align=Alignment())
    else:
        head = [t("scenarios.compare.assumption", language), *scen_names, t("scenarios.compare.unit", language),
                t("scenarios.compare.what", language)]
        head += ([t("scenarios.export.source_of", language, name=x) for x in scen_names] if sources_differ
                 else [t("scenarios.export.col.source", language)])
        header_row(ws, row, head, left=[1, *range(2 + n, 4 + n + n)])
        for d in diffs:
            row += 1
            p = next(c.params for c, v in zip(scen, d.values, strict=True) if v is not None)
            put(ws, row, 1, parameter_label(d.name, p, language), align=WRAP)
            for j, v in enumerate(d.values, start=2):
                put(ws, row, j, v, FMT_PARAMETER)
            put(ws, row, 2 + n, d.unit, align=Alignment(wrap_text=True, vertical="top", indent=1))
            put(ws, row, 3 + n, ", ".join(t(f"scenarios.compare.what_{w}", language) for w in d.what), align=WRAP)
            sources = list(d.sources) if sources_differ else [next((x for x in d.sources if x), "–")]
            for j, src in enumerate(sources, start=4 + n):
                put(ws, row, j, src or "–", align=WRAP)
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


def _write_compare_assumptions(
    wb: Workbook, candidates: Sequence[Candidate], names: Sequence[str], language: str
) -> None:
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


def comparison_to_csv_bytes(candidates: Sequence[Candidate], language: str = "sv") -> bytes:
    """The compared scenarios' yearly figures as one long CSV table (names neutralised)."""
    df = yearly_long(candidates).drop(columns=["order", "is_baseline"])
    threshold = small_count_threshold(candidates[0].params)
    for column in COUNT_BLOCKS:
        df[column] = pd.Series([withheld(v, threshold, language) for v in df[column]], index=df.index, dtype=object)
    df["evidence_level"] = [evidence_level(x).label(language) if x else "" for x in df["evidence_level"]]
    df.columns = [t(f"scenarios.export.csv.{c}", language) for c in df.columns]
    return csv_bytes(df, language)
