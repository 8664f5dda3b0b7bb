"""A scenario's results as CSV and as a memo-ready Excel workbook (bytes, pure).

The workbook is what a municipality's finance department opens and pastes
into a decision memo. One function writes each sheet, in this order:

1. :func:`write_summary_sheet` — a title, the date, the headline figures in
   mnkr rounded to a tenth, children in words ("cirka 2–3 färre");
2. :func:`write_yearly_sheet` — the key results per year in whole tkr, one
   row per item and one column per year, with a total;
3. :func:`write_assumptions_sheet` — every assumption with unit, range,
   source, and its type and confidence in words ("Uppskattning", "Låg");
4. :func:`write_changed_assumptions_sheet` — when the assumptions differ
   from the preset, exactly which;
5. :func:`write_mechanism_sheet` — the net effect by mechanism and year
   (where the saving comes from);
6. the budget lines, the payers and the bibliography
   (:mod:`model.files.budget_export`);
7. :func:`write_data_sheet` — every yearly column at full precision.

Every sheet prints on A4 with its titles repeated. Counts of children below
the set's threshold read "färre än 5" (:mod:`model.text.counts`), in the
workbook and in the CSV alike. Text a user typed (names, notes, sources) is
neutralised so a spreadsheet never reads it as a formula
(:mod:`model.files.spreadsheet`).
"""
# size: the CSV and every sheet of the results workbook in one module, so the two downloads list the same figures

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from model.analysis.compare import AssumptionDifference, assumption_differences
from model.evidence import evidence_level
from model.files.budget_export import write_bibliography_sheet, write_budget_lines_sheet, write_payers_sheet
from model.files.parameter_table import parameter_table
from model.files.presets import set_name
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
    write_heading,
    write_table,
    write_title,
)
from model.parameters import Parameters, cited_text
from model.results import Result
from model.text.budget_text import budget_statement, used_lines
from model.text.counts import fmt_count_change, small_count_threshold, withheld
from model.text.i18n import fmt_number, t, ta
from model.text.labels import column_label, mechanism_label, parameter_label, price_basis_label, prices_values

#: Rounded amounts: million kronor to a tenth (the summary), thousand kronor whole (the yearly sheet).
FMT_MNKR_ROUNDED = "#,##0.0;-#,##0.0;0.0"
FMT_TKR = "#,##0;-#,##0;0"
#: The yearly sheet: (group, [(column of Result.yearly, kind, summed over the years)]). Kinds: "tkr"
#: (money, whole thousand kronor), "count" (children, one decimal, withheld when small), "number",
#: "share", "yes_no".
YEARLY_ITEMS: tuple[tuple[str, tuple[tuple[str, str, bool], ...]], ...] = (
    ("money", (
        ("cost_baseline_sek", "tkr", True), ("cost_scenario_sek", "tkr", True), ("net_sek", "tkr", True),
        ("cumulative_net_sek", "tkr", False), ("net_cash_sek", "tkr", True), ("net_capacity_sek", "tkr", True),
        ("cost_external_scenario_sek", "tkr", True), ("cost_own_care_scenario_sek", "tkr", True),
        ("cost_in_home_scenario_sek", "tkr", True), ("cost_prevention_sek", "tkr", True),
        ("prevention_unused_sek", "tkr", True), ("municipal_tax_sek", "tkr", True),
    )),
    ("children", (
        ("children_placed_baseline", "count", False), ("children_placed_scenario", "count", False),
        ("children_institution_baseline", "count", False), ("children_institution_scenario", "count", False),
        ("family_share_baseline", "share", False), ("family_share_scenario", "share", False),
        ("placements_started_baseline", "count", True), ("placements_started_scenario", "count", True),
        ("placements_avoided", "decimal", True), ("families_reached", "number", True),
        ("family_homes_in_pool", "decimal", False),
    )),
)


def unused_columns(result: Result) -> set[str]:
    """Columns of ``result.yearly`` that mean nothing in the set's area (all zero by construction).

    The children's area has every one; the employment area has no institutions, families, in-home
    support, recruitment, state-funded care or prevention, so its files leave those columns out.
    """
    area, mechanisms = result.params.area, {m.mechanism for m in result.params.measures}
    gone: list[str] = []
    if not area.forms_with("institution"):
        gone += ["children_institution_"]
    if not area.forms_with("family"):
        gone += ["family_share_"]
    if not any(c.placement and not c.purchased for c in area.care_forms):
        gone += ["cost_own_care_"]
    if not area.substitute:
        gone += ["cost_in_home_"]
    if not area.has_recruitment:
        gone += ["family_homes_"]
    if not area.forms_with("state_funded"):
        gone += ["cost_state_"]
    if not mechanisms & {"prevention", "review"}:
        gone += ["placements_avoided", "cumulative_placements_avoided"]
    return {c for c in result.yearly.columns if c.startswith(tuple(gone))}


