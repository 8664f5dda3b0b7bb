"""The lever that counts the municipal tax on earnings in the net effect (issue 13): financial assistance only."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

import model
from model.analysis.compare import Candidate
from model.errors import ScenarioFileError
from model.files.comparison_text import lever_rows
from model.files.scenario_json import SavedScenario, from_json_bytes, to_json_bytes
from model.levers import (
    TAX,
    TAX_APART,
    TAX_COUNTED,
    check_levers,
    default_levers,
    levers_from_scenario,
    same_scenario,
    scenario_from_levers,
)
from ui.address import levers_of_query
from ui.share import check_query


@pytest.fixture(scope="module")
def employment():
    return model.load_parameters(area="employment")


@pytest.fixture(scope="module")
def children():
    return model.load_parameters()


def _levers(params, **changes):
    return {**default_levers(params), "shift_mnkr": 5.0, **changes}


def test_only_the_area_with_the_tax_has_the_lever_and_it_is_off_by_default(employment, children):
    assert default_levers(employment)[TAX] == TAX_APART
    assert TAX not in default_levers(children)
    assert not scenario_from_levers(default_levers(employment), employment).count_municipal_tax
    # The children's area never carries it: a stray value means nothing, a file naming it is refused.
    assert not scenario_from_levers({**default_levers(children), TAX: TAX_COUNTED}, children).count_municipal_tax
    with pytest.raises(ScenarioFileError) as err:
        check_levers({TAX: TAX_COUNTED}, children)
    assert (err.value.field, err.value.code) == (f"levers.{TAX}", "unknown_lever")


def test_levers_and_scenario_round_trip_and_the_tax_makes_a_different_scenario(employment):
    on = scenario_from_levers(_levers(employment, **{TAX: TAX_COUNTED}), employment)
    off = scenario_from_levers(_levers(employment), employment)
    assert on.count_municipal_tax and not off.count_municipal_tax
    assert levers_from_scenario(on, employment)[TAX] == TAX_COUNTED
    assert levers_from_scenario(off, employment)[TAX] == TAX_APART
    assert same_scenario(scenario_from_levers(levers_from_scenario(on, employment), employment), on, employment)
    assert not same_scenario(on, off, employment)
    assert same_scenario(off, dataclasses.replace(off, name="x"), employment)


def test_a_bad_value_names_the_field(employment):
    with pytest.raises(ScenarioFileError) as err:
        check_levers({TAX: "ja"}, employment)
    assert (err.value.field, err.value.code) == (f"levers.{TAX}", "bad_choice")
    assert check_levers({TAX: TAX_COUNTED}, employment)[TAX] == TAX_COUNTED


def test_counting_the_tax_lowers_the_net_by_exactly_the_tax(employment):
    off = model.run(employment, scenario_from_levers(_levers(employment), employment)).summary
    on = model.run(employment, scenario_from_levers(_levers(employment, **{TAX: TAX_COUNTED}), employment)).summary
    assert on["municipal_tax_sek"] == off["municipal_tax_sek"] > 1e6
    assert off["net_total_sek"] - on["net_total_sek"] == pytest.approx(off["municipal_tax_sek"], rel=1e-12)


def test_the_scenario_file_keeps_the_lever_and_an_older_file_without_it_still_reads(employment):
    scenario = scenario_from_levers(_levers(employment, **{TAX: TAX_COUNTED}), employment)
    saved = SavedScenario(name="skatt", scenario=scenario, params=employment,
                          levers=tuple(_levers(employment, **{TAX: TAX_COUNTED}).items()))
    doc = json.loads(to_json_bytes(saved))
    assert doc["levers"][TAX] == TAX_COUNTED and doc["scenario"]["count_municipal_tax"] is True
    back = from_json_bytes(to_json_bytes(saved))
    assert back.scenario.count_municipal_tax and back.levers_dict[TAX] == TAX_COUNTED
    del doc["levers"][TAX]  # written before the app had the lever: the scenario says it
    older = from_json_bytes(json.dumps(doc).encode())
    assert older.levers_dict[TAX] == TAX_COUNTED and older.scenario.count_municipal_tax
    doc["levers"][TAX] = TAX_APART  # levers that contradict the scenario are refused, as for every lever
    with pytest.raises(ScenarioFileError, match="^levers"):
        from_json_bytes(json.dumps(doc).encode())


def test_the_address_carries_the_lever_only_in_its_area(employment, children):
    assert levers_of_query({TAX: TAX_COUNTED}, employment)[TAX] == TAX_COUNTED
    assert TAX not in levers_of_query({TAX: "ja"}, employment)
    assert TAX not in levers_of_query({TAX: TAX_COUNTED}, children)
    bad = check_query({"omrade": ["employment"], TAX: ["ja"]}, {})
    assert [(m["field"], m["code"]) for m in bad.messages] == [(TAX, "bad_choice")] and bad.remove == [TAX]
    stray = check_query({"omrade": ["children"], TAX: [TAX_COUNTED]}, {})
    assert [(m["field"], m["code"]) for m in stray.messages] == [(TAX, "not_in_area")]
    assert check_query({"omrade": ["employment"], TAX: [TAX_COUNTED]}, {}).messages == []


def test_the_comparison_says_whether_the_tax_is_counted(employment, children):
    on = model.run(employment, scenario_from_levers(_levers(employment, **{TAX: TAX_COUNTED}), employment))
    off = model.run(employment, scenario_from_levers(_levers(employment), employment))
    rows = {label: values for label, _, values in lever_rows([Candidate("a", on), Candidate("b", off)], "sv")}
    counted, apart = "ingår i nettoeffekten", "visas för sig, ingår inte i nettoeffekten"
    assert rows["Kommunalskatt på arbetsinkomster"] == [counted, apart]
    kids = model.run(children, scenario_from_levers(default_levers(children), children))
    assert not any("skatt" in label for label, _, _ in lever_rows([Candidate("c", kids)], "sv"))


def test_the_workbook_and_the_memo_follow_the_switch(employment):
    from openpyxl import load_workbook

    from model.files.memo_pdf import scenario_memo
    from model.files.memo_sections import MemoContext
    from model.files.result_export import to_xlsx_bytes

    for counted, words in ((TAX_COUNTED, "ingår i nettoeffekten"), (TAX_APART, "visas för sig")):
        result = model.run(employment, scenario_from_levers(_levers(employment, **{TAX: counted}), employment))
        wb = load_workbook(io.BytesIO(to_xlsx_bytes(result, "sv")))
        labels = [row[0] for row in wb.worksheets[0].iter_rows(min_row=3, values_only=True) if row[0]]
        assert any(str(k).startswith("Kommunalskatt") and words in str(k) for k in labels), (counted, labels)
        memo = scenario_memo(MemoContext(result=result, language="sv"))
        cells = [c for s in memo.sections for b in s.blocks for row in getattr(b, "rows", ()) for c in row]
        assert any(isinstance(c, str) and words in c for c in cells), counted
