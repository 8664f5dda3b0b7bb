"""The comparison: tables of what differs, the comparison workbook and CSV, read back.

The workbook is what goes into a decision memo: its numbers must be the
model's, it must print (landscape A4, fit to width, headings repeated), and a
name or note a user typed must never become a formula — in any sheet or CSV.
"""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

import model
from model.analysis.compare import (
    Candidate,
    assumption_differences,
    baseline_scenario,
    headline_frame,
    unique_names,
    yearly_long,
    yearly_wide,
)
from model.files.comparison_export import comparison_to_csv_bytes, comparison_to_xlsx_bytes
from model.files.comparison_text import assumption_frame, headline_table, lever_frame
from model.files.result_export import to_xlsx_bytes
from model.files.spreadsheet import fmt_mnkr_code, sheet_title
from model.text.i18n import t
from ui.charts import palette
from ui.charts.compare import COMPARE_CHARTS, build_compare_chart

EVIL = '=HYPERLINK("http://evil.example";"klicka")'


@pytest.fixture(scope="module")
def changed(default_params):
    return default_params.with_values({"care.hvb.cost_per_day": 9000, "measure.parent_training.risk_reduction": 0.1})


@pytest.fixture(scope="module")
def candidates(default_params, changed) -> list[Candidate]:
    a = model.run(default_params, model.Scenario(shift_sek_per_year=20e6, ramp_years=2, name="Majoritetens förslag"))
    b = model.run(changed, model.Scenario(shift_sek_per_year=40e6, name=EVIL,
                                          mix={"family_homes": 0.8, "parent_training": 0.1, "early_intervention": 0.1}))
    c = model.run(default_params, model.Scenario(shift_sek_per_year=15e6, horizon_years=4, name="Kort sikt"))
    base = model.run(default_params, baseline_scenario([a.scenario, b.scenario, c.scenario]))
    return [
        Candidate("Utan förändring", base, is_baseline=True),
        Candidate(a.scenario.name, a, "Försiktig omställning.", datetime(2026, 11, 22, 8, 0)),
        Candidate(EVIL, b, "-1+1 och @SUMMA(A1)", datetime(2026, 11, 22, 8, 5)),
        Candidate("Kort sikt", c),
    ]


@pytest.fixture(scope="module")
def workbook(candidates):
    wb = load_workbook(io.BytesIO(comparison_to_xlsx_bytes(candidates, "sv", "2026-11-22 09:30")))
    yield wb
    wb.close()


# --- the tables ---------------------------------------------------------------------------------


def test_headline_figures_are_the_models(candidates):
    df = headline_frame(candidates)
    names = list(df.columns)
    assert names[0] == "Utan förändring"
    for name, c in zip(names[1:], candidates[1:], strict=True):
        s = c.result.summary
        assert df.at["net_total", name] == s["net_total_sek"]
        assert df.at["npv", name] == s["npv_sek"]
        assert df.at["payback_year", name] == s["payback_year"]
        assert df.at["cost_total", name] == pytest.approx(c.result.yearly["cost_scenario_sek"].sum())
    assert df.at["net_total", "Utan förändring"] == 0.0
    assert df.at["cost_total", "Utan förändring"] == pytest.approx(
        candidates[0].result.yearly["cost_baseline_sek"].sum())
    shown = headline_table(candidates)
    assert shown.iloc[3, 2].endswith("mnkr") and "," in shown.iloc[3, 2]


def test_lever_differences_are_exactly_the_levers_that_differ(candidates):
    scen = candidates[1:]
    diff = lever_frame(scen, only_differences=True)
    labels = set(diff.iloc[:, 0])
    assert t("scenarios.lever.shift", "sv") in labels
    assert t("scenarios.lever.start_year", "sv") not in labels  # 2027 everywhere
    everything = lever_frame(scen)
    assert len(everything) > len(diff) and everything["differs"].sum() == len(diff)
    same = lever_frame([scen[0], scen[0]], only_differences=True)
    assert same.empty


def test_assumption_differences_name_each_changed_parameter(default_params, changed, candidates):
    diffs = assumption_differences([default_params, changed])
    assert [d.name for d in diffs] == ["care.hvb.cost_per_day", "measure.parent_training.risk_reduction"]
    assert diffs[0].values == (6500.0, 9000.0) and "value" in diffs[0].what
    assert assumption_differences([default_params, default_params]) == []
    frame = assumption_frame(candidates[1:])
    assert len(frame) == 2 and "9\u00a0000" in frame.iloc[0].tolist()


