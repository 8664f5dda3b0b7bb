"""The budget lines, the payers and the bibliography as tables, workbook sheets and CSV (issue 10).

A finance department checks the budget line by line, with the state's and the
region's shares apart, and follows every source. The tables here are what the
Excel download's sheets and the CSV downloads hold:

* :func:`budget_lines_table` — one row per year and budget line
  (``Result.budget_lines``), with the plain statement above it in the sheet;
* :func:`payers_table` — one row per year and payer (``Result.by_payer``);
* :func:`bibliography_table` — every entry of ``data/sources.yaml``.

Money is in whole kronor in the CSV files and in whole tkr in the sheets,
as in the yearly sheet.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import cache

import pandas as pd
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from model.bibliography import bibliography
from model.files.spreadsheet import (
    WRAP,
    csv_bytes,
    fit_rows,
    header_row,
    put,
    setup_print,
    write_title,
)
from model.results import Result
from model.text.budget_text import budget_statement, used_lines
from model.text.i18n import t, ta

#: Whole thousand kronor, as the yearly sheet.
FMT_TKR = "#,##0;-#,##0;0"
#: The money columns of ``Result.budget_lines`` and ``Result.by_payer``.
MONEY = ("budget_sek", "outcome_sek", "deviation_sek")
PAYER_MONEY = ("cost_baseline_sek", "cost_scenario_sek", "net_sek")
#: The bibliography's columns: (column, fields of an entry it shows, joined by " · ").
BIBLIOGRAPHY_COLUMNS = (
    ("id", ("id",)),
    ("author", ("author",)),
    ("title", ("title",)),
    ("year", ("year",)),
    ("publisher", ("journal", "publisher")),
    ("where", ("url", "document")),
    ("accessed", ("accessed",)),
)


def budget_lines_table(result: Result, language: str = "sv", decimals: int | None = 0) -> pd.DataFrame:
    """``result.budget_lines`` for people: the line named, amounts in kronor, "Ja"/"Nej" for whether it holds.

    Amounts are rounded to *decimals* (whole kronor; ``None``: full precision, for a sheet that rounds to tkr).
    """
    lines = used_lines(result.budget_lines)
    lines = lines.round({c: decimals for c in MONEY}) if decimals is not None else lines
    area = result.params.area.id
    return pd.DataFrame(
        {
            t("col.year", language): lines["year"].astype(int),
            t("col.line", language): [ta(f"budget_line.{x}", language, area) for x in lines["line"]],
            **{t(f"col.{c}", language): lines[c] for c in MONEY},
            t("col.holds", language): [t("common.yes" if h else "common.no", language) for h in lines["holds"]],
        }
    )


def payers_table(result: Result, language: str = "sv", decimals: int | None = 0) -> pd.DataFrame:
    """``result.by_payer`` for people: the payer named, amounts in kronor (rounded as :func:`budget_lines_table`)."""
    payers = result.by_payer.round({c: decimals for c in PAYER_MONEY}) if decimals is not None else result.by_payer
    return pd.DataFrame(
        {
            t("col.year", language): payers["year"].astype(int),
            t("col.payer", language): [ta(f"payer.{x}", language, result.params.area.id) for x in payers["payer"]],
            **{t(f"col.{c}", language): payers[c] for c in PAYER_MONEY},
        }
    )


@cache
def _entries() -> tuple[dict, ...]:
    """The entries of the bibliography as dicts of their fields (read once, by :mod:`model.bibliography`)."""
    return tuple(asdict(e) for e in bibliography().values())


def bibliography_table(language: str = "sv") -> pd.DataFrame:
    """Every source of the bibliography: id, author, title, year, publisher or journal, where to find it, date read."""

    def field(entry: dict, keys: tuple[str, ...]) -> str:
        return " · ".join(str(entry[k]) for k in keys if entry.get(k) not in (None, ""))

    return pd.DataFrame(
        [{t(f"bibliography.col.{c}", language): field(e, keys) for c, keys in BIBLIOGRAPHY_COLUMNS} for e in _entries()]
    )


def budget_lines_csv(result: Result, language: str = "sv") -> bytes:
    """The budget lines as CSV (the dialect of :func:`~model.files.spreadsheet.csv_bytes`)."""
    return csv_bytes(budget_lines_table(result, language), language)


def payers_csv(result: Result, language: str = "sv") -> bytes:
    """The payers as CSV."""
    return csv_bytes(payers_table(result, language), language)


def write_budget_lines_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    """The plain statement, then one row per year and line in whole tkr, whether it holds and by how much."""
    area = result.params.area.id
    row = write_title(ws, t("budget_check.title", language), ta("budget_check.caption", language, area))
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:F2")
    put(ws, row, 1, budget_statement(used_lines(result.budget_lines), language, area), align=WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    row += 2
    _write_rows(ws, row, budget_lines_table(result, language, None), money=(3, 4, 5))
    for letter, width in zip("ABCDEF", (8, 36, 14, 14, 14, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.row_dimensions[2].height = 60
    ws.row_dimensions[4].height = 60


def write_payers_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    """Cost per payer and year in whole tkr: the municipality, the state (SiS), the region."""
    row = write_title(ws, t("payer.sheet_title", language), ta("payer.sheet_subtitle", language, result.params.area.id))
    ws["A2"].alignment = WRAP
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 75
    _write_rows(ws, row, payers_table(result, language, None), money=(3, 4, 5))
    for letter, width in zip("ABCDE", (8, 22, 18, 18, 18), strict=True):
        ws.column_dimensions[letter].width = width


def write_bibliography_sheet(ws: Worksheet, language: str = "sv") -> None:
    """Every source in ``data/sources.yaml``, one row each."""
    df = bibliography_table(language)
    header_row(ws, 1, list(df.columns), left=range(1, len(df.columns) + 1))
    for i, rec in enumerate(df.itertuples(index=False), start=2):
        for j, v in enumerate(rec, start=1):
            put(ws, i, j, v or "–", align=WRAP)
    for letter, width in zip("ABCDEFG", (26, 28, 48, 7, 24, 48, 11), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "B2"
    fit_rows(ws)
    setup_print(ws, title_rows="1:1")


def _write_rows(ws: Worksheet, row: int, df: pd.DataFrame, money: tuple[int, ...]) -> None:
    """A header at *row*, then the frame's rows; columns in *money* (1-based) in whole tkr."""
    head = [f"{c}".replace("(kr)", "(tkr)").replace("(SEK)", "(kSEK)") for c in df.columns]
    header_row(ws, row, head, left=(1, 2))
    head_row = row
    for rec in df.itertuples(index=False):
        row += 1
        for j, v in enumerate(rec, start=1):
            if j in money:
                put(ws, row, j, round(float(v) / 1e3) + 0, FMT_TKR)
            elif j == 1:
                put(ws, row, j, int(v), "0", Alignment(horizontal="left", vertical="top"))
            else:
                put(ws, row, j, v, None, Alignment(vertical="top"))
    ws.freeze_panes = ws.cell(row=head_row + 1, column=3).coordinate
    setup_print(ws, title_rows=f"{head_row}:{head_row}")
