"""The employment area's files: the scenario file keeps the area and the municipal-tax switch, and the
result workbook, CSV and decision memo speak of households and assistance, name the area and carry its
caveats, with the municipal tax apart (issue 13)."""

from __future__ import annotations

import dataclasses
import io
import json
import re

import pytest
from openpyxl import load_workbook

import model
from model.errors import ScenarioFileError
from model.files.scenario_json import SavedScenario, from_json_bytes, to_json_bytes

#: Words of the children's area that must not appear in the employment area's files.
CHILDREN_WORDS = re.compile(r"\bbarn|placer(?!ing and support)|\bhvb\b|\bsis\b|familjehem|child|foster|family home",
                            re.IGNORECASE)


@pytest.fixture(scope="module")
def employment():
    return model.load_parameters(area="employment", preset="employment_default")


@pytest.fixture(scope="module")
def scenario():
    return model.Scenario(shift_sek_per_year=5e6, mix={"ips": 0.5, "workplace_training": 0.5},
                          count_municipal_tax=True, name="IPS och utbildning")


def test_the_scenario_file_stores_the_area_and_the_tax_switch_and_reading_it_reproduces_the_run(
    employment, scenario
):
    data = to_json_bytes(SavedScenario(name=scenario.name, scenario=scenario, params=employment))
    doc = json.loads(data)
    assert doc["area"] == "employment" and doc["preset"] == "employment_default"
    assert doc["scenario"]["count_municipal_tax"] is True
    back = from_json_bytes(data)
    assert back.params.area.id == "employment" and back.scenario.count_municipal_tax
    before, after = model.run(employment, scenario), model.run(back.params, back.scenario)
    assert after.summary["net_total_sek"] == before.summary["net_total_sek"]
    # The tax is in the net effect only because the file says so: without it the net is larger by the tax.
    off = model.run(employment, dataclasses.replace(scenario, count_municipal_tax=False))
    assert off.summary["net_total_sek"] - after.summary["net_total_sek"] == pytest.approx(
        after.summary["municipal_tax_sek"], rel=1e-9)
    assert after.summary["municipal_tax_sek"] > 0


def test_a_file_whose_area_is_not_its_sets_is_refused_naming_the_field(employment, scenario):
    doc = json.loads(to_json_bytes(SavedScenario(name="x", scenario=scenario, params=employment)))
    doc["area"] = "children"
    with pytest.raises(ScenarioFileError, match="^area:"):
        from_json_bytes(json.dumps(doc).encode())
    doc["area"], doc["scenario"]["count_municipal_tax"] = "employment", "ja"
    with pytest.raises(ScenarioFileError, match="count_municipal_tax"):
        from_json_bytes(json.dumps(doc).encode())


def test_a_childrens_scenario_file_stays_as_it_was(scenario):
    params = model.load_parameters()
    plain = model.Scenario(shift_sek_per_year=5e6)
    doc = json.loads(to_json_bytes(SavedScenario(name="x", scenario=plain, params=params)))
    assert "area" not in doc and "count_municipal_tax" not in doc["scenario"]


@pytest.fixture(scope="module")
def run(employment):
    return model.run(employment, model.Scenario(shift_sek_per_year=5e6, mix={"ips": 0.5, "workplace_training": 0.5},
                                                name="IPS och utbildning"))


def _leaks(texts) -> list[str]:
    return [x for x in texts if isinstance(x, str) and CHILDREN_WORDS.search(x)]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_csv_speaks_of_households_and_assistance_and_has_the_tax(run, language):
    from model.files.result_export import to_csv_bytes

    head = to_csv_bytes(run, language).decode("utf-8-sig").splitlines()[0].split(";" if language == "sv" else ",")
    assert not _leaks(head)
    assert any(("Hushåll med bistånd" if language == "sv" else "Households on assistance") in h for h in head)
    assert any(("Kommunalskatt" if language == "sv" else "Municipal tax") in h for h in head)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_workbook_names_the_area_and_has_no_childrens_words_outside_the_bibliography(run, language):
    from model.files.result_export import to_xlsx_bytes

    wb = load_workbook(io.BytesIO(to_xlsx_bytes(run, language)))
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(min_row=3, values_only=True) if row[0]}
    area = "Ekonomiskt bistånd" if language == "sv" else "Financial assistance"
    assert area in summary.values()
    tax = next(k for k in summary if k.startswith("Kommunalskatt" if language == "sv" else "Municipal tax"))
    assert ("visas för sig" if language == "sv" else "shown apart") in tax
    assert summary[tax] == round(run.summary["municipal_tax_sek"] / 1e6, 1)  # mnkr to a tenth
    leaks = {}
    for ws in wb.worksheets:
        if ws.title.startswith(("Källförteckning", "Bibliography")):
            continue  # the bibliography lists every source of the product
        rows = list(ws.iter_rows(values_only=True))
        if ws.title.startswith(("Antaganden", "Assumptions")):  # the labels (not the ids; the notes quote sources)
            rows = [row[1:2] for row in rows]
        found = _leaks(v for row in rows for v in row)
        if found:
            leaks[ws.title] = found[:3]
    assert not leaks


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_memo_names_the_area_carries_its_caveats_and_shows_the_tax_apart(run, language):
    from model.files.memo_pdf import scenario_memo
    from model.files.memo_sections import MemoContext

    memo = scenario_memo(MemoContext(result=run, language=language))
    texts = [memo.title, memo.subtitle]
    for section in memo.sections:
        texts.append(section.title)
        for block in section.blocks:
            texts += [getattr(block, "text", "") or "", getattr(block, "title", "") or ""]
            texts += [cell for row in getattr(block, "rows", ()) for cell in row if isinstance(cell, str)]
    words = "\n".join(texts)
    assert ("ekonomiskt bistånd" if language == "sv" else "financial assistance") in memo.title
    for caveat in (("utjämningssystemet", "Jobbskatteavdrag", "Smålandspostens", "Dödvikt", "IFAU", "20 %")
                   if language == "sv" else ("equalisation", "jobbskatteavdrag", "Smålandsposten", "Deadweight",
                                             "IFAU", "20")):
        assert caveat in words, caveat
    assert ("visas för sig" if language == "sv" else "shown apart") in words
    sources = next(i for i, s in enumerate(memo.sections) if s.title.startswith(("Källor", "Sources")))
    body = [x for s in memo.sections[:sources] for x in _leaks([s.title])] + _leaks(
        t for s in memo.sections[:sources] for b in s.blocks for t in [getattr(b, "text", "")])
    assert not body