def test_unique_names_and_sheet_titles_are_safe():
    assert unique_names(["A", "A", "B", ""]) == ["A", "A (2)", "B", "–"]
    title = sheet_title("'Budget: 2027/28 [utkast]?'", [])
    assert not set(title) & set("[]:*?/\\") and not title.startswith("'") and len(title) <= 31
    assert sheet_title("x" * 40, ["x" * 30 + "…"]) == "x" * 26 + "… (2)"
    long = sheet_title("Per år – Majoritetens förslag för 2027 och framåt", [])
    assert long == "Per år – Majoritetens förslag…" and len(long) <= 31  # whole words only


def test_yearly_tables_cover_every_year_of_every_candidate(candidates):
    long = yearly_long(candidates)
    assert len(long) == 10 + 10 + 10 + 4
    wide = yearly_wide(candidates, "net_sek")
    assert list(wide["year"]) == list(range(2027, 2037))
    assert wide[unique_names([c.name for c in candidates])[3]].isna().sum() == 6  # a 4-year scenario


# --- the comparison workbook ------------------------------------------------------------------------


def test_workbook_has_the_sheets_of_a_decision_memo(workbook):
    names = workbook.sheetnames
    assert names[0] == "Jämförelse" and names[1] == "Per år"
    assert "Per år – Majoritetens förslag" in names and "Per år – Kort sikt" in names
    assert "Skillnader" in names
    assert any(n.startswith("Antaganden – ") for n in names)  # two distinct parameter sets
    assert len(names) == 2 + 3 + 1 + 2


def test_summary_sheet_holds_the_models_numbers_as_kronor_shown_in_mnkr(workbook, candidates):
    ws = workbook["Jämförelse"]
    rows = {r[0].value: r for r in ws.iter_rows() if r[0].value}
    net = rows[t("scenarios.headline.net_total", "sv")]
    assert net[2].value == pytest.approx(candidates[1].result.summary["net_total_sek"])
    assert net[2].number_format == fmt_mnkr_code("sv") and "mnkr" in net[2].number_format
    payback = rows[t("scenarios.headline.payback_year", "sv")]
    assert payback[2].value == (candidates[1].result.summary["payback_year"] or "–")
    assert payback[1].value == "–"  # the baseline does not pay back: nothing to pay back


def test_every_sheet_prints_landscape_fitted_to_width_with_titles(workbook):
    for ws in workbook.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
    assert workbook["Jämförelse"].print_title_rows
    assert workbook["Per år – Majoritetens förslag"].print_title_rows
    assert workbook.worksheets[-1].print_title_rows == "$1:$1"
    widths = [workbook["Jämförelse"].column_dimensions[c].width for c in "ABCDE"]
    assert all(w and w >= 20 for w in widths)


def test_user_text_is_never_a_formula_in_any_sheet(workbook):
    seen = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and "HYPERLINK" in cell.value:
                    assert cell.value.startswith("'="), (ws.title, cell.coordinate)
                    seen += 1
                if isinstance(cell.value, str) and "SUMMA" in cell.value:
                    assert cell.value.startswith("'-")
    assert seen >= 4  # summary heading, yearly blocks, differences, the scenario's own sheet


def test_differences_sheet_marks_the_levers_and_lists_the_changed_assumptions(workbook):
    ws = workbook["Skillnader"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert t("scenarios.lever.shift", "sv") in texts
    assert any(x.startswith("HVB: kostnad per vårddygn") for x in texts)
    values = [c.value for row in ws.iter_rows() for c in row]
    assert 9000 in values and 6500 in values


def test_english_workbook(candidates):
    wb = load_workbook(io.BytesIO(comparison_to_xlsx_bytes(candidates, "en", "2026-11-22")))
    assert wb.sheetnames[:2] == ["Comparison", "Per year"]
    formats = {c.number_format for row in wb["Comparison"].iter_rows() for c in row}
    assert fmt_mnkr_code("en") in formats and "MSEK" in fmt_mnkr_code("en")
    wb.close()


def test_comparison_csv_reads_back_and_neutralises_names(candidates):
    data = comparison_to_csv_bytes(candidates, "sv")
    assert data.startswith("\ufeff".encode())
    df = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == 34
    assert set(df["Scenario"]) == {"Utan förändring", "Majoritetens förslag", "'" + EVIL, "Kort sikt"}
    major = df[df["Scenario"] == "Majoritetens förslag"]
    assert major["Nettoeffekt (kr)"].tolist() == pytest.approx(candidates[1].result.yearly["net_sek"].tolist())
    en = pd.read_csv(io.BytesIO(comparison_to_csv_bytes(candidates, "en")), encoding="utf-8-sig")
    assert "Net effect (SEK)" in en.columns


# --- the per-scenario workbook gains the differences ------------------------------------------------


def test_per_scenario_workbook_keeps_its_sheets_without_a_reference(candidates):
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(candidates[1].result, "sv")))
    assert wb.sheetnames == [
        "Sammanfattning", "Resultat per år", "Antaganden och källor", "Nettoeffekt per mekanism",
        "Budget per post", "Betalare", "Källförteckning", "Data",
    ]
    wb.close()