def count_columns(columns: Iterable[str]) -> list[str]:
    """The columns of ``Result.yearly`` that count people (children in care, placements started)."""
    return [c for c in columns if c.startswith(("children_", "placements_started_"))]


def withheld_yearly(result: Result, language: str = "sv") -> pd.DataFrame:
    """``result.yearly`` less :func:`unused_columns`, counts of people below the threshold as text.

    A count below the set's threshold reads "färre än 5".
    """
    df = result.yearly.drop(columns=sorted(unused_columns(result)))
    threshold = small_count_threshold(result.params)
    for c in count_columns(df.columns):
        df[c] = pd.Series([withheld(float(v), threshold, language) for v in df[c]], index=df.index, dtype=object)
    return df


def labelled_yearly(result: Result, language: str = "sv") -> pd.DataFrame:
    """``result.yearly`` with human column labels and small counts withheld."""
    df = withheld_yearly(result, language)
    df.columns = [column_label(c, language, result.params) for c in df.columns]
    return df


def to_csv_bytes(result: Result, language: str = "sv") -> bytes:
    """The yearly table as CSV (UTF-8 with BOM, ';'-separated with decimal comma in Swedish).

    The last columns name the evidence level and the prices (fixed or current) of the figures.
    """
    df, sc = labelled_yearly(result, language), result.scenario
    df[t("summary.evidence_level", language)] = evidence_level(sc.evidence_level).label(language)
    df[t("summary.price_basis", language)] = price_basis_label(sc.price_basis, result.params.price_year, language, True)
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
    """The net effect by mechanism and year (:func:`mechanism_table`) in whole tkr, as the yearly sheet."""
    df = mechanism_table(result, language)
    amounts = df.columns[2:]
    df[amounts] = (df[amounts] / 1e3).round(0) + 0.0  # + 0.0: no "-0"
    df = df.rename(columns={df.columns[0]: f"{df.columns[0]} (tkr)"})
    write_table(ws, df, [None, None] + [FMT_TKR] * len(amounts), [48, 28] + [12] * len(amounts))
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
    """Every assumption with its unit, range, source, and its type, confidence and distribution in words."""
    df = parameter_table(params)
    df.insert(1, "label", [parameter_label(n, params, language) for n in df["name"]])
    # One column of source: the note in the reader's language and the ids it cites (the bibliography resolves them).
    df = df.drop(columns=["group", "sources", "note_sv", "note_en"])
    df["source"] = [cited_text(p.note(language), p.sources) for p in params.parameters]
    for column, key in (("status", "status.{}"), ("confidence", "confidence.{}"),
                        ("distribution", "assumptions.distribution.{}")):
        df[column] = [t(key.format(v), language) for v in df[column]]
    df.columns = [t(f"assumptions.col.{c}", language) for c in df.columns]
    formats = [None, None, FMT_PARAMETER, None, FMT_PARAMETER, FMT_PARAMETER, "0", None, None, None, None]
    # Narrow enough to print at ~75 % on landscape A4; long labels and sources wrap.
    widths = [30, 34, 10, 12, 9, 9, 7, 13, 8, 12, 56]
    write_table(ws, df, formats, widths)
    for col in (1, 2, 4, 8, 10, 11):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.alignment is None or not cell.alignment.wrap_text:
                cell.alignment = Alignment(vertical="top")
    fit_rows(ws)
    setup_print(ws, title_rows="1:1")


def to_xlsx_bytes(
    result: Result, language: str = "sv", *, note: str = "", reference: Parameters | None = None, created: str = ""
) -> bytes:
    """A memo-ready workbook: the summary first, results per year, assumptions with sources, all data.

    Parameters
    ----------
    result : Result
        The scenario's run.
    language : str
        "sv" or "en": sheet names, headers, types and confidence in words.
    note : str
        The author's note, written under the summary (neutralised).
    reference : Parameters, optional
        The set the scenario's assumptions are compared with (its preset): when
        any assumption differs, a sheet lists exactly which.
    created : str
        When the workbook is made (text, in the summary's title); default: now.
    """
    wb = Workbook()
    write_summary_sheet(active_sheet(wb), result, language, created=created, note=note)
    write_yearly_sheet(wb.create_sheet(t("export.sheet.yearly", language)), result, language)
    write_assumptions_sheet(wb.create_sheet(t("export.sheet.assumptions", language)), result.params, language)
    if not result.by_mechanism.empty:
        write_mechanism_sheet(wb.create_sheet(t("export.sheet.mechanisms", language)), result, language)
    write_budget_lines_sheet(wb.create_sheet(t("export.sheet.budget_lines", language)), result, language)
    write_payers_sheet(wb.create_sheet(t("export.sheet.payers", language)), result, language)
    write_bibliography_sheet(wb.create_sheet(t("export.sheet.bibliography", language)), language)
    if reference is not None:
        diffs = assumption_differences([reference, result.params])
        if diffs:
            sheet = wb.create_sheet(t("scenarios.export.sheet.changed", language))
            write_changed_assumptions_sheet(sheet, diffs, reference, result.params, language)
    write_data_sheet(wb.create_sheet(t("export.sheet.data", language)), result, language)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _ratio(x: float | None) -> float | None:
    """A benefit–cost ratio to two decimals (``None``: nothing spent)."""
    return None if x is None else round(x, 2)


