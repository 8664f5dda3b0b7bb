"""Exports are pure functions of a result: read the bytes back."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

import model
from model.files.result_export import to_csv_bytes, to_xlsx_bytes
from model.files.spreadsheet import safe_text


@pytest.fixture(scope="module")
def result():
    return model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, name="=HYPERLINK(\"x\")"))


def test_xlsx_reads_back_with_results_assumptions_and_summary(result):
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv")))
    assert wb.sheetnames == ["Resultat per år", "Antaganden och källor", "Nettoeffekt per mekanism", "Sammanfattning"]
    yearly = wb["Resultat per år"]
    assert yearly.max_row == 1 + len(result.yearly)
    header = [c.value for c in yearly[1]]
    assert header[0] == "År" and "Nettoeffekt (kr)" in header
    col = header.index("Nettoeffekt (kr)") + 1
    values = [yearly.cell(row=r, column=col).value for r in range(2, yearly.max_row + 1)]
    assert values == pytest.approx(result.yearly["net_sek"].tolist())
    assert yearly.cell(row=2, column=col).number_format.endswith('" kr"')
    assumptions = wb["Antaganden och källor"]
    assert assumptions.max_row == 1 + len(result.params.parameters)
    head = [c.value for c in assumptions[1]]
    assert {"Värde", "Enhet", "Lågt", "Högt", "Källa", "Säkerhet"} <= set(head)
    src = head.index("Källa") + 1
    assert all(assumptions.cell(row=r, column=src).value for r in range(2, assumptions.max_row + 1))
    assert assumptions.page_setup.orientation == "landscape"


def test_the_mechanism_sheet_adds_up_to_the_net_effect_of_each_year(result):
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv")))
    rows = list(wb["Nettoeffekt per mekanism"].iter_rows(values_only=True))
    header, body, net = rows[0], rows[1:-1], rows[-1]
    assert header[:2] == ("Mekanism", "Slag av insats") and header[-1] == "Hela perioden"
    assert net[0] == "Nettoeffekt"
    labels = [r[0] for r in body]
    assert "Egna familjehem i stället för konsulentstödda" in labels
    assert "Föräldrastöd i grupp: undvikta placeringar" in labels
    assert "Tidiga insatser och öppenvårdsteam: använda pengar" in labels
    for j in range(2, len(header)):
        assert sum(r[j] for r in body) == pytest.approx(net[j], abs=1.0)
    assert list(net[2:-1]) == pytest.approx(result.yearly["net_sek"].tolist())
    summary = {r[0]: r[1] for r in wb["Sammanfattning"].iter_rows(values_only=True)}
    assert summary["Evidensnivå"] == "Trolig"
    assert summary["Nytta per flyttad krona"] == pytest.approx(result.summary.benefit_cost_ratio_moved)
    assert summary["Nytta per använd krona"] == pytest.approx(result.summary.benefit_cost_ratio)


def test_every_export_names_the_evidence_level():
    params = model.load_parameters()
    cautious = model.run(params, model.Scenario(shift_sek_per_year=10e6, evidence_level="cautious"))
    df = pd.read_csv(io.BytesIO(to_csv_bytes(cautious, "sv")), sep=";", decimal=",", encoding="utf-8-sig")
    assert set(df["Evidensnivå"]) == {"Försiktig"}
    en = pd.read_csv(io.BytesIO(to_csv_bytes(cautious, "en")), encoding="utf-8-sig")
    assert set(en["Evidence level"]) == {"Cautious"}
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(cautious, "en")))
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True)}
    assert summary["Evidence level"] == "Cautious"


def test_user_text_is_never_a_formula(result):
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv")))
    cells = [c for row in wb["Sammanfattning"].iter_rows() for c in row if isinstance(c.value, str)]
    name = next(c for c in cells if "HYPERLINK" in c.value)
    assert name.data_type != "f" and name.value.startswith("'=")
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        assert safe_text(text).startswith("'")
    assert safe_text("Vanlig text") == "Vanlig text"


def test_csv_is_swedish_excel_friendly_and_reads_back(result):
    data = to_csv_bytes(result, "sv")
    assert data.startswith("\ufeff".encode())
    df = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(df) == len(result.yearly)
    assert df["Nettoeffekt (kr)"].tolist() == pytest.approx(result.yearly["net_sek"].tolist())
    en = pd.read_csv(io.BytesIO(to_csv_bytes(result, "en")), encoding="utf-8-sig")
    assert "Net effect (SEK)" in en.columns
