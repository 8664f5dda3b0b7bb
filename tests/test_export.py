"""Exports are pure functions of a result: read the bytes back. The workbook is ready for a decision memo."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

import model
from model.files.result_export import count_columns, to_csv_bytes, to_xlsx_bytes
from model.files.spreadsheet import safe_text
from model.parameters import SMALL_COUNT_THRESHOLD
from model.text.counts import fmt_count_change
from model.text.i18n import t
from model.text.labels import column_label

CREATED = "2026-11-30 09:00"


@pytest.fixture(scope="module")
def result():
    return model.run(model.load_parameters(), model.Scenario(shift_sek_per_year=10e6, name="=HYPERLINK(\"x\")"))


@pytest.fixture(scope="module")
def workbooks(result):
    return {lang: load_workbook(io.BytesIO(to_xlsx_bytes(result, lang, created=CREATED))) for lang in ("sv", "en")}


def test_the_summary_comes_first_with_a_title_and_the_date(workbooks):
    wb = workbooks["sv"]
    assert wb.sheetnames == [
        "Sammanfattning", "Resultat per år", "Antaganden och källor", "Nettoeffekt per mekanism",
        "Budget per post", "Betalare", "Källförteckning", "Data",
    ]
    assert workbooks["en"].sheetnames == [
        "Summary", "Results per year", "Assumptions and sources", "Net effect by mechanism",
        "Budget per line", "Payers", "Bibliography", "Data",
    ]
    summary = wb.worksheets[0]
    assert summary["A1"].value == "Omställningskalkylen – sammanfattning"
    assert CREATED in summary["A2"].value
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_every_sheet_prints_on_a4_with_its_titles_repeated(workbooks):
    for wb in workbooks.values():
        for ws in wb.worksheets:
            assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
            assert ws.print_title_rows, ws.title
        assert wb.worksheets[0].page_setup.orientation == "portrait"
        assert wb.worksheets[1].print_title_cols.replace("$", "") == "A:A"  # the item's name on every page


def test_money_in_mnkr_and_tkr_rounded_as_a_finance_department_writes_it(workbooks, result):
    summary = {r[0].value: r[1] for r in workbooks["sv"].worksheets[0].iter_rows(min_row=4) if r[0].value}
    net = summary["Nettoeffekt, summa (mnkr)"]
    assert net.value == round(result.summary.net_total_sek / 1e6, 1) and net.number_format.startswith("#,##0.0")
    fewer = -result.summary.institution_children_fewer_last_year
    assert summary["Barn på HVB/SiS 2036"].value == fmt_count_change(fewer, "sv")  # children in words
    yearly = workbooks["sv"]["Resultat per år"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in yearly.iter_rows() if r[0].value}
    assert rows["Post"][:10] == list(range(2027, 2037)) and rows["Post"][10] == "Summa"
    net_tkr = rows["Nettoeffekt"]
    assert net_tkr[:10] == [round(v / 1e3) for v in result.yearly["net_sek"]]
    assert net_tkr[10] == round(result.yearly["net_sek"].sum() / 1e3)
    assert all(isinstance(v, int) for v in net_tkr)
    # Full precision stays in the data sheet, in kronor.
    data = workbooks["sv"]["Data"]
    header = [c.value for c in data[1]]
    col = header.index("Nettoeffekt (kr)") + 1
    values = [data.cell(row=r, column=col).value for r in range(2, data.max_row + 1)]
    assert values == pytest.approx(result.yearly["net_sek"].tolist())
    assert data.cell(row=2, column=col).number_format.endswith('" kr"')


@pytest.mark.parametrize(
    ("lang", "headers", "words"),
    [
        ("sv", {"Beskrivning", "Värde", "Enhet", "Lågt", "Högt", "Källa", "Säkerhet", "Typ"}, {"Uppskattning", "Låg"}),
        ("en", {"Description", "Value", "Unit", "Low", "High", "Source", "Confidence", "Type"}, {"Estimate", "Low"}),
    ],
)
def test_headers_types_and_confidence_in_the_chosen_language(workbooks, result, lang, headers, words):
    sheet = workbooks[lang].worksheets[2]
    head = [c.value for c in sheet[1]]
    assert headers <= set(head)
    assert sheet.max_row == 1 + len(result.params.parameters)
    kinds = {head.index(t("assumptions.col." + k, lang)) for k in ("status", "confidence", "distribution")}
    cells = {row[j].value for row in sheet.iter_rows(min_row=2) for j in kinds}
    assert words <= cells
    assert not {"E", "L", "M", "H", "F", "D", "pert", "fixed"} & cells  # words, no codes
    src = head.index("Källa" if lang == "sv" else "Source") + 1
    assert all(sheet.cell(row=r, column=src).value for r in range(2, sheet.max_row + 1))
    yearly_head = [c.value for c in workbooks[lang].worksheets[1][4]]  # under the title and subtitle
    assert yearly_head[0] == ("Post" if lang == "sv" else "Item")


def test_small_counts_of_children_are_withheld_in_every_download():
    params = model.load_parameters().with_values({SMALL_COUNT_THRESHOLD: 30})
    result = model.run(params, model.Scenario(shift_sek_per_year=10e6))
    small = [c for c in count_columns(result.yearly.columns) if 0 < result.yearly[c].iloc[0] < 30]
    assert small, "the default municipality has care forms with fewer than 30 children"
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv", created=CREATED)))
    cells = [c.value for row in wb["Data"].iter_rows() for c in row] + [
        c.value for row in wb["Resultat per år"].iter_rows() for c in row]
    assert "färre än 30" in cells
    df = pd.read_csv(io.BytesIO(to_csv_bytes(result, "sv")), sep=";", decimal=",", encoding="utf-8-sig")
    column = column_label(small[0], "sv", params)
    assert df[column].iloc[0] == "färre än 30"
    en = pd.read_csv(io.BytesIO(to_csv_bytes(result, "en")), encoding="utf-8-sig")
    assert "fewer than 30" in set(en.astype(str).to_numpy().ravel())


def test_the_mechanism_sheet_adds_up_to_the_net_effect_of_each_year(workbooks, result):
    wb = workbooks["sv"]
    rows = list(wb["Nettoeffekt per mekanism"].iter_rows(values_only=True))
    header, body, net = rows[0], rows[1:-1], rows[-1]
    assert header[:2] == ("Mekanism (tkr)", "Slag av insats") and header[-1] == "Hela perioden"
    assert net[0] == "Nettoeffekt"
    labels = [r[0] for r in body]
    assert "Egna familjehem i stället för konsulentstödda" in labels
    assert "Föräldrastöd i grupp: undvikta placeringar" in labels
    assert "Tidiga insatser och öppenvårdsteam: använda pengar" in labels
    for j in range(2, len(header)):  # whole tkr: each row rounded on its own
        assert sum(r[j] for r in body) == pytest.approx(net[j], abs=len(body))
    assert list(net[2:-1]) == [round(v / 1e3) for v in result.yearly["net_sek"]]
    summary = {r[0]: r[1] for r in wb["Sammanfattning"].iter_rows(values_only=True)}
    assert summary["Evidensnivå"] == "Trolig"
    assert summary["Nytta per flyttad krona"] == round(result.summary.benefit_cost_ratio_moved, 2)
    assert summary["Nytta per använd krona"] == round(result.summary.benefit_cost_ratio, 2)


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


def test_user_text_is_never_a_formula(workbooks):
    cells = [c for row in workbooks["sv"]["Sammanfattning"].iter_rows() for c in row if isinstance(c.value, str)]
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