def _mnkr(x: float) -> float:
    """Kronor as million kronor rounded to a tenth, as a finance department writes them."""
    return round(x / 1e6, 1) + 0.0  # + 0.0: no "-0,0"


def summary_rows(result: Result, language: str = "sv") -> list[tuple[str, object, str | None]]:
    """(label, value, number format) rows of a scenario's headline figures: money in mnkr, children in words."""
    s, sc, sc_year = result.summary, result.scenario, result.params.price_year
    bcr, area = s["benefit_cost_ratio"], result.params.area
    return [
        (t("summary.scenario_name", language), safe_text(sc.name) or "–", None),
        (t("area.label", language), area.label(language), None),
        (t("summary.parameter_set", language), safe_text(set_name(result.params, language)), None),
        (t("summary.years", language), f"{sc.first_year}–{sc.last_year}", None),
        (t("summary.price_year", language), result.params.price_year, "0"),
        (t("summary.price_basis", language), price_basis_label(sc.price_basis, sc_year, language, True), None),
        (t("summary.shift", language), _mnkr(sc.shift_sek_per_year), FMT_MNKR_ROUNDED),
        (t("summary.ramp_years", language), sc.ramp_years, "0"),
        (t("summary.start_year", language), sc.shift_start_year, "0"),
        (t("summary.evidence_level", language), evidence_level(sc.evidence_level).label(language), None),
        (t("summary.net_total", language), _mnkr(s["net_total_sek"]), FMT_MNKR_ROUNDED),
        (t("summary.net_cash_total", language), _mnkr(s["net_cash_total_sek"]), FMT_MNKR_ROUNDED),
        (t("summary.net_capacity_total", language), _mnkr(s["net_capacity_total_sek"]), FMT_MNKR_ROUNDED),
        (t("summary.npv", language), _mnkr(s["npv_sek"]), FMT_MNKR_ROUNDED),
        (t("summary.payback_year", language), s["payback_year"] or t("summary.no_payback", language), "0"),
        (t("summary.bcr", language), _ratio(bcr), "0.00"),
        (t("summary.bcr_moved", language), _ratio(s["benefit_cost_ratio_moved"]), "0.00"),
        (t("summary.unused", language), _mnkr(s["prevention_unused_sek"]), FMT_MNKR_ROUNDED),
        *_people_rows(result, language),
        (ta("summary.families_reached", language, area.id), round(s["families_reached"]), FMT_NUMBER),
        (t("summary.budget_holds", language), budget_statement(used_lines(result.budget_lines), language, area.id),
         None),
        (t("summary.net_public_total", language), _mnkr(s["net_public_total_sek"]), FMT_MNKR_ROUNDED),
        (t("summary.discount_rate", language), s["discount_rate"], "0.0%"),
    ] + [
        (t("summary.mix", language, measure=result.params.measure(k).label(language)), v, FMT_SHARE)
        for k, v in sc.mix_dict.items()
        if v > 0
    ]


def _people_rows(result: Result, language: str) -> list[tuple[str, object, str | None]]:
    """The summary's rows on people: children in HVB/SiS and placements, or households and the tax.

    In an area whose leavers go to work: the households on assistance and the
    municipal tax on their earnings (shown apart unless the scenario counts it).
    """
    s, sc, area = result.summary, result.scenario, result.params.area
    if not area.municipal_tax:
        return [
            (t("summary.institution", language, year=sc.last_year),
             fmt_count_change(-s["institution_children_fewer_last_year"], language), None),
            (t("summary.placements_avoided", language), fmt_count_change(-s["placements_avoided"], language), None),
        ]
    last = result.yearly.iloc[-1]
    change = float(last["children_placed_scenario"] - last["children_placed_baseline"])
    counted = "counted" if sc.count_municipal_tax else "apart"
    return [
        (t("headline.households.households", language, year=sc.last_year), fmt_count_change(change, language), None),
        (t("headline.households.tax", language, years=f"{sc.first_year}–{sc.last_year}")
         + f" ({t(f'headline.households.tax_{counted}', language)})", _mnkr(s["municipal_tax_sek"]), FMT_MNKR_ROUNDED),
    ]