def test_per_scenario_workbook_lists_the_assumptions_changed_from_its_preset(candidates, default_params):
    result = candidates[2].result
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv", note="=1+1", reference=default_params)))
    assert wb.sheetnames[-2] == t("scenarios.export.sheet.changed", "sv")
    ws = wb.worksheets[-2]
    ids = [c.value for c in ws["B"] if isinstance(c.value, str) and "." in c.value]
    assert ids == ["care.hvb.cost_per_day", "measure.parent_training.risk_reduction"]
    summary = wb["Sammanfattning"]
    notes = [r[1].value for r in summary.iter_rows() if r[0].value == t("scenarios.export.note", "sv")]
    assert notes == ["'=1+1"]
    assert summary.page_setup.orientation == "portrait" and int(summary.page_setup.paperSize) == 9  # A4
    wb.close()
    same = load_workbook(io.BytesIO(to_xlsx_bytes(candidates[1].result, "sv", reference=default_params)))
    assert len(same.sheetnames) == 8  # nothing changed, no sheet of changes
    same.close()


# --- the overlaid charts -------------------------------------------------------------------------------


@pytest.mark.parametrize(("column", "kind", "title", "axis"), COMPARE_CHARTS)
def test_compare_charts_overlay_one_line_per_scenario(candidates, column, kind, title, axis):
    long = yearly_long(candidates)
    spec = build_compare_chart(long, column, kind, "sv", axis_title=t(axis, "sv")).to_dict()
    lines = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"]
    assert len(lines) == 1
    enc = lines[0]["encoding"]
    names = unique_names([c.name for c in candidates])
    assert enc["color"]["scale"]["domain"] == names
    assert enc["color"]["scale"]["range"][0] == palette.GREY  # the baseline is grey
    assert enc["strokeDash"]["scale"]["range"][0] == [8, 5]  # and dashed
    assert spec["config"]["axis"]["labelFontSize"] >= 16  # legible on a projector
    data = next(d for d in spec["datasets"].values() if "scenario" in d[0])
    assert {row["scenario"] for row in data} == set(names)


def test_the_comparison_names_each_scenarios_evidence_level(default_params):
    central = model.run(default_params, model.Scenario(shift_sek_per_year=10e6, name="Trolig"))
    careful = model.run(default_params, model.Scenario(shift_sek_per_year=10e6, name="Försiktig",
                                                       evidence_level="cautious"))
    base = model.run(default_params, baseline_scenario([central.scenario, careful.scenario]))
    cands = [Candidate("Utan förändring", base, is_baseline=True), Candidate("A", central), Candidate("B", careful)]
    wb = load_workbook(io.BytesIO(comparison_to_xlsx_bytes(cands, "sv", "2026-11-30 09:00")))
    rows = {r[0].value: [c.value for c in r[1:4]] for r in wb["Jämförelse"].iter_rows() if r[0].value}
    assert rows[t("scenarios.headline.evidence_level", "sv")] == ["–", "Trolig", "Försiktig"]
    assert rows[t("scenarios.headline.bcr_moved", "sv")][1] == pytest.approx(central.summary.benefit_cost_ratio_moved)
    levers = lever_frame(cands[1:], "sv")
    level_row = levers[levers.iloc[:, 0] == t("scenarios.lever.evidence_level", "sv")].iloc[0]
    assert level_row["differs"] and level_row["A"] == "Trolig" and level_row["B"] == "Försiktig"
    df = pd.read_csv(io.BytesIO(comparison_to_csv_bytes(cands, "sv")), sep=";", decimal=",", encoding="utf-8-sig")
    assert set(df.loc[df["Scenario"] == "B", "Evidensnivå"]) == {"Försiktig"}