def write_summary_sheet(ws: Worksheet, result: Result, language: str = "sv", *, created: str = "",
                        note: str = "") -> None:
    """The first sheet: a title with the date, then the headline figures, one labelled row each."""
    ws.title = t("export.sheet.summary", language)
    params = result.params
    subtitle = t("export.subtitle", language, created=created or datetime.now().strftime("%Y-%m-%d %H:%M"),
                 municipality=set_name(params, language),
                 **prices_values([result.scenario.price_basis], params.price_year, language))
    row = write_title(ws, t("summary.title", language), subtitle)
    ws.merge_cells("A2:B2")
    ws["A2"].alignment = WRAP
    for label, value, fmt in summary_rows(result, language):
        put(ws, row, 1, label, align=WRAP)
        put(ws, row, 2, value, fmt, Alignment(horizontal="right", vertical="top"))
        row += 1
    if note.strip():
        put(ws, row + 1, 1, t("scenarios.export.note", language), align=WRAP)
        ws.cell(row=row + 1, column=1).font = Font(name=FONT, bold=True)
        put(ws, row + 1, 2, note, align=WRAP)
    ws.column_dimensions["A"].width = 46
    ws.column_dimensions["B"].width = 44
    fit_rows(ws, 3)
    setup_print(ws, title_rows="1:2", landscape=False)


def write_yearly_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    """Key results per year in whole tkr: one row per item, one column per year, and the total."""
    y, threshold = result.yearly, small_count_threshold(result.params)
    years = [int(v) for v in y["year"]]
    subtitle = ta("export.yearly_subtitle", language, result.params.area.id,
                 **prices_values([result.scenario.price_basis], result.params.price_year, language),
                 n=fmt_number(threshold, 0, language))
    row = write_title(ws, t("export.yearly_title", language), subtitle)
    head_row = row
    header_row(ws, row, [t("export.item", language), *years, t("export.total", language)])
    unused, area = unused_columns(result), result.params.area.id
    for group, items in YEARLY_ITEMS:
        row += 1
        write_heading(ws, row, ta(f"export.group.{group}", language, area))
        for column, kind, summed in items:
            if column in unused or column not in y:  # the tax: only in an area with municipal tax
                continue
            row += 1
            _yearly_item(ws, row, y[column].tolist(), column, kind, summed, threshold, language, result.params)
    ws.column_dimensions["A"].width = 44
    for j in range(2, len(years) + 3):
        ws.column_dimensions[get_column_letter(j)].width = 11
    ws.freeze_panes = ws.cell(row=head_row + 1, column=2).coordinate
    fit_rows(ws, head_row)
    setup_print(ws, title_rows=f"{head_row}:{head_row}", title_cols="A:A")


def _yearly_item(ws: Worksheet, row: int, values: Sequence, column: str, kind: str, summed: bool,
                 threshold: float, language: str, params: Parameters | None = None) -> None:
    """One row of the yearly sheet: its label, the years' values rounded for print, the total when it adds up."""
    label = column_label(column, language, params).replace(" (kr)", "").replace(" (SEK)", "")
    put(ws, row, 1, label, align=WRAP)
    cells = [*values, sum(values) if summed else None]
    for j, v in enumerate(cells, start=2):
        if v is None:
            continue
        if kind == "tkr":
            put(ws, row, j, round(float(v) / 1e3) + 0, FMT_TKR)
        elif kind == "count":
            put(ws, row, j, withheld(round(float(v), 1), threshold, language), FMT_DECIMAL)
        elif kind == "yes_no":
            put(ws, row, j, t("common.yes" if v else "common.no", language))
        elif kind == "share":
            put(ws, row, j, float(v), FMT_SHARE)
        else:
            put(ws, row, j, round(float(v), 0 if kind == "number" else 1), FMT_NUMBER if kind == "number"
                else FMT_DECIMAL)


def write_data_sheet(ws: Worksheet, result: Result, language: str = "sv") -> None:
    """Every column of ``Result.yearly`` at full precision (kronor), labelled; small counts withheld."""
    df = labelled_yearly(result, language)
    formats = _yearly_formats(c for c in result.yearly.columns if c not in unused_columns(result))
    widths = [8] + [16] * (len(df.columns) - 1)
    write_table(ws, df, formats, widths)
    # ~90 columns: print them on as many pages across as needed (12 a page), the year repeated on each.
    setup_print(ws, title_rows="1:1", title_cols="A:A")
    ws.page_setup.fitToWidth = max(1, -(-len(df.columns) // 12))
    fit_rows(ws)


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
